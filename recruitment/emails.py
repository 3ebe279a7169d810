"""The e-mails about a registration: who gets them and what they say. Templates are in templates/emails/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

from content.models import SiteSettings

from .schedule import CONFIRMATION, STAFF_NOTIFICATION, local_days_later


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def fallback_recipients():
    settings_ = site_settings()
    return [settings_.contact_email] if settings_ and settings_.contact_email else []


def staff_recipients(region):
    """The region's follow-up staff; else its coordinator; else the site's contact address."""
    if region:
        if region.follow_up_email_list:
            return region.follow_up_email_list
        if region.coordinator_email:
            return [region.coordinator_email]
    return fallback_recipients()


def coordinator_recipients(region):
    """The region's coordinator (with the staff in copy); else the staff; else the site's contact address."""
    if region and region.coordinator_email:
        return [region.coordinator_email], [a for a in region.follow_up_email_list if a != region.coordinator_email]
    return staff_recipients(region), []


def kind_day(kind):
    """The day number of a follow-up kind: 7 for reminder_day_7, 30 for escalation_day_30, 37 for escalation_week_1."""
    number = int(kind.rsplit("_", 1)[1])
    if kind.startswith("escalation_week_"):
        return settings.RECRUITMENT_CONTACT_DAYS + number * settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
    return number


def build_email(kind, registration):
    """The e-mail of this kind about this registration, or None when there is nobody to send it to."""
    with translation.override(settings.LANGUAGE_CODE):
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
        }
        cc = []
        html_template = None
        if kind.startswith(STAFF_NOTIFICATION):
            template = "staff_notification"
            to = staff_recipients(registration.region)
        elif kind == CONFIRMATION:
            template = "confirmation"
            html_template = "emails/recruitment/confirmation.html"
            to = [registration.email] if registration.email else []
            if registration.withdrawal_token:
                context["withdraw_url"] = absolute_url(
                    reverse("recruitment:withdraw", args=[registration.withdrawal_token])
                )
        elif kind.startswith("reminder_day_"):
            template = "reminder"
            to = staff_recipients(registration.region)
            context["day"] = kind_day(kind)
        elif kind.startswith("escalation_"):
            template = "escalation"
            to, cc = coordinator_recipients(registration.region)
            day = kind_day(kind)
            context.update(day=day, days_overdue=day - settings.RECRUITMENT_CONTACT_DAYS,
                           next_warning=local_days_later(registration.created_at,
                                                         day + settings.RECRUITMENT_ESCALATION_REPEAT_DAYS))
        else:
            raise ValueError(f"unknown message kind: {kind}")
        if not to:
            return None
        subject = " ".join(render_to_string(f"emails/recruitment/{template}_subject.txt", context).split())
        body = render_to_string(f"emails/recruitment/{template}.txt", context)
        email = EmailMultiAlternatives(subject=subject, body=body, to=to, cc=cc,
                                       headers={"Auto-Submitted": "auto-generated"})
        if html_template:
            email.attach_alternative(render_to_string(html_template, context), "text/html")
        return email
