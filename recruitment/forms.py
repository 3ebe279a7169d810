"""The registration form (public) and the contact form (staff, in the admin). Every message is plain Dutch, through
gettext: the registration form is English under /en/ (locale/en), the contact form stays Dutch (the admin is)."""

import functools
import re

from django import forms
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, PageViewRestriction

from content import fragments
from routes.finder import PASS_ON_PREFIX, Answers
from routes.finder import Education as FinderEducation
from routes.finder import Experience as FinderExperience
from routes.finder import ForeignTeacher as FinderForeignTeacher
from routes.finder import Role as FinderRole
from routes.models import RoutePage

from .addresses import canonical_email
from .models import ContactPreference, Education, InteractionKind, Role, Situation, Status
from .schedule import CONTACT_FUTURE_MARGIN, earliest_contact_moment

NULL_CHARACTERS = _("Hier staat een teken dat niet is toegestaan. Typ de tekst opnieuw.")
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})$")
POSTCODE_LETTERS_NOT_USED = {"SA", "SD", "SS"}  # never used in Dutch postcodes
PHONE_ALLOWED_RE = re.compile(r"^[0-9+()\-. ]+$")
PHONE_RE = re.compile(r"^(?:0[1-9][0-9]{8}|(?:\+|00)[1-9][0-9]{7,13})$")


def messages(**kwargs):
    return {"null_characters_not_allowed": NULL_CHARACTERS, **kwargs}


def too_long(what):
    return format_lazy(
        _("{what} mag hoogstens %(limit_value)d tekens hebben. Nu zijn het er %(show_value)d."), what=what
    )


def normalise_postcode(value):
    """ "1234ab", "1234 AB", " 1234  ab " → "1234 AB"; anything else → None."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = POSTCODE_RE.match(compact)
    if not match or match.group(2) in POSTCODE_LETTERS_NOT_USED:
        return None
    return f"{match.group(1)} {match.group(2)}"


# Characters no one's name holds: markup, template syntax, control characters (C0 and C1), and the bidirectional
# overrides and isolates that make a name read differently from what is stored.
NOT_IN_NAMES = re.compile(r"[<>{}\[\]\\|^~=@#$%*;\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Where the route finder's answers and the form's questions mean the same, a finder answer fills in the form.
FINDER_ROLES = {
    FinderRole.TEACHER: [Role.TEACHER],
    # "Een ondersteunende rol, bijvoorbeeld instructeur of onderwijsassistent"
    FinderRole.SUPPORT: [Role.INSTRUCTOR, Role.ASSISTANT],
    # "Een paar uur per week lesgeven naast mijn werk": what hybride docenten and gastdocenten do.
    FinderRole.FEW_HOURS: [Role.HYBRID, Role.GUEST],
}
# The students the form's "Ik studeer (mbo of hbo)" speaks of.
STUDIES_OF_STUDENTS = {"mbo2-3", "mbo4", "hbo"}


def finder_answers_in(query):
    """The route finder's answers passed on in a query string or a post (``rw-opleiding=hbo&...``), read and checked
    by the finder itself: a value it does not know, or an answer to a question that does not apply, is dropped."""
    return Answers.from_query(query, prefix=PASS_ON_PREFIX)


def initial_from_finder(answers):
    """What the finder's answers fill in on the form, where both ask the same thing."""
    initial = {}
    if answers.education in Education.values:  # the same vocabulary of entry levels
        initial["education"] = answers.education
    if answers.education == FinderEducation.STUDENT and answers.study in STUDIES_OF_STUDENTS:
        initial["situation"] = Situation.STUDENT
    if answers.foreign_teacher == FinderForeignTeacher.YES:
        initial["situation"] = Situation.FOREIGN_TEACHER
    if answers.experience == FinderExperience.NONE:
        initial["experience_years"] = 0
    if answers.role in FINDER_ROLES:
        initial["roles"] = [role.value for role in FINDER_ROLES[answers.role]]
    return initial


class RouteChoiceField(forms.ModelMultipleChoiceField):
    """The routes to tick: the Dutch route pages (their ids are stored and staff read them). In another language
    each is named by its live translation's title; a route without one keeps its Dutch title, marked as Dutch."""

    def label_from_instance(self, obj):
        translated_title = getattr(obj, "translated_title", None)
        if translated_title is None or fragments.in_site_language():
            return obj.title
        if translated_title:
            return translated_title
        return format_html('<span lang="nl">{}</span> {}', obj.title, _("(in het Nederlands)"))

    def clean(self, value):
        """The chosen routes as a list: the queryset Django returns would be compiled again by every ``if routes``
        (even the empty one), which on a registration post cost more than the post's own insert."""
        routes = super().clean(value)
        return list(routes) if value else []


@functools.cache
def _offered_routes_query():
    private = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return (
        RoutePage.objects.live().filter(~Exists(private), locale__language_code=settings.LANGUAGE_CODE).order_by("path")
    )


