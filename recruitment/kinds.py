"""Message kinds: what an ``OutgoingMessage`` is about, as a small type instead of a string taken apart by prefix.

A kind is a family (the staff notification, a reminder, the coordinator's warning, ...) and, for some families, a
number: the day of a reminder, the week of a repeated warning, the region a moved registration went to, the
resubmission or the message a notice is about. The stored value stays the string it always was
(``reminder_day_7``, ``escalation_week_2``, ``staff_notification_region_4``), so rows written before this type
existed still parse.

Each family is registered once with its template, its recipients and its label for staff: the next kind of message
(event reminders, messages to companies and schools) is added by registering one more family here."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class Audience(StrEnum):
    STAFF = "staff"  # the region's follow-up staff (else its coordinator, else the site's contact address)
    COORDINATOR = "coordinator"  # the region's coordinator, with the staff in copy
    REGISTRANT = "registrant"  # the address the registrant gave (the stored one, never a newly posted one)
    ASSIGNEE = "assignee"  # the staff member the registration is assigned to, unless away; else the region's staff
    ATTENDEE = "attendee"  # the address someone signed up for an event with (messages about a sign-up)
    EVENT_COORDINATORS = "event_coordinators"  # the coordinators of an event's regions, else the site's contact address
    HYBRID_CONTACT = "hybrid_contact"  # the contact person of a hybrid offer or need (messages about that post)
    HYBRID_STAFF = "hybrid_staff"  # the staff of a hybrid offer's or need's region (else coordinator, else the site)
    HYBRID_COORDINATOR = "hybrid_coordinator"  # the coordinator of a hybrid offer's or need's region, staff in copy
    HYBRID_PARTIES = "hybrid_parties"  # both contact persons of an introduction, the region's staff in copy


@dataclass(frozen=True)
class Family:
    name: str
    stored: str  # the stored value, or its prefix when the family is numbered ("reminder_day_")
    template: str  # templates/emails/recruitment/<template>.txt and <template>_subject.txt
    audience: Audience
    label: str  # for staff; "%(number)s" and "%(day)s" are filled in
    numbered: bool = False
    stops_on_contact: bool = False  # a reminder or warning: no longer wanted once somebody made contact
    html: bool = False  # also sent as HTML (templates/emails/recruitment/<template>.html)
    stamp: str = ""  # the Registration field that records when it was sent
    attachments: bool = False  # carries the event's calendar file and the check-in QR code

    @property
    def about_sign_up(self):
        """A message about an event sign-up (``OutgoingMessage.sign_up``) rather than a registration: to the attendee,
        or to staff about the attendee."""
        return self.audience in (Audience.ATTENDEE, Audience.EVENT_COORDINATORS)

    @property
    def about_hybrid(self):
        """A message about a hybrid offer or need (``OutgoingMessage.offer`` or ``.need``) or an introduction between
        the two: to a contact person, or to the staff of the region."""
        return self.audience in (
            Audience.HYBRID_CONTACT,
            Audience.HYBRID_STAFF,
            Audience.HYBRID_COORDINATOR,
            Audience.HYBRID_PARTIES,
        )


FAMILIES = {}


def register(family):
    FAMILIES[family.name] = family
    return family


STAFF_NOTIFICATION = register(
    Family(
        "staff_notification",
        "staff_notification",
        "staff_notification",
        Audience.STAFF,
        _("Bericht aan de regio"),
        stamp="notified_at",
    )
)
REGION_NOTIFICATION = register(
    Family(
        "region_notification",
        "staff_notification_region_",
        "staff_notification",
        Audience.STAFF,
        _("Bericht aan de nieuwe regio"),
        numbered=True,
    )
)
CONFIRMATION = register(
    Family(
        "confirmation",
        "confirmation",
        "confirmation",
        Audience.REGISTRANT,
        _("Bevestiging aan de aanmelder"),
        html=True,
        stamp="confirmed_at",
    )
)
REMINDER = register(
    Family(
        "reminder",
        "reminder_day_",
        "reminder",
        Audience.ASSIGNEE,
        _("Herinnering aan de regio, dag %(day)s"),
        numbered=True,
        stops_on_contact=True,
    )
)
FIRST_WARNING = register(
    Family(
        "first_warning",
        "escalation_day_",
        "escalation",
        Audience.COORDINATOR,
        _("Waarschuwing aan de coördinator, dag %(day)s"),
        numbered=True,
        stops_on_contact=True,
    )
)
WEEKLY_WARNING = register(
    Family(
        "weekly_warning",
        "escalation_week_",
        "escalation",
        Audience.COORDINATOR,
        _("Waarschuwing aan de coördinator, dag %(day)s"),
        numbered=True,
        stops_on_contact=True,
    )
)
RESUBMISSION_CHECK = register(
    Family(
        "resubmission_check",
        "resubmission_check_",
        "resubmission_check",
        Audience.REGISTRANT,
        _("Vraag aan de aanmelder om nieuwe gegevens te bevestigen"),
        numbered=True,
    )
)
RESUBMISSION_NOTICE = register(
    Family(
        "resubmission_notice",
        "resubmission_notice_",
        "resubmission_notice",
        Audience.STAFF,
        _("Bericht aan de regio: opnieuw aangemeld"),
        numbered=True,
    )
)
NEXT_ACTION_REMINDER = register(
    Family(
        "next_action_reminder",
        "next_action_",  # numbered by the date's ordinal: one reminder per next-action date
        "next_action",
        Audience.ASSIGNEE,
        _("Herinnering aan de volgende actie"),
        numbered=True,
    )
)
DELIVERY_FAILURE = register(
    Family(
        "delivery_failure",
        "delivery_failure_",
        "delivery_failure",
        Audience.COORDINATOR,
        _("Waarschuwing aan de coördinator: bericht niet afgeleverd"),
        numbered=True,
    )
)
PERSONAL_PAGE_LINK = register(
    Family(
        "personal_page_link",
        "personal_page_link_",
        "personal_page_link",
        Audience.REGISTRANT,
        _("Nieuwe link naar de persoonlijke pagina (aanvraag %(number)s)"),
        numbered=True,
    )
)

# Messages about a sign-up for an event (recruitment/events.py), each at most once per sign-up.
EVENT_CONFIRMATION = register(
    Family(
        "event_confirmation",
        "event_confirmation",
        "events/confirmation",
        Audience.ATTENDEE,
        _("Bevestiging van de aanmelding voor het evenement"),
        html=True,
        attachments=True,
    )
)
EVENT_WAITING = register(
    Family(
        "event_waiting",
        "event_waiting",
        "events/waiting",
        Audience.ATTENDEE,
        _("Bericht: op de wachtlijst voor het evenement"),
    )
)
EVENT_PROMOTED = register(
    Family(
        "event_promoted",
        "event_promoted",
        "events/promoted",
        Audience.ATTENDEE,
        _("Bericht: van de wachtlijst naar een plaats"),
        html=True,
        attachments=True,
    )
)
EVENT_CANCELLED = register(
    Family(
        "event_cancelled",
        "event_cancelled",
        "events/cancelled",
        Audience.ATTENDEE,
        _("Bevestiging van de afmelding voor het evenement"),
    )
)

# The time-based messages to confirmed attendees, planned by the periodic scan (recruitment/event_schedule.py).
EVENT_REMINDER = register(
    Family(
        "event_reminder",
        "event_reminder",
        "events/reminder",
        Audience.ATTENDEE,
        _("Herinnering aan het evenement, de dag ervoor"),
        html=True,
        attachments=True,
    )
)
EVENT_VIDEO_LINK = register(
    Family(
        "event_video_link",
        "event_video_link",
        "events/video_link",
        Audience.ATTENDEE,
        _("Videolink voor het online evenement"),
        html=True,
    )
)

# After the event (recruitment/event_schedule.py): a thank-you to those who came, a "sorry we missed you" to those
# with a place who did not; and the messages staff write to an event's attendees, one per mailing (its number).
EVENT_THANKS = register(
    Family(
        "event_thanks",
        "event_thanks",
        "events/thanks",
        Audience.ATTENDEE,
        _("Bedankt voor je komst, en wat nu"),
        html=True,
    )
)
EVENT_MISSED = register(
    Family(
        "event_missed",
        "event_missed",
        "events/missed",
        Audience.ATTENDEE,
        _("Jammer dat je er niet bij was"),
        html=True,
    )
)
EVENT_MAILING = register(
    Family(
        "event_mailing",
        "event_mailing_",
        "events/mailing",
        Audience.ATTENDEE,
        _("Bericht aan de deelnemers (%(number)s)"),
        numbered=True,
        html=True,
    )
)

# To staff, about a sign-up: one of its messages could not be delivered (numbered by that message, like
# DELIVERY_FAILURE). Never to the attendee, and its own failure warns nobody again.
EVENT_DELIVERY_FAILURE = register(
    Family(
        "event_delivery_failure",
        "event_delivery_failure_",
        "events/delivery_failure",
        Audience.EVENT_COORDINATORS,
        _("Waarschuwing aan de coördinator: bericht aan de deelnemer niet afgeleverd"),
        numbered=True,
    )
)

# Hybride match (recruitment/hybrid/): about an offer or a need. The contact person confirms the post by a link;
# then the region's staff are asked to approve it. A message about one of them that could not be delivered warns the
# region's coordinator (numbered by that message).
HYBRID_CONFIRM = register(
    Family(
        "hybrid_confirm",
        "hybrid_confirm",
        "hybrid/confirm",
        Audience.HYBRID_CONTACT,
        _("Vraag aan de contactpersoon om het aanbod of de vraag te bevestigen"),
    )
)
HYBRID_STAFF_NOTIFICATION = register(
    Family(
        "hybrid_staff_notification",
        "hybrid_staff_notification",
        "hybrid/staff_notification",
        Audience.HYBRID_STAFF,
        _("Bericht aan de regio: nieuw aanbod of nieuwe vraag om goed te keuren"),
    )
)
# Before an approved offer or need expires, its contact person is asked to renew it (numbered by the expiry date's
# ordinal: once per expiry date, so a renewed post is asked again before its new date).
HYBRID_RENEWAL = register(
    Family(
        "hybrid_renewal",
        "hybrid_renewal_",
        "hybrid/renewal",
        Audience.HYBRID_CONTACT,
        _("Vraag aan de contactpersoon om het aanbod of de vraag te verlengen"),
        numbered=True,
    )
)

# Staff introduce an offer and a need to each other: one message to both contact persons (the staff in copy); then
# the region's staff are reminded on the days of HYBRID_MATCH_REMINDER_DAYS (the number) until an outcome is logged.
HYBRID_INTRODUCTION = register(
    Family(
        "hybrid_introduction",
        "hybrid_introduction",
        "hybrid/introduction",
        Audience.HYBRID_PARTIES,
        _("Kennismaking: bericht aan het bedrijf en de school"),
    )
)
HYBRID_INTRODUCTION_REMINDER = register(
    Family(
        "hybrid_introduction_reminder",
        "hybrid_introduction_reminder_day_",
        "hybrid/introduction_reminder",
        Audience.HYBRID_STAFF,
        _("Herinnering aan de regio: uitkomst van de kennismaking, dag %(number)s"),
        numbered=True,
    )
)
HYBRID_DELIVERY_FAILURE = register(
    Family(
        "hybrid_delivery_failure",
        "hybrid_delivery_failure_",
        "hybrid/delivery_failure",
        Audience.HYBRID_COORDINATOR,
        _("Waarschuwing aan de coördinator: bericht over hybride match niet afgeleverd"),
        numbered=True,
    )
)

# The warnings that a message could not be delivered: a failure of one of these is not warned about again.
FAILURE_WARNINGS = (DELIVERY_FAILURE, EVENT_DELIVERY_FAILURE, HYBRID_DELIVERY_FAILURE)


@dataclass(frozen=True)
class MessageKind:
    family: Family
    number: int | None = None

    def __post_init__(self):
        if self.family.numbered != (self.number is not None):
            raise ValueError(f"{self.family.name} {'needs' if self.family.numbered else 'takes no'} number")

    def __str__(self):
        return f"{self.family.stored}{self.number}" if self.family.numbered else self.family.stored

    @classmethod
    def parse(cls, value):
        """The kind of a stored value; ValueError for a value no family knows."""
        for family in FAMILIES.values():
            if not family.numbered and value == family.stored:
                return cls(family)
        for family in FAMILIES.values():
            rest = value.removeprefix(family.stored)
            if family.numbered and rest != value and rest.isascii() and rest.isdigit():
                return cls(family, int(rest))
        raise ValueError(f"unknown message kind: {value!r}")

    @property
    def day(self):
        """The day of the follow-up a reminder or warning belongs to (counted from the registration)."""
        if self.family in (REMINDER, FIRST_WARNING):
            return self.number
        if self.family is WEEKLY_WARNING:
            return settings.RECRUITMENT_CONTACT_DAYS + self.number * settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
        return None

    @property
    def next_action_on(self):
        """The next-action date a next-action reminder is about."""
        return date.fromordinal(self.number) if self.family is NEXT_ACTION_REMINDER else None

    @property
    def stops_on_contact(self):
        return self.family.stops_on_contact

    @property
    def label(self):
        return self.family.label % {"day": self.day, "number": self.number}


def kind_label(value):
    """A stored kind in words, for staff; an unknown value as it is."""
    try:
        return MessageKind.parse(value).label
    except ValueError:
        return value
