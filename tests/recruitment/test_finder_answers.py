"""The route finder's answers, passed on to the registration form: read again by the finder (never trusted), filling
in what the form asks the same way, shown to the visitor with a way not to send them, stored on the registration,
and shown to staff in the admin, the export and the e-mail."""

import csv
import importlib
import io
import re

import pytest

from django.apps import apps
from django.http import QueryDict

from recruitment.forms import finder_answers_in, initial_from_finder
from recruitment.models import Registration, Resubmission
from recruitment.tasks import send_due_reminders
from routes.finder import Answers

from .conftest import valid_data
from .factories import ResubmissionFactory

pytestmark = pytest.mark.django_db
REGISTER = "/aanmelding/"
FINDER = {"rw-opleiding": "hbo", "rw-ervaring": "geen", "rw-baan": "ja", "rw-sector": "mbo", "rw-rol": "docent"}
STORED = {"opleiding": "hbo", "ervaring": "geen", "baan": "ja", "sector": "mbo", "rol": "docent"}


def query(pairs):
    result = QueryDict(mutable=True)
    for key, value in pairs:
        result.appendlist(key, value)
    return result


# Reading the answers ------------------------------------------------------------------------------------------------


def test_the_answers_are_read_under_the_finders_prefix():
    answers = finder_answers_in(FINDER)
    assert answers == Answers(education="hbo", experience="geen", keep_job="ja", sector="mbo", role="docent")
    assert dict(answers.query_pairs()) == STORED


@pytest.mark.parametrize(
    "poison",
    [
        {"rw-opleiding": "phd"},  # not an answer the finder knows
        {"rw-opleiding": "HBO"},  # values are exact
        {"rw-opleiding": "hbo "},
        {"rw-opleiding": "<script>alert(1)</script>"},
        {"rw-opleiding": "hbo\x00"},
        {"rw-opleiding": "mbo-4"},  # the registration form's old value, not the vocabulary's
        {"opleiding": "hbo"},  # without the prefix: the form's own namespace, not the finder's
        {"rw-rol": "astronaut", "rw-sector": "{{ settings.SECRET_KEY }}"},
    ],
)
def test_a_poisoned_value_is_dropped_never_an_error(poison):
    assert finder_answers_in(poison) == Answers()


def test_only_the_poisoned_answers_go_and_an_answer_that_does_not_apply_goes_too():
    answers = finder_answers_in(
        {**FINDER, "rw-ervaring": "veel", "rw-bevoegd": "ja", "rw-studie": "wo", "rw-studiejaar": "9"}
    )
    # "bevoegd" is asked only after a foreign diploma, "studie" only of students: with hbo they do not apply.
    assert dict(answers.query_pairs()) == {"opleiding": "hbo", "baan": "ja", "sector": "mbo", "rol": "docent"}


def test_a_repeated_key_counts_once_and_must_still_be_known():
    answers = finder_answers_in(query([("rw-opleiding", "hbo"), ("rw-opleiding", "phd")]))
    assert answers.education is None
    answers = finder_answers_in(query([("rw-opleiding", "phd"), ("rw-opleiding", "wo")]))
    assert answers.education == "wo"


# What the answers fill in -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (FINDER, {"education": "hbo", "experience_years": 0, "roles": ["docent"]}),
        (
            {"rw-opleiding": "mbo4", "rw-ervaring": "lang", "rw-rol": "ondersteunend"},
            {"education": "mbo4", "roles": ["instructeur", "onderwijsassistent"]},
        ),
        (
            {"rw-opleiding": "buitenland", "rw-bevoegd": "ja", "rw-rol": "paar-uur"},
            {"education": "buitenland", "situation": "buitenlandse-leraar", "roles": ["hybride-docent", "gastdocent"]},
        ),
        ({"rw-opleiding": "buitenland", "rw-bevoegd": "nee"}, {"education": "buitenland"}),
        # A student's coming diploma is not their highest one: the form's education stays open.
        ({"rw-opleiding": "student", "rw-studie": "hbo", "rw-studiejaar": "2"}, {"situation": "student"}),
        ({"rw-opleiding": "student", "rw-studie": "wo", "rw-studiejaar": "2"}, {}),  # "Ik studeer (mbo of hbo)"
        ({"rw-opleiding": "weet-niet", "rw-rol": "weet-niet"}, {"education": "weet-niet"}),
        ({"rw-opleiding": "havo-vwo", "rw-ervaring": "kort"}, {"education": "havo-vwo"}),
        ({}, {}),
    ],
)
def test_the_answers_fill_in_what_the_form_asks_the_same_way(answers, expected):
    assert initial_from_finder(finder_answers_in(answers)) == expected


