"""Signing up for an event: places held under 50 simultaneous sign-ups, the waiting list in order, a cancellation
promoting the first waiting exactly once (also when two race), the messages once per (sign-up, kind) through the real
outbox and a real SMTP server, the form with and without htmx, and hostile posts that never give a server error."""

import datetime as dt
import re
import threading
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.db import connection, connections
from django.test import Client, override_settings
from django.utils import timezone

from recruitment.delivery import deliver_pending
from recruitment.events import cancel, sign_up
from recruitment.models import EventSignUp, MessageState, OutgoingMessage, Registration, SignUpStatus
from tests.site.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def make_event(home, **fields):
    from content.models.events import EventQuestion

    index = home.get_children().type(EventIndexPageFactory._meta.model).first()
    if index is None:
        index = EventIndexPageFactory(parent=home)
    questions = fields.pop("questions", [])
    defaults = {"signup_enabled": True, "capacity": 10, "location": "ROC Twente, Hengelo"}
    event = EventPageFactory(parent=index, **{**defaults, **fields})
    for number, (text, required) in enumerate(questions):
        EventQuestion.objects.create(page=event, text=text, required=required, sort_order=number)
    return event


@pytest.fixture
def event(home):
    return make_event(home)


def person(number):
    return {"name": f"Deelnemer {number}", "email": f"deelnemer-{number}@example.org", "phone": "", "needs": ""}


