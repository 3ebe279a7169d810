"""The stale-facts reminder, with time moved forward (no sleeping): a live route whose facts were never checked,
were checked longer ago than ROUTES_FACTS_CHECK_MONTHS, or lack a source is due; its editors get one e-mail per due
period. Real PostgreSQL and a real SMTP server (aiosmtpd); the beat task runs in this process (``apply``)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.auth.models import User

from content.models import SiteSettings
from routes.admin_forms import FACT_SOURCE_FIELDS
from routes.facts_check import due_routes, facts_check, months_before
from routes.models import RoutePage, Source
from routes.tasks import remind_stale_route_facts
from tests import helpers

from .factories import RouteIndexPageFactory, RoutePageFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 11, 12)


def at(day, hour=9):
    """9:15 in Amsterdam on that day, when the beat runs the task."""
    return datetime.combine(day, time(hour, 15), tzinfo=AMSTERDAM)


@pytest.fixture
def editors_group(db):
    """Wagtail's usual editors: the admin, and adding, changing and publishing pages anywhere."""
    return helpers.editors_group()


@pytest.fixture
def make_editor(editors_group):
    def make(username, **fields):
        user = User.objects.create_user(username, fields.pop("email", f"{username}@example.org"), **fields)
        user.groups.add(editors_group)
        return user

    return make


@pytest.fixture
def route_index(home_page):
    return RouteIndexPageFactory(parent=home_page)


@pytest.fixture
def source(db):
    return Source.objects.create(
        title="Zij-instroom in het beroep van leraar",
        publisher="Rijksoverheid",
        published="2024",
        url="https://www.rijksoverheid.nl/",
    )


@pytest.fixture
def make_route(route_index, source):
    """A live route with a source for every group of facts, checked on the given day."""

    def make(title, checked_on=TODAY, owner=None, **fields):
        sources = {name: source for name in FACT_SOURCE_FIELDS.values()}
        return RoutePageFactory(
            parent=route_index, title=title, facts_checked_on=checked_on, owner=owner, **{**sources, **fields}
        )

    return make


def run():
    return remind_stale_route_facts.apply().get()


def mails_about(smtp_server, route):
    return [mail for mail in smtp_server.messages if route.title in mail["message"]["Subject"]]


def test_one_reminder_when_the_facts_fall_due_and_none_again_until_they_fall_due_again(
    smtp_server, make_route, make_editor
):
    owner = make_editor("eigenaar")
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        route = make_route("Zij-instroom", checked_on=TODAY, owner=owner)
        assert run()["sent"] == 0

        traveller.move_to(at(date(2027, 11, 12)))  # exactly twelve months: still on time
        assert run()["sent"] == 0
        assert smtp_server.messages == []

        traveller.move_to(at(date(2027, 11, 13)))  # twelve months and a day
        assert run()["sent"] == 1
        [mail] = smtp_server.messages
        assert mail["to"] == ["eigenaar@example.org"]
        message = mail["message"]
        assert message["Subject"] == "Controleer de feiten van de route Zij-instroom"
        assert message["Auto-Submitted"] == "auto-generated"
        body = message.get_content()
        assert "De feiten zijn het laatst gecontroleerd op 12 november 2026: langer dan 12 maanden geleden." in body
        assert f"http://127.0.0.1:8000/admin/pages/{route.pk}/edit/" in body
        assert "http://127.0.0.1:8000/admin/reports/routes-te-controleren/" in body
        route.refresh_from_db()
        assert route.facts_reminder_sent_on == date(2027, 11, 13)

        assert run()["sent"] == 0  # a second run the same day (a restarted beat)
        traveller.move_to(at(date(2027, 11, 14)))
        assert run()["sent"] == 0
        traveller.move_to(at(date(2028, 2, 1)))
        assert run()["sent"] == 0
        assert len(smtp_server.messages) == 1

        # The editor compares the facts with the sources and publishes the route with today's date.
        route.refresh_from_db()
        route.facts_checked_on = date(2028, 2, 1)
        route.save_revision(user=owner).publish()
        for day in (date(2028, 2, 1), date(2028, 2, 2), date(2029, 2, 1)):
            traveller.move_to(at(day))
            assert run()["sent"] == 0
        assert len(smtp_server.messages) == 1

        traveller.move_to(at(date(2029, 2, 2)))  # due again
        assert run()["sent"] == 1
        assert len(smtp_server.messages) == 2
        assert "laatst gecontroleerd op 1 februari 2028" in smtp_server.messages[1]["message"].get_content()
        traveller.move_to(at(date(2029, 2, 3)))
        assert run()["sent"] == 0


