"""Links into the glossary (begrippenlijst), for explaining a term at its first use on a page.

    {% load glossary_tags %}
    {% glossary_term "PDG" %}          -> <a class="glossary-link" href="/begrippen/#pdg">PDG</a>
    {% glossary_term "PDG" "het PDG" %} -> the same link with other text

A term that is not in the glossary (or a site without a glossary page) renders as plain text.
"""

from django import template
from django.utils.html import format_html

from content.models import GlossaryPage, GlossaryTerm

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_term(context, term, text=None):
    text = text or term
    entry = GlossaryTerm.objects.filter(term__iexact=term).first()
    page = GlossaryPage.objects.live().public().first()
    if entry is None or page is None:
        return text
    url = f"{page.get_url(request=context.get('request'))}#{entry.anchor}"
    return format_html('<a class="glossary-link" href="{}">{}</a>', url, text)