def in_threads(count, work):
    """Run work(i) in count threads that start together; each closes its own database connection."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # collected and raised in the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def kinds_of(sign_up):
    return sorted(sign_up.messages.values_list("kind", flat=True))


# --- capacity under concurrency -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_sign_ups_for_ten_places_confirm_exactly_ten_and_queue_the_rest_in_order(home, postgres):
    event = make_event(home, capacity=10)

    outcomes = in_threads(50, lambda i: sign_up(event, person(i)))

    assert EventSignUp.objects.count() == 50
    assert EventSignUp.objects.confirmed().count() == 10
    waiting = list(EventSignUp.objects.waiting())
    assert len(waiting) == 40
    confirmed_last = max(s.created_at for s in EventSignUp.objects.confirmed())
    assert all(s.created_at >= confirmed_last for s in waiting), "places went in the order of signing up"
    # Each visitor was told their place; the places are the waiting list's order.
    told = {o.sign_up.pk: o.waiting_place for o in outcomes if o.is_waiting}
    assert [told[s.pk] for s in waiting] == list(range(1, 41))
    assert [s.waiting_place() for s in waiting] == list(range(1, 41))
    assert OutgoingMessage.objects.filter(kind="event_confirmation").count() == 10
    assert OutgoingMessage.objects.filter(kind="event_waiting").count() == 40


@pytest.mark.django_db(transaction=True)
def test_the_same_address_ten_times_at_once_is_one_sign_up_with_one_message(home, postgres):
    event = make_event(home, capacity=10)

    outcomes = in_threads(
        10,
        lambda i: sign_up(event, {**person(1), "email": ["deelnemer-1@example.org", "DEELNEMER-1@example.org"][i % 2]}),
    )

    assert EventSignUp.objects.count() == 1
    assert sum(outcome.created for outcome in outcomes) == 1
    assert {outcome.sign_up.pk for outcome in outcomes} == {EventSignUp.objects.get().pk}
    assert OutgoingMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_racing_cancellations_promote_one_each_and_never_the_same_person_twice(home, postgres):
    event = make_event(home, capacity=2)
    people = [sign_up(event, person(i)).sign_up for i in range(5)]
    first, second, *waiting = people
    assert [p.status for p in people] == ["confirmed"] * 2 + ["waiting"] * 3

    promoted = in_threads(2, lambda i: cancel([first, second][i]))

    assert sorted(s.pk for batch in promoted for s in batch) == [waiting[0].pk, waiting[1].pk]
    for sign_up_ in waiting[:2]:
        sign_up_.refresh_from_db()
        assert sign_up_.status == SignUpStatus.CONFIRMED and sign_up_.promoted_at
        assert kinds_of(sign_up_) == ["event_promoted", "event_waiting"]
    waiting[2].refresh_from_db()
    assert waiting[2].status == SignUpStatus.WAITING and waiting[2].waiting_place() == 1
    assert EventSignUp.objects.confirmed().count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_cancellation_twice_at_once_promotes_once(home, postgres):
    event = make_event(home, capacity=1)
    people = [sign_up(event, person(i)).sign_up for i in range(3)]

    promoted = in_threads(2, lambda i: cancel(EventSignUp.objects.get(pk=people[0].pk)))

    assert sorted(len(batch) for batch in promoted) == [0, 1]
    assert [s.status for s in EventSignUp.objects.order_by("pk")] == ["cancelled", "confirmed", "waiting"]
    assert OutgoingMessage.objects.filter(kind="event_promoted").count() == 1
    assert OutgoingMessage.objects.filter(kind="event_cancelled").count() == 1


def test_places_added_by_an_editor_go_to_those_waiting_first(event):
    event.capacity = 1
    event.save()
    first, second, third = (sign_up(event, person(i)).sign_up for i in range(3))
    event.capacity = 2
    event.save()

    newcomer = sign_up(event, person(9))

    second.refresh_from_db()
    assert second.status == SignUpStatus.CONFIRMED
    assert newcomer.is_waiting and newcomer.waiting_place == 2


def test_without_a_capacity_everyone_gets_a_place(home):
    event = make_event(home, capacity=None)
    assert all(not sign_up(event, person(i)).is_waiting for i in range(12))


# --- the same address twice ----------------------------------------------------------------------------------------


def test_the_same_address_twice_keeps_the_first_sign_up_and_gets_the_answer_anyone_would_get(event):
    first = sign_up(event, person(1))
    again = sign_up(event, {**person(1), "email": "Deelnemer-1@example.org", "name": "Iemand anders"})
    stranger = sign_up(event, person(2))

    assert again.sign_up.pk == first.sign_up.pk and not again.created
    assert (again.status, again.waiting_place) == (stranger.status, stranger.waiting_place)
    assert EventSignUp.objects.filter(email__iexact="deelnemer-1@example.org").count() == 1
    assert EventSignUp.objects.get(pk=first.sign_up.pk).name == "Deelnemer 1", "nothing is overwritten"
    assert kinds_of(first.sign_up) == ["event_confirmation"]


def test_after_cancelling_the_same_address_can_sign_up_again(event):
    first = sign_up(event, person(1)).sign_up
    cancel(first)
    again = sign_up(event, person(1))
    assert again.created and again.sign_up.pk != first.pk


# --- the outbox and the e-mails ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_messages_go_once_per_sign_up_and_kind_even_when_delivery_runs_twice_at_once(home, postgres, smtp_server):
    event = make_event(home, capacity=3)
    people = [sign_up(event, person(i)).sign_up for i in range(5)]
    cancel(people[0])  # a receipt for the first, a promotion for the fourth

    reports = in_threads(2, lambda i: deliver_pending())
    in_threads(2, lambda i: deliver_pending())  # and once more: nothing is left to send

    messages = OutgoingMessage.objects.filter(sign_up__isnull=False)
    assert messages.count() == 7
    assert sum(report.sent for report in reports) == 5
    # What is no longer true when its turn comes is not sent: the confirmation of who cancelled, the waiting-list
    # notice of who moved up meanwhile.
    skipped = messages.filter(state=MessageState.SKIPPED)
    assert sorted(skipped.values_list("sign_up__email", "kind")) == [
        ("deelnemer-0@example.org", "event_confirmation"),
        ("deelnemer-3@example.org", "event_waiting"),
    ]
    assert messages.filter(state=MessageState.SENT).count() == 5
    sent = smtp_server.wait_for(5)
    assert len(sent) == 5
    ids = [mail["message"]["Message-ID"] for mail in sent]
    assert len(set(ids)) == 5 and all(i.startswith("<sign-up-") for i in ids)
    by_address = {}
    for mail in sent:
        by_address.setdefault(mail["to"][0], []).append(str(mail["message"]["Subject"]))
    assert by_address["deelnemer-3@example.org"] == [f"Er is een plaats voor je: {event.title}"]
    assert by_address["deelnemer-4@example.org"] == [f"Je staat op de wachtlijst: {event.title}"]
    assert by_address["deelnemer-0@example.org"] == [f"Je bent afgemeld: {event.title}"]


def test_the_confirmation_read_from_the_smtp_server_has_the_calendar_the_qr_code_the_code_and_the_cancel_link(
    event, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    outcome = sign_up(event, {**person(1), "needs": "Een rolstoelplek"})

    report = deliver_pending(sign_up_id=outcome.sign_up.pk)

    assert report.sent == 1
    (mail,) = smtp_server.wait_for(1)
    message = mail["message"]
    assert mail["to"] == ["deelnemer-1@example.org"]
    assert message["Subject"] == f"Je bent aangemeld: {event.title}"
    parts = {part.get_content_type(): part for part in message.walk()}
    calendar = parts["text/calendar"].get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "BEGIN:VEVENT" in calendar and event.title in calendar
    png = parts["image/png"]
    assert png.get_filename() == "aanmeldcode.png"
    assert png.get_content().startswith(b"\x89PNG\r\n\x1a\n")
    text = parts["text/plain"].get_content()
    token = outcome.sign_up.token
    assert token in text and token in parts["text/html"].get_content()
    assert "Een rolstoelplek" in text
    cancel_url = f"https://techniekdocent.example.org{event.url}afmelden/{token}/"
    assert cancel_url in text
    assert OutgoingMessage.objects.get(sign_up=outcome.sign_up).state == MessageState.SENT


def test_the_qr_code_holds_the_token(event):
    import segno

    from recruitment.emails import check_in_code_png

    token = sign_up(event, person(1)).sign_up.token
    assert check_in_code_png(token) != check_in_code_png(token + "x")
    assert segno.make(token, error="m").designator  # the same code the PNG is drawn from


def test_the_periodic_scan_sends_what_the_broker_never_delivered(event, smtp_server):
    from recruitment.tasks import send_due_reminders

    sign_up(event, person(1))  # the task enqueued on commit never ran (no worker here): the row waits

    assert send_due_reminders()["sent"] == 1
    assert smtp_server.wait_for(1)[0]["to"] == ["deelnemer-1@example.org"]


def test_an_online_event_s_confirmation_has_the_calendar_and_says_the_video_link_follows(home):
    from recruitment.emails import build_sign_up_email

    event = make_event(home, location="", online=True, video_link="https://video.example.org/geheim")
    email = build_sign_up_email("event_confirmation", sign_up(event, person(1)).sign_up)
    assert [mimetype for _name, _content, mimetype in email.attachments] == ["text/calendar"]
    assert "De link om mee te doen sturen we je vlak voor de bijeenkomst." in email.body
    assert "video.example.org" not in email.body + email.alternatives[0][0]


def test_a_waiting_notice_names_the_place_and_has_no_attachments(event):
    from recruitment.emails import build_sign_up_email

    event.capacity = 1
    event.save()
    sign_up(event, person(1))
    waiting = sign_up(event, person(2)).sign_up
    email = build_sign_up_email("event_waiting", waiting)
    assert "op plaats 1" in email.body and not email.attachments
    assert waiting.token not in email.body.replace(f"afmelden/{waiting.token}/", "")


def test_a_failing_sign_up_message_is_retried_and_then_failed_with_one_warning_to_staff(event, settings, smtp_server):
    settings.RECRUITMENT_SEND_MAX_ATTEMPTS = 2
    smtp_server.refuse = True
    outcome = sign_up(event, person(1))
    deliver_pending(sign_up_id=outcome.sign_up.pk)
    message = OutgoingMessage.objects.get(sign_up=outcome.sign_up)
    assert message.state == MessageState.PENDING and message.attempts == 1
    deliver_pending(sign_up_id=outcome.sign_up.pk, now=timezone.now() + dt.timedelta(days=1))
    message.refresh_from_db()
    assert message.state == MessageState.FAILED and message.attempts == 2
    # The warning to the event's coordinators (tests/recruitment/test_event_delivery_failure.py), about this sign-up.
    warning = OutgoingMessage.objects.exclude(pk=message.pk).get()
    assert (warning.sign_up_id, warning.kind) == (outcome.sign_up.pk, f"event_delivery_failure_{message.pk}")


def test_a_registration_message_is_still_unique_per_kind_and_needs_its_registration(regions):
    from django.db import IntegrityError, transaction

    from tests.recruitment.factories import RegistrationFactory

    registration = RegistrationFactory(region=regions["east"])
    assert set(registration.messages.values_list("kind", flat=True)) >= {"confirmation"}
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMessage.objects.create(registration=registration, kind="confirmation")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMessage.objects.create(kind="confirmation")  # about nothing
    assert Registration.objects.count() == 1


# --- the form over HTTP ---------------------------------------------------------------------------------------------


def form_data(number=1, **extra):
    return {
        "name": f"Deelnemer {number}",
        "email": f"deelnemer-{number}@example.org",
        "phone": "",
        "needs": "",
        "consent": "on",
        **extra,
    }


def test_the_event_page_shows_the_form_and_a_post_without_javascript_redirects_to_the_outcome(event, client):
    page = client.get(event.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and f'action="{event.url}aanmelden/"' in html
    assert "Heb je iets nodig om mee te kunnen doen?" in html

    response = client.post(f"{event.url}aanmelden/", form_data())
    assert response.status_code == 303 and response["Location"] == f"{event.url}aanmelden/"
    outcome = client.get(response["Location"])
    assert outcome.status_code == 200
    assert "Je bent aangemeld" in outcome.content.decode()
    assert "deelnemer-1@example.org" in outcome.content.decode()
    assert "no-cache" in outcome["Cache-Control"] or "max-age=0" in outcome["Cache-Control"]
    assert EventSignUp.objects.get().status == SignUpStatus.CONFIRMED


def test_with_htmx_the_form_is_swapped_for_the_outcome_with_the_waiting_place(home, client):
    event = make_event(home, capacity=1)
    sign_up(event, person(7))
    response = client.post(f"{event.url}aanmelden/", form_data(), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="aanmelden"' in html
    assert "Je staat op de wachtlijst" in html and "op plaats 1" in html


def test_errors_come_back_in_dutch_with_what_was_typed(home, client):
    event = make_event(home, questions=[("Wat wil je vooral weten?", True)])
    page = client.get(event.url).content.decode()
    assert "Wat wil je vooral weten?" in page
    response = client.post(f"{event.url}aanmelden/", {"name": "Sanne", "email": "geen-adres"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Dit is geen geldig e-mailadres" in html
    assert "Geef antwoord op deze vraag." in html
    assert "Geef toestemming" in html
    assert 'value="Sanne"' in html
    assert not EventSignUp.objects.exists()

    question = event.questions.get()
    client.post(f"{event.url}aanmelden/", form_data(**{f"vraag_{question.pk}": " Hoe lang duurt het? "}))
    assert EventSignUp.objects.get().answers == {str(question.pk): "Hoe lang duurt het?"}


def test_inline_validation_checks_one_field_and_signs_nobody_up(event, client):
    response = client.post(
        f"{event.url}aanmelden/", {**form_data(), "_validate": "email", "email": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Dit is geen geldig e-mailadres" in response.content.decode()
    assert not EventSignUp.objects.exists()


def test_a_closed_or_past_event_shows_no_form_and_takes_no_post(home, client):
    closed = make_event(home, signup_closes_at=timezone.now() - dt.timedelta(minutes=1))
    past = make_event(home, start_date=timezone.localdate() - dt.timedelta(days=1))
    assert "Aanmelden voor deze bijeenkomst kan niet meer." in client.get(closed.url).content.decode()
    for event in (closed, past):
        assert 'name="csrfmiddlewaretoken"' not in client.get(event.url).content.decode()
        response = client.post(f"{event.url}aanmelden/", form_data())
        assert response.status_code == 200
        assert "Aanmelden voor deze bijeenkomst kan niet meer." in response.content.decode()
    assert not EventSignUp.objects.exists()


def test_sign_up_switched_off_is_not_found(home, client):
    event = make_event(home, signup_enabled=False)
    assert client.post(f"{event.url}aanmelden/", form_data()).status_code == 404


def test_a_post_without_the_csrf_token_is_refused(event):
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"{event.url}aanmelden/", form_data()).status_code == 403
    assert not EventSignUp.objects.exists()


def test_the_honeypot_stores_nothing(event, client):
    response = client.post(f"{event.url}aanmelden/", form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not EventSignUp.objects.exists()


def test_too_many_sign_ups_from_one_address_are_refused(event, client, settings):
    settings.EVENT_SIGNUP_RATE_LIMIT = "2/h"
    for number in range(2):
        client.post(f"{event.url}aanmelden/", form_data(number))
    response = client.post(f"{event.url}aanmelden/", form_data(3))
    assert response.status_code == 429 and "Even wachten" in response.content.decode()
    swapped = client.post(f"{event.url}aanmelden/", form_data(4), HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and "Even wachten" in swapped.content.decode(), "htmx swaps only a 200"
    assert EventSignUp.objects.count() == 2


def test_the_cancel_link_asks_first_then_cancels_and_promotes(home, client):
    event = make_event(home, capacity=1)
    first = sign_up(event, person(1)).sign_up
    second = sign_up(event, person(2)).sign_up
    url = f"{event.url}afmelden/{first.token}/"

    page = client.get(url)
    assert page.status_code == 200 and "Ja, meld mij af" in page.content.decode()
    first.refresh_from_db()
    assert first.status == SignUpStatus.CONFIRMED, "opening the link cancels nothing"

    done = client.post(url)
    assert "Je bent afgemeld" in done.content.decode()
    second.refresh_from_db()
    assert second.status == SignUpStatus.CONFIRMED
    assert "Je had je al afgemeld" in client.post(url).content.decode()
    assert OutgoingMessage.objects.filter(kind="event_promoted").count() == 1
    assert client.get(f"{event.url}afmelden/niet-bestaand/").status_code == 404


# --- hostile input --------------------------------------------------------------------------------------------------

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "{{ 7*7 }}", "a" * 5000, "x@y", "\u202e", "on"]),
)
field_names = st.sampled_from(["name", "email", "phone", "needs", "consent", "website", "_validate", "vraag_1", "x"])


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(field_names, st.one_of(hostile_text, st.lists(hostile_text, max_size=3)), max_size=9),
    htmx=st.booleans(),
)
def test_hostile_sign_up_posts_never_give_a_server_error(event_for_hostile_posts, fields, htmx):
    event = event_for_hostile_posts
    client = Client(raise_request_exception=False)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with override_settings(EVENT_SIGNUP_RATE_LIMIT="100000/h"):
        response = client.post(f"{event.url}aanmelden/", fields, **headers)
    assert response.status_code in (200, 303, 400, 429), response.status_code
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)</script>" not in body
    if response.status_code == 303:
        assert urlsplit(response["Location"]).path == f"{event.url}aanmelden/"
    assert not re.search(r"Traceback|Server Error", body)


@pytest.fixture
def event_for_hostile_posts(home):
    return make_event(home, questions=[("Wat wil je vooral weten?", False)])


def test_the_outbox_rows_of_sign_ups_and_registrations_are_one_or_the_other(event):
    sign_up(event, person(1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM recruitment_outgoingmessage WHERE (registration_id IS NULL) = (sign_up_id IS NULL)"
        )
        assert cursor.fetchone()[0] == 0


# --- retention ------------------------------------------------------------------------------------------------------


def test_sign_ups_are_deleted_with_their_messages_after_the_retention_period(home, settings):
    from recruitment.event_tasks import delete_past_event_sign_ups

    settings.RECRUITMENT_RETENTION_MONTHS = 12
    today = timezone.localdate()
    old = make_event(home, start_date=today - dt.timedelta(days=400))
    recent = make_event(home, start_date=today - dt.timedelta(days=300))
    for event in (old, recent):
        EventSignUp.objects.create(event=event, name="Oud", email=f"oud-{event.pk}@example.org")
        OutgoingMessage.objects.create(sign_up=EventSignUp.objects.get(event=event), kind="event_confirmation")

    assert delete_past_event_sign_ups() == 1

    assert list(EventSignUp.objects.values_list("event_id", flat=True)) == [recent.pk]
    assert OutgoingMessage.objects.count() == 1


# --- the staff listing ----------------------------------------------------------------------------------------------


def test_recruitment_staff_see_the_sign_ups_read_only_and_editors_do_not(event, client, staff_user, editor_user):
    outcome = sign_up(event, {**person(1), "needs": "Een tolk"})

    client.force_login(staff_user)
    listing = client.get("/admin/evenementaanmeldingen/")
    assert listing.status_code == 200
    assert "Deelnemer 1" in listing.content.decode() and "Aangemeld" in listing.content.decode()
    detail = client.get(f"/admin/evenementaanmeldingen/inspect/{outcome.sign_up.pk}/")
    assert detail.status_code == 200 and "Een tolk" in detail.content.decode()
    assert outcome.sign_up.token not in detail.content.decode()
    assert client.get("/admin/evenementaanmeldingen/add/").status_code == 404

    client.force_login(editor_user)
    assert client.get("/admin/evenementaanmeldingen/").status_code in (302, 403)
    assert client.get(f"/admin/evenementaanmeldingen/inspect/{outcome.sign_up.pk}/").status_code in (302, 403)


def test_the_cancel_link_keeps_working_after_an_editor_closed_the_sign_up(home, client):
    """Switching sign-up off stops new sign-ups, never the cancellations of those who signed up."""
    event = make_event(home, capacity=5)
    signed_up = sign_up(event, person(1)).sign_up
    event.signup_enabled = False
    event.save_revision().publish()
    url = f"{event.url}afmelden/{signed_up.token}/"

    assert client.get(event.url + "aanmelden/").status_code == 404
    assert "Je bent afgemeld" in client.post(url).content.decode()
    signed_up.refresh_from_db()
    assert signed_up.status == SignUpStatus.CANCELLED