def test_checked_the_same_day_as_the_reminder_the_route_is_reminded_again_when_it_falls_due_again(
    smtp_server, make_route, make_editor
):
    owner = make_editor("eigenaar")
    with time_machine.travel(at(date(2025, 1, 1)), tick=False) as traveller:
        route = make_route("Pabo-route", checked_on=None, owner=owner)
        assert run()["sent"] == 1
        RoutePage.objects.filter(pk=route.pk).update(facts_checked_on=date(2025, 1, 1))  # checked within the hour
        traveller.move_to(at(date(2025, 1, 2)))
        assert run()["sent"] == 0
        traveller.move_to(at(date(2026, 1, 2)))
        assert run()["sent"] == 1
        assert len(smtp_server.messages) == 2


def test_a_route_never_checked_is_due_and_reminded_once(smtp_server, make_route, make_editor):
    owner = make_editor("eigenaar")
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        route = make_route("Nooit gecontroleerd", checked_on=None, owner=owner)
        assert run()["sent"] == 1
        assert "De feiten zijn nog nooit met de bronnen vergeleken." in smtp_server.messages[0]["message"].get_content()
        traveller.move_to(at(TODAY + timedelta(days=400)))
        assert run()["sent"] == 0
    route.refresh_from_db()
    assert route.facts_reminder_sent_on == TODAY


def test_a_route_with_a_missing_source_is_due_even_when_checked_today(smtp_server, make_route, make_editor):
    owner = make_editor("eigenaar")
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        complete = make_route("Volledig", owner=owner)
        missing = make_route("Zonder bronnen", owner=owner, cost_source=None, funding_source=None)
        assert list(due_routes()) == [missing]
        assert run() == {"sent": 1, "skipped": 0, "failed": 0}
        [mail] = smtp_server.messages
        assert "Zonder bronnen" in mail["message"]["Subject"]
        assert "Er ontbreekt een bron: bron voor de kosten, bron voor de financiering." in mail["message"].get_content()
        assert not mails_about(smtp_server, complete)

        # Reminded of the missing sources; the route then also falls out of date: a new reason, a new reminder.
        traveller.move_to(at(TODAY + timedelta(days=1)))
        assert run()["sent"] == 0
        traveller.move_to(at(date(2027, 11, 13)))
        assert run()["sent"] == 2  # the complete route is out of date now too
        assert len(mails_about(smtp_server, missing)) == 2


def test_a_refused_recipient_does_not_stop_the_mail_for_another_route(smtp_server, make_route, make_editor):
    refused = make_editor("weigert")
    accepted = make_editor("ontvangt")
    original_rcpt = smtp_server.handle_RCPT

    async def refuse_one(server, session, envelope, address, rcpt_options):
        if address == "weigert@example.org":
            return "550 5.1.1 No such mailbox"
        return await original_rcpt(server, session, envelope, address, rcpt_options)

    smtp_server.handle_RCPT = refuse_one  # aiosmtpd reads the handler's hooks for each new connection
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        first = make_route("Eerste route", checked_on=None, owner=refused)
        second = make_route("Tweede route", checked_on=None, owner=accepted)
        assert run() == {"sent": 1, "skipped": 0, "failed": 1}
        assert [mail["to"] for mail in smtp_server.messages] == [["ontvangt@example.org"]]
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.facts_reminder_sent_on is None  # nothing recorded: the next run tries again
        assert second.facts_reminder_sent_on == TODAY

        smtp_server.handle_RCPT = original_rcpt  # the mailbox exists again
        traveller.move_to(at(TODAY + timedelta(days=1)))
        assert run() == {"sent": 1, "skipped": 1, "failed": 0}  # the second route was reminded already
        assert [mail["to"] for mail in smtp_server.messages] == [["ontvangt@example.org"], ["weigert@example.org"]]


def test_the_editors_are_the_owner_and_the_recent_revisers_who_can_still_edit(smtp_server, make_route, make_editor):
    owner = make_editor("eigenaar")
    reviser = make_editor("bewerker")
    left = make_editor("vertrokken")
    left.groups.clear()  # no longer an editor
    inactive = make_editor("inactief", is_active=False)
    without_address = make_editor("zonderadres", email="")
    with time_machine.travel(at(TODAY), tick=False):
        route = make_route("Route met redactie", checked_on=None, owner=owner)
        for user in (without_address, inactive, left, reviser, owner):
            route.save_revision(user=user)
        run()
    assert [mail["to"] for mail in smtp_server.messages] == [["eigenaar@example.org", "bewerker@example.org"]]


def test_without_editors_the_content_team_is_reminded(smtp_server, make_route, make_editor, settings):
    settings.ROUTES_CONTENT_TEAM_EMAILS = ["redactie@example.org", "inhoud@example.org"]
    gone = make_editor("oud", is_active=False)
    with time_machine.travel(at(TODAY), tick=False):
        make_route("Zonder eigenaar", checked_on=None)
        make_route("Met oud-redacteur", checked_on=None, owner=gone)
        assert run()["sent"] == 2
    assert [mail["to"] for mail in smtp_server.messages] == [["redactie@example.org", "inhoud@example.org"]] * 2


