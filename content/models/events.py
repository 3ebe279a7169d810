"""Events: information meetings, open days, the ECPB meeting for schools."""

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from content import fragments
from content.blocks import BaseStreamBlock

from .base import BasePage


class EventIndexPage(BasePage):
    """The agenda: upcoming events first, then past ones."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.EventPage"]
    max_count = 1
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = fragments.public(EventPage.objects.child_of(self).live(), request)
        today = timezone.localdate()
        context["upcoming_events"] = events.filter(start_date__gte=today).order_by("start_date", "start_time")
        context["past_events"] = list(events.filter(start_date__lt=today).order_by("-start_date")[:10])
        return context


class EventPage(RoutablePageMixin, BasePage):
    """One event, with an .ics file to put it in a calendar."""

    start_date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("plaats"), max_length=200, blank=True, help_text=_("Adres, of leeg bij online."))
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)
    sign_up = RichTextField(_("aanmelden"), features=["bold", "italic", "link"], blank=True)
    sign_up_url = models.URLField(_("link om aan te melden"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("start_date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("online"),
                FieldPanel("location"),
                FieldPanel("audience"),
            ],
            heading=_("Wanneer en waar"),
        ),
        MultiFieldPanel([FieldPanel("sign_up"), FieldPanel("sign_up_url")], heading=_("Aanmelden")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.SearchField("audience")]

    parent_page_types = ["content.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")

    @property
    def where(self):
        return _("Online") if self.online else self.location

    @path("kalender/", name="ics")
    def ics(self, request):
        """The event as an iCalendar file, for the visitor's own calendar."""
        import datetime as dt
        from zoneinfo import ZoneInfo

        from icalendar import Calendar, Event

        tz = ZoneInfo("Europe/Amsterdam")
        calendar = Calendar()
        calendar.add("prodid", "-//Word techniekdocent//agenda//NL")
        calendar.add("version", "2.0")
        event = Event()
        event.add("uid", f"event-{self.pk}@{request.get_host()}")
        event.add("summary", self.title)
        event.add("dtstamp", timezone.now())
        if self.start_time:
            start = dt.datetime.combine(self.start_date, self.start_time, tzinfo=tz)
            event.add("dtstart", start)
            end_time = self.end_time or (start + dt.timedelta(hours=1)).time()
            event.add("dtend", dt.datetime.combine(self.start_date, end_time, tzinfo=tz))
        else:
            event.add("dtstart", self.start_date)
        event.add("location", str(self.where or ""))
        event.add("description", self.intro)
        event.add("url", self.get_full_url(request))
        calendar.add_component(event)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response
