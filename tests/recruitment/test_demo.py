"""The demo site has a registration page under the home page, linked from the home page's call to register."""

import re

import pytest

from django.core.management import call_command

from wagtail.models import Page

from recruitment.models import Registration, RegistrationPage
from routes.models import RoutePage

pytestmark = pytest.mark.django_db


def test_the_demo_places_the_registration_page_and_links_it_from_home(demo_content, client):
    page = RegistrationPage.objects.get(locale__language_code="nl")  # the English one: tests/site/test_english_content
    assert page.live and page.get_parent().specific == demo_content
    assert demo_content.register_page_id == page.pk
    assert page.url == "/aanmelden/"
    revisions = page.revisions.count()
    call_command("load_demo_content", verbosity=0)
    assert RegistrationPage.objects.filter(locale__language_code="nl").count() == 1
    assert page.revisions.count() == revisions

    route = RoutePage.objects.live().first()
    route_html = client.get(route.url).content.decode()
    link = re.search(r'href="(/aanmelding/\?route=\d+)"', route_html)
    assert link, "the route page links to the form with its route"
    redirected = client.get(link.group(1))
    assert redirected.status_code == 302 and redirected["Location"] == f"/aanmelden/?route={route.pk}"
    form = client.get(redirected["Location"]).content.decode()
    assert re.search(rf'name="routes" value="{route.pk}"[^>]*checked', form)
    assert "privacyverklaring" in form
    assert Registration.objects.count() == 0, "the demo holds nobody's personal data"
    others = Page.objects.type(RegistrationPage).exclude(pk=page.pk)
    assert not others.exclude(translation_key=page.translation_key).exists(), "one form page and its translations"
