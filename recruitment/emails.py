"""The e-mails about a registration, an event sign-up or the hybride match: who gets them and what they say. Which
template and which recipients belong to a kind of message is registered once per family in ``kinds.py``; templates
are in templates/emails/recruitment/."""

import io

import segno

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

from content import fragments
from content.models import SiteSettings
from content.models.events import EVENT_TIME_ZONE, event_calendar
from content.registration_link import registration_url

from .attribution import EVENT_PARAMETER
from .kinds import (
    CONFIRMATION,
    DELIVERY_FAILURE,
    EVENT_DELIVERY_FAILURE,
    EVENT_MAILING,
    EVENT_MISSED,
    EVENT_REMINDER,
    EVENT_THANKS,
    EVENT_VIDEO_LINK,
    HYBRID_CONFIRM,
    HYBRID_DELIVERY_FAILURE,
    HYBRID_RENEWAL,
    NEXT_ACTION_REMINDER,
    PERSONAL_PAGE_LINK,
    RESUBMISSION_CHECK,
    RESUBMISSION_NOTICE,
    WEEKLY_WARNING,
    Audience,
    MessageKind,
)
from .models import EventMailing, HybridOffer, Introduction, RegionFollowUp, StaffAbsence
from .registrant import desk_for, personal_page_path
from .schedule import last_warning_week, local_days_later


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_settings():
    """The default site's settings, read only: a sender holds a message's row lock while it builds the e-mail, and
    must never write (Wagtail's ``for_site`` creates the row when it is missing) while holding it. Read once per
    change to the settings or the sites (content/fragments.py), not for every e-mail."""

    def build():
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        return SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)

    return fragments.cached(None, "email_site_settings", build)


def fallback_recipients():
    settings_ = site_settings()
    return [settings_.contact_email] if settings_ and settings_.contact_email else []


def region_follow_up(region):
    """Recruitment's addresses for a region (an empty set when none were entered)."""
    if not region:
        return RegionFollowUp(region=region)
    # Read once per change to the addresses (recruitment/apps.py connects them to content/fragments.py).
    follow_up = fragments.cached(
        None, ("region_follow_up", region.pk), lambda: RegionFollowUp.objects.filter(region=region).first()
    )
    return follow_up or RegionFollowUp(region=region)


def staff_recipients(region):
    """The region's follow-up staff; else its coordinator; else the site's contact address."""
    if region:
        follow_up = region_follow_up(region)
        if follow_up.follow_up_email_list:
            return follow_up.follow_up_email_list
        if follow_up.coordinator_email:
            return [follow_up.coordinator_email]
    return fallback_recipients()


def coordinator_recipients(region):
    """The region's coordinator (with the staff in copy); else the staff; else the site's contact address."""
    follow_up = region_follow_up(region) if region else None
    if follow_up and follow_up.coordinator_email:
        staff = follow_up.follow_up_email_list
        return [follow_up.coordinator_email], [a for a in staff if a != follow_up.coordinator_email]
    return staff_recipients(region), []


def event_coordinator_recipients(event):
    """The coordinators of the event's regions; for an event without regions, or whose regions have no coordinator,
    the site's contact address."""
    addresses = []
    for region in event.regions.all():
        address = region_follow_up(region).coordinator_email
        if address and address not in addresses:
            addresses.append(address)
    return addresses or fallback_recipients()


def sign_up_recipients(audience, sign_up):
    """The addresses a message about a sign-up goes to: the attendee's (none for a walk-in who gave no address), or
    for staff the coordinators of the event's regions."""
    if audience == Audience.EVENT_COORDINATORS:
        return event_coordinator_recipients(sign_up.event)
    return [sign_up.email] if sign_up.email else []


def assignee_recipients(registration, now=None):
    """The staff member the registration is assigned to, when they have an address and are not away today; else the
    region's staff."""
    user = registration.assigned_to
    if user is not None and user.is_active and user.email:
        if not StaffAbsence.is_away(user, timezone.localdate(now or timezone.now())):
            return [user.email]
    return staff_recipients(registration.region)


