from django import template

from content.registration_link import registration_url as link

register = template.Library()


@register.simple_tag
def registration_url(*preselected):
    """``{% registration_url route as register_url %}``: the registration form's URL with these pages (routes) ticked,
    or "" when no app takes registrations (content/registration_link.py)."""
    return link(preselected)
