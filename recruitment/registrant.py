"""The registrant's own page: the signed link to it, what it shows, the changes made on it, the personal data it
hands out, and new links on request.

The link carries a signed, expiring value (``TimestampSigner`` with its own salt) that names the registration and a
digest of its withdrawal token. Withdrawal and erasure set that token to None, so every link stops working with
them; a link older than ``RECRUITMENT_PERSONAL_PAGE_DAYS`` does too. Nothing is stored for a link: a new one is
simply signed again."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from routes.models import Region

from .kinds import PERSONAL_PAGE_LINK, Audience, MessageKind
from .models import (
    REGISTRANT_PHASE_TEXT,
    MessageState,
    OutgoingMessage,
    Phase,
    Registration,
    Resubmission,
    Status,
)
from .services import confirm_resubmission, form_data, open_registration_for, registration_data
from .signals import messages_ready

SALT = "recruitment.personal-page"
# What a signed value looks like: "<pk>.<digest>:<timestamp>:<signature>" (base62 and URL-safe base64).
TOKEN_PATTERN = r"[0-9]{1,12}\.[0-9a-f]{24}:[0-9A-Za-z]{1,12}:[A-Za-z0-9_-]{20,100}"
TOKEN_RE = re.compile(rf"^{TOKEN_PATTERN}$")
TOKEN_IN_TEXT_RE = re.compile(rf"(?<![0-9]){TOKEN_PATTERN}")


class LinkExpired(Exception):
    """A genuine link, signed longer ago than it may be used."""


def _signer():
    return signing.TimestampSigner(salt=SALT)


def _digest(withdrawal_token):
    return salted_hmac(SALT, withdrawal_token, algorithm="sha256").hexdigest()[:24]


def personal_page_token(registration):
    """A fresh signed value for this registration's page (it must still have its withdrawal token)."""
    if not registration.withdrawal_token:
        raise ValueError("an erased or withdrawn registration has no personal page")
    return _signer().sign(f"{registration.pk}.{_digest(registration.withdrawal_token)}")


def personal_page_path(registration):
    return reverse("recruitment:personal_page", args=[personal_page_token(registration)])


def hide_personal_page_tokens(text, replacement="[verborgen]"):
    """Text with every personal-page link's key blanked out: a mail server's error may quote the message it refused,
    and staff who read the error must not get the registrant's key (the admin does the same for the withdrawal
    token). The keys are not stored, so they are recognised by their form."""
    return TOKEN_IN_TEXT_RE.sub(replacement, text or "")


def registration_for_token(token):
    """The registration a link names, or None (malformed, tampered with, withdrawn, erased). ``LinkExpired`` for a
    genuine link that is too old."""
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        return None
    try:
        value = _signer().unsign(token, max_age=timedelta(days=settings.RECRUITMENT_PERSONAL_PAGE_DAYS))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    pk, digest = value.split(".", 1)
    registration = Registration.objects.select_related("region").filter(pk=int(pk)).first()
    if registration is None or not registration.withdrawal_token or registration.erased_at:
        return None
    if registration.status == Status.WITHDRAWN:
        return None
    if not constant_time_compare(digest, _digest(registration.withdrawal_token)):
        return None
    return registration


def can_change(registration):
    """Details can be changed while the region follows the registrant up."""
    return registration.status in (Status.NEW, Status.CONTACTED)


# The next step on the registrant's own page, in their words, once somebody has made contact.
NEXT_STEP_TEXT = {
    Phase.NEW: _("Het regioloket heeft je aanmelding gezien en helpt je verder."),
    Phase.IN_CONVERSATION: _("Het regioloket helpt je verder. Samen kijk je welke route bij jou past."),
    Phase.ORIENTING: _("Kies een route en een school die bij je passen. Het regioloket helpt je daarbij."),
    Phase.PREPARING: _("Bereid je volgende stap voor. Heb je vragen? Neem dan contact op met het regioloket."),
    Phase.IN_TRAINING: _("Succes met je opleiding! Heb je vragen? Neem dan contact op met het regioloket."),
    Phase.WORKING: _("Veel plezier met je werk in het onderwijs."),
    Phase.STOPPED: _("Je hoeft niets te doen. Wil je later toch verder? Meld je dan opnieuw aan."),
}


def phase_text(registration):
    return REGISTRANT_PHASE_TEXT.get(registration.phase, REGISTRANT_PHASE_TEXT[Phase.NEW])