def recipients(audience, registration):
    """``(to, cc)`` for an audience."""
    if audience == Audience.ASSIGNEE:
        return assignee_recipients(registration), []
    if audience == Audience.STAFF:
        return staff_recipients(registration.region), []
    if audience == Audience.COORDINATOR:
        return coordinator_recipients(registration.region)
    return ([registration.email] if registration.email else []), []


def failed_message(messages, pk):
    """The message a warning about a failed delivery is about, among the messages of its registration or sign-up."""
    failed = messages.filter(pk=pk).first()
    if failed is None:
        raise LookupError(f"message {pk} is gone")
    return failed


def kind_context(kind, registration):
    """What the template of this kind needs beyond the registration."""
    context = {}
    if kind.day is not None:
        context["day"] = kind.day
        days_overdue = kind.day - settings.RECRUITMENT_CONTACT_DAYS
        if days_overdue >= 0:
            week = kind.number if kind.family is WEEKLY_WARNING else 0
            context.update(
                days_overdue=days_overdue,
                last_warning=week >= last_warning_week(),
                next_warning=local_days_later(
                    registration.created_at, kind.day + settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
                ),
            )
    if kind.family is CONFIRMATION and registration.withdrawal_token:
        context["withdraw_url"] = absolute_url(reverse("recruitment:withdraw", args=[registration.withdrawal_token]))
    if kind.family in (CONFIRMATION, PERSONAL_PAGE_LINK) and registration.withdrawal_token:
        context.update(
            personal_page_url=absolute_url(personal_page_path(registration)),
            personal_page_days=settings.RECRUITMENT_PERSONAL_PAGE_DAYS,
            personal_link_url=absolute_url(reverse("recruitment:personal_link")),
        )
    if kind.family.audience == Audience.REGISTRANT:  # how to reach the regional desk, or else the site
        settings_ = site_settings()
        context["desk"] = desk_for(registration.region, settings_.contact_email if settings_ else "")
    if kind.family in (RESUBMISSION_CHECK, RESUBMISSION_NOTICE):
        resubmission = registration.resubmissions.filter(pk=kind.number).first()
        if resubmission is None:
            raise LookupError(f"resubmission {kind.number} of registration {registration.pk} is gone")
        proposed = resubmission.as_registration()
        context.update(
            resubmission=resubmission,
            proposed=proposed,
            proposed_routes=proposed.proposed_route_titles,
            proposed_roles=proposed.role_labels,
            confirm_url=absolute_url(reverse("recruitment:confirm", args=[resubmission.token])),
        )
    if kind.family is NEXT_ACTION_REMINDER:
        context.update(next_action_on=kind.next_action_on, next_action_note=registration.next_action_note)
    if kind.family is DELIVERY_FAILURE:
        context["failed_message"] = failed_message(registration.messages, kind.number)
    return context


def supported_language(language):
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def message_language(kind, registration):
    """The language of a message: staff read Dutch; the registrant reads the language they registered in. The check
    of a new post goes out in the language that post was made in: whoever posted it waits for it, and confirming it
    makes that their language (the link leads to the page in it)."""
    family = kind.family
    if family.audience != Audience.REGISTRANT:
        return settings.LANGUAGE_CODE
    if family is RESUBMISSION_CHECK:
        resubmission = registration.resubmissions.filter(pk=kind.number).first()
        if resubmission is not None:
            return supported_language(resubmission.form_data["language"])
    return supported_language(registration.language)


def build_email(kind, registration, *, message_id=None):
    """The e-mail of this kind (a ``MessageKind`` or its stored value) about this registration, or None when there is
    nobody to send it to. Rendered in the message's language: its links lead to the pages in that language."""
    if not isinstance(kind, MessageKind):
        kind = MessageKind.parse(kind)
    family = kind.family
    language = message_language(kind, registration)
    with translation.override(language):
        settings_ = site_settings()
        context = {
            "registration": registration,
            "region": registration.region,
            "routes": registration.route_titles,
            "roles": registration.role_labels,
            "admin_url": absolute_url(reverse("registrations:inspect", args=[registration.pk])),
            "site_name": settings_.site_name if settings_ else settings.WAGTAIL_SITE_NAME,
            "contact_email": settings_.contact_email if settings_ else "",
            "contact_days": settings.RECRUITMENT_CONTACT_DAYS,
            "now": timezone.now(),
            "kind": kind,
            **kind_context(kind, registration),
        }
        if family.audience != Audience.REGISTRANT and registration.language != settings.LANGUAGE_CODE:
            context["preferred_language"] = registration.get_language_display()  # "Engels", for staff
        to, cc = recipients(family.audience, registration)
        if not to:
            return None
        return compose(family, context, to, cc, message_id, language=language)