def test_without_a_content_team_the_sites_contact_address_is_reminded_or_nothing_is_recorded(
    smtp_server, make_route, settings, home_page
):
    settings.ROUTES_CONTENT_TEAM_EMAILS = []
    with time_machine.travel(at(TODAY), tick=False):
        route = make_route("Niemand", checked_on=None)
        assert run() == {"sent": 0, "skipped": 0, "failed": 1}
        route.refresh_from_db()
        assert route.facts_reminder_sent_on is None

        SiteSettings.objects.update_or_create(site=home_page.get_site(), defaults={"contact_email": "info@example.org"})
        assert run()["sent"] == 1
    assert smtp_server.messages[0]["to"] == ["info@example.org"]


def test_the_number_of_months_is_a_setting(smtp_server, make_route, make_editor, settings):
    settings.ROUTES_FACTS_CHECK_MONTHS = 6
    with time_machine.travel(at(date(2027, 5, 12)), tick=False) as traveller:
        route = make_route("Halfjaarlijks", checked_on=TODAY, owner=make_editor("eigenaar"))
        assert run()["sent"] == 0
        traveller.move_to(at(date(2027, 5, 13)))
        assert run()["sent"] == 1
    assert mails_about(smtp_server, route)
    assert "langer dan 6 maanden geleden" in smtp_server.messages[0]["message"].get_content()


def test_drafts_and_unpublished_routes_are_never_due(smtp_server, make_route, make_editor):
    with time_machine.travel(at(TODAY), tick=False):
        route = make_route("Concept", checked_on=None, owner=make_editor("eigenaar"))
        route.unpublish()
        assert list(due_routes()) == []
        assert run() == {"sent": 0, "skipped": 0, "failed": 0}
    assert smtp_server.messages == []


def test_a_route_that_is_no_longer_due_or_is_locked_by_another_run_is_skipped(smtp_server, make_route, make_editor):
    from routes.tasks import remind_editors

    with time_machine.travel(at(TODAY), tick=False):
        route = make_route("Net gecontroleerd", checked_on=None, owner=make_editor("eigenaar"))
        RoutePage.objects.filter(pk=route.pk).update(facts_checked_on=TODAY)  # checked between the scan and the send
        assert remind_editors(route.pk, TODAY) == "skipped"
    assert smtp_server.messages == []


def test_the_database_rule_and_the_rule_for_one_route_agree(make_route, source):
    cases = {
        "today": {"checked_on": TODAY},
        "twelve months ago": {"checked_on": months_before(TODAY, 12)},
        "twelve months and a day ago": {"checked_on": months_before(TODAY, 12) - timedelta(days=1)},
        "never": {"checked_on": None},
        "no source for the duration": {"duration_source": None},
        "no sources at all": {name: None for name in FACT_SOURCE_FIELDS.values()},
    }
    routes = {name: make_route(name, **fields) for name, fields in cases.items()}
    due = set(due_routes(TODAY).values_list("title", flat=True))
    assert due == {name for name, route in routes.items() if facts_check(route, TODAY).is_due}
    assert due == {"twelve months and a day ago", "never", "no source for the duration", "no sources at all"}


def test_the_beat_runs_the_reminder_daily_in_the_morning(settings):
    from celery.schedules import crontab

    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["routes-remind-stale-route-facts"]
    assert entry["task"] == "routes.tasks.remind_stale_route_facts" in app.tasks
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {9} and app.conf.timezone == "Europe/Amsterdam"
    assert settings.ROUTES_FACTS_CHECK_MONTHS == 12


def test_publishing_an_old_draft_keeps_the_reminder_date(smtp_server, make_route, make_editor):
    """A revision holds the page's content; the reminder date belongs to the page. Publishing a draft saved before
    the reminder must not bring the old (empty) date back, or the editors would be reminded a second time."""
    owner = make_editor("eigenaar")
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        route = make_route("Kopopleiding", checked_on=TODAY, owner=owner)
        draft = RoutePage.objects.get(pk=route.pk)
        draft.intro = "Een nieuwe inleiding."
        revision = draft.save_revision()  # saved before the facts fall due
        traveller.move_to(at(date(2027, 11, 13)))
        assert run()["sent"] == 1
        revision.publish()
        route.refresh_from_db()
        assert route.intro == "Een nieuwe inleiding."
        assert route.facts_reminder_sent_on == date(2027, 11, 13)
        traveller.move_to(at(date(2027, 11, 14)))
        assert run()["sent"] == 0
        assert len(mails_about(smtp_server, route)) == 1
