"""The sign-up form for an event: the same checks and Dutch messages as the registration form (its fields and clean
methods are reused, not copied), consent, a honeypot, an optional "what do you need to take part", and one field per
question the editor asked."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import RegistrationForm, messages, too_long

QUESTION_PREFIX = "vraag_"
MAX_ANSWER_LENGTH = 1000
MAX_NEEDS_LENGTH = 1000


def registration_field(name):
    """A field of the registration form, with its label, checks and messages."""
    return copy.deepcopy(RegistrationForm.base_fields[name])


class EventSignUpForm(forms.Form):
    name = registration_field("name")
    email = registration_field("email")
    phone = registration_field("phone")
    needs = forms.CharField(
        label=_("Heb je iets nodig om mee te kunnen doen? (niet verplicht)"),
        required=False,
        max_length=MAX_NEEDS_LENGTH,
        help_text=_("Bijvoorbeeld een rolstoelplek, een tolk of ondertiteling. Dan regelen we dat met je."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=messages(max_length=too_long(_("Je antwoord"))),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te bewaren en te gebruiken voor deze bijeenkomst, zoals beschreven "
            "in de privacyverklaring."
        ),
        error_messages={
            "required": _("Geef toestemming. Anders mogen we je gegevens niet bewaren en kun je je niet aanmelden.")
        },
    )
    # Honeypot: hidden from people (and from assistive technology); bots fill it in.
    website = registration_field("website")

    honeypot_field = RegistrationForm.honeypot_field

    clean_name = RegistrationForm.clean_name
    clean_email = RegistrationForm.clean_email
    clean_phone = RegistrationForm.clean_phone
    is_spam = RegistrationForm.is_spam

    def __init__(self, *args, questions=(), **kwargs):
        """``questions``: the event's questions (``EventQuestion``: ``pk``, ``text``, ``required``)."""
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = forms.CharField(
                label=question.text
                if question.required
                else _("%(question)s (niet verplicht)") % {"question": question.text},
                required=question.required,
                max_length=MAX_ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages=messages(
                    required=_("Geef antwoord op deze vraag."), max_length=too_long(_("Je antwoord"))
                ),
            )
        # The honeypot last, after the questions.
        self.fields["website"] = self.fields.pop("website")

    @property
    def visible_fields_in_order(self):
        return [field for field in self if field.name != self.honeypot_field and not field.is_hidden]

    def clean_needs(self):
        return self.cleaned_data["needs"].strip()

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["answers"] = {
            str(question.pk): cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}", "").strip()
            for question in self.questions
            if cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}", "").strip()
        }
        return cleaned_data
