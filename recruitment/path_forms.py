"""The staff forms for a candidate's path: the phase with what goes with it, and who follows the candidate up."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Phase, PreparationStep, RegionAssignment, Role, StopReason
from .permissions import RECRUITMENT_STAFF_GROUP

# A next-action date is a plan: from today on, and not absurdly far ahead.
NEXT_ACTION_MAX_DAYS = 3 * 366


class PathForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=[(value, label) for value, label in Phase.choices if value != Phase.NEW],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een fase.")},
    )
    preparation_steps = forms.MultipleChoiceField(
        label=_("Voorbereiding"),
        choices=PreparationStep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen bij de fase Voorbereiding."),
    )
    working_as = forms.ChoiceField(
        label=_("Aan het werk als"),
        choices=[("", _("Kies een rol"))] + list(Role.choices),
        required=False,
        help_text=_("Alleen bij de fase Aan het werk."),
    )
    stop_reason = forms.ModelChoiceField(
        label=_("Reden om te stoppen"),
        queryset=StopReason.objects.filter(is_active=True),
        required=False,
        empty_label=_("Kies een reden"),
        help_text=_(
            "Alleen bij de fase Gestopt. Staat de reden er niet bij? Voeg hem toe onder Redenen om te stoppen."
        ),
    )
    next_action_on = forms.DateField(
        label=_("Volgende actie op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Op deze dag krijgt wie de aanmelding opvolgt een herinnering (op een werkdag)."),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-14.")},
    )
    next_action_note = forms.CharField(
        label=_("Wat is de volgende actie?"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: nabellen na de meeloopdag."),
    )
    note = forms.CharField(
        label=_("Notitie bij deze stap"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Schrijf geen gevoelige gegevens op."),
    )

    def __init__(self, *args, registration=None, **kwargs):
        if registration is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "phase": registration.phase if registration.phase != Phase.NEW else Phase.IN_CONVERSATION,
                "preparation_steps": registration.preparation_steps,
                "working_as": registration.working_as,
                "stop_reason": registration.stop_reason_id,
                "next_action_on": registration.next_action_on,
                "next_action_note": registration.next_action_note,
            }
        super().__init__(*args, **kwargs)
        self.registration = registration
        if registration is not None and registration.stop_reason_id:
            # A reason switched off later stays possible for the registration that has it.
            self.fields["stop_reason"].queryset = StopReason.objects.filter(
                Q(is_active=True) | Q(pk=registration.stop_reason_id)
            )

    def clean_next_action_on(self):
        day = self.cleaned_data.get("next_action_on")
        if day is None:
            return None
        today = timezone.localdate()
        if self.registration is not None and day == self.registration.next_action_on:
            return day  # the date that was set and has passed: kept as it is when staff change something else
        if day < today:
            raise forms.ValidationError(_("Deze datum is al voorbij. Kies vandaag of een dag later."), code="past")
        if (day - today).days > NEXT_ACTION_MAX_DAYS or day > date(9000, 1, 1):
            raise forms.ValidationError(_("Kies een datum binnen drie jaar."), code="far")
        return day

    def clean(self):
        data = super().clean()
        phase = data.get("phase")
        if phase == Phase.STOPPED and not data.get("stop_reason"):
            self.add_error("stop_reason", _("Kies waarom deze persoon gestopt is."))
        if phase == Phase.WORKING and not data.get("working_as"):
            self.add_error("working_as", _("Kies als wat deze persoon aan het werk is."))
        return data


def staff_for(region):
    """The active staff members who may follow up registrations of this region."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=RECRUITMENT_STAFF_GROUP))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    result = []
    for user in users:
        region_ids = RegionAssignment.region_ids_for(user)
        if region_ids is None or (region is not None and region.pk in region_ids):
            result.append(user)
    return result


class AssignForm(forms.Form):
    assigned_to = forms.ChoiceField(label=_("Toegewezen aan"), required=False)

    def __init__(self, *args, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(user.pk): user for user in staff_for(registration.region if registration else None)}
        self.fields["assigned_to"].choices = [("", _("Niemand: de hele regio"))] + [
            (pk, user.get_full_name() or user.get_username()) for pk, user in self.staff.items()
        ]
        if registration is not None and not self.is_bound:
            self.initial["assigned_to"] = str(registration.assigned_to_id or "")

    def clean_assigned_to(self):
        value = self.cleaned_data.get("assigned_to") or ""
        return self.staff.get(value) if value else None