def offered_routes():
    """The live route pages outside any private section, as Wagtail's ``public()`` finds them, but in the one query
    that lists or validates them: ``public()`` reads every view restriction as soon as it is called, so each form
    (also a post without routes) would cost that query. The query is built once per process and copied for each form
    (building it took 0.4 ms, half of a form's construction; a copy holds no results)."""
    routes = _offered_routes_query().all()
    if fragments.in_site_language():
        return routes
    translations = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=get_language(), live=True
    )
    return routes.annotate(translated_title=Coalesce(Subquery(translations.values("title")[:1]), Value("")))


class RegistrationForm(forms.Form):
    """The interest registration: only what staff need to call back. Routes come from the live route pages."""

    name = forms.CharField(
        label=_("Je naam"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=messages(required=_("Vul je naam in."), max_length=too_long(_("Je naam"))),
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("We sturen je een bevestiging. Voorbeeld: naam@voorbeeld.nl"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=messages(
            required=_("Vul je e-mailadres in. Dan kunnen we je een bevestiging sturen."),
            invalid=_("Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."),
            max_length=too_long(_("Je e-mailadres")),
        ),
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer (niet verplicht)"),
        required=False,
        max_length=20,
        help_text=_("Bijvoorbeeld 06 12345678. Een nummer uit het buitenland begint met + en de landcode."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
        error_messages=messages(max_length=too_long(_("Je telefoonnummer"))),
    )
    postcode = forms.CharField(
        label=_("Je postcode"),
        max_length=10,
        help_text=_("Vier cijfers en twee letters, bijvoorbeeld 1234 AB. Zo weten we welk regioloket je helpt."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "7"}),
        error_messages=messages(
            required=_("Vul je postcode in, bijvoorbeeld 1234 AB."),
            max_length=_("Een postcode heeft vier cijfers en twee letters, bijvoorbeeld 1234 AB."),
        ),
    )
    situation = forms.ChoiceField(
        label=_("Wat doe je nu?"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat je nu doet."),
            "invalid_choice": _("Kies wat je nu doet uit de lijst."),
        },
    )
    education = forms.ChoiceField(
        label=_("Je hoogste opleiding"),
        choices=[("", _("Kies je opleiding"))] + [(value, capfirst(label)) for value, label in Education.choices],
        help_text=_("De hoogste opleiding die je hebt afgerond."),
        error_messages={
            "required": _("Kies je hoogste opleiding."),
            "invalid_choice": _("Kies je hoogste opleiding uit de lijst."),
        },
    )
    experience_years = forms.IntegerField(
        label=_("Hoeveel jaar werk je in de techniek?"),
        min_value=0,
        max_value=60,
        help_text=_("In hele jaren. Geen ervaring? Vul 0 in."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": "3"}),
        error_messages={
            "required": _("Vul in hoeveel jaar je in de techniek werkt. Geen ervaring? Vul 0 in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 0, 3 of 12."),
            "min_value": _("Het aantal jaren kan niet lager zijn dan 0."),
            "max_value": _("Vul een aantal jaren in van 0 tot en met 60."),
        },
    )
    routes = RouteChoiceField(
        label=_("Welke routes spreken je aan? (niet verplicht)"),
        queryset=RoutePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weet je het nog niet? Sla dit over. We denken graag met je mee."),
        error_messages={
            "invalid_choice": _("Kies routes uit de lijst."),
            "invalid_pk_value": _("Kies routes uit de lijst."),
            "invalid_list": _("Kies routes uit de lijst."),
        },
    )
    roles = forms.MultipleChoiceField(
        label=_("Welk werk in het onderwijs trekt je? (niet verplicht)"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies werk uit de lijst."), "invalid_list": _("Kies werk uit de lijst.")},
    )
    contact_preference = forms.ChoiceField(
        label=_("Hoe nemen we het liefst contact met je op?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe we contact met je opnemen."),
            "invalid_choice": _("Kies hoe we contact met je opnemen uit de lijst."),
        },
    )
    message = forms.CharField(
        label=_("Wil je nog iets kwijt? (niet verplicht)"),
        required=False,
        max_length=2000,
        help_text=_("Bijvoorbeeld wanneer je het best bereikbaar bent. Hoogstens 2000 tekens."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=messages(max_length=too_long(_("Je bericht"))),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te bewaren en te gebruiken om contact met mij op te nemen, zoals "
            "beschreven in de privacyverklaring."
        ),
        error_messages={
            "required": _(
                "Geef toestemming. Anders mogen we je gegevens niet bewaren en kunnen we je niet terugbellen."
            )
        },
    )
    send_finder_answers = forms.BooleanField(
        label=_("Stuur mijn antwoorden uit de routewijzer mee"),
        required=False,
        initial=True,
        help_text=_("Dan weet het regioloket al wat je zoekt. Vink dit uit als je dat niet wilt."),
    )
    # Where the visitor came from (recruitment/attribution.py), signed; carried from the GET to the post.
    herkomst = forms.Field(required=False, widget=forms.HiddenInput)  # unchecked here: never a reason to refuse
    # Honeypot: hidden from people (and from assistive technology); bots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    honeypot_field = "website"

    def __init__(self, *args, finder_answers=None, **kwargs):
        """``finder_answers``: the route finder's answers the visitor came with (an ``Answers``). A bound form reads
        them again from the post, where they travel as hidden fields."""
        super().__init__(*args, **kwargs)
        self.fields["routes"].queryset = offered_routes()
        self.finder_answers = finder_answers_in(self.data) if self.is_bound else (finder_answers or Answers())
        if not self.finder_answers.has_any:
            del self.fields["send_finder_answers"]

    @property
    def visible_fields_in_order(self):
        return [field for field in self if field.name != self.honeypot_field and not field.is_hidden]

    @property
    def finder_answer_fields(self):
        """The finder's answers as (name, value) pairs for hidden inputs, so they travel with the post."""
        return self.finder_answers.query_pairs(prefix=PASS_ON_PREFIX)

    @property
    def is_spam(self):
        return bool(self.data.get(self.honeypot_field))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalpha() for character in name):
            raise forms.ValidationError(_("Vul je naam in met letters."), code="invalid")
        if "://" in name or "www." in name.lower():
            raise forms.ValidationError(_("Vul alleen je naam in, zonder internetadres."), code="invalid")
        if NOT_IN_NAMES.search(name):
            raise forms.ValidationError(
                _("Gebruik in je naam alleen letters, spaties, streepjes, punten en apostroffen."), code="invalid"
            )
        return name

    def clean_email(self):
        return canonical_email(self.cleaned_data["email"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        digits = re.sub(r"[\s().\-]", "", phone)
        if not PHONE_ALLOWED_RE.match(phone) or not PHONE_RE.match(digits):
            raise forms.ValidationError(
                _(
                    "Dit is geen geldig telefoonnummer. Een Nederlands nummer heeft 10 cijfers, bijvoorbeeld "
                    "06 12345678. Een nummer uit het buitenland begint met + en de landcode."
                ),
                code="invalid",
            )
        return phone

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError(
                _(
                    "Dit is geen Nederlandse postcode. Een postcode heeft vier cijfers en twee letters, bijvoorbeeld "
                    "1234 AB."
                ),
                code="invalid",
            )
        return postcode

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("contact_preference") == ContactPreference.PHONE
            and not cleaned_data.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Je wilt liefst gebeld worden. Vul dan ook je telefoonnummer in."), code="required"
                ),
            )
        send = cleaned_data.get("send_finder_answers")
        cleaned_data["finder_answers"] = dict(self.finder_answers.query_pairs()) if send else {}
        return cleaned_data


class ContactForm(forms.Form):
    """Staff log a contact: who (the logged-in user), when, how, a note, and the status after it.

    Give it the registration: the moment of contact must lie between the registration and now. A moment the
    database or the time-zone conversion cannot hold (year 1, year 9999) never gets through either."""

    earliest_year = 2000  # no contact of this site lies before it; far enough from year 1 for every time zone
    future_margin = CONTACT_FUTURE_MARGIN
    moment_format = "%Y-%m-%dT%H:%M"

    contacted_at = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "required": _("Vul in wanneer je contact had."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 2026-03-14 10:30."),
        },
    )
    method = forms.ChoiceField(
        label=_("Soort interactie"),
        choices=InteractionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor contact het was.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is afgesproken? Schrijf geen gevoelige gegevens op."),
    )
    status_after = forms.ChoiceField(
        label=_("Status daarna"),
        choices=[
            (Status.CONTACTED.value, _("Contact gehad: we blijven volgen")),
            (Status.CLOSED.value, _("Afsluiten: klaar met opvolgen")),
        ],
        initial=Status.CONTACTED.value,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        now = timezone.localtime().replace(second=0, microsecond=0)
        field = self.fields["contacted_at"]
        field.initial = now
        field.widget.attrs["max"] = (now + self.future_margin).strftime(self.moment_format)
        if self.earliest is not None:
            field.widget.attrs["min"] = self.earliest.strftime(self.moment_format)

    @property
    def earliest(self):
        """The registration's moment to the minute (the field has no seconds), in local time; None without one."""
        if self.registration is None or self.registration.created_at is None:
            return None
        return earliest_contact_moment(self.registration)

    def clean_contacted_at(self):
        contacted_at = self.cleaned_data["contacted_at"]
        earliest = self.earliest
        if earliest is not None and contacted_at < earliest:
            raise forms.ValidationError(
                _("Dit moment ligt vóór de aanmelding (%(registered)s). Vul in wanneer je contact had."),
                code="before_registration",
                params={"registered": earliest.strftime("%d-%m-%Y %H:%M")},
            )
        try:
            contacted_at.astimezone(timezone.get_fixed_timezone(0))  # what the database stores
        except (OverflowError, ValueError):
            possible = False
        else:
            possible = contacted_at.year >= self.earliest_year
        if not possible:
            raise forms.ValidationError(
                _("Deze datum kan niet kloppen. Vul in wanneer je contact had, bijvoorbeeld 2026-03-14 10:30."),
                code="impossible",
            )
        if contacted_at > timezone.now() + self.future_margin:
            raise forms.ValidationError(
                _("Dit moment ligt in de toekomst. Leg contact vast nadat het er was."), code="future"
            )
        return contacted_at
