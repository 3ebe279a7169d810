"""content/registration_link.py: the call to register without knowing the app that takes registrations."""

from types import SimpleNamespace

import pytest

from django.template import Context, Template

from content import registration_link


@pytest.fixture
def offered(monkeypatch):
    """Restores what recruitment offered at startup after a test changes it."""
    monkeypatch.setattr(registration_link, "_offered", registration_link._offered)


def test_recruitment_offers_its_form_with_the_route_parameter():
    route = SimpleNamespace(pk=12)
    assert registration_link.registration_url() == "/aanmelding/"
    assert registration_link.registration_url([route, None, ""]) == "/aanmelding/?route=12"
    assert registration_link.registration_url([route], [("finder-a", "x y")]) == "/aanmelding/?route=12&finder-a=x+y"


def test_without_an_offered_form_the_link_is_empty_and_the_call_to_register_is_left_out(offered):
    registration_link._offered = None
    assert registration_link.registration_url([SimpleNamespace(pk=1)]) == ""
    html = Template('{% include "components/register_cta.html" %}').render(Context({}))
    assert html.strip() == ""


def test_an_offered_form_whose_urls_are_not_installed_gives_no_link(offered):
    registration_link.offer_registration("elsewhere:register", preselect_parameter="item")
    assert registration_link.registration_url() == ""


def test_the_template_tag_ticks_the_given_route(offered):
    registration_link.offer_registration("recruitment:register", preselect_parameter="item")
    html = Template("{% load registration_tags %}{% registration_url route as url %}{{ url }}").render(
        Context({"route": SimpleNamespace(pk=7)})
    )
    assert html == "/aanmelding/?item=7"


def test_the_call_to_register_without_a_route_links_to_the_bare_form():
    html = Template('{% include "components/register_cta.html" %}').render(Context({}))
    assert 'href="/aanmelding/"' in html
