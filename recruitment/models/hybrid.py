"""Hybride match: a company offers a professional's hours (``HybridOffer``), a school asks for hours
(``HybridNeed``); staff of the region approve both before they are public, and introduce an offer and a need to each
other (``Introduction``).

An offer and a need share their shape (``HybridPost``): what is on the public overview (the organisation's name, the
field, hours, day parts, region, start and a short description), the contact person that only staff see, and the
lifecycle unconfirmed → confirmed (the contact clicked the e-mail link) → approved or rejected (staff)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_hybrid_token():
    return secrets.token_urlsafe(32)


class TechField(models.TextChoices):
    """The technical fields an offer and a need are matched on."""

    ELECTRICAL = "elektrotechniek", _("Elektrotechniek")
    MECHANICAL = "werktuigbouw", _("Werktuigbouw")
    INSTALLATION = "installatietechniek", _("Installatietechniek")
    CONSTRUCTION = "bouw", _("Bouw")
    ICT = "ict", _("ICT")
    MOBILITY = "mobiliteit", _("Mobiliteit en voertuigen")
    PROCESS = "procestechniek", _("Procestechniek")
    MARITIME = "maritiem", _("Maritieme techniek en logistiek")
    MEDIA = "media", _("Media en vormgeving")
    OTHER = "anders", _("Anders")


class SchoolType(models.TextChoices):
    VMBO = "vmbo", _("Vmbo")
    MBO = "mbo", _("Mbo")


class VmboProfile(models.TextChoices):
    """The technical profiles of the vmbo's beroepsgerichte leerweg."""

    BWI = "bwi", _("Bouwen, wonen en interieur (BWI)")
    PIE = "pie", _("Produceren, installeren en energie (PIE)")
    MT = "mt", _("Mobiliteit en transport (M&T)")
    MVI = "mvi", _("Media, vormgeving en ICT (MVI)")
    MAT = "mat", _("Maritiem en techniek (MaT)")
    DP = "dp", _("Dienstverlening en producten (D&P)")


DAYS = (("ma", _("maandag")), ("di", _("dinsdag")), ("wo", _("woensdag")), ("do", _("donderdag")), ("vr", _("vrijdag")))
PARTS = (("ochtend", _("ochtend")), ("middag", _("middag")))
# The ten parts of a school week, "ma-ochtend" ... "vr-middag", in the week's order.
DAY_PARTS = [(f"{day}-{part}", f"{day_label}{part_label}") for day, day_label in DAYS for part, part_label in PARTS]
DAY_PART_VALUES = [value for value, _label in DAY_PARTS]
DAY_PART_BITS = {value: 1 << index for index, value in enumerate(DAY_PART_VALUES)}


def day_parts_mask(values):
    """The day parts as one number (a bit per part), for counting overlaps quickly."""
    mask = 0
    for value in values if isinstance(values, list) else ():
        mask |= DAY_PART_BITS.get(value, 0)
    return mask


class HybridStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Wacht op bevestiging per e-mail")
    CONFIRMED = "confirmed", _("Bevestigd, wacht op goedkeuring")
    APPROVED = "approved", _("Goedgekeurd (openbaar)")
    REJECTED = "rejected", _("Afgewezen")


class HybridPostQuerySet(models.QuerySet):
    def public(self, now=None):
        """Approved and not expired: what the public overview and the matching show."""
        return self.filter(status=HybridStatus.APPROVED, expires_at__gt=now or timezone.now())

    def for_user(self, user):
        """What a staff member may see: everything, or only their regions when they are limited to some."""
        from .registration import RegionAssignment

        region_ids = RegionAssignment.region_ids_for(user)
        return self if region_ids is None else self.filter(region_id__in=region_ids)


