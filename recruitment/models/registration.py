"""A registration of interest, its follow-up log and the record of every message sent about it."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from routes.entry_levels import STORED_EDUCATION_CHOICES

from ..kinds import kind_label
from .choices import (
    OPEN_STATUSES,
    Channel,
    ContactPreference,
    InteractionKind,
    MessageState,
    Phase,
    Role,
    Situation,
    Status,
)

# What the form fills in (besides routes, roles and the years of experience), as stored on a registration.
SUBMITTED_TEXT_FIELDS = (
    "name",
    "email",
    "phone",
    "postcode",
    "message",
    "situation",
    "education",
    "contact_preference",
    # The language the form was posted in. A returning registrant who posts in another language changes their
    # details like any other: the change waits for them to confirm it, and then their messages follow the new
    # language. Their own page never changes it.
    "language",
)


def language_choices():
    """The site's languages, named in the language that is active (Django's own names: "Engels" for Dutch staff,
    "English" for an English visitor)."""
    return [(code, get_language_info(code)["name_translated"]) for code, _name in settings.LANGUAGES]


def new_withdrawal_token():
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_contact(self):
        return self.filter(status=Status.NEW)

    def overdue(self, now=None):
        return self.awaiting_contact().filter(contact_due_at__lt=now or timezone.now())

    def expired(self, now=None):
        """Awaiting contact past the coordinator's last warning (shown as "verlopen")."""
        from ..schedule import expired_before

        return self.awaiting_contact().filter(created_at__lte=expired_before(now or timezone.now()))

    def for_user(self, user):
        """What a staff member may see: everything, or only their regions when they are limited to some."""
        region_ids = RegionAssignment.region_ids_for(user)
        return self if region_ids is None else self.filter(region_id__in=region_ids)


