from django import template
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from content import fragments, translations

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


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The URL of the home page in the request's language (kept per publish), or None."""
    request = context.get("request")
    return fragments.site_root_url(request) if request is not None else None


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    ancestors = fragments.ancestors(request, page) if page is not None and getattr(page, "depth", None) else []
    return {"ancestors": ancestors, "page": page, "request": request}


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header, rendered once per publish for each page (its menu marks where the page is); a search's header
    shows the query and is rendered for it."""
    request = context.get("request")
    page = context.get("page")
    values = {
        "request": request,
        "page": page,
        "chrome_lang": context.get("chrome_lang"),
        "search_query": context.get("search_query"),
        "settings": context.get("settings"),
    }

    def build():
        return render_to_string("components/header.html", values)

    if request is None or values["search_query"]:
        return build()
    site = fragments._site(request)
    key = ("header", site.pk if site else None, getattr(page, "pk", None), getattr(page, "url_path", None))
    return fragments.cached(request, (*key, values["chrome_lang"]), build)


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
        return render_to_string(
            "components/footer.html",
            {"site_settings": site_settings, "request": request, "chrome_lang": context.get("chrome_lang")},
        )

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


@register.simple_tag(takes_context=True)
def page_translations(context):
    """The current page in each language it exists in (``language_code``, ``name``, ``url``), for the hreflang
    alternates and the language switch; empty for a page without a counterpart (content/translations.py)."""
    request = context.get("request")
    if request is None:
        return []
    return translations.translations(request, context.get("page"))


@register.simple_tag(takes_context=True)
def page_language(context):
    """The language the page is in: the language it is served in (the URL's prefix, /en/, chooses it; the routing
    only reaches pages of that language), or for a preview, the page's own locale."""
    page = context.get("page")
    request = context.get("request")
    if page is not None and getattr(request, "is_preview", False) and getattr(page, "locale_id", None):
        return page.locale.language_code
    return translation.get_language() or settings.LANGUAGE_CODE


@register.simple_tag
def chrome_language(page_lang):
    """The language of the header, the footer and the other texts around a page (the site's own, Dutch), when it
    differs from the page's: their elements then carry it as their ``lang``. Empty for a page in the site's language."""
    return settings.LANGUAGE_CODE if page_lang != settings.LANGUAGE_CODE else ""