def next_step_text(registration):
    return NEXT_STEP_TEXT.get(registration.phase, "")


@dataclass(frozen=True)
class Desk:
    """How a registrant reaches their regional desk; the site's contact address when the desk has none."""

    name: str
    email: str
    phone: str
    website: str

    @property
    def has_contact(self):
        return bool(self.email or self.phone or self.website)


def desk_for(region, fallback_email=""):
    if region is None:
        return Desk(name="", email=fallback_email or "", phone="", website="")
    return Desk(
        name=region.name,
        email=region.contact_email or fallback_email or "",
        phone=region.phone,
        website=region.website,
    )


# -- Changing one's details ------------------------------------------------------------------------------------------


def proposed_details(registration, cleaned_data):
    """The registration as it would read with these details (unsaved), for the "Klopt dit?" page."""
    proposed = Registration(
        name=cleaned_data.get("name") or "",
        email=registration.email,
        phone=cleaned_data.get("phone") or "",
        postcode=cleaned_data.get("postcode") or "",
        message=cleaned_data.get("message") or "",
        situation=cleaned_data.get("situation") or "",
        education=cleaned_data.get("education") or "",
        experience_years=cleaned_data.get("experience_years"),
        roles=list(cleaned_data.get("roles") or []),
        contact_preference=cleaned_data.get("contact_preference") or "",
        finder_answers=registration.finder_answers,
        language=registration.language,
        region=Region.for_postcode(cleaned_data.get("postcode") or ""),
    )
    proposed.proposed_route_titles = [route.title for route in cleaned_data.get("routes") or []]
    return proposed


def details_data(registration, cleaned_data):
    """The form's cleaned data as the registration's stored details: the address, the route finder's answers and
    the language cannot be changed on the page and stay as they are."""
    return form_data(
        {
            **cleaned_data,
            "email": registration.email,
            "finder_answers": registration.finder_answers,
            "language": registration.language,  # changing one's details on the page never changes the language
        }
    )


def change_details(registration, cleaned_data):
    """The registrant confirmed new details on their page. They go the way a confirmed post of the form goes
    (``Resubmission`` and ``confirm_resubmission``): they replace the registration's details, the region gets the
    "opnieuw aangemeld" notice, and a new postcode moves the registration to its region. Returns the registration
    that now follows the registrant up (a new one when the last contact was long ago), the same one unchanged when
    nothing changed, or None when the registration can no longer be changed."""
    stored = details_data(registration, cleaned_data)
    with transaction.atomic():
        current = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if current is None or not can_change(current) or not current.withdrawal_token:
            return None
        if stored == registration_data(current):
            return current
        resubmission = Resubmission.objects.create(
            registration=current, data={**stored, "consent_version": current.consent_version}
        )
        return confirm_resubmission(resubmission)


# -- A new link on request -------------------------------------------------------------------------------------------


def request_personal_page_link(email):
    """Someone asked for a new link with this (canonical) address. For an open registration with it, one message
    with a fresh link goes out through the outbox (a new one per request); for any other address nothing happens.
    Whoever asks is told the same either way. Returns the kind of the new message, or None."""
    with transaction.atomic():
        registration = open_registration_for(email, lock=True)
        if registration is None or not registration.withdrawal_token:
            return None
        numbers = [0]
        for value in registration.messages.filter(kind__startswith=PERSONAL_PAGE_LINK.stored).values_list(
            "kind", flat=True
        ):
            try:
                numbers.append(MessageKind.parse(value).number or 0)
            except ValueError:
                continue
        kind = MessageKind(PERSONAL_PAGE_LINK, max(numbers) + 1)
        now = timezone.now()
        OutgoingMessage.objects.create(registration=registration, kind=str(kind), created_at=now, next_attempt_at=now)
        messages_ready.send(sender=Registration, registration_id=registration.pk)
    return kind


# -- The personal data, for the registrant (AVG articles 15 and 20) ---------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One piece of stored data: its key in the download, its label on the page, its value."""

    key: str
    label: str
    value: object

    @property
    def is_list(self):
        return isinstance(self.value, list)

    @property
    def is_moment(self):
        return isinstance(self.value, datetime)

    @property
    def is_date(self):
        return isinstance(self.value, date) and not isinstance(self.value, datetime)


