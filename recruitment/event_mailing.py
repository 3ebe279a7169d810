"""Staff e-mail the attendees of an event through the outbox: write the message, see how many people will get it,
confirm, and each recipient gets it once. The confirmation carries a signed one-time token: posting it twice (a
double click, the back button, a slow connection tried again) sends the mailing once."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .admin_views import local_datetime
from .event_report import StaffPageView, events_for
from .event_tasks import deliver_event_mailing
from .events import lock_event
from .kinds import EVENT_MAILING, MessageKind
from .models import EventMailing, EventSignUp, MailingAudience, MessageState, OutgoingMessage, SignUpStatus

TOKEN_SALT = "recruitment.event_mailing"
TOKEN_MAX_AGE = 60 * 60  # a confirmation page left open longer is confirmed again


def recipients(event, audience):
    """The sign-ups a mailing to this audience goes to: who came, or who has a place; never who cancelled, and never
    a sign-up without an address (a walk-in may have none)."""
    sign_ups = EventSignUp.objects.filter(event=event).exclude(status=SignUpStatus.CANCELLED).exclude(email="")
    if audience == MailingAudience.ATTENDED:
        return sign_ups.filter(attended_at__isnull=False)
    return sign_ups.filter(status=SignUpStatus.CONFIRMED)


class MailingForm(forms.Form):
    audience = forms.ChoiceField(
        label="Aan",
        choices=MailingAudience.choices,
        initial=MailingAudience.ATTENDED,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label="Onderwerp", max_length=150)
    body = forms.CharField(
        label="Bericht",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Gewone tekst. Witregels worden alinea's. De aanhef (Hallo …) en de afsluiting komen er vanzelf bij.",
    )

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError("Het onderwerp past op één regel.")
        return subject

    @property
    def digest(self):
        data = self.cleaned_data
        return hashlib.sha256("\0".join((data["audience"], data["subject"], data["body"])).encode()).hexdigest()


def confirmation_token(event, user, form, now=None):
    """Signed: which event, which user, what message (a digest) and when the confirmation was shown."""
    payload = {"event": event.pk, "user": user.pk, "digest": form.digest, "shown": (now or timezone.now()).isoformat()}
    return signing.dumps(payload, salt=TOKEN_SALT)


def read_token(token, event, user, form):
    """When the confirmation of this message was shown, or None when the token is not one for it (or too old)."""
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("event") != event.pk or payload.get("user") != user.pk or payload.get("digest") != form.digest:
        return None
    try:
        return datetime.fromisoformat(payload["shown"])
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class MailingOutcome:
    mailing: EventMailing
    created: bool
    recipients: int


def send_mailing(event, *, audience, subject, body, user, shown_at):
    """Store the mailing and one message per recipient in one transaction, and send them once it commits.

    Idempotent per confirmation: under the event's lock, a mailing of the same message, to the same audience,
    by the same user, stored after its confirmation was shown (``shown_at``) is this confirmation posted again, and
    is returned instead of a new one."""
    with transaction.atomic():
        lock_event(event.pk)  # as every change to the sign-ups does: the recipients are who they are at this moment
        earlier = EventMailing.objects.filter(
            event=event, created_by=user, audience=audience, subject=subject, body=body, created_at__gt=shown_at
        ).first()
        if earlier is not None:
            return MailingOutcome(earlier, False, OutgoingMessage.objects.filter(kind=mailing_kind(earlier)).count())
        now = timezone.now()
        mailing = EventMailing.objects.create(
            event=event, audience=audience, subject=subject, body=body, created_by=user, created_at=now
        )
        kind = mailing_kind(mailing)
        rows = OutgoingMessage.objects.bulk_create(
            [
                OutgoingMessage(sign_up_id=pk, kind=kind, created_at=now, next_attempt_at=now)
                for pk in recipients(event, audience).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        deliver_event_mailing.delay_on_commit(mailing.pk)
    return MailingOutcome(mailing, True, len(rows))


def mailing_kind(mailing):
    return str(MessageKind(EVENT_MAILING, mailing.pk))


STATES = [
    (MessageState.SENT, "Verzonden"),
    (MessageState.PENDING, "Wacht op verzending"),
    (MessageState.FAILED, "Mislukt"),
    (MessageState.SKIPPED, "Niet meer nodig"),
]


def sent_mailings(event):
    """The event's mailings, latest first, each with how many of its messages are in each state (two queries)."""
    mailings = list(event.mailings.select_related("created_by"))
    by_kind = {mailing_kind(mailing): mailing for mailing in mailings}
    for mailing in mailings:
        mailing.states = dict.fromkeys((state for state, _label in STATES), 0)
    counts = (
        OutgoingMessage.objects.filter(sign_up__event=event, kind__in=by_kind)
        .values_list("kind", "state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for kind, state, count in counts:
        by_kind[kind].states[state] = count
    return [
        {
            "mailing": mailing,
            "sent_at": local_datetime(mailing.created_at),
            "by": (mailing.created_by.get_full_name() or mailing.created_by.get_username())
            if mailing.created_by
            else "",
            "states": [(label, mailing.states[state]) for state, label in STATES],
        }
        for mailing in mailings
    ]


class EventMailingView(StaffPageView):
    """GET: the form and the mailings sent so far. POST: the confirmation (how many people), then, confirmed, the
    mailing is stored and sent, and staff return here (so reloading the page sends nothing)."""

    header_icon = "mail"
    template_name = "recruitment/admin/events/mailing.html"
    confirm_template_name = "recruitment/admin/events/mailing_confirm.html"
    figures_url_name = "evenementaanmeldingen:figures"

    @cached_property
    def event(self):
        return get_object_or_404(events_for(self.request.user), pk=self.kwargs["event_pk"])

    def get_page_title(self):
        return "Bericht aan deelnemers"

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.figures_url_name), "label": "Evenementen in cijfers"},
            {"url": "", "label": f"Bericht aan deelnemers: {self.event.title}"},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event=self.event,
            mailings=sent_mailings(self.event),
            form=kwargs.pop("form", None) or MailingForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = MailingForm(request.POST)
        if not form.is_valid() or "terug" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        if "bevestigen" not in request.POST:
            return self.confirm(form)
        shown_at = read_token(request.POST.get("token"), self.event, request.user, form)
        if shown_at is None:
            messages.error(
                request, "Bevestig het bericht opnieuw: de bevestiging was verlopen of hoorde bij een ander bericht."
            )
            return self.confirm(form)
        outcome = send_mailing(self.event, user=request.user, shown_at=shown_at, **data)
        if not outcome.created:
            messages.warning(
                request,
                f"Dit bericht ging al weg op {local_datetime(outcome.mailing.created_at)}: het gaat niet nog eens.",
            )
        elif outcome.recipients:
            messages.success(request, f"Het bericht gaat naar {people(outcome.recipients)}.")
        else:
            messages.warning(request, "Het bericht is bewaard, maar er was niemand (meer) om het naar te sturen.")
        return redirect(request.path)

    def confirm(self, form):
        count = recipients(self.event, form.cleaned_data["audience"]).count()
        context = self.get_context_data(
            form=form,
            count=count,
            count_text=people(count),
            audience_label=MailingAudience(form.cleaned_data["audience"]).label,
            token=confirmation_token(self.event, self.request.user, form),
        )
        return self.response_class(
            request=self.request, template=[self.confirm_template_name], context=context, using=self.template_engine
        )


def people(count):
    return "1 persoon" if count == 1 else f"{count} mensen"
