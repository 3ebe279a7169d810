"""Template tags for the routes app.

{% load route_tags %}
{% comparison_rows routes as rows %}  -> [{"label": "Duur", "values": ["max. 2 jaar", "1 jaar"]}, ...]
"""

from django import template

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
