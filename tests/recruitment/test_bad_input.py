"""Bad input of every field gets a clear Dutch message next to the field and in the summary; never a 500. The
honeypot and the rate limit hold."""

import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.core.cache import cache

from recruitment.models import OutgoingMessage, Registration

from .conftest import valid_data

pytestmark = pytest.mark.django_db
REGISTER = "/aanmelding/"

BAD_INPUT = [
    ("name", "", "Vul je naam in."),
    ("name", "   ", "Vul je naam in."),
    ("name", "12345", "Vul je naam in met letters."),
    ("name", "x" * 121, "Je naam mag hoogstens 120 tekens hebben. Nu zijn het er 121."),
    ("name", "Sanne https://spam.example", "zonder internetadres"),
    ("name", "San\x00ne", "Hier staat een teken dat niet is toegestaan."),
    ("email", "", "Vul je e-mailadres in."),
    ("email", "sanne@", "Dit is geen geldig e-mailadres."),
    ("email", "sanne at example.org", "Dit is geen geldig e-mailadres."),
    ("email", "a" * 250 + "@example.org", "Je e-mailadres mag hoogstens 254 tekens hebben."),
    ("phone", "bel me", "Dit is geen geldig telefoonnummer."),
    ("phone", "06 1234", "Dit is geen geldig telefoonnummer."),
    ("phone", "06-12345678901234", "Dit is geen geldig telefoonnummer."),
    ("phone", "1" * 21, "Je telefoonnummer mag hoogstens 20 tekens hebben."),
    ("postcode", "", "Vul je postcode in, bijvoorbeeld 1234 AB."),
    ("postcode", "1234", "Dit is geen Nederlandse postcode."),
    ("postcode", "0123 AB", "Dit is geen Nederlandse postcode."),
    ("postcode", "1234 SS", "Dit is geen Nederlandse postcode."),
    ("postcode", "AB 1234", "Dit is geen Nederlandse postcode."),
    ("postcode", "12345 AB 12", "Een postcode heeft vier cijfers en twee letters"),
    ("situation", "", "Kies wat je nu doet."),
    ("situation", "astronaut", "Kies wat je nu doet uit de lijst."),
    ("education", "", "Kies je hoogste opleiding."),
    ("education", "phd", "Kies je hoogste opleiding uit de lijst."),
    ("experience_years", "", "Vul in hoeveel jaar je in de techniek werkt."),
    ("experience_years", "veel", "Vul een heel getal in, bijvoorbeeld 0, 3 of 12."),
    ("experience_years", "2.5", "Vul een heel getal in"),
    ("experience_years", "-1", "Het aantal jaren kan niet lager zijn dan 0."),
    ("experience_years", "61", "Vul een aantal jaren in van 0 tot en met 60."),
    ("experience_years", "9" * 30, "Vul een aantal jaren in van 0 tot en met 60."),
    ("routes", ["abc"], "Kies routes uit de lijst."),
    ("routes", ["999999"], "Kies routes uit de lijst."),
    ("roles", ["piloot"], "Kies werk uit de lijst."),
    ("contact_preference", "", "Kies hoe we contact met je opnemen."),
    ("contact_preference", "duif", "Kies hoe we contact met je opnemen uit de lijst."),
    ("message", "x" * 2001, "Je bericht mag hoogstens 2000 tekens hebben. Nu zijn het er 2001."),
    ("consent", None, "Geef toestemming."),
]


