"""A page's counterparts in the site's other languages, for the hreflang alternates and the language switch
(templates/base.html).

Read in the queries that fetch the page anyway: the routing (content/models/base.py) and the site's root page
(content/middleware.py) ask for each language's live translation in a subquery, and the page keeps the answer until
the next publish with the rest of it (content/fragments.py). So a Dutch page costs no more queries than before the
English pages came (tests/site/test_query_counts.py). A page fetched any other way (a preview) asks the database.
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery

from wagtail.models import Page


def _attribute(language_code):
    return f"translation_url_path_{language_code.replace('-', '_')}"


def with_translations(queryset):
    """The pages of queryset, each with the tree path (url_path) of its live page in every language, or None."""
    return queryset.annotate(
        **{
            _attribute(code): Subquery(
                Page.objects.filter(
                    translation_key=OuterRef("translation_key"), locale__language_code=code, live=True
                ).values("url_path")[:1]
            )
            for code, _name in settings.LANGUAGES
        }
    )


def _url_paths(page):
    """{language code: url_path} of the page's live translations, itself included (as it is shown)."""
    if all(hasattr(page, _attribute(code)) for code, _name in settings.LANGUAGES):
        return {code: getattr(page, _attribute(code)) for code, _name in settings.LANGUAGES}
    if not page.pk:
        return {}
    paths = dict(
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .exclude(pk=page.pk)
        .values_list("locale__language_code", "url_path")
    )
    paths[page.locale.language_code] = page.url_path
    return paths


def translations(request, page):
    """The page in each language it exists in, as dicts with ``language_code``, ``name`` (the language's own name)
    and ``url`` (absolute); empty when the page has no counterpart. Kept until the next publish for the request's
    host and scheme (a page's translations change only with a publish); a preview's are found afresh."""
    from content import fragments

    if page is None or not isinstance(page, Page):
        return []
    key = fragments.site_key(request) if page.pk else None
    if key is None:
        return _translations(request, page)
    return fragments.cached(
        request, ("translations", key, request.scheme, page.pk), lambda: _translations(request, page)
    )


def _translations(request, page):
    paths = {code: path for code, path in _url_paths(page).items() if path}
    if len(paths) < 2:
        return []
    found = []
    for code, name in settings.LANGUAGES:
        url_path = paths.get(code)
        if not url_path:
            continue
        url = Page(url_path=url_path).get_url(request)
        if url is None:
            continue
        found.append({"language_code": code, "name": name, "url": request.build_absolute_uri(url)})
    return found if len(found) > 1 else []