def template_names(family, ending, language):
    """A family's template, in the language's own folder when it has one (``emails/recruitment/en/...``); the Dutch
    templates are the family's own."""
    name = f"emails/recruitment/{family.template}{ending}"
    if language == settings.LANGUAGE_CODE:
        return [name]
    return [f"emails/recruitment/{language}/{family.template}{ending}", name]


def compose(family, context, to, cc, message_id, *, language=None):
    """The e-mail of a family from its templates (the subject on one line; the HTML version when it has one), marked
    as sent automatically, with the message's own Message-ID on every attempt."""
    language = language or settings.LANGUAGE_CODE
    subject = " ".join(render_to_string(template_names(family, "_subject.txt", language), context).split())
    body = render_to_string(template_names(family, ".txt", language), context)
    headers = {"Auto-Submitted": "auto-generated"}
    if message_id:
        headers["Message-ID"] = message_id
    email = EmailMultiAlternatives(subject=subject, body=body, to=to, cc=cc, headers=headers)
    if family.html:
        html = render_to_string(template_names(family, ".html", language), context)
        email.attach_alternative(html, "text/html")
    return email


def full_url(url):
    """A page's URL as a link in an e-mail: a path gets the base URL, a URL on another site stays as it is."""
    return absolute_url(url) if url.startswith("/") else url


def after_event_context(event):
    """What an attendee can do next: register (the form knows they came from this event), find their route, and (for
    who missed it) the agenda with the next events."""
    from routes.models import RouteFinderPage

    registration = registration_url(extra_pairs=[(EVENT_PARAMETER, event.pk)])
    finder = RouteFinderPage.objects.live().public().first()
    agenda = event.get_parent()
    return {
        "registration_url": full_url(registration) if registration else "",
        "finder_url": full_url(finder.get_url() or "") if finder else "",
        "agenda_url": full_url(agenda.get_url() or "") if agenda and agenda.live else "",
    }