@pytest.mark.parametrize(
    ("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUT)]
)
def test_bad_input_gets_a_clear_message_next_to_the_field(client, routes, field, value, message):
    data = valid_data()
    if value is None:
        data.pop(field)
    else:
        data[field] = value
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    html = response.content.decode()
    error = re.search(rf'<p class="field__error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert error, f"no message next to {field}"
    assert message in error.group(1)
    # Tied to the field for screen readers, and listed in the summary that is announced on submit.
    if field in ("situation", "routes", "roles", "contact_preference"):
        assert re.search(rf'<fieldset aria-describedby="[^"]*id_{field}_error"', html)
    else:
        assert re.search(rf'<(input|select|textarea)[^>]*aria-describedby="[^"]*id_{field}_error"', html)
        assert re.search(rf'<(input|select|textarea)[^>]*aria-invalid="true"[^>]*id="id_{field}"', html) or re.search(
            rf'<(input|select|textarea)[^>]*id="id_{field}"[^>]*aria-invalid="true"', html
        )
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S)
    assert summary and message in summary.group(0)
    assert f'href="#id_{field}' in summary.group(0)
    assert "<title>Fout: " in html
    assert not Registration.objects.exists()


def test_phone_is_required_when_the_registrant_wants_a_call(client, home):
    response = client.post(REGISTER, valid_data(phone="", contact_preference="telefoon"))
    assert "Je wilt liefst gebeld worden. Vul dan ook je telefoonnummer in." in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(REGISTER, valid_data(phone="", contact_preference="e-mail"))
    assert response.status_code == 303


@pytest.mark.parametrize("postcode", ["1234AB", "1234 ab", " 1234   Ab ", "9999 zz"])
def test_postcodes_are_accepted_in_the_usual_ways(client, home, postcode):
    assert client.post(REGISTER, valid_data(postcode=postcode)).status_code == 303


@pytest.mark.parametrize(
    "phone", ["0612345678", "06-12345678", "020 123 45 67", "(020) 1234567", "+31 6 12345678", "0032 470 12 34 56"]
)
def test_phone_numbers_are_accepted_in_the_usual_ways(client, home, phone):
    assert client.post(REGISTER, valid_data(phone=phone)).status_code == 303


text = st.text(st.characters(codec="utf-8"), max_size=300)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {
            name: st.one_of(text, st.lists(text, max_size=3))
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
                "_validate",
            )
        }
    ),
    htmx=st.booleans(),
)
def test_whatever_is_posted_never_gives_a_server_error(client, home, data, htmx):
    cache.clear()  # each example starts below the rate limit
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(REGISTER, data, **headers)
    assert response.status_code in (200, 303, 400), response.status_code


def test_a_filled_in_honeypot_looks_like_success_but_stores_and_sends_nothing(client, home):
    response = client.post(REGISTER, valid_data(website="https://cheap-pills.example"))
    assert response.status_code == 302
    assert response["Location"] == "/aanmelding/bedankt/"
    assert not Registration.objects.exists()
    assert not OutgoingMessage.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, home):
    html = client.get(REGISTER).content.decode()
    trap = re.search(r'<div class="registration-form__trap" hidden>.*?</div>', html, re.S)
    assert trap and 'name="website"' in trap.group(0) and 'tabindex="-1"' in trap.group(0)


def test_the_rate_limit_stops_a_flood_from_one_address(client, home, settings):
    settings.RECRUITMENT_RATE_LIMIT = "3/m"
    for number in range(3):
        response = client.post(REGISTER, valid_data(email=f"persoon-{number}@example.org"), REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 303
    blocked = client.post(REGISTER, valid_data(email="persoon-4@example.org"), REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 429
    assert "te veel aanmeldingen" in blocked.content.decode()
    assert 'value="persoon-4@example.org"' in blocked.content.decode(), "what was typed is kept"
    assert Registration.objects.count() == 3
    other = client.post(REGISTER, valid_data(email="iemand-anders@example.org"), REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 303


def test_invalid_posts_and_bots_count_towards_the_limit_but_inline_validation_does_not(client, home, settings):
    settings.RECRUITMENT_RATE_LIMIT = "2/m"
    for _ in range(5):
        client.post(REGISTER, {**valid_data(), "_validate": "email"}, HTTP_HX_REQUEST="true")
    client.post(REGISTER, valid_data(name=""))
    client.post(REGISTER, valid_data(website="spam"))
    assert client.post(REGISTER, valid_data()).status_code == 429


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_address(client, home, settings):
    settings.RECRUITMENT_RATE_LIMIT = "1/m"
    settings.RECRUITMENT_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # A visitor cannot choose their own address: only the entry the proxy added (the rightmost) counts.
    first = client.post(
        REGISTER, valid_data(email="a@example.org"), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7", **proxy
    )
    spoofed = client.post(
        REGISTER, valid_data(email="b@example.org"), HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **proxy
    )
    other = client.post(REGISTER, valid_data(email="c@example.org"), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert (first.status_code, spoofed.status_code, other.status_code) == (303, 429, 303)


def test_ipv6_visitors_are_counted_per_network(client, home, settings):
    settings.RECRUITMENT_RATE_LIMIT = "1/m"
    assert client.post(REGISTER, valid_data(email="a@example.org"), REMOTE_ADDR="2001:db8::1").status_code == 303
    assert client.post(REGISTER, valid_data(email="b@example.org"), REMOTE_ADDR="2001:db8::2").status_code == 429


@pytest.mark.parametrize(
    "name", ["Sanne\x9b de Vries", "Sanne\x90 de Vries", "Sanne \u202eseirV ed", "Sanne \u2066de\u2069 Vries"]
)
def test_names_with_invisible_control_characters_are_refused(client, home, regions, name):
    response = client.post("/aanmelding/", valid_data(name=name))
    assert response.status_code == 200
    assert "Gebruik in je naam alleen letters" in response.content.decode()
    assert not Registration.objects.exists()
