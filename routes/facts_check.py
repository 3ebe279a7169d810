"""Which routes are due for a check of their facts, and why. The rule lives here once: the reminder task
(routes/tasks.py) and the admin report "Routes te controleren" (routes/wagtail_hooks.py) both ask this module.

A live route is due when its facts were never checked, were last checked more than ``ROUTES_FACTS_CHECK_MONTHS``
calendar months ago, or a group of facts has no source."""

import calendar
import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Site
from wagtail.permissions import page_permission_policy

from .admin_forms import FACT_SOURCE_FIELDS
from .models import RoutePage

logger = logging.getLogger(__name__)

DEFAULT_CHECK_MONTHS = 12
# The users of this many latest revisions (besides the owner) are the route's editors.
EDITOR_REVISIONS = 10


def check_months():
    return int(getattr(settings, "ROUTES_FACTS_CHECK_MONTHS", DEFAULT_CHECK_MONTHS))


def months_before(day, months):
    """The same date a number of calendar months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_out_of_date(checked_on, today):
    """Checked longer ago than the configured number of months, as seen on ``today``."""
    return checked_on is not None and checked_on < months_before(today, check_months())


def due_condition(today):
    """The rule as a database filter on RoutePage (see ``FactsCheck.is_due`` for the same rule on one route)."""
    missing_source = Q()
    for name in FACT_SOURCE_FIELDS.values():
        missing_source |= Q(**{f"{name}__isnull": True})
    return (
        Q(facts_checked_on__isnull=True) | Q(facts_checked_on__lt=months_before(today, check_months())) | missing_source
    )


def due_routes(today=None):
    """The live routes due for a check of their facts, oldest check first (never checked before all others). Only the
    Dutch pages: a translation (routes/data/en/) has its Dutch page's facts and sources, checked there."""
    today = today or timezone.localdate()
    return (
        RoutePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(due_condition(today))
        .order_by(F("facts_checked_on").asc(nulls_first=True), "title")
    )


@dataclass(frozen=True)
class FactsCheck:
    """Where one route stands: whether it is due, why, and whether its editors still need a reminder."""

    route: RoutePage
    today: date

    @property
    def never_checked(self):
        return self.route.facts_checked_on is None

    @property
    def out_of_date(self):
        return is_out_of_date(self.route.facts_checked_on, self.today)

    @property
    def missing_sources(self):
        """The labels of the fact groups without a source ("bron voor de kosten"), in the order of the form."""
        return [
            str(RoutePage._meta.get_field(FACT_SOURCE_FIELDS[key]).verbose_name) for key in self.route.missing_sources
        ]

    @property
    def is_due(self):
        return self.never_checked or self.out_of_date or bool(self.route.missing_sources)

    @property
    def needs_reminder(self):
        """Due, and nobody was reminded of this due period yet. A reminder covers the route until someone checks the
        facts again after it (a later date checked), or until a route that was not yet out of date when reminded
        (it lacked a source) becomes out of date."""
        sent_on = self.route.facts_reminder_sent_on
        checked_on = self.route.facts_checked_on
        if not self.is_due:
            return False
        if sent_on is None:
            return True
        if checked_on is None:
            return False
        if checked_on > sent_on:
            return True
        return self.out_of_date and not is_out_of_date(checked_on, sent_on)

    def reasons(self):
        """Why the route is due, in plain Dutch sentences for the report and the e-mail."""
        reasons = []
        if self.never_checked:
            reasons.append(_("De feiten zijn nog nooit met de bronnen vergeleken."))
        elif self.out_of_date:
            months = check_months()
            reasons.append(
                ngettext(
                    "De feiten zijn het laatst gecontroleerd op %(date)s: langer dan %(months)s maand geleden.",
                    "De feiten zijn het laatst gecontroleerd op %(date)s: langer dan %(months)s maanden geleden.",
                    months,
                )
                % {"date": date_format(self.route.facts_checked_on, "j F Y"), "months": months}
            )
        missing = self.missing_sources
        if missing:
            reasons.append(_("Er ontbreekt een bron: %(sources)s.") % {"sources": ", ".join(missing)})
        return reasons


def facts_check(route, today=None):
    return FactsCheck(route=route, today=today or timezone.localdate())


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def editor_recipients(route):
    """The route's editors who can still edit it: its owner and the users of its latest revisions, active and with an
    e-mail address, owner first and then the most recent editor."""
    candidates = [route.owner_id] if route.owner_id else []
    revision_users = (
        route.revisions.exclude(user=None).order_by("-created_at").values_list("user_id", flat=True)[:EDITOR_REVISIONS]
    )
    candidates += [pk for pk in revision_users if pk not in candidates]
    if not candidates:
        return []
    can_edit = {
        user.pk: user
        for user in page_permission_policy.users_with_permission_for_instance("change", route)
        .filter(pk__in=candidates)
        .exclude(email="")
    }
    recipients = []
    for pk in candidates:
        user = can_edit.get(pk)
        if user and user.has_perm("wagtailadmin.access_admin") and user.email not in recipients:
            recipients.append(user.email)
    return recipients


def content_team_recipients():
    """``ROUTES_CONTENT_TEAM_EMAILS``; without it, the default site's contact address."""
    team = list(getattr(settings, "ROUTES_CONTENT_TEAM_EMAILS", []))
    if team:
        return team
    from content.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.objects.filter(site=site).first() if site else None
    return [site_settings.contact_email] if site_settings and site_settings.contact_email else []


def reminder_email(check):
    """The one e-mail about a due route to its editors (or the content team), or None when there is nobody to send it
    to."""
    route = check.route
    to = editor_recipients(route) or content_team_recipients()
    if not to:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "route": route,
            "check": check,
            "reasons": check.reasons(),
            "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[route.pk])),
            "report_url": admin_url(reverse("routes_facts_check:index")),
            "months": check_months(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = " ".join(render_to_string("emails/routes/facts_check_subject.txt", context).split())
        body = render_to_string("emails/routes/facts_check.txt", context)
    return EmailMessage(subject=capfirst(subject), body=body, to=to, headers={"Auto-Submitted": "auto-generated"})
