"""Events: information meetings, open days, the ECPB meeting for schools.

An event can be open for sign-up on this site. The sign-up itself (the form, the sign-ups, the waiting list, the
messages) is the recruitment app's: it plugs its handlers into ``EventPage`` at startup (``RecruitmentConfig.ready``),
as it does for the registration page, so this app never imports it (docs/architecture.md). The regions an event is
for are the routes app's regional desks, named by string for the same reason.
"""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content import fragments
from content.blocks import BaseStreamBlock

from .base import BasePage

EVENT_TIME_ZONE = ZoneInfo("Europe/Amsterdam")

# The agenda's filter on the form of an event (``?vorm=``): the value in the URL, its label, and ``EventPage.online``.
EVENT_FORMS = {"online": (_("Online"), True), "locatie": (_("Op locatie"), False)}


class EventIndexPage(BasePage):
    """The agenda: upcoming events first, then past ones, filtered by region and by form (a GET form, no script
    needed). An event without regions is for every region."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.EventPage"]
    max_count = 1
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The regions to filter on change only with a region (a change to published content: routes connects them
        # to content/fragments.py), so they are kept per publish.
        regions = fragments.cached(request, "agenda_regions", lambda: list(EventPage.region_model().objects.all()))
        selected_region = next((region for region in regions if str(region.pk) == request.GET.get("regio")), None)
        selected_form = request.GET.get("vorm", "")
        if selected_form not in EVENT_FORMS:
            selected_form = ""

        events = fragments.public(EventPage.objects.child_of(self).live(), request)
        if selected_region is not None:
            events = events.filter(EventPage.for_region(selected_region.pk))
        if selected_form:
            events = events.filter(online=EVENT_FORMS[selected_form][1])
        today = timezone.localdate()
        context.update(
            upcoming_events=list(events.filter(start_date__gte=today).order_by("start_date", "start_time")),
            past_events=list(events.filter(start_date__lt=today).order_by("-start_date")[:10]),
            regions=regions,
            event_forms=[(value, label) for value, (label, _online) in EVENT_FORMS.items()],
            selected_region=selected_region,
            selected_form=selected_form,
            selected_form_label=EVENT_FORMS[selected_form][0] if selected_form else "",
        )
        return context


class EventPage(RoutablePageMixin, BasePage):
    """One event, with an .ics file to put it in a calendar, and optionally a sign-up form."""

    start_date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("plaats"), max_length=200, blank=True, help_text=_("Adres, of leeg bij online."))
    video_link = models.URLField(_("videolink"), blank=True, help_text=_("Alleen wie zich aanmeldt krijgt deze link."))
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)
    regions = ParentalManyToManyField(
        "routes.Region",
        blank=True,
        verbose_name=_("regio's"),
        related_name="events",
        help_text=_("Voor welke regio's is deze bijeenkomst? Kies je geen regio, dan is ze voor iedereen."),
    )
    signup_enabled = models.BooleanField(
        _("aanmelden via deze site"),
        default=False,
        help_text=_(
            "Bezoekers melden zich aan met het formulier op deze pagina. Staat dit uit, dan staan de tekst en de "
            "link hieronder op de pagina."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg: geen grens. Is het vol, dan komen nieuwe aanmeldingen op de wachtlijst."),
    )
    signup_closes_at = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot de bijeenkomst begint.")
    )
    sign_up = RichTextField(
        _("aanmelden"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Hoe je je aanmeldt, als dat niet via deze site gaat."),
    )
    sign_up_url = models.URLField(
        _("link om aan te melden"), blank=True, help_text=_("Een aanmeldformulier op een andere website.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("start_date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("online"),
                FieldPanel("location"),
                FieldPanel("video_link"),
                FieldPanel("audience"),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Wanneer en waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signup_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("signup_closes_at")]),
                InlinePanel("questions", heading=_("Vragen bij het aanmelden"), label=_("vraag")),
                FieldPanel("sign_up"),
                FieldPanel("sign_up_url"),
            ],
            heading=_("Aanmelden"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.SearchField("audience")]

    parent_page_types = ["content.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    # The sign-up's handling, plugged in by RecruitmentConfig.ready() (recruitment/apps.py), like
    # RegistrationPage.form_handler: the recruitment app imports this app, never the other way round.
    # signup_handler(request, page=...) serves aanmelden/, cancel_handler(request, page=..., token=...) serves
    # afmelden/<token>/, and signup_form_factory(request, page) gives the form the page shows.
    signup_handler = None
    cancel_handler = None
    signup_form_factory = None

    class Meta:
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")

    def clean(self):
        super().clean()
        if self.signup_closes_at and self.start_date and self.signup_closes_at > self.starts_at:
            raise ValidationError({"signup_closes_at": _("Aanmelden moet sluiten voordat de bijeenkomst begint.")})

    @classmethod
    def region_model(cls):
        """The routes app's Region, without importing it."""
        return cls._meta.get_field("regions").related_model

    @classmethod
    def for_region(cls, region_pk):
        """A filter for the events of a region: those for that region and those for no region in particular."""
        through = cls._meta.get_field("regions").remote_field.through
        return Exists(through.objects.filter(eventpage=OuterRef("pk"), region=region_pk)) | ~Exists(
            through.objects.filter(eventpage=OuterRef("pk"))
        )

    @property
    def where(self):
        return _("Online") if self.online else self.location

    @property
    def starts_at(self):
        """When the event starts, in Amsterdam (the start of its day when it has no start time)."""
        return dt.datetime.combine(self.start_date, self.start_time or dt.time(0, 0), tzinfo=EVENT_TIME_ZONE)

    def signup_is_open(self, now=None):
        """Whether visitors can sign up now: sign-up is on, and it has not closed (at the closing time, or else
        when the event starts)."""
        if not self.signup_enabled:
            return False
        return (now or timezone.now()) < (self.signup_closes_at or self.starts_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page object is kept between requests (content/fragments.py): what belongs to this request goes into
        # the context, never onto the page.
        context["event_regions"] = fragments.cached(
            request, ("event_regions", self.pk), lambda: list(self.regions.all())
        )
        # With sign-up on and recruitment's handling plugged in, the page includes recruitment's sign-up section
        # (sign_up_offered) with the form the factory gives (None once signing up has closed).
        factory = type(self).signup_form_factory
        if self.signup_enabled and factory is not None:
            context["sign_up_offered"] = True
            context["sign_up_form"] = factory(request, self)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.signup_enabled:
            # The sign-up form holds a CSRF token, and what it says (open, full, closed) changes without a publish:
            # never from the page cache or a proxy.
            add_never_cache_headers(response)
        return response

    @path("aanmelden/", name="sign_up")
    def sign_up_view(self, request):
        """The sign-up form posted (or opened without JavaScript): recruitment's handler."""
        handler = type(self).signup_handler
        if handler is None or not self.signup_enabled:
            raise Http404
        return handler(request, page=self)

    @path("afmelden/<str:token>/", name="cancel")
    def cancel_view(self, request, token):
        """The cancel link in the confirmation: recruitment's handler. It keeps working after an editor closed the
        sign-up (people who signed up must still be able to cancel, and free their place)."""
        handler = type(self).cancel_handler
        if handler is None:
            raise Http404
        return handler(request, page=self, token=token)

    @path("kalender/", name="ics")
    def ics(self, request):
        """The event as an iCalendar file, for the visitor's own calendar."""
        response = HttpResponse(event_calendar(self, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


class EventQuestion(Orderable):
    """A question the editor asks everyone who signs up (for example: "Wat wil je vooral weten?")."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=200)
    required = models.BooleanField(_("verplicht"), default=False)

    panels = [FieldPanel("text"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag bij het aanmelden")
        verbose_name_plural = _("vragen bij het aanmelden")

    def __str__(self):
        return self.text


def event_calendar(page, request=None):
    """The event as iCalendar bytes: the page's download (``kalender/``) and the attachment of a sign-up's
    confirmation. Without a request (a task sending e-mail) the page's URL comes from its site."""
    from icalendar import Calendar, Event

    url = page.get_full_url(request)
    calendar = Calendar()
    calendar.add("prodid", "-//Word techniekdocent//agenda//NL")
    calendar.add("version", "2.0")
    event = Event()
    # The same uid in the download and the e-mail: a calendar that has both keeps one event.
    event.add("uid", f"event-{page.pk}@{urlsplit(url).hostname or 'localhost'}")
    event.add("summary", page.title)
    event.add("dtstamp", timezone.now())
    if page.start_time:
        start = page.starts_at
        event.add("dtstart", start)
        end_time = page.end_time or (start + dt.timedelta(hours=1)).time()
        event.add("dtend", dt.datetime.combine(page.start_date, end_time, tzinfo=EVENT_TIME_ZONE))
    else:
        event.add("dtstart", page.start_date)
    event.add("location", str(page.where or ""))
    event.add("description", page.intro)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