def check_in_code_png(token):
    """The sign-up's check-in code as a QR code (PNG): it holds the token, nothing else."""
    buffer = io.BytesIO()
    segno.make(token, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def build_sign_up_email(kind, sign_up, *, message_id=None):
    """The e-mail of this kind about a sign-up for an event, to the address it was made with (or, for a warning to
    staff, to the coordinators of the event's regions), or None when there is nobody to send it to. A confirmation
    (and a promotion from the waiting list) carries the event's calendar file and the check-in code as a QR code."""
    if not isinstance(kind, MessageKind):
        kind = MessageKind.parse(kind)
    family = kind.family
    event = sign_up.event
    with translation.override(settings.LANGUAGE_CODE):
        settings_ = site_settings()
        page_url = event.get_url() or ""
        context = {
            "sign_up": sign_up,
            "event": event,
            "event_url": full_url(page_url),
            "cancel_url": full_url(page_url + event.reverse_subpage("cancel", args=[sign_up.token])),
            "waiting_place": sign_up.waiting_place(),
            "site_name": settings_.site_name if settings_ else settings.WAGTAIL_SITE_NAME,
            "contact_email": settings_.contact_email if settings_ else "",
            "kind": kind,
        }
        if family in (EVENT_REMINDER, EVENT_VIDEO_LINK):  # "vandaag" or "morgen", as the attendee reads it
            today = timezone.localtime(timezone.now(), EVENT_TIME_ZONE).date()
            context["days_until"] = (event.start_date - today).days
        if family is EVENT_VIDEO_LINK:  # the video link is in this e-mail only, never on a page
            context["video_link"] = event.video_link
        if family in (EVENT_THANKS, EVENT_MISSED):
            context.update(after_event_context(event))
        if family is EVENT_MAILING:
            mailing = EventMailing.objects.filter(pk=kind.number, event_id=event.pk).first()
            if mailing is None:
                raise LookupError(f"mailing {kind.number} of event {event.pk} is gone")
            context["mailing"] = mailing
        if family is EVENT_DELIVERY_FAILURE:
            context.update(
                failed_message=failed_message(sign_up.messages, kind.number),
                admin_url=absolute_url(reverse("evenementaanmeldingen:inspect", args=[sign_up.pk])),
            )
        to = sign_up_recipients(family.audience, sign_up)
        if not to:
            return None
        email = compose(family, context, to, [], message_id)
        if family.attachments:
            email.attach(f"{event.slug}.ics", event_calendar(event, None), "text/calendar")
            if not event.online:  # shown at the door; an online event has no door (its video link follows later)
                email.attach("aanmeldcode.png", check_in_code_png(sign_up.token), "image/png")
        return email


def hybrid_recipients(audience, subject):
    """``(to, cc)`` for a message about a hybrid offer or need (``subject``), or an introduction: its contact person,
    or the staff (else coordinator, else the site's contact address) or the coordinator of its region."""
    if audience == Audience.HYBRID_CONTACT:
        return ([subject.contact_email] if getattr(subject, "contact_email", "") else []), []
    if audience == Audience.HYBRID_COORDINATOR:
        return coordinator_recipients(subject.region)
    if audience == Audience.HYBRID_PARTIES:  # an introduction: the two contact persons, the staff in copy
        parties = [address for address in (subject.offer.contact_email, subject.need.contact_email) if address]
        return parties, [address for address in staff_recipients(subject.region) if address not in parties]
    return staff_recipients(subject.region), []


def hybrid_admin_url(subject):
    """The staff's page of an offer, a need, or (for an introduction) the matching proposals."""
    if isinstance(subject, Introduction):
        return absolute_url(reverse("hybride_kennismakingen:index"))
    name = "hybride_aanbod" if isinstance(subject, HybridOffer) else "hybride_vragen"
    return absolute_url(reverse(f"{name}:inspect", args=[subject.pk]))


def build_hybrid_email(kind, subject, *, message_id=None):
    """The e-mail of this kind about a hybrid offer or need, or an introduction between the two, or None when there
    is nobody to send it to."""
    if not isinstance(kind, MessageKind):
        kind = MessageKind.parse(kind)
    family = kind.family
    with translation.override(settings.LANGUAGE_CODE):
        settings_ = site_settings()
        context = {
            "post": subject,
            "is_offer": isinstance(subject, HybridOffer),
            "region": subject.region,
            "admin_url": hybrid_admin_url(subject),
            "overview_url": absolute_url(reverse("recruitment:hybrid_match")),
            "site_name": settings_.site_name if settings_ else settings.WAGTAIL_SITE_NAME,
            "contact_email": settings_.contact_email if settings_ else "",
            "kind": kind,
        }
        if family is HYBRID_CONFIRM:
            what = "aanbod" if context["is_offer"] else "vraag"
            context["confirm_url"] = absolute_url(
                reverse("recruitment:hybrid_confirm", args=[what, subject.confirm_token])
            )
            context["confirm_days"] = settings.HYBRID_MATCH_UNCONFIRMED_DAYS
        if family is HYBRID_RENEWAL:
            what = "aanbod" if context["is_offer"] else "vraag"
            context["renew_url"] = absolute_url(reverse("recruitment:hybrid_renew", args=[what, subject.renew_token]))
            context["valid_days"] = settings.HYBRID_MATCH_VALID_DAYS
        if isinstance(subject, Introduction):
            context.update(introduction=subject, offer=subject.offer, need=subject.need, day=kind.number)
        if family is HYBRID_DELIVERY_FAILURE:
            context["failed_message"] = failed_message(subject.messages, kind.number)
        to, cc = hybrid_recipients(family.audience, subject)
        if not to:
            return None
        return compose(family, context, to, cc, message_id)
