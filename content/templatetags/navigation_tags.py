from django import template
from django.apps import apps
from django.template.loader import render_to_string

from content import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live pages directly under the site's root that are marked "show in menus", as dicts with their pk, title,
    url and url_path (built once per publish: content/fragments.py)."""
    return fragments.menu_items(context.get("request"))


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    return fragments.site_root(request) if request is not None else None


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    ancestors = fragments.ancestors(request, page) if page is not None and getattr(page, "depth", None) else []
    return {"ancestors": ancestors, "page": page, "request": request}


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer, rendered once per publish (it shows the site settings only)."""
    request = context.get("request")
    if request is None:
        return render_to_string("components/footer.html", {"site_settings": None})
    site = fragments._site(request)
    settings_model = apps.get_model("content", "SiteSettings")

    def build():
        site_settings = settings_model.for_request(request) if site is not None else None
        return render_to_string("components/footer.html", {"site_settings": site_settings, "request": request})

    return fragments.cached(request, ("footer", site.pk if site else None), build)


@register.simple_tag(takes_context=True)
def page_of_type(context, model_label):
    """The first live page of a type named by string ("routes.RouteFinderPage") on the current site, or None.

    Lets templates link to a singleton page (the route finder) without this app importing the app that defines it.
    """
    request = context.get("request")
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return None
    if request is None:
        return None
    return fragments.page_of_type(request, model)


@register.simple_tag(takes_context=True)
def include_per_publish(context, template_name, **values):
    """``{% include_per_publish "components/route_card.html" route=route %}``: the template rendered with only these
    values (and the request), once per publish for each combination of their primary keys. For cards in lists, whose
    HTML depends on the published page alone; a preview renders afresh."""
    request = context.get("request")

    def render():
        return render_to_string(template_name, {**values, "request": request})

    if request is None or getattr(request, "is_preview", False):
        return render()
    site = fragments._site(request)
    key = ("include", site.pk if site else None, template_name)
    key += tuple(sorted((name, getattr(value, "pk", value)) for name, value in values.items()))
    return fragments.cached(request, key, render)
