"""Editors open an event for sign-up in the admin (places, closing time, video link, regions, questions); the page
knows when sign-up is open, hands its sign-up and cancel URLs to the recruitment app, and never shows the video
link. The .ics file is built by one function, for the page's download and the confirmation e-mail alike."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import EventPage
from content.models.events import EventQuestion, event_calendar
from tests.routes.factories import RegionFactory

from .factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VIDEO_LINK = "https://video.example.org/geheime-kamer-8431"


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("redactie", "redactie@example.org", "lang-wachtwoord-9")
    )
    return client


def event_form(**fields):
    data = {
        "title": "Informatieavond zij-instroom",
        "slug": "informatieavond-zij-instroom",
        "intro": "Hoor hoe je docent wordt naast je baan.",
        "start_date": "2030-03-12",
        "start_time": "19:30",
        "end_time": "21:00",
        "online": "on",
        "location": "",
        "video_link": VIDEO_LINK,
        "audience": "Mensen uit de techniek",
        "signup_enabled": "on",
        "capacity": "25",
        "signup_closes_at": "2030-03-11 12:00",
        "sign_up": rich_text(""),
        "sign_up_url": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
        "questions": inline_formset(
            [{"text": "Wat wil je vooral weten?", "required": "on"}, {"text": "Welke opleiding heb je?"}]
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def test_editors_open_an_event_for_sign_up_in_the_admin(editor_client, agenda):
    north, south = RegionFactory(name="Noord"), RegionFactory(name="Zuid")

    form = editor_client.get(f"/admin/pages/add/content/eventpage/{agenda.pk}/").content.decode()
    for label in ("Aanmelden via deze site", "Aantal plaatsen", "Aanmelden kan tot", "Videolink", "Regio&#x27;s"):
        assert label in form, label
    assert "Alleen wie zich aanmeldt krijgt deze link." in form
    assert 'name="questions-TOTAL_FORMS"' in form
    assert form.index("Aanmelden via deze site") < form.index('name="questions-TOTAL_FORMS"')

    data = event_form(**{"action-publish": "publish"})
    data["regions"] = [str(north.pk)]
    response = editor_client.post(f"/admin/pages/add/content/eventpage/{agenda.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="informatieavond-zij-instroom")
    assert event.live
    assert event.signup_enabled and event.capacity == 25 and event.video_link == VIDEO_LINK
    assert event.signup_closes_at == dt.datetime(2030, 3, 11, 12, 0, tzinfo=AMSTERDAM)
    assert list(event.regions.all()) == [north]
    assert south not in event.regions.all()
    assert [(question.text, question.required) for question in event.questions.all()] == [
        ("Wat wil je vooral weten?", True),
        ("Welke opleiding heb je?", False),
    ]
    assert EventQuestion.objects.filter(page=event).count() == 2


def test_sign_up_cannot_close_after_the_event_starts(editor_client, agenda):
    data = event_form(signup_closes_at="2030-03-12 20:00")
    response = editor_client.post(f"/admin/pages/add/content/eventpage/{agenda.pk}/", data)

    assert response.status_code == 200
    assert "Aanmelden moet sluiten voordat de bijeenkomst begint." in response.content.decode()
    assert not EventPage.objects.filter(slug="informatieavond-zij-instroom").exists()


def test_a_capacity_of_nought_is_refused(agenda):
    event = EventPageFactory.build(capacity=0, signup_enabled=True)
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["path", "depth", "slug"])
    assert "capacity" in error.value.message_dict


def test_the_event_starts_in_amsterdam(agenda):
    winter = EventPageFactory(parent=agenda, start_date=dt.date(2030, 1, 15), start_time=dt.time(19, 30))
    summer = EventPageFactory(parent=agenda, start_date=dt.date(2030, 7, 15), start_time=dt.time(19, 30))
    all_day = EventPageFactory(parent=agenda, start_date=dt.date(2030, 7, 16), start_time=None, end_time=None)

    assert winter.starts_at == dt.datetime(2030, 1, 15, 18, 30, tzinfo=dt.UTC)
    assert summer.starts_at == dt.datetime(2030, 7, 15, 17, 30, tzinfo=dt.UTC)
    assert all_day.starts_at == dt.datetime(2030, 7, 15, 22, 0, tzinfo=dt.UTC)
    assert str(summer.starts_at.tzinfo) == "Europe/Amsterdam"


def test_sign_up_is_open_until_it_closes_or_else_until_the_start(agenda):
    event = EventPageFactory(
        parent=agenda, start_date=dt.date(2030, 3, 12), start_time=dt.time(19, 30), signup_enabled=True
    )
    starts = dt.datetime(2030, 3, 12, 19, 30, tzinfo=AMSTERDAM)

    assert event.signup_is_open(now=starts - dt.timedelta(minutes=1))
    assert not event.signup_is_open(now=starts)

    event.signup_closes_at = dt.datetime(2030, 3, 11, 12, 0, tzinfo=AMSTERDAM)
    assert event.signup_is_open(now=event.signup_closes_at - dt.timedelta(seconds=1))
    assert not event.signup_is_open(now=event.signup_closes_at)
    assert not event.signup_is_open(now=starts - dt.timedelta(minutes=1))

    event.signup_enabled = False
    assert not event.signup_is_open(now=dt.datetime(2030, 1, 1, tzinfo=AMSTERDAM))
    assert event.signup_is_open() is False


def test_the_video_link_never_reaches_the_page(client, agenda):
    closed = EventPageFactory(parent=agenda, video_link=VIDEO_LINK, sign_up_url="https://elders.example.org/")
    opened = EventPageFactory(parent=agenda, video_link=VIDEO_LINK, signup_enabled=True, capacity=10)
    opened.questions = [EventQuestion(text="Wat wil je vooral weten?", required=True)]
    opened.save()

    for event in (closed, opened):
        for url in (event.url, event.url + "kalender/", agenda.url, "/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "video.example.org" not in response.content.decode(), url
    assert "geheime-kamer" not in event_calendar(opened).decode()


def test_without_sign_up_the_page_keeps_its_sign_up_text(client, agenda):
    event = EventPageFactory(
        parent=agenda, sign_up="<p>Stuur een mail naar de regio.</p>", sign_up_url="https://elders.example.org/"
    )

    html = client.get(event.url).content.decode()

    assert "Stuur een mail naar de regio." in html
    assert 'href="https://elders.example.org/"' in html


def test_sign_up_and_cancel_urls_are_not_found_while_sign_up_is_off(client, agenda):
    event = EventPageFactory(parent=agenda, signup_enabled=False)

    assert client.get(event.url + "aanmelden/").status_code == 404
    assert client.post(event.url + "aanmelden/", {"name": "Sam"}).status_code == 404
    assert client.get(event.url + "afmelden/een-code/").status_code == 404
    assert event.reverse_subpage("sign_up") == "aanmelden/"
    assert event.reverse_subpage("cancel", kwargs={"token": "abc"}) == "afmelden/abc/"


def test_a_page_open_for_sign_up_is_never_stored_in_a_cache(client, agenda):
    plain = EventPageFactory(parent=agenda)
    opened = EventPageFactory(parent=agenda, signup_enabled=True)

    assert "private" not in client.get(plain.url).get("Cache-Control", "")
    cache_control = client.get(opened.url)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_page_names_the_regions_it_is_for(client, agenda):
    event = EventPageFactory(parent=agenda, regions=[RegionFactory(name="Twente"), RegionFactory(name="Achterhoek")])
    everyone = EventPageFactory(parent=agenda)

    html = client.get(event.url).content.decode()
    assert "<dt>Regio</dt>" in html
    assert "Twente" in html and "Achterhoek" in html
    assert "<dt>Regio</dt>" not in client.get(everyone.url).content.decode()


def test_one_calendar_for_the_download_and_the_e_mail(client, agenda):
    event = EventPageFactory(
        parent=agenda,
        title="Open avond",
        start_date=dt.date(2030, 7, 15),
        start_time=dt.time(19, 30),
        end_time=dt.time(21, 0),
        online=False,
        location="Windesheim, Zwolle",
    )

    download = client.get(event.url + "kalender/")
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    assert download["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'

    by_request = Calendar.from_ical(download.content).walk("VEVENT")[0]
    without_request = Calendar.from_ical(event_calendar(event)).walk("VEVENT")[0]
    for vevent in (by_request, without_request):
        assert str(vevent["summary"]) == "Open avond"
        assert str(vevent["location"]) == "Windesheim, Zwolle"
        assert vevent["dtstart"].dt == dt.datetime(2030, 7, 15, 19, 30, tzinfo=AMSTERDAM)
        assert vevent["dtend"].dt == dt.datetime(2030, 7, 15, 21, 0, tzinfo=AMSTERDAM)
        assert str(vevent["url"]).endswith(event.url)
    assert by_request["uid"] == without_request["uid"]