class HybridPost(models.Model):
    """What an offer and a need have in common."""

    # Public once approved.
    field = models.CharField(_("vakgebied"), max_length=30, choices=TechField.choices, db_index=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    day_parts = models.JSONField(_("dagdelen"), default=list, blank=True)  # DAY_PART_VALUES, in the week's order
    region = models.ForeignKey(
        "routes.Region", verbose_name=_("regio"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    available_from = models.DateField(_("vanaf"))
    description = models.TextField(_("korte omschrijving"), blank=True)

    # Only for staff.
    postcode = models.CharField(_("postcode"), max_length=7)
    contact_name = models.CharField(_("contactpersoon"), max_length=120)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"))
    contact_phone = models.CharField(_("telefoonnummer contactpersoon"), max_length=20, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=HybridStatus.choices, default=HybridStatus.UNCONFIRMED, db_index=True
    )
    created_at = models.DateTimeField(_("ingestuurd op"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    approved_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    expires_at = models.DateTimeField(_("openbaar tot"), null=True, blank=True, db_index=True)
    confirm_token = models.CharField(
        _("bevestigingssleutel"), max_length=64, unique=True, default=new_hybrid_token, editable=False
    )
    renew_token = models.CharField(
        _("sleutel om te verlengen"), max_length=64, unique=True, default=new_hybrid_token, editable=False
    )
    consent_version = models.CharField(_("versie privacyverklaring"), max_length=40, blank=True)
    consented_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)

    objects = HybridPostQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} ({self.get_field_display()})"

    @property
    def day_part_labels(self):
        labels = dict(DAY_PARTS)
        return [str(labels[value]) for value in DAY_PART_VALUES if value in (self.day_parts or [])]

    @property
    def day_parts_text(self):
        return ", ".join(self.day_part_labels)

    @property
    def is_awaiting_confirmation(self):
        return self.status == HybridStatus.UNCONFIRMED

    @property
    def is_awaiting_approval(self):
        return self.status == HybridStatus.CONFIRMED

    def is_public(self, now=None):
        return (
            self.status == HybridStatus.APPROVED
            and self.expires_at is not None
            and self.expires_at > (now or timezone.now())
        )


class HybridOffer(HybridPost):
    """A company offers some hours a week of one of its professionals to teach in the vmbo or mbo."""

    company_name = models.CharField(_("bedrijf"), max_length=150)

    class Meta(HybridPost.Meta):
        verbose_name = _("hybride aanbod")
        verbose_name_plural = _("hybride aanbod")
        indexes = [models.Index(fields=["status", "region", "field"], name="hybrid_offer_public_idx")]

    @property
    def organisation(self):
        return self.company_name


class HybridNeed(HybridPost):
    """A vmbo or mbo school asks for some hours a week of a professional from industry."""

    school_name = models.CharField(_("school"), max_length=150)
    school_type = models.CharField(_("soort school"), max_length=10, choices=SchoolType.choices)
    vmbo_profile = models.CharField(_("vmbo-profiel"), max_length=10, choices=VmboProfile.choices, blank=True)
    mbo_programme = models.CharField(_("mbo-opleiding"), max_length=150, blank=True)

    class Meta(HybridPost.Meta):
        verbose_name = _("hybride vraag")
        verbose_name_plural = _("hybride vragen")
        indexes = [models.Index(fields=["status", "region", "field"], name="hybrid_need_public_idx")]

    @property
    def organisation(self):
        return self.school_name

    @property
    def subject_text(self):
        """The vmbo profile or the mbo programme, in words."""
        if self.school_type == SchoolType.VMBO:
            return self.get_vmbo_profile_display() if self.vmbo_profile else ""
        return self.mbo_programme


class IntroductionOutcome(models.TextChoices):
    MEETING_PLANNED = "gesprek-gepland", _("Gesprek gepland")
    AGREED = "afspraak-gemaakt", _("Afspraak gemaakt")
    NO_MATCH = "geen-match", _("Geen match")


class Introduction(models.Model):
    """Staff introduced an offer and a need to each other (one message to both); the outcome they log later stops
    the reminders."""

    offer = models.ForeignKey(
        HybridOffer, verbose_name=_("aanbod"), on_delete=models.CASCADE, related_name="introductions"
    )
    need = models.ForeignKey(
        HybridNeed, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="introductions"
    )
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduced_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=IntroductionOutcome.choices, blank=True)
    outcome_reason = models.TextField(_("toelichting bij de uitkomst"), blank=True)
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitkomst vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-introduced_at", "-pk"]
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")
        constraints = [models.UniqueConstraint(fields=["offer", "need"], name="one_introduction_per_pair")]

    def __str__(self):
        return f"{self.offer.organisation} – {self.need.organisation}"

    @property
    def region(self):
        """The region whose staff follow the introduction up: the offer's (matched within one region)."""
        return self.offer.region

    @property
    def has_outcome(self):
        return bool(self.outcome)
