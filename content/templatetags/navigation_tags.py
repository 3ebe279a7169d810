from django import template

from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live pages directly under the site's root that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page and page.depth > 2 else Page.objects.none()
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def page_of_type(context, model_label):
    """The first live page of a type named by string ("routes.RouteFinderPage") on the current site, or None.

    Lets templates link to a singleton page (the route finder) without this app importing the app that defines it.
    """
    from django.apps import apps

    root = site_root(context)
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return None
    if root is None:
        return None
    return model.objects.live().public().descendant_of(root, inclusive=True).first()