# The form -----------------------------------------------------------------------------------------------------------


def test_the_form_shows_the_answers_prefills_and_carries_them(client, routes):
    html = client.get(REGISTER, {"route": routes[0].pk, **FINDER}).content.decode()
    assert "Je antwoorden uit de routewijzer" in html
    assert "Je antwoorden uit de routewijzer sturen we mee met je aanmelding." in html
    assert "<dt>Wat is je hoogste opleiding?</dt><dd>hbo (hogeschool)</dd>" in html
    assert "<dt>Welke rol zoek je?</dt><dd>Docent, met een bevoegdheid</dd>" in html
    for name, value in FINDER.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    assert re.search(r'<input type="checkbox" name="send_finder_answers"[^>]*checked', html)
    assert '<option value="hbo" selected>Hbo (hogeschool)</option>' in html
    assert 'name="experience_years" value="0"' in html
    assert re.search(r'name="roles" value="docent"[^>]*checked', html)
    assert re.search(rf'name="routes" value="{routes[0].pk}"[^>]*checked', html)


def test_without_answers_the_form_has_no_such_section(client, routes):
    html = client.get(REGISTER).content.decode()
    assert "routewijzer" not in html
    assert "send_finder_answers" not in html


def test_poisoned_answers_are_neither_shown_nor_echoed(client, routes):
    probe = "<script>finderprobe()</script>"
    html = client.get(REGISTER, {"rw-opleiding": probe, "rw-rol": "astronaut"}).content.decode()
    assert "finderprobe" not in html
    assert "astronaut" not in html
    assert "routewijzer" not in html


def test_a_post_stores_the_answers_the_finder_knows(client, routes):
    response = client.post(REGISTER, valid_data(**{**FINDER, "rw-sector": "maan"}, send_finder_answers="on"))
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.finder_answers == {key: value for key, value in STORED.items() if key != "sector"}
    assert registration.education == "mbo4", "what the visitor chose on the form, not the finder's answer"


def test_unticking_the_box_sends_nothing(client, routes):
    assert client.post(REGISTER, valid_data(**FINDER)).status_code == 303
    assert Registration.objects.get().finder_answers == {}


def test_a_post_without_the_finder_stores_no_answers(client, routes):
    assert client.post(REGISTER, valid_data(send_finder_answers="on")).status_code == 303
    assert Registration.objects.get().finder_answers == {}


def test_after_an_error_the_answers_and_the_choice_stay(client, routes):
    html = client.post(REGISTER, valid_data(name="", **FINDER)).content.decode()
    assert "Vul je naam in." in html
    assert "<dt>Wat is je hoogste opleiding?</dt><dd>hbo (hogeschool)</dd>" in html
    assert '<input type="hidden" name="rw-opleiding" value="hbo">' in html
    assert not re.search(r'<input type="checkbox" name="send_finder_answers"[^>]*checked', html), "left unticked"
    assert "Je opleiding hebben we al ingevuld" not in html, "the visitor has chosen by now"


def test_a_post_again_for_a_known_address_keeps_the_answers_until_confirmed(client, routes):
    assert client.post(REGISTER, valid_data()).status_code == 303
    assert client.post(REGISTER, valid_data(**FINDER, send_finder_answers="on")).status_code == 303
    registration = Registration.objects.get()
    assert registration.finder_answers == {}
    resubmission = Resubmission.objects.get()
    assert resubmission.data["finder_answers"] == STORED
    assert resubmission.as_registration().finder_answer_summary[0] == (
        "Wat is je hoogste opleiding?",
        "hbo (hogeschool)",
    )
    assert client.post(f"/aanmelding/bevestigen/{resubmission.token}/").status_code == 200
    registration.refresh_from_db()
    assert registration.finder_answers == STORED


# Staff --------------------------------------------------------------------------------------------------------------


def test_staff_read_the_answers_in_words_and_only_what_the_finder_knows(make_registration):
    registration = make_registration(finder_answers={**STORED, "rol": "astronaut", "extra": "<b>"})
    assert registration.finder_answer_summary == [
        ("Wat is je hoogste opleiding?", "hbo (hogeschool)"),
        ("Hoeveel technische werkervaring heb je?", "Geen"),
        ("Wil je je huidige baan houden?", "Ja, ik wil mijn baan houden"),
        ("Waar wil je lesgeven?", "Het mbo"),
    ]
    assert make_registration(finder_answers=["not", "a", "dict"]).finder_answer_summary == []


