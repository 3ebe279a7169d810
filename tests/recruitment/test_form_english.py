"""The registration form in English: the English translation of the registration page (under /en/) serves the same
form, with every label, hint, choice, button and error message from the English catalogue (locale/en). The routes to
tick are the Dutch route pages (their ids are stored), each named by its English page where it has one."""

import pytest

from recruitment.models import RegistrationPage
from tests.i18n_text import dutch_in, publish_translation, visible_texts

pytestmark = pytest.mark.django_db

ENGLISH_ROUTE = "Zij-instroom: switching into teaching"


@pytest.fixture
def english_form(home, routes, regions):
    """A Dutch and an English registration page; the first route has an English page, the others do not."""
    dutch = RegistrationPage(title="Aanmelden", slug="aanmelden")
    home.add_child(instance=dutch)
    publish_translation(home, title="Become a teacher in technology")
    english = publish_translation(dutch, title="Register your interest", slug="register-your-interest")
    publish_translation(routes[0], title=ENGLISH_ROUTE)
    return {"page": english, "dutch_page": dutch, "routes": routes}


def render(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_empty_form_is_english(english_form, client):
    url = english_form["page"].url
    assert url == "/en/register-your-interest/"
    html = render(client, url)
    assert '<html lang="en"' in html
    assert dutch_in(html) == []
    texts = visible_texts(html)
    for expected in (
        "Register your interest",
        "Your name",
        "(required)",
        "Your email address",
        "We send you a confirmation. Example: name@example.com",
        "What do you do now?",
        "I work in technology",
        "Choose your education",
        "Hbo (university of applied sciences)",
        "Which routes interest you? (optional)",
        "Teacher",
        "Email",
        "Send registration",
    ):
        assert expected in texts, expected
    assert "About you" in texts and "What you want" in texts


def test_the_routes_are_named_in_english_or_marked_dutch(english_form, client):
    html = render(client, english_form["page"].url)
    routes = english_form["routes"]
    assert f'<label for="id_routes_0">{ENGLISH_ROUTE}</label>' in html
    assert routes[0].title not in html
    # A route without an English page keeps its Dutch title, marked as Dutch.
    assert f'<label for="id_routes_1"><span lang="nl">{routes[1].title}</span> (in Dutch)</label>' in html
    # The values are the Dutch pages' ids: what is stored and what staff read.
    assert f'value="{routes[0].pk}"' in html


def test_the_form_with_errors_is_english(english_form, client):
    url = english_form["page"].url
    html = render(client, url, {"email": "not an address", "postcode": "12", "phone": "abc", "website": ""})
    assert '<html lang="en"' in html
    assert dutch_in(html) == []
    texts = visible_texts(html)
    assert any(text.startswith("Check these ") and text.endswith(" fields") for text in texts)
    for message in (
        "Fill in your name.",
        "This is not a valid email address. An email address looks like name@example.com.",
        "This is not a valid phone number. A Dutch number has 10 digits, for example 06 12345678. A number from "
        "outside the Netherlands starts with + and the country code.",
        "Choose what you do now.",
        "Choose your highest education.",
        "Please give your consent. Without it we may not keep your details and cannot call you back.",
    ):
        assert message in html, message
    assert "Error:" in texts


def test_a_too_long_name_says_so_in_english(english_form, client):
    html = render(client, english_form["page"].url, {"name": "a" * 121})
    assert "Your name can have at most 120 characters. Now it has 121." in html
    assert dutch_in(html) == []


def test_the_dutch_form_is_unchanged_beside_the_english_one(english_form, client):
    html = render(client, english_form["dutch_page"].url)
    assert '<html lang="nl"' in html
    assert "Je naam" in html and "(verplicht)" in html and "Aanmelding versturen" in html
    routes = english_form["routes"]
    assert f'<label for="id_routes_0">{routes[0].title}</label>' in html
    assert ENGLISH_ROUTE not in html  # the English page is no route of its own on the form
    assert "(in Dutch)" not in html
    assert html.count('name="routes"') == len(routes)
