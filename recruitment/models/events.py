"""A sign-up for an event (``content.EventPage``): personal data under the same consent and retention rules as a
registration, a place or a place on the waiting list, and the token behind the cancel link and the check-in code."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_sign_up_token():
    return secrets.token_urlsafe(24)


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Aangemeld")
    WAITING = "waiting", _("Op de wachtlijst")
    CANCELLED = "cancelled", _("Afgemeld")


class EventSignUpQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SignUpStatus.CONFIRMED)

    def waiting(self):
        """The waiting list in its order: who signed up first gets the first free place."""
        return self.filter(status=SignUpStatus.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.exclude(status=SignUpStatus.CANCELLED)

    def attended(self):
        return self.filter(attended_at__isnull=False)


class EventSignUp(models.Model):
    """Someone who signed up for an event: a confirmed place, or a place on the waiting list until one frees up."""

    event = models.ForeignKey(
        "content.EventPage", verbose_name=_("evenement"), on_delete=models.CASCADE, related_name="sign_ups"
    )
    # Personal data.
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    needs = models.TextField(_("Heb je iets nodig om mee te kunnen doen?"), blank=True)
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)  # question id (as text) -> answer

    status = models.CharField(
        _("status"), max_length=20, choices=SignUpStatus.choices, default=SignUpStatus.CONFIRMED, db_index=True
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    token = models.CharField(_("code"), max_length=64, unique=True, default=new_sign_up_token, editable=False)
    consented_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)
    consent_version = models.CharField(_("versie privacyverklaring"), max_length=40, blank=True)

    # At the door: checked in by staff (from the QR code, by name, or added on the spot as a walk-in).
    attended_at = models.DateTimeField(_("aanwezig (ingecheckt op)"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingecheckt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    walk_in = models.BooleanField(_("binnengelopen zonder aanmelding"), default=False)
    # The attendee's interest registration (matched by e-mail address), on which the attendance is an interaction.
    registration = models.ForeignKey(
        "recruitment.Registration",
        verbose_name=_("aanmelding (interesse)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_sign_ups",
    )

    objects = EventSignUpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding voor een evenement")
        verbose_name_plural = _("aanmeldingen voor evenementen")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="one_active_sign_up_per_address",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="sign_up_list_idx")]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def attended(self):
        return self.attended_at is not None

    @property
    def is_confirmed(self):
        return self.status == SignUpStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == SignUpStatus.WAITING

    @property
    def is_cancelled(self):
        return self.status == SignUpStatus.CANCELLED

    def waiting_place(self):
        """The place on the waiting list (1 is next), or None when not waiting."""
        if not self.is_waiting:
            return None
        earlier = (
            EventSignUp.objects.waiting()
            .filter(event_id=self.event_id)
            .filter(models.Q(created_at__lt=self.created_at) | models.Q(created_at=self.created_at, pk__lt=self.pk))
        )
        return earlier.count() + 1


class MailingAudience(models.TextChoices):
    ATTENDED = "attended", _("Iedereen die aanwezig was")
    CONFIRMED = "confirmed", _("Iedereen met een plaats (aangemeld)")


class EventMailing(models.Model):
    """A message staff send to the attendees of one event, through the outbox: one ``OutgoingMessage`` per sign-up
    (kind ``event_mailing_<pk>``), so each attendee gets it once, whatever retries or outages happen."""

    event = models.ForeignKey(
        "content.EventPage", verbose_name=_("evenement"), on_delete=models.CASCADE, related_name="mailings"
    )
    audience = models.CharField(
        _("aan"), max_length=20, choices=MailingAudience.choices, default=MailingAudience.ATTENDED
    )
    subject = models.CharField(_("onderwerp"), max_length=150)
    body = models.TextField(_("bericht"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bericht aan deelnemers")
        verbose_name_plural = _("berichten aan deelnemers")

    def __str__(self):
        return self.subject
