"""The forms on the check-in page: the code from the QR code (scanned or typed), and a walk-in, with the sign-up
form's checks and the same consent (recruitment/event_forms.py)."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from .event_forms import EventSignUpForm, registration_field
from .forms import RegistrationForm, messages, too_long

MAX_CODE_LENGTH = 64  # EventSignUp.token


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=200,  # pasted or scanned text with spaces around it: shortened below, never a server error
        help_text=_("De code staat in de bevestiging van de deelnemer, onder 'Je aanmeldcode'."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "enterkeyhint": "go"}
        ),
        error_messages=messages(required=_("Vul de code in."), max_length=too_long(_("De code"))),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if len(code) > MAX_CODE_LENGTH:
            raise forms.ValidationError(unknown_code(), code="unknown")
        return code


def unknown_code():
    return _("Deze code hoort niet bij een aanmelding voor deze bijeenkomst. Controleer de code of zoek op naam.")


class WalkInForm(forms.Form):
    """Someone who came without signing up. The e-mail address is required: the one sign-up per address per event
    (and the message after the event) needs it."""

    name = registration_field("name")
    email = registration_field("email")
    consent = copy.deepcopy(EventSignUpForm.base_fields["consent"])

    clean_name = RegistrationForm.clean_name
    clean_email = RegistrationForm.clean_email

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="binnenloper", **kwargs)
        name, email = self.fields["name"], self.fields["email"]
        name.label = _("Naam")
        name.error_messages["required"] = _("Vul de naam in.")
        email.label = _("E-mailadres")
        email.help_text = _("Voor het bericht na afloop. Voorbeeld: naam@voorbeeld.nl")
        email.error_messages["required"] = _("Vul het e-mailadres in. Dan kan de deelnemer na afloop bericht krijgen.")