class Registration(models.Model):
    """Someone who raised their hand: their details, and where they are in the one-month follow-up promise."""

    # Personal data: erased on withdrawal and after the retention period.
    name = models.CharField(_("naam"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    message = models.TextField(_("bericht"), blank=True)
    # The language the registrant used the form in: everything they receive is in it; staff messages stay Dutch and
    # name it. Not personal data: kept when the rest is erased, like the other choices.
    language = models.CharField(
        _("voorkeurstaal"), max_length=10, choices=language_choices, default=settings.LANGUAGE_CODE
    )

    situation = models.CharField(_("huidige situatie"), max_length=30, choices=Situation.choices, blank=True)
    education = models.CharField(_("hoogste opleiding"), max_length=20, choices=STORED_EDUCATION_CHOICES, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("jaren technische werkervaring"), null=True, blank=True)
    routes = models.ManyToManyField(
        "routes.RoutePage", verbose_name=_("routes"), blank=True, related_name="registrations"
    )
    roles = models.JSONField(_("rollen"), default=list, blank=True)
    contact_preference = models.CharField(
        _("liefst contact via"), max_length=20, choices=ContactPreference.choices, blank=True
    )
    region = models.ForeignKey(
        "routes.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    # What the visitor answered in the route finder, under the finder's own keys ({"opleiding": "hbo", ...}), when
    # they came from its result and chose to send it along. Read back through the finder (finder_answer_summary).
    finder_answers = models.JSONField(_("antwoorden uit de routewijzer"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    contact_due_at = models.DateTimeField(_("contact uiterlijk op"), db_index=True)
    contacted_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    # The retention period counts from here: the registration, a confirmed new post, a contact, closing.
    last_activity_at = models.DateTimeField(_("laatste activiteit op"), default=timezone.now, db_index=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("eerdere aanmelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_registrations",
        help_text=_("Deze persoon meldde zich eerder aan; dit is de nieuwe opvolgronde."),
    )
    erased_at = models.DateTimeField(_("persoonsgegevens verwijderd op"), null=True, blank=True)

    # The candidate's path after the first contact (staff record it; the registrant reads it in their own words).
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.NEW, db_index=True)
    phase_changed_at = models.DateTimeField(_("fase gewijzigd op"), null=True, blank=True)
    preparation_steps = models.JSONField(_("voorbereiding"), default=list, blank=True)
    working_as = models.CharField(_("aan het werk als"), max_length=30, choices=Role.choices, blank=True)
    stop_reason = models.ForeignKey(
        "recruitment.StopReason",
        verbose_name=_("reden om te stoppen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    next_action_on = models.DateField(_("volgende actie op"), null=True, blank=True, db_index=True)
    next_action_note = models.CharField(_("volgende actie"), max_length=200, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen aan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_registrations",
    )

    # Where the registrant came from: first-party data only, kept under the registration's retention.
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=Channel.choices, default=Channel.DIRECT, blank=True, db_index=True
    )
    campaign = models.JSONField(_("campagne"), default=dict, blank=True)  # {"utm_source": ..., "utm_campaign": ...}
    referrer_path = models.CharField(_("kwam van pagina"), max_length=300, blank=True)
    event = models.ForeignKey(
        "content.EventPage",
        verbose_name=_("bijeenkomst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    consent_version = models.CharField(_("versie privacyverklaring"), max_length=20)
    consented_at = models.DateTimeField(_("toestemming gegeven op"))
    withdrawal_token = models.CharField(
        _("sleutel om in te trekken"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        default=new_withdrawal_token,
        editable=False,
    )
    notified_at = models.DateTimeField(_("regio ingelicht op"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestiging verzonden op"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status__in=OPEN_STATUSES) & ~models.Q(email=""),
                name="one_open_registration_per_email",
            ),
        ]
        # A returning registrant is found by address among all their registrations, open or not.
        indexes = [models.Index(Lower("email"), name="registration_email_lower_idx")]

    def __str__(self):
        return self.name or _("Aanmelding %(pk)s (gegevens verwijderd)") % {"pk": self.pk}

    @property
    def is_awaiting_contact(self):
        return self.status == Status.NEW

    def is_overdue(self, now=None):
        return self.is_awaiting_contact and self.contact_due_at < (now or timezone.now())

    def is_expired(self, now=None):
        """Nobody made contact, and the coordinator's last warning has gone: shown to staff as "verlopen"."""
        from ..schedule import expires_at

        return self.is_awaiting_contact and expires_at(self.created_at) <= (now or timezone.now())

    @property
    def role_labels(self):
        labels = dict(Role.choices)
        return [str(labels.get(role, role)) for role in self.roles]

    @property
    def route_titles(self):
        return [route.title for route in self.routes.all()]

    @property
    def routes_text(self):
        return ", ".join(self.route_titles)

    @property
    def roles_text(self):
        return ", ".join(self.role_labels)

    @property
    def finder_answer_summary(self):
        """The route finder's answers as (question, answer) in words, for staff. They are read again through the
        finder, so a value it does not (or no longer) know is left out rather than shown."""
        from routes.finder import Answers

        stored = self.finder_answers if isinstance(self.finder_answers, dict) else {}
        return [(str(question.text), str(label)) for question, label in Answers.from_query(stored).summary]

    @property
    def campaign_text(self):
        campaign = self.campaign if isinstance(self.campaign, dict) else {}
        return ", ".join(f"{key}={value}" for key, value in campaign.items())

    @property
    def finder_answers_text(self):
        return "; ".join(f"{question} {answer}" for question, answer in self.finder_answer_summary)

    def erase_personal_data(self, now=None):
        """Forget who this was; keep what the statistics need (region, dates, status, choices)."""
        now = now or timezone.now()
        self.name = self.email = self.phone = self.postcode = self.message = ""
        self.next_action_note = ""
        self.withdrawal_token = None
        self.erased_at = now
        self.save()
        self.follow_ups.update(note="", staff_name="")
        self.phase_changes.update(note="", staff_name="")
        self.messages.update(recipients="", last_error="")
        self.messages.filter(state=MessageState.PENDING).update(state=MessageState.SKIPPED)
        self.resubmissions.all().delete()


class FollowUp(models.Model):
    """One interaction with the registrant, logged by staff: who, when, what kind, and a note. The first one is the
    first contact."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_name = models.CharField(_("door"), max_length=150, blank=True)
    contacted_at = models.DateTimeField(_("wanneer"))
    method = models.CharField(_("soort"), max_length=30, choices=InteractionKind.choices)
    note = models.TextField(_("notitie"), blank=True)
    status_after = models.CharField(_("status daarna"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-contacted_at", "-pk"]
        verbose_name = _("interactie")
        verbose_name_plural = _("interacties")

    def __str__(self):
        return f"{self.get_method_display()} {self.contacted_at:%Y-%m-%d}"


# What a message can be about: exactly one of these is set on every OutgoingMessage.
MESSAGE_OWNERS = ("registration", "sign_up", "offer", "need", "introduction")


def exactly_one_owner():
    """The check that a message is about exactly one thing: one owner set, every other one empty."""
    condition = models.Q()
    for owner in MESSAGE_OWNERS:
        condition |= models.Q(
            **{f"{owner}__isnull": False}, **{f"{other}__isnull": True for other in MESSAGE_OWNERS if other != owner}
        )
    return condition


def one_message_per_kind(owner):
    """At most one message of each kind about an owner."""
    return models.UniqueConstraint(
        fields=[owner, "kind"], condition=models.Q(**{f"{owner}__isnull": False}), name=f"one_{owner}_message_per_kind"
    )


class OutgoingMessage(models.Model):
    """One e-mail about exactly one thing: a registration, a sign-up for an event, a hybrid offer or need, or an
    introduction between the two. Unique per (owner, kind): a message is sent at most once, however many workers,
    retries or scans try; the row is claimed with ``select_for_update(skip_locked=True)``."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    sign_up = models.ForeignKey(
        "recruitment.EventSignUp",
        verbose_name=_("aanmelding voor een evenement"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    offer = models.ForeignKey(
        "recruitment.HybridOffer",
        verbose_name=_("hybride aanbod"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    need = models.ForeignKey(
        "recruitment.HybridNeed",
        verbose_name=_("hybride vraag"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    introduction = models.ForeignKey(
        "recruitment.Introduction",
        verbose_name=_("kennismaking"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("soort"), max_length=40)
    state = models.CharField(_("stand"), max_length=20, choices=MessageState.choices, default=MessageState.PENDING)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    recipients = models.TextField(_("ontvangers"), blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_message_per_kind"),
            models.UniqueConstraint(
                fields=["sign_up", "kind"],
                condition=models.Q(sign_up__isnull=False),
                name="one_sign_up_message_per_kind",
            ),
            one_message_per_kind("offer"),
            one_message_per_kind("need"),
            one_message_per_kind("introduction"),
            models.CheckConstraint(condition=exactly_one_owner(), name="message_about_exactly_one_thing"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="message_due_idx")]

    def __str__(self):
        return f"{self.kind_label} ({self.get_state_display()})"

    @property
    def kind_label(self):
        """The kind in words, for staff."""
        return kind_label(self.kind)

    @property
    def owner(self):
        """``(field, id)`` of what the message is about: ``("registration", 12)``, ``("offer", 3)``, ..."""
        for field in MESSAGE_OWNERS:
            pk = getattr(self, f"{field}_id")
            if pk is not None:
                return field, pk
        raise LookupError(f"message {self.pk} is about nothing")

    @property
    def message_id(self):
        """The same Message-ID header on every attempt at this message, so that a message sent twice (a worker killed
        between the mail server's "accepted" and the commit) is recognisably one message."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
        field, pk = self.owner
        return f"<{field.replace('_', '-')}-{pk}.message-{self.pk}@{domain}>"


class Resubmission(models.Model):
    """The form posted again with the address of an open registration. Nothing the owner gave is overwritten until
    they confirm through a link sent to that (already known) address; until then staff do not see it either."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="resubmissions"
    )
    data = models.JSONField(_("ingevulde gegevens"))
    token = models.CharField(
        _("bevestigingssleutel"), max_length=64, unique=True, default=new_withdrawal_token, editable=False
    )
    created_at = models.DateTimeField(_("ingestuurd op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nieuwe inzending")
        verbose_name_plural = _("nieuwe inzendingen")

    def __str__(self):
        return f"{self.registration_id} {self.created_at:%Y-%m-%d %H:%M}"

    def expires_at(self):
        return self.created_at + timedelta(days=settings.RECRUITMENT_RESUBMISSION_VALID_DAYS)

    def is_usable(self, now=None):
        return self.confirmed_at is None and (now or timezone.now()) < self.expires_at()

    @property
    def form_data(self):
        """What was posted, without the privacy statement's version it was posted under (and in Dutch when it was
        posted before the form stored a language)."""
        data = {key: value for key, value in self.data.items() if key != "consent_version"}
        data.setdefault("language", settings.LANGUAGE_CODE)
        return data

    def as_registration(self):
        """The registration as it reads with this post's details (unsaved), for the e-mail and the confirm page."""
        from routes.models import Region, RoutePage

        data = self.form_data
        proposed = Registration(
            **{field: data.get(field) or "" for field in SUBMITTED_TEXT_FIELDS},
            experience_years=data.get("experience_years"),
            roles=list(data.get("roles") or []),
            finder_answers=data.get("finder_answers") or {},
            region=Region.for_postcode(data.get("postcode") or ""),
            created_at=self.created_at,
        )
        route_ids = [pk for pk in data.get("routes") or [] if isinstance(pk, int)]
        proposed.proposed_route_titles = list(
            RoutePage.objects.filter(pk__in=route_ids).order_by("path").values_list("title", flat=True)
        )
        return proposed


class RegionAssignment(models.Model):
    """Limits a staff member to the registrations of some regions. Without one, staff see every region; with one
    that holds no regions, they see none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="recruitment_regions",
    )
    regions = models.ManyToManyField("routes.Region", verbose_name=_("regio's"), related_name="+")

    class Meta:
        verbose_name = _("regiotoewijzing")
        verbose_name_plural = _("regiotoewijzingen")

    def __str__(self):
        return str(self.user)

    @classmethod
    def region_ids_for(cls, user):
        """The ids of the regions this user is limited to, or None when they may see all of them.

        Fails closed: an assignment whose regions were all removed (or deleted) limits the user to nothing."""
        if user.is_superuser:
            return None
        assignment = cls.objects.filter(user=user).first()
        if assignment is None:
            return None
        return list(assignment.regions.values_list("pk", flat=True))
