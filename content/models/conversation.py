"""The conversation cards about hybrid teaching, and the tool that walks two or three parties through them.

A school, a professional and a company sit at one table (or one of them alone) and ask "Wat levert hybride werken
jou op?". Editors keep the cards as snippets; a visitor starts a conversation on the ConversationToolPage, answers the
cards of the perspectives present theme by theme, and ends with a summary to print or download. A conversation is
anonymous: it is reached only through its private link (an unguessable token) and is deleted after a period without
activity (content/tasks.py). The views live in content/conversation_views.py.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from content import conversation_views
from content.blocks import BaseStreamBlock
from content.conversation import TITLE_MAX_LENGTH, Perspective, Theme, in_order, is_token

from .base import BasePage


class ConversationCard(index.Indexed, models.Model):
    """One card: a question for one party at the table, within one theme, with a short explanation."""

    perspective = models.CharField(_("perspectief"), max_length=20, choices=Perspective.choices)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    question = models.CharField(
        _("vraag"), max_length=300, help_text=_("Eén vraag in gewone taal, bijvoorbeeld: Wat levert het jou op?")
    )
    explanation = models.TextField(
        _("toelichting"), blank=True, help_text=_("Eén of twee zinnen die helpen om de vraag te beantwoorden.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Kaarten met een lager getal komen eerder in hun thema.")
    )

    panels = [
        FieldPanel("perspective"),
        FieldPanel("theme"),
        FieldPanel("question"),
        FieldPanel("explanation"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("question"),
        index.AutocompleteField("question"),
        index.SearchField("explanation"),
        index.FilterField("perspective"),
        index.FilterField("theme"),
    ]

    class Meta:
        ordering = ["theme", "perspective", "sort_order", "pk"]
        verbose_name = _("gesprekskaart")
        verbose_name_plural = _("gesprekskaarten")

    def __str__(self):
        return f"{self.get_perspective_display()}, {self.get_theme_display()}: {self.question}"

    @property
    def field_name(self):
        """The name of this card's answer in a step's form."""
        return f"kaart-{self.pk}"


def new_token():
    return secrets.token_urlsafe(32)


class ConversationQuerySet(models.QuerySet):
    def inactive(self, now=None):
        """Conversations nobody has opened or changed for CONVERSATION_RETENTION_DAYS."""
        cutoff = (now or timezone.now()) - timezone.timedelta(days=settings.CONVERSATION_RETENTION_DAYS)
        return self.filter(last_activity_at__lt=cutoff)


class Conversation(models.Model):
    """One conversation: who is at the table, the answers per card and the agreements per theme. No personal data:
    the title is optional and the form warns against names in it."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    title = models.CharField(_("titel"), max_length=TITLE_MAX_LENGTH, blank=True)
    perspectives = models.JSONField(_("perspectieven"), default=list)  # Perspective values, in Perspective's order
    answers = models.JSONField(_("antwoorden"), default=dict)  # str(card pk) -> text
    agreements = models.JSONField(_("afspraken"), default=dict)  # Theme value -> text
    created_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("laatst gebruikt op"), default=timezone.now, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")

    def __str__(self):
        return self.title or str(_("Gesprek zonder titel"))

    def perspective_labels(self):
        labels = dict(Perspective.choices)
        return [labels[value] for value in self.perspectives if value in labels]

    def answer_to(self, card):
        return self.answers.get(str(card.pk), "")

    def record(self, theme, answers, agreement):
        """Keep a step's answers ({card: text}; an empty text removes the answer) and its agreement."""
        for card, text in answers.items():
            if text:
                self.answers[str(card.pk)] = text
            else:
                self.answers.pop(str(card.pk), None)
        if agreement:
            self.agreements[theme] = agreement
        else:
            self.agreements.pop(theme, None)
        self.last_activity_at = timezone.now()
        self.save(update_fields=["answers", "agreements", "last_activity_at"])

    def touch(self):
        """Opening a conversation is activity too: noted at most once a day, so reading costs no write."""
        now = timezone.now()
        if now - self.last_activity_at > timezone.timedelta(days=1):
            self.last_activity_at = now
            type(self).objects.filter(pk=self.pk).update(last_activity_at=now)


class ConversationToolPage(RoutablePageMixin, BasePage):
    """ "Gesprekskaarten hybride docentschap": the intro and the form that starts a conversation at the page's URL;
    a conversation's steps, summary and PDF below ``gesprek/<token>/`` (content/conversation_views.py)."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("uitleg"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "content/conversation/tool_page.html"

    class Meta:
        verbose_name = _("gesprekskaarten (hulpmiddel)")

    # What the views (content/conversation_views.py, which import no model) ask the page for.

    def start_conversation(self, perspectives, title):
        return Conversation.objects.create(
            perspectives=[value for value in Perspective.values if value in perspectives], title=title
        )

    def find_conversation(self, token):
        """The conversation with this token, or None (a malformed token is not looked up)."""
        return Conversation.objects.filter(token=token).first() if is_token(token) else None

    def cards(self, perspectives, theme=None):
        """The cards for these perspectives (of one theme, or all), in the conversation's order: one query."""
        cards = ConversationCard.objects.filter(perspective__in=perspectives)
        if theme is not None:
            cards = cards.filter(theme=theme)
        return in_order(cards)

    @path("", name="start")
    def start_view(self, request):
        return conversation_views.start(request, self)

    @path("gesprek/<str:token>/", name="summary")
    def summary_view(self, request, token):
        return conversation_views.summary(request, self, token)

    @path("gesprek/<str:token>/stap/<int:number>/", name="step")
    def step_view(self, request, token, number):
        return conversation_views.step(request, self, token, number)

    @path("gesprek/<str:token>/pdf/", name="pdf")
    def pdf_view(self, request, token):
        return conversation_views.pdf(request, self, token)
