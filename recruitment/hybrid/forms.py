"""The two public forms of the hybride match (a company offers hours, a school asks for them) and the staff's
decision form. The contact person's fields, the postcode, consent and the honeypot are the registration form's own
(their checks and Dutch messages are reused, not copied)."""

import copy
import re
from datetime import timedelta
from types import SimpleNamespace

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms import NOT_IN_NAMES, RegistrationForm, messages, too_long
from ..models import DAY_PARTS, IntroductionOutcome, SchoolType, TechField, VmboProfile
from ..models.hybrid import DAY_PART_VALUES, DAYS, PARTS

MAX_DESCRIPTION_LENGTH = 600
MAX_HOURS = 40
LATEST_START_DAYS = 2 * 365  # a start further ahead than this is a typing error
# In free text: control characters (C0 but tab and newline, C1) and the bidirectional overrides and isolates that
# make a text read differently from what is stored.
UNSHOWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def registration_field(name, **changes):
    """A field of the registration form, with its checks and messages, and another label or hint if given."""
    field = copy.deepcopy(RegistrationForm.base_fields[name])
    for attribute, value in changes.items():
        setattr(field, attribute, value)
    return field


def organisation_field(label, required_message):
    return forms.CharField(
        label=label,
        max_length=150,
        help_text=_("Deze naam komt op de openbare lijst."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages=messages(required=required_message, max_length=too_long(label)),
    )


class HybridPostForm(forms.Form):
    """What an offer and a need ask alike."""

    field = forms.ChoiceField(
        label=_("Vakgebied"),
        choices=[("", _("Kies een vakgebied"))] + TechField.choices,
        error_messages={
            "required": _("Kies een vakgebied."),
            "invalid_choice": _("Kies een vakgebied uit de lijst."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        min_value=1,
        max_value=MAX_HOURS,
        help_text=_("Een heel getal van 1 tot en met 40."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": "3"}),
        error_messages={
            "required": _("Vul in hoeveel uur per week het gaat."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 4."),
            "min_value": _("Vul minstens 1 uur in."),
            "max_value": _("Vul hoogstens 40 uur in."),
        },
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Op welke dagdelen?"),
        choices=DAY_PARTS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alle dagdelen die kunnen. Hoe meer, hoe groter de kans op een match."),
        error_messages={
            "required": _("Kies minstens één dagdeel."),
            "invalid_choice": _("Kies dagdelen uit het rooster."),
            "invalid_list": _("Kies dagdelen uit het rooster."),
        },
    )
    available_from = forms.DateField(
        label=_("Vanaf wanneer?"),
        help_text=_("Bijvoorbeeld 1-9-2027."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul in vanaf wanneer, bijvoorbeeld 1-9-2027."),
            "invalid": _("Vul een datum in, bijvoorbeeld 1-9-2027."),
        },
    )
    postcode = registration_field(
        "postcode",
        label=_("Postcode"),
        help_text=_("Vier cijfers en twee letters, bijvoorbeeld 1234 AB. Zo weten we welk regioloket helpt."),
    )
    description = forms.CharField(
        label=_("Korte omschrijving (niet verplicht)"),
        required=False,
        max_length=MAX_DESCRIPTION_LENGTH,
        help_text=_("Komt op de openbare lijst. Zet hier geen namen, e-mailadressen of telefoonnummers in."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=messages(max_length=too_long(_("De omschrijving"))),
    )
    contact_name = registration_field(
        "name",
        label=_("Naam contactpersoon"),
        help_text=_("Alleen het regioloket ziet de gegevens van de contactpersoon."),
    )
    contact_email = registration_field(
        "email",
        label=_("E-mailadres contactpersoon"),
        help_text=_("We sturen een link om te bevestigen. Voorbeeld: naam@voorbeeld.nl"),
    )
    contact_phone = registration_field("phone", label=_("Telefoonnummer contactpersoon (niet verplicht)"))
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om deze gegevens te bewaren en te gebruiken voor de hybride match, zoals beschreven "
            "in de privacyverklaring."
        ),
        error_messages={"required": _("Geef toestemming. Anders mogen we de gegevens niet bewaren.")},
    )
    website = registration_field("website")

    honeypot_field = RegistrationForm.honeypot_field
    is_spam = RegistrationForm.is_spam
    visible_fields_in_order = RegistrationForm.visible_fields_in_order
    clean_postcode = RegistrationForm.clean_postcode

    # The order on the page: what the organisation is, what it offers or asks, then who to contact.
    field_order = [
        "company_name",
        "school_name",
        "school_type",
        "vmbo_profile",
        "mbo_programme",
        "field",
        "hours_per_week",
        "day_parts",
        "available_from",
        "postcode",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
        "consent",
        "website",
    ]

    def clean_contact_name(self):
        return registration_check(RegistrationForm.clean_name, "name", self.cleaned_data["contact_name"])

    def clean_contact_email(self):
        return registration_check(RegistrationForm.clean_email, "email", self.cleaned_data["contact_email"])

    def clean_contact_phone(self):
        return registration_check(RegistrationForm.clean_phone, "phone", self.cleaned_data["contact_phone"])

    @property
    def day_part_rows(self):
        """The day parts as the grid shows them: ``[(day, [(id, value, label, checked), ...]), ...]``, a row per day
        and a column per part of the day, the ids as Django numbers the check boxes (``id_day_parts_0``, ...)."""
        bound = self["day_parts"]
        value = bound.value()
        chosen = set(value if isinstance(value, list) else [value] if value else [])
        rows, index = [], 0
        for day, day_label in DAYS:
            cells = []
            for part, part_label in PARTS:
                value = f"{day}-{part}"
                cells.append((f"{bound.auto_id}_{index}", value, f"{day_label}{part_label}", value in chosen))
                index += 1
            rows.append((day_label, cells))
        return rows

    def clean_day_parts(self):
        chosen = set(self.cleaned_data["day_parts"])
        return [value for value in DAY_PART_VALUES if value in chosen]  # in the week's order, each once

    def clean_available_from(self):
        day = self.cleaned_data["available_from"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("Deze datum is al geweest. Kies vandaag of een latere datum."), code="past")
        if day > today + timedelta(days=LATEST_START_DAYS):
            raise forms.ValidationError(
                _("Deze datum ligt meer dan twee jaar vooruit. Kies een datum binnen twee jaar."), code="far"
            )
        return day

    def clean_description(self):
        return clean_text(self.cleaned_data["description"])


def registration_check(check, name, value):
    """A clean method of the registration form run on a value of ours (it reads only ``cleaned_data[name]``)."""
    return check(SimpleNamespace(cleaned_data={name: value}))


def clean_text(value):
    """Free text as it is shown: trimmed, without characters that make it read differently from what is stored."""
    return UNSHOWABLE.sub("", value).strip()


def clean_organisation(value):
    """The name of a company or school: letters, no web address, no markup."""
    name = " ".join(clean_text(value).split())
    if not any(character.isalpha() for character in name):
        raise forms.ValidationError(_("Vul de naam in met letters."), code="invalid")
    if "://" in name or "www." in name.lower():
        raise forms.ValidationError(_("Vul alleen de naam in, zonder internetadres."), code="invalid")
    if NOT_IN_NAMES.search(name):
        raise forms.ValidationError(
            _("Gebruik in de naam alleen letters, cijfers, spaties en leestekens als - . & ' ( )."), code="invalid"
        )
    return name


class HybridOfferForm(HybridPostForm):
    """A company offers some hours a week of one of its professionals."""

    company_name = organisation_field(_("Naam van het bedrijf"), _("Vul de naam van het bedrijf in."))

    def clean_company_name(self):
        return clean_organisation(self.cleaned_data["company_name"])


class HybridNeedForm(HybridPostForm):
    """A vmbo or mbo school asks for some hours a week of a professional."""

    school_name = organisation_field(_("Naam van de school"), _("Vul de naam van de school in."))
    school_type = forms.ChoiceField(
        label=_("Soort school"),
        choices=SchoolType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies vmbo of mbo."),
            "invalid_choice": _("Kies vmbo of mbo uit de lijst."),
        },
    )
    vmbo_profile = forms.ChoiceField(
        label=_("Vmbo: welk profiel?"),
        required=False,
        choices=[("", _("Kies een profiel"))] + VmboProfile.choices,
        help_text=_("Alleen voor het vmbo."),
        error_messages={"invalid_choice": _("Kies een profiel uit de lijst.")},
    )
    mbo_programme = forms.CharField(
        label=_("Mbo: welke opleiding?"),
        required=False,
        max_length=150,
        help_text=_("Alleen voor het mbo. Bijvoorbeeld Eerste Monteur Elektrotechnische Installaties."),
        error_messages=messages(max_length=too_long(_("De opleiding"))),
    )

    def clean_school_name(self):
        return clean_organisation(self.cleaned_data["school_name"])

    def clean_mbo_programme(self):
        return " ".join(clean_text(self.cleaned_data["mbo_programme"]).split())

    def clean(self):
        cleaned_data = super().clean()
        school_type = cleaned_data.get("school_type")
        if school_type == SchoolType.VMBO:
            cleaned_data["mbo_programme"] = ""
            if not cleaned_data.get("vmbo_profile") and "vmbo_profile" not in self.errors:
                self.add_error(
                    "vmbo_profile", forms.ValidationError(_("Kies het profiel van het vmbo."), code="required")
                )
        elif school_type == SchoolType.MBO:
            cleaned_data["vmbo_profile"] = ""
            if not cleaned_data.get("mbo_programme") and "mbo_programme" not in self.errors:
                self.add_error(
                    "mbo_programme", forms.ValidationError(_("Vul de opleiding van het mbo in."), code="required")
                )
        return cleaned_data


class ReasonForm(forms.Form):
    """A staff form with a ``reason`` that is required for one choice (``reason_needed``: field, value, message)."""

    reason_needed = ("", "", "")

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["reason"] = (cleaned_data.get("reason") or "").strip()
        field, value, message = self.reason_needed
        if cleaned_data.get(field) == value and not cleaned_data["reason"]:
            self.add_error("reason", forms.ValidationError(message, code="required"))
        return cleaned_data


class DecisionForm(ReasonForm):
    """Staff approve or reject an offer or need; a rejection needs a reason."""

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren: op de openbare lijst")), ("reject", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )
    reason = forms.CharField(
        label=_("Reden (bij afwijzen)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom wijs je het af? Schrijf geen gevoelige gegevens op."),
        error_messages=messages(max_length=too_long(_("De reden"))),
    )

    reason_needed = ("decision", "reject", _("Schrijf op waarom je het afwijst."))


class OutcomeForm(ReasonForm):
    """Staff log how an introduction turned out; "geen match" needs a reason."""

    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=IntroductionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst."), "invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )
    reason = forms.CharField(
        label=_("Toelichting (verplicht bij geen match)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=messages(max_length=too_long(_("De toelichting"))),
    )

    reason_needed = ("outcome", IntroductionOutcome.NO_MATCH, _("Schrijf op waarom het geen match is."))
