"""Template tags for the routes app.

{% load route_tags %}
{% comparison_rows routes as rows %}  -> [{"label": "Duur", "values": ["max. 2 jaar", "1 jaar"]}, ...]
<span{% lang_nl %}>{{ programme.name }}</span>  -> lang="nl" on an English page, nothing on a Dutch one
"""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# The facts a visitor weighs when choosing between routes, in the order the route finder compares them.
COMPARED_FACTS = ["duration", "study_load", "cost", "funding", "first", "qualification", "combination"]


@register.simple_tag
def comparison_rows(routes):
    """One row per compared fact, one value per route (a RoutePage, or the finder's advice about one); a fact no
    route has is left out."""
    facts = [{fact.key: fact for fact in getattr(route, "route", route).facts()} for route in routes]
    rows = []
    for key in COMPARED_FACTS:
        present = [by_key.get(key) for by_key in facts]
        if any(present):
            label = next(fact.label for fact in present if fact)
            rows.append({"label": label, "values": [fact.value if fact else "" for fact in present]})
    return rows


@register.simple_tag
def lang_nl():
    """lang="nl" for a Dutch name or text (a programme, a college, a source's title, a Dutch-only page) shown on a
    page in another language; nothing on a Dutch page, whose output stays as it was."""
    return "" if get_language() == settings.LANGUAGE_CODE else mark_safe(' lang="nl"')


@register.simple_tag
def link_nl():
    """hreflang="nl" for a link to a Dutch-only page from a page in another language; nothing on a Dutch page."""
    return "" if get_language() == settings.LANGUAGE_CODE else mark_safe(' hreflang="nl"')


@register.simple_tag
def dutch(value):
    """A Dutch text inside a page in another language, as <span lang="nl">; on a Dutch page just the text."""
    if get_language() == settings.LANGUAGE_CODE:
        return conditional_escape(value)
    return format_html('<span lang="nl">{}</span>', value)
