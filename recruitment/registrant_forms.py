"""The forms of the registrant's own page: their details (the registration form's fields and checks, without the
address and the consent they already gave) and the request for a new link to the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .addresses import canonical_email
from .forms import RegistrationForm

# Not asked again on the personal page: the address is how the page is reached (a new one means registering again),
# consent was given, the route finder's answers stay as they were sent, and the page needs no honeypot (the link is
# the proof).
NOT_ON_THE_PAGE = ("email", "consent", "send_finder_answers", "website")


class DetailsForm(RegistrationForm):
    """The registrant's details, filled in with what is stored, checked as the registration form checks them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NOT_ON_THE_PAGE:
            self.fields.pop(name, None)

    @classmethod
    def for_registration(cls, registration, data=None):
        if data is not None:
            return cls(data)
        initial = {
            "name": registration.name,
            "phone": registration.phone,
            "postcode": registration.postcode,
            "situation": registration.situation,
            "education": registration.education,
            "experience_years": registration.experience_years,
            "routes": [route.pk for route in registration.routes.all()],
            "roles": list(registration.roles or []),
            "contact_preference": registration.contact_preference,
            "message": registration.message,
        }
        return cls(initial=initial)

    @property
    def is_spam(self):
        return False


class LinkRequestForm(forms.Form):
    """Ask for a new link to one's page. The answer is the same whether the address is known or not."""

    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("Het e-mailadres waarmee je je hebt aangemeld. Voorbeeld: naam@voorbeeld.nl"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
            "null_characters_not_allowed": _("Hier staat een teken dat niet is toegestaan. Typ de tekst opnieuw."),
        },
    )
    # Honeypot, as on the registration form: hidden from people (and assistive technology); bots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    honeypot_field = "website"

    @property
    def is_spam(self):
        return bool(self.data.get(self.honeypot_field))

    def clean_email(self):
        return canonical_email(self.cleaned_data["email"])
