"""Personal data leaves when it should: every registration, whatever its status, is anonymised after the retention
period counted from its last activity; the coordinator's weekly warnings end, and the registration shows as
expired instead. Real PostgreSQL and SMTP; time moved with time_machine."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.auth.models import User

from recruitment.models import InteractionKind, MessageState, OutgoingMessage, Registration, Status
from recruitment.services import log_contact
from recruitment.tasks import anonymise_expired_registrations, send_due_reminders

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 1, 5, 10, 0, tzinfo=AMSTERDAM)


def test_every_status_is_anonymised_a_retention_period_after_its_last_activity(make_registration):
    staff = User.objects.create_user("olga")
    long_ago = START - timedelta(days=400)
    never_contacted = make_registration(created_at=long_ago)
    contacted = make_registration(created_at=long_ago)
    closed = make_registration(created_at=long_ago)
    active_again = make_registration(created_at=long_ago)
    recent = make_registration(created_at=START - timedelta(days=20))
    with time_machine.travel(long_ago + timedelta(days=2), tick=False):
        log_contact(contacted, user=staff, contacted_at=long_ago + timedelta(days=1), method=InteractionKind.PHONE_CALL)
        log_contact(
            closed,
            user=staff,
            contacted_at=long_ago + timedelta(days=1),
            method=InteractionKind.PHONE_CALL,
            status_after=Status.CLOSED,
        )
    with time_machine.travel(START - timedelta(days=60), tick=False):  # contact two months ago: activity
        log_contact(
            active_again,
            user=staff,
            contacted_at=START - timedelta(days=60),
            method=InteractionKind.EMAIL,
            note="Meeloopdag gepland",
        )

    with time_machine.travel(START, tick=False):
        assert anonymise_expired_registrations.apply().get() == 3
        assert anonymise_expired_registrations.apply().get() == 0, "once"

    erased = set(Registration.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {never_contacted.pk, contacted.pk, closed.pk}
    for registration in Registration.objects.filter(pk__in=erased):
        assert (registration.name, registration.email, registration.phone, registration.postcode) == ("",) * 4
        assert registration.withdrawal_token is None
        assert not registration.follow_ups.exclude(note="").exists()
        assert not registration.messages.exclude(recipients="").exists()
        assert not registration.messages.filter(state=MessageState.PENDING).exists()
    assert Registration.objects.get(pk=never_contacted.pk).status == Status.NEW, "statistics keep the status"
    kept = Registration.objects.get(pk=active_again.pk)
    assert kept.name and kept.follow_ups.get().note == "Meeloopdag gepland"
    assert Registration.objects.get(pk=recent.pk).name


def test_three_years_without_contact_give_a_bounded_number_of_warnings_then_expiry_then_erasure(
    make_registration, smtp_server, settings
):
    registration = make_registration(created_at=START)
    days_seen = {}
    with time_machine.travel(START, tick=False) as traveller:
        for day in [*range(0, 70), *range(70, 3 * 365, 7)]:  # daily through the warnings, then weekly
            traveller.move_to(START + timedelta(days=day, hours=1))
            send_due_reminders.apply()
            if day % 7 == 0:
                anonymise_expired_registrations.apply()
            for kind in OutgoingMessage.objects.filter(registration=registration, state=MessageState.SENT).values_list(
                "kind", flat=True
            ):
                days_seen.setdefault(kind, day)
            if day == 64:
                registration.refresh_from_db()
                assert not registration.is_expired()
            if day == 66:
                registration.refresh_from_db()
                assert registration.is_expired(), "after the last warning it shows as expired"

    warnings = sorted((day, kind) for kind, day in days_seen.items() if kind.startswith("escalation_"))
    assert warnings == [
        (30, "escalation_day_30"),
        (37, "escalation_week_1"),
        (44, "escalation_week_2"),
        (51, "escalation_week_3"),
        (58, "escalation_week_4"),
    ]
    subjects = Counter(item["message"]["Subject"].split(":")[0] for item in smtp_server.messages)
    assert subjects["Te laat"] == 5, "the weekly warnings stop"
    last = [item for item in smtp_server.messages if "58 dagen" in item["message"]["Subject"]]
    assert "Dit is de laatste waarschuwing" in last[0]["message"].get_body(("plain",)).get_content()

    registration.refresh_from_db()
    assert registration.erased_at is not None and registration.name == ""
    # Erased twelve months (and the weekly margin of the task) after the registration, its last activity.
    erased_day = (registration.erased_at - START).days
    assert 365 <= erased_day <= 365 + 7
