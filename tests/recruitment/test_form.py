"""The registration form: storing, region mapping, duplicates, consent, pre-selected routes, inline validation,
the thank-you page, and the registration page in the tree."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from recruitment.models import MessageState, OutgoingMessage, Registration, RegistrationPage, Status

from .conftest import valid_data

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REGISTER = "/aanmelding/"


def test_the_form_url_is_named_and_renders_every_field(client, routes):
    assert reverse("recruitment:register") == REGISTER
    response = client.get(REGISTER)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "name",
        "email",
        "phone",
        "postcode",
        "situation",
        "education",
        "experience_years",
        "routes",
        "roles",
        "contact_preference",
        "message",
        "consent",
    ):
        assert f'name="{name}"' in html, name
    for route in routes:
        assert route.title in html
    assert "no-store" in response["Cache-Control"], "the form is never cached"
    assert "csrfmiddlewaretoken" in html
    assert re.search(r"<form[^>]*novalidate", html), "our Dutch messages, not the browser's"


def test_a_valid_registration_is_stored_with_region_deadline_consent_and_first_messages(client, routes, regions):
    moment = datetime(2026, 3, 10, 14, 30, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        response = client.post(REGISTER, valid_data(routes=[routes[0].pk, routes[2].pk]))
    assert response.status_code == 303
    assert response["Location"] == reverse("recruitment:thanks")
    registration = Registration.objects.get()
    assert registration.name == "Sanne de Vries"
    assert registration.postcode == "7511 AB", "normalised"
    assert registration.region == regions["east"], "7511 lies in Oost's range 7000-8299"
    assert registration.status == Status.NEW
    assert registration.created_at == moment
    assert timezone.localtime(registration.contact_due_at) == datetime(2026, 4, 9, 14, 30, tzinfo=AMSTERDAM)
    assert registration.consent_version == "2026-1"
    assert registration.consented_at == moment
    assert set(registration.routes.all()) == {routes[0], routes[2]}
    assert registration.roles == ["docent", "hybride-docent"]
    assert registration.experience_years == 8
    assert len(registration.withdrawal_token) >= 40
    kinds = set(
        OutgoingMessage.objects.filter(registration=registration, state=MessageState.PENDING).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"staff_notification", "confirmation"}


def test_a_month_is_counted_in_local_time_across_the_change_to_summer_time(client, home, regions):
    moment = datetime(2026, 3, 20, 9, 15, tzinfo=AMSTERDAM)  # summer time starts on 29 March 2026
    with time_machine.travel(moment, tick=False):
        client.post(REGISTER, valid_data())
    due = timezone.localtime(Registration.objects.get().contact_due_at)
    assert (due.date().isoformat(), due.hour, due.minute) == ("2026-04-19", 9, 15)
    registration = Registration.objects.get()
    assert registration.contact_due_at - registration.created_at == timedelta(days=30, hours=-1), (
        "30 local days are one hour short of 30 x 24 hours here"
    )


def test_an_unknown_postcode_goes_to_the_default_region_without_an_error(client, home, regions):
    response = client.post(REGISTER, valid_data(postcode="9999 ZZ"))
    assert response.status_code == 303
    assert Registration.objects.get().region == regions["national"]


def test_without_any_default_region_a_registration_is_still_stored(client, home):
    response = client.post(REGISTER, valid_data(postcode="1011 AB"))
    assert response.status_code == 303
    assert Registration.objects.get().region is None


def test_after_a_closed_registration_the_same_address_starts_a_new_one(client, home, regions):
    client.post(REGISTER, valid_data())
    Registration.objects.update(status=Status.CLOSED)
    client.post(REGISTER, valid_data())
    assert Registration.objects.count() == 2


def test_routes_in_the_url_are_preselected_and_bad_ones_ignored(client, routes):
    response = client.get(REGISTER, {"route": [str(routes[1].pk), "abc", "99999", str(routes[2].pk), "-1"]})
    assert response.status_code == 200
    html = response.content.decode()
    checked = set(re.findall(r'name="routes" value="(\d+)"[^>]*checked', html))
    assert checked == {str(routes[1].pk), str(routes[2].pk)}


def test_inline_validation_returns_only_the_field_with_its_message(client, home):
    response = client.post(REGISTER, {**valid_data(postcode="12"), "_validate": "postcode"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith("<div")
    assert 'id="field-postcode"' in html
    assert "Dit is geen Nederlandse postcode" in html
    assert 'role="alert"' in html
    assert 'aria-describedby="id_postcode_helptext id_postcode_error"' in html
    assert 'aria-invalid="true"' in html
    assert not Registration.objects.exists()

    ok = client.post(REGISTER, {**valid_data(), "_validate": "postcode"}, HTTP_HX_REQUEST="true").content.decode()
    assert "field__error" not in ok and "aria-invalid" not in ok

    unknown = client.post(REGISTER, {**valid_data(), "_validate": "website"}, HTTP_HX_REQUEST="true")
    assert unknown.status_code == 400


def test_every_typed_field_carries_htmx_validation_that_posts_to_the_same_url(client, home):
    """Typed fields validate when left; choices (radios, check boxes, selects) do not, so that arrow keys are not
    undone by a swap halfway through a choice."""
    html = client.get(REGISTER).content.decode()
    for name in ("name", "email", "postcode", "roles", "consent"):
        assert f'id="field-{name}"' in html
    for name in ("name", "email", "phone", "postcode", "experience_years", "message"):
        assert re.search(rf'id="field-{name}"\s+hx-post="{REGISTER}" hx-trigger="change"', html), name
    for name in ("situation", "education", "routes", "roles", "contact_preference", "consent"):
        assert not re.search(rf'id="field-{name}"\s+hx-post', html), name
    assert html.count(f'hx-post="{REGISTER}"') == 6


def test_the_thank_you_page_says_what_happens_next_and_by_when(client, home, regions):
    with time_machine.travel(datetime(2026, 5, 4, 11, 0, tzinfo=AMSTERDAM), tick=False):
        response = client.post(REGISTER, valid_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bedankt voor je aanmelding" in html
    assert "3 juni 2026" in html, "the contact date, in Dutch"
    assert "woensdag" in html
    assert "Oost" in html
    assert "sanne@example.org" in html
    assert "telefonisch" in html


def test_the_thank_you_page_without_a_registration_is_still_helpful(client, home):
    response = client.get(reverse("recruitment:thanks"))
    assert response.status_code == 200
    assert "Binnen een maand" in response.content.decode()


def test_other_methods_are_not_allowed(client, home):
    assert client.put(REGISTER).status_code == 405
    assert client.delete(REGISTER).status_code == 405


class TestRegistrationPage:
    @pytest.fixture
    def page(self, home):
        page = RegistrationPage(title="Aanmelden", slug="aanmelden", intro="Steek je hand op.")
        home.add_child(instance=page)
        return page

    def test_editors_can_place_one_under_the_home_page_only(self, home):
        from wagtail.test.utils import WagtailPageTestCase

        from content.models import HomePage, StandardPage

        case = WagtailPageTestCase()
        case.assertAllowedParentPageTypes(RegistrationPage, {HomePage})
        case.assertAllowedSubpageTypes(RegistrationPage, set())
        assert RegistrationPage in HomePage.allowed_subpage_models()
        assert RegistrationPage not in StandardPage.allowed_subpage_models()
        assert RegistrationPage.max_count == 1

    def test_the_page_serves_the_form_and_takes_registrations(self, client, page, regions):
        response = client.get("/aanmelden/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Steek je hand op." in html
        assert 'action="/aanmelden/"' in html
        assert "no-store" in response["Cache-Control"]
        response = client.post("/aanmelden/", valid_data())
        assert response.status_code == 303
        assert Registration.objects.count() == 1

    def test_the_named_url_leads_to_the_page_keeping_the_routes(self, client, page, routes):
        response = client.get(REGISTER, {"route": routes[0].pk})
        assert response.status_code == 302
        assert response["Location"] == f"/aanmelden/?route={routes[0].pk}"
        html = client.get(response["Location"]).content.decode()
        assert re.search(rf'name="routes" value="{routes[0].pk}"[^>]*checked', html)


def test_the_blank_form_is_rendered_once_per_publish_and_keeps_each_visitors_token(client, routes):
    """The fields of the form as everybody first sees it are kept per publish; the CSRF token and the origin are
    each visitor's own, and a newly published route is on the next visitor's form."""
    from django.test import Client

    from content import fragments

    def fields_and_token(html):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return html.split('class="field__hint">Velden met', 1)[1].split("</form>", 1)[0], token

    first_fields, first_token = fields_and_token(client.get(REGISTER).content.decode())
    assert ("registration_fields", REGISTER) in fragments._store
    second_fields, second_token = fields_and_token(Client().get(REGISTER).content.decode())
    assert first_fields == second_fields
    assert first_token != second_token
    assert "checked" not in first_fields

    routes[0].title = "Zij-instroom, vernieuwd"
    routes[0].save_revision().publish()
    assert "Zij-instroom, vernieuwd" in Client().get(REGISTER).content.decode()
    preselected = client.get(REGISTER, {"route": str(routes[1].pk)}).content.decode()
    assert f'value="{routes[1].pk}" id="id_routes_1" checked' in preselected


def test_the_kept_form_page_gives_each_visitor_their_own_token_and_origin(routes, regions):
    """The blank form page is kept per publish with placeholders: every visitor still gets a working CSRF token and
    cookie of their own, and their own signed origin; nothing of the placeholders reaches a visitor."""
    from django.test import Client

    from recruitment.registration import ORIGIN_PLACEHOLDER, TOKEN_PLACEHOLDER

    def visit(query=""):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(REGISTER + query).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        origin = re.search(r'name="herkomst" value="([^"]*)"', html).group(1)
        assert TOKEN_PLACEHOLDER not in html and ORIGIN_PLACEHOLDER not in html
        assert "csrftoken" in visitor.cookies
        return visitor, token, origin

    first, first_token, first_origin = visit()
    second, second_token, second_origin = visit("?utm_source=nieuwsbrief")
    assert first_token != second_token
    assert first_origin == "" and second_origin != ""
    response = second.post(
        REGISTER, valid_data(csrfmiddlewaretoken=second_token, herkomst=second_origin, email="tweede@example.org")
    )
    assert response.status_code == 303
    assert Registration.objects.get(email="tweede@example.org").campaign == {"utm_source": "nieuwsbrief"}
    refused = first.post(REGISTER, valid_data(csrfmiddlewaretoken=second_token, email="eerste@example.org"))
    assert refused.status_code == 403  # another visitor's token does not fit this visitor's cookie


def test_an_editor_gets_the_form_page_rendered_for_them(client, routes, editor_user):
    """Logged-in editors see Wagtail's user bar, so their form page is rendered for them, not the kept one."""
    client.get(REGISTER)
    client.force_login(editor_user)
    html = client.get(REGISTER).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert "wagtail-userbar" in html
