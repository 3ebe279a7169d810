"""Links into the glossary (begrippenlijst), for explaining a term at its first use on a page.

    {% load glossary_tags %}
    {% glossary_term "PDG" %}          -> <a class="glossary-link" href="/begrippen/#pdg">PDG</a>
    {% glossary_term "PDG" "het PDG" %} -> the same link with other text

A term that is not in the glossary (or a site without a glossary page) renders as plain text.

    {% explain_terms %}...rendered body...{% endexplain_terms %}

links the first use of each glossary term in the enclosed HTML to its explanation in a "Begrippen op deze pagina"
section printed after it (plain links and a definition list: no JavaScript needed, and screen readers follow them).
"""

import re
from html import escape
from html.parser import HTMLParser

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content import fragments
from content.models import GlossaryPage, GlossaryTerm

register = template.Library()


def glossary_terms(request):
    """Every term, longest first (so "zij-instroom in het beroep" wins over "zij-instroom" where both are terms),
    read once per publish or glossary change."""
    return fragments.cached(
        request, "glossary_terms", lambda: sorted(GlossaryTerm.objects.all(), key=lambda term: -len(term.term))
    )


def glossary_url(request):
    """The glossary page's URL on this site, or "" without one."""
    page = fragments.cached(request, "glossary_page", lambda: fragments.public(GlossaryPage.objects.live()).first())
    return page.get_url(request=request) if page else ""


@register.simple_tag(takes_context=True)
def glossary_term(context, term, text=None):
    text = text or term
    request = context.get("request")
    entry = next((entry for entry in glossary_terms(request) if entry.term.lower() == term.lower()), None)
    page_url = glossary_url(request)
    if entry is None or not page_url:
        return text
    url = f"{page_url}#{entry.anchor}"
    return format_html('<a class="glossary-link" href="{}">{}</a>', url, text)


# Text inside these elements is never linked: links in links are invalid, and headings and captions stay plain.
SKIPPED_ELEMENTS = {"a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "code", "summary", "dfn"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def term_pattern(term):
    """A term as a whole word: "PDG" but not "PDGs" or "OPDG"; abbreviations match in capitals only, other terms in
    any case ("Zij-instroom" at the start of a sentence)."""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", flags)


class TermLinker(HTMLParser):
    """Rewrites HTML, linking the first use of each term in text outside SKIPPED_ELEMENTS."""

    def __init__(self, terms):
        super().__init__(convert_charrefs=False)
        self.patterns = [(term, term_pattern(term.term)) for term in terms]
        self.used = []
        self.out = []
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skipping or not data.strip():
            self.out.append(data)
            return
        self.out.append(self.link_first_uses(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def link_first_uses(self, text):
        """The text escaped again, with the first use of each not yet used term linked; the earliest match first."""
        pieces, position = [], 0
        while True:
            best = None
            for term, pattern in self.patterns:
                if term in self.used:
                    continue
                match = pattern.search(text, position)
                if match and (best is None or match.start() < best[1].start()):
                    best = (term, match)
            if best is None:
                break
            term, match = best
            self.used.append(term)
            pieces.append(text[position : match.start()])
            pieces.append(
                mark_safe(
                    f'<a class="glossary-link" href="#begrip-{escape(term.anchor)}">'
                    f"{escape(match.group(0), quote=False)}</a>"
                )
            )
            position = match.end()
        pieces.append(text[position:])
        # The parser hands over text with entities still in it (convert_charrefs=False), so it is kept as it came.
        return "".join(pieces)


@register.tag
def explain_terms(parser, token):
    nodelist = parser.parse(("endexplain_terms",))
    parser.delete_first_token()
    return ExplainTermsNode(nodelist)


class ExplainTermsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        """The enclosed HTML with its terms linked. For a published page (not a preview) the result is kept until the
        next publish (content/fragments.py): parsing the body for terms is most of a route page's rendering time."""
        request = context.get("request")
        page = context.get("page")
        if request is None or page is None or getattr(request, "is_preview", False) or not page.pk:
            return self.render_uncached(context)
        site = fragments._site(request)
        return fragments.cached(
            request,
            ("explain_terms", site.pk if site else None, page.pk, id(self)),
            lambda: self.render_uncached(context),
        )

    def render_uncached(self, context):
        html = self.nodelist.render(context)
        request = context.get("request")
        terms = glossary_terms(request)
        if not terms:
            return html
        linker = TermLinker(terms)
        linker.feed(html)
        linker.close()
        if not linker.used:
            return html
        section = template.loader.render_to_string(
            "components/page_terms.html", {"terms": linker.used, "glossary_url": glossary_url(request)}
        )
        return mark_safe("".join(str(piece) for piece in linker.out) + section)
