"""A candidate's path after the first contact: the phases staff record, why someone stopped, who follows them up,
and when a staff member is away."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..addresses import validate_address_lines
from .choices import Phase


class StopReason(models.Model):
    """Why a candidate stopped ("gestopt"): a list staff can extend in the admin."""

    name = models.CharField(_("reden"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("te kiezen"),
        default=True,
        help_text=_("Uitzetten haalt de reden uit de keuzelijst; oude aanmeldingen houden hem."),
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("reden om te stoppen")
        verbose_name_plural = _("redenen om te stoppen")

    def __str__(self):
        return self.name


class PhaseChange(models.Model):
    """One step on a registration's path, as staff recorded it. The funnel counts how many reached each phase."""

    registration = models.ForeignKey(
        "recruitment.Registration", verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="phase_changes"
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now, db_index=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_name = models.CharField(_("door"), max_length=150, blank=True)
    stop_reason = models.ForeignKey(
        StopReason,
        verbose_name=_("reden om te stoppen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")
        indexes = [models.Index(fields=["registration", "phase"], name="phase_change_reg_idx")]

    def __str__(self):
        return f"{self.get_phase_display()} {timezone.localtime(self.changed_at):%Y-%m-%d}"


class StaffAbsence(models.Model):
    """A staff member is away: meanwhile the reminders about registrations assigned to them go to the region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("afwezig vanaf"))
    ends_on = models.DateField(_("afwezig tot en met"))
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.starts_on:%d-%m-%Y} t/m {self.ends_on:%d-%m-%Y}"

    @classmethod
    def is_away(cls, user, day=None):
        day = day or timezone.localdate()
        return cls.objects.filter(user=user, starts_on__lte=day, ends_on__gte=day).exists()


class RegionFollowUp(models.Model):
    """Who in a region hears of a registration, and who is warned when one waits too long. Recruitment's side of a
    region (``routes.Region`` holds what visitors read)."""

    region = models.OneToOneField(
        "routes.Region", verbose_name=_("regio"), on_delete=models.CASCADE, related_name="follow_up"
    )
    follow_up_emails = models.TextField(
        _("e-mailadressen voor opvolging"),
        blank=True,
        validators=[validate_address_lines],
        help_text=_("Eén adres per regel. Deze mensen krijgen een bericht bij elke nieuwe aanmelding."),
    )
    coordinator_email = models.EmailField(
        _("e-mailadres coördinator"), blank=True, help_text=_("Krijgt een waarschuwing als iemand te lang wacht.")
    )

    class Meta:
        ordering = ["region__name"]
        verbose_name = _("opvolging per regio")
        verbose_name_plural = _("opvolging per regio")

    def __str__(self):
        return str(self.region)

    @property
    def follow_up_email_list(self):
        return [line.strip() for line in self.follow_up_emails.splitlines() if line.strip()]