def details_items(registration):
    """Everything stored about the registrant on the registration itself, in the order they gave it."""
    reg = registration
    finder = [{"vraag": question, "antwoord": answer} for question, answer in reg.finder_answer_summary]
    campaign = reg.campaign if isinstance(reg.campaign, dict) else {}
    items = [
        Item("naam", _("Naam"), reg.name),
        Item("e_mailadres", _("E-mailadres"), reg.email),
        Item("telefoonnummer", _("Telefoonnummer"), reg.phone),
        Item("postcode", _("Postcode"), reg.postcode),
        Item("regio", _("Regioloket"), reg.region.name if reg.region else ""),
        Item("huidige_situatie", _("Wat je doet"), reg.get_situation_display() if reg.situation else ""),
        Item("hoogste_opleiding", _("Hoogste opleiding"), reg.get_education_display() if reg.education else ""),
        Item("jaren_technische_werkervaring", _("Jaren technische werkervaring"), reg.experience_years),
        Item("routes", _("Routes"), reg.route_titles),
        Item("rollen", _("Werk in het onderwijs dat je trekt"), reg.role_labels),
        Item("liefst_contact_via", _("Liefst contact via"), reg.get_contact_preference_display()),
        Item("bericht", _("Je bericht"), reg.message),
        Item("voorkeurstaal", _("Voorkeurstaal"), str(reg.get_language_display())),
        Item("antwoorden_routewijzer", _("Antwoorden uit de routewijzer"), finder),
        Item("fase", _("Waar je nu bent"), str(reg.get_phase_display())),
        Item("fase_uitleg", _("Uitleg"), str(phase_text(reg))),
        Item("status", _("Status"), str(reg.get_status_display())),
        Item("aangemeld_op", _("Aangemeld op"), reg.created_at),
        Item("contact_uiterlijk_op", _("Contact uiterlijk op"), reg.contact_due_at),
        Item("eerste_contact_op", _("Eerste contact op"), reg.contacted_at),
        Item("fase_gewijzigd_op", _("Fase gewijzigd op"), reg.phase_changed_at),
        Item("volgende_actie_op", _("Volgende actie op"), reg.next_action_on),
        Item("volgende_actie", _("Volgende actie"), reg.next_action_note),
        Item("afgesloten_op", _("Afgesloten op"), reg.closed_at),
        Item("laatste_activiteit_op", _("Laatste activiteit op"), reg.last_activity_at),
        Item("versie_privacyverklaring", _("Versie van de privacyverklaring"), reg.consent_version),
        Item("toestemming_gegeven_op", _("Toestemming gegeven op"), reg.consented_at),
        Item("kanaal", _("Hoe je bij ons kwam"), reg.get_channel_display() if reg.channel else ""),
        Item("campagne", _("Campagne"), [f"{key}={value}" for key, value in sorted(campaign.items())]),
        Item("kwam_van_pagina", _("Kwam van pagina"), reg.referrer_path),
        Item("bijeenkomst", _("Bijeenkomst"), reg.event.title if reg.event_id and reg.event else ""),
    ]
    return items


def interaction_rows(registration):
    """The contacts staff logged: when, what kind, their note."""
    return [
        {"datum": follow_up.contacted_at, "soort": follow_up.get_method_display(), "notitie": follow_up.note}
        for follow_up in registration.follow_ups.order_by("contacted_at", "pk")
    ]


def phase_rows(registration):
    """The phases staff recorded, with when."""
    return [
        {"datum": change.changed_at, "fase": change.get_phase_display(), "notitie": change.note}
        for change in registration.phase_changes.order_by("changed_at", "pk")
    ]


def message_rows(registration):
    """The e-mails sent to the registrant: what kind, when."""
    rows = []
    for message in registration.messages.filter(state=MessageState.SENT).order_by("sent_at", "pk"):
        try:
            kind = MessageKind.parse(message.kind)
        except ValueError:
            continue
        if kind.family.audience == Audience.REGISTRANT:
            rows.append({"soort": str(kind.label), "verzonden_op": message.sent_at})
    return rows


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (int, bool)):
        return value
    return str(value)


def personal_data(registration, now=None):
    """Every piece of personal data stored about the registrant, as plain JSON values (moments in ISO 8601, local
    time with its offset)."""
    return _plain(
        {
            "over": "Alle gegevens die we over je bewaren bij je aanmelding.",
            "gemaakt_op": now or timezone.now(),
            "aanmelding": {item.key: item.value for item in details_items(registration)},
            "contactmomenten": interaction_rows(registration),
            "fasen": phase_rows(registration),
            "berichten_aan_jou": message_rows(registration),
        }
    )
