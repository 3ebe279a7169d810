"""Message kinds are one small type: every stored value (also those written before the type existed) parses to a
family and back to the same string, and each family knows its template, audience and label."""

import pytest

from recruitment.kinds import (
    DELIVERY_FAILURE,
    EVENT_DELIVERY_FAILURE,
    EVENT_THANKS,
    FAMILIES,
    FIRST_WARNING,
    REGION_NOTIFICATION,
    REMINDER,
    WEEKLY_WARNING,
    Audience,
    MessageKind,
    kind_label,
)

STORED = [
    "staff_notification",
    "confirmation",
    "staff_notification_region_4",
    "reminder_day_7",
    "reminder_day_27",
    "escalation_day_30",
    "escalation_week_1",
    "escalation_week_12",
    "resubmission_check_9",
    "resubmission_notice_9",
    "delivery_failure_31",
    "event_confirmation",
    "event_reminder",
    "event_video_link",
    "event_thanks",
    "event_missed",
    "event_mailing_3",
    "event_delivery_failure_31",
]


@pytest.mark.parametrize("value", STORED)
def test_every_stored_value_parses_and_prints_back_the_same(value):
    assert str(MessageKind.parse(value)) == value


def test_a_kind_knows_its_family_number_and_day(settings):
    settings.RECRUITMENT_CONTACT_DAYS, settings.RECRUITMENT_ESCALATION_REPEAT_DAYS = 30, 7
    assert MessageKind.parse("staff_notification_region_4") == MessageKind(REGION_NOTIFICATION, 4)
    assert MessageKind.parse("reminder_day_14").day == 14
    assert MessageKind.parse("escalation_day_30") == MessageKind(FIRST_WARNING, 30)
    assert MessageKind.parse("escalation_week_2").day == 44
    assert MessageKind(WEEKLY_WARNING, 2).stops_on_contact and MessageKind(REMINDER, 7).stops_on_contact
    assert not MessageKind.parse("confirmation").stops_on_contact


@pytest.mark.parametrize(
    "value",
    [
        "",
        "reminder_day_",
        "reminder_day_x",
        "reminder_day_-1",
        "reminder_day_٣",
        "escalation_month_1",
        "staff_notification_region_",
        "confirmation_2",
    ],
)
def test_values_no_family_knows_are_refused_and_shown_as_they_are(value):
    with pytest.raises(ValueError):
        MessageKind.parse(value)
    assert kind_label(value) == value


def test_the_warning_about_a_sign_up_s_message_goes_to_staff_about_the_sign_up():
    warning = MessageKind.parse("event_delivery_failure_31")
    assert warning == MessageKind(EVENT_DELIVERY_FAILURE, 31)
    assert warning.family.about_sign_up and warning.family.audience == Audience.EVENT_COORDINATORS
    assert warning.label == "Waarschuwing aan de coördinator: bericht aan de deelnemer niet afgeleverd"
    assert MessageKind.parse("delivery_failure_31").family is DELIVERY_FAILURE
    assert not DELIVERY_FAILURE.about_sign_up and EVENT_THANKS.about_sign_up


def test_a_numbered_family_needs_its_number_and_the_others_take_none():
    with pytest.raises(ValueError):
        MessageKind(REMINDER)
    with pytest.raises(ValueError):
        MessageKind(FAMILIES["confirmation"], 3)


def test_every_family_has_its_templates_and_an_audience():
    from django.template.loader import get_template

    for family in FAMILIES.values():
        assert family.audience in Audience
        get_template(f"emails/recruitment/{family.template}.txt")
        get_template(f"emails/recruitment/{family.template}_subject.txt")
        if family.html:
            get_template(f"emails/recruitment/{family.template}.html")
