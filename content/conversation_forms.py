"""The conversation tool's forms: starting a conversation, and one step (a theme) of it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .conversation import ANSWER_MAX_LENGTH, TITLE_MAX_LENGTH, Perspective

TOO_LONG = _("Houd het kort: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class StartForm(forms.Form):
    perspectives = forms.MultipleChoiceField(
        label=_("Wie zitten er aan tafel?"),
        help_text=_("Kies één, twee of alle drie."),
        choices=Perspective.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies wie er aan tafel zitten: de school, de professional, het bedrijf of een combinatie."),
            "invalid_choice": _("Kies uit school, professional en bedrijf."),
        },
    )
    title = forms.CharField(
        label=_("Titel van het gesprek"),
        help_text=_(
            "Niet verplicht. Bijvoorbeeld: Gesprek ROC en installatiebedrijf. Zet er geen namen of andere "
            "persoonsgegevens in."
        ),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )


def answer_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=ANSWER_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class StepForm(forms.Form):
    """A textarea per card of the step (named ``kaart-<pk>``) and one for the agreements about the theme. Fields
    that are not the step's cards (made-up or other card numbers) are never read."""

    AGREEMENT_FIELD = "afspraken"

    def __init__(self, cards, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cards = cards
        for card in cards:
            self.fields[card.field_name] = answer_field(card.question, card.explanation)
        self.fields[self.AGREEMENT_FIELD] = answer_field(
            _("Wat spreken jullie af over dit thema?"),
            _("Bijvoorbeeld: wie doet wat, en wanneer praten jullie weer verder. Niet verplicht."),
        )

    @classmethod
    def for_conversation(cls, cards, conversation, theme):
        initial = {card.field_name: conversation.answer_to(card) for card in cards}
        initial[cls.AGREEMENT_FIELD] = conversation.agreements.get(theme, "")
        return cls(cards, initial=initial)

    def answers(self):
        """{card: text} of the cleaned form."""
        return {card: self.cleaned_data[card.field_name].strip() for card in self.cards}

    def agreement(self):
        return self.cleaned_data[self.AGREEMENT_FIELD].strip()

    def card_fields(self, cards):
        """The bound fields of these cards, for the template (which groups them by perspective)."""
        return [self[card.field_name] for card in cards]