def test_staff_see_the_answers_in_the_admin_and_the_export(client, staff_user, make_registration):
    with_answers = make_registration(name="Finder Fenna", finder_answers=STORED)
    without = make_registration(name="Zonder Zoë")
    client.force_login(staff_user)
    html = client.get(f"/admin/aanmeldingen/inspect/{with_answers.pk}/").content.decode()
    assert '<h2 id="routewijzer" class="w-h2">Antwoorden uit de routewijzer</h2>' in html
    assert "<tr><td>Wat is je hoogste opleiding?</td><td>hbo (hogeschool)</td></tr>" in html
    assert "<tr><td>Welke rol zoek je?</td><td>Docent, met een bevoegdheid</td></tr>" in html
    html = client.get(f"/admin/aanmeldingen/inspect/{without.pk}/").content.decode()
    assert "Geen antwoorden meegestuurd." in html

    response = client.get("/admin/aanmeldingen/?export=csv")
    rows = {
        row["Naam"]: row
        for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    }
    assert rows["Finder Fenna"]["Antwoorden uit de routewijzer"].startswith(
        "Wat is je hoogste opleiding? hbo (hogeschool); Hoeveel technische werkervaring heb je? Geen"
    )
    assert rows["Zonder Zoë"]["Antwoorden uit de routewijzer"] == ""


def test_the_staff_e_mail_lists_the_answers(client, routes, regions, smtp_server):
    assert client.post(REGISTER, valid_data(**FINDER, send_finder_answers="on")).status_code == 303
    send_due_reminders.apply()
    (staff_mail,) = [item for item in smtp_server.messages if "oost-1@example.org" in item["to"]]
    text = staff_mail["message"].get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert (
        "Antwoorden uit de routewijzer:\n"
        "- Wat is je hoogste opleiding? hbo (hogeschool)\n"
        "- Hoeveel technische werkervaring heb je? Geen\n"
        "- Wil je je huidige baan houden? Ja, ik wil mijn baan houden\n"
        "- Waar wil je lesgeven? Het mbo\n"
        "- Welke rol zoek je? Docent, met een bevoegdheid\n"
    ) in text


def test_an_e_mail_without_answers_says_nothing_about_them(client, routes, regions, smtp_server):
    assert client.post(REGISTER, valid_data()).status_code == 303
    send_due_reminders.apply()
    assert smtp_server.messages
    for item in smtp_server.messages:
        assert "routewijzer" not in item["message"].get_body(("plain",)).get_content()


# The stored education values ----------------------------------------------------------------------------------------


@pytest.fixture
def with_education(make_registration):
    """A registration that holds this education value, as the database has it (old or new)."""

    def make(value):
        registration = make_registration()
        Registration.objects.filter(pk=registration.pk).update(education=value)
        registration.refresh_from_db()
        return registration

    return make


def test_the_data_migration_maps_old_values_to_the_vocabulary_and_back(with_education):
    migration = importlib.import_module("recruitment.migrations.0004_finder_answers_and_entry_levels")
    old = {value: with_education(value) for value in ("mbo-2-3", "mbo-4", "vo", "hbo", "anders")}
    waiting = ResubmissionFactory(registration=old["hbo"], data={**STORED, "education": "mbo-4"})

    migration.forwards(apps, None)
    assert {value: Registration.objects.get(pk=item.pk).education for value, item in old.items()} == {
        "mbo-2-3": "mbo2-3",
        "mbo-4": "mbo4",
        "vo": "vo",
        "hbo": "hbo",
        "anders": "anders",
    }
    waiting.refresh_from_db()
    assert waiting.data["education"] == "mbo4"

    new = {value: with_education(value) for value in ("vmbo", "havo-vwo", "weet-niet")}
    migration.backwards(apps, None)
    assert {value: Registration.objects.get(pk=item.pk).education for value, item in {**old, **new}.items()} == {
        "mbo-2-3": "mbo-2-3",
        "mbo-4": "mbo-4",
        "vo": "vo",
        "hbo": "hbo",
        "anders": "anders",
        "vmbo": "vo",
        "havo-vwo": "vo",
        "weet-niet": "anders",
    }
    waiting.refresh_from_db()
    assert waiting.data["education"] == "mbo-4"


def test_a_stored_value_the_form_no_longer_offers_still_reads_as_before(with_education):
    assert with_education("vo").get_education_display() == "vmbo, havo of vwo"
