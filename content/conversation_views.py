"""The conversation tool's views: start a conversation, walk its steps (a theme each), read the summary and download it
as a PDF. Served by ConversationToolPage (content/models/conversation.py), which passes itself as ``page``: the views
read and write conversations and cards through the page and import no model.

Without JavaScript every step is a form posted to its own URL, answered with a redirect to the next (Post/Redirect/
Get). With htmx the same post is answered with the next step's part of the page, and its address is pushed.

Every page under ``gesprek/<token>/`` is private: never stored by a cache or shown from one, never indexed, and its
address never leaves the site as a Referer. (``same-origin``, not ``no-referrer``: with ``no-referrer`` browsers send
``Origin: null`` with the page's own forms, which Django's CSRF check refuses.) Nothing here logs a token.
"""

import functools

from django_htmx.http import HttpResponseClientRedirect, push_url

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .conversation import STEP_COUNT, Theme, by_perspective, hybrid_routes, match_url, theme_of_step, too_many_started
from .conversation_forms import StartForm, StepForm
from .htmx import HtmxHttpRequest

TEMPLATES = "content/conversation/"
PREVIOUS, NEXT, SUMMARY = "vorige", "volgende", "samenvatting"


def private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    patch_vary_headers(response, ["HX-Request"])
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def is_partial(request):
    htmx = getattr(request, "htmx", None)  # None on a request that skipped the middleware (an admin preview)
    return bool(htmx) and not htmx.history_restore_request


def see_other(url):
    return HttpResponseRedirect(url, status=303)


def page_context(request, page, **values):
    context = page.get_context(request)
    context.update(hybrid_routes=hybrid_routes(request), match_url=match_url(), **values)
    return context


@require_http_methods(["GET", "HEAD", "POST"])
def start(request, page):
    """The page's intro with the form that starts a conversation; a started conversation opens at its first step."""
    form = StartForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        if too_many_started(request):
            form.add_error(None, _("Er zijn vanaf jouw adres net veel gesprekken gestart. Probeer het later opnieuw."))
            status = 429
        else:
            conversation = page.start_conversation(
                form.cleaned_data["perspectives"], form.cleaned_data["title"].strip()
            )
            return see_other(Links(request, page, conversation).step(1))
    response = TemplateResponse(request, page.template, page_context(request, page, form=form), status=status)
    add_never_cache_headers(response)  # the form holds a CSRF token
    return response


class Links:
    """The addresses of one conversation's pages."""

    def __init__(self, request, page, conversation):
        self.base = page.get_url(request) + page.reverse_subpage("summary", args=[conversation.token])
        self.private_link = request.build_absolute_uri(self.base)

    @property
    def summary(self):
        return self.base

    @property
    def pdf(self):
        return f"{self.base}pdf/"

    def step(self, number):
        return f"{self.base}stap/{number}/"


def with_conversation(*methods):
    """The conversation of the token in the address (404 when there is none), its activity noted, and the answer
    made private; for these request methods (GET and HEAD unless told)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, page, token, *args):
            conversation = page.find_conversation(token)
            if conversation is None:
                raise Http404
            conversation.touch()
            return private(view(request, page, conversation, Links(request, page, conversation), *args))

        return require_http_methods(list(methods or ("GET", "HEAD")))(wrapped)

    return decorator


@with_conversation("GET", "HEAD", "POST")
def step(request: HtmxHttpRequest, page, conversation, links, number):
    theme = theme_of_step(number)
    if theme is None:
        raise Http404
    cards = page.cards(conversation.perspectives, theme)
    if request.method != "POST":
        return render_step(request, page, conversation, links, number, cards)
    form = StepForm(cards, request.POST)
    if not form.is_valid():
        return render_step(request, page, conversation, links, number, cards, form=form)
    conversation.record(theme, form.answers(), form.agreement())
    destination = request.POST.get("naar")
    if destination == PREVIOUS:
        target = max(number - 1, 1)
    elif destination == SUMMARY or number == STEP_COUNT:
        target = None
    else:
        target = number + 1
    if target is None:
        return HttpResponseClientRedirect(links.summary) if is_partial(request) else see_other(links.summary)
    if not is_partial(request):
        return see_other(links.step(target))
    next_cards = page.cards(conversation.perspectives, theme_of_step(target))
    return push_url(render_step(request, page, conversation, links, target, next_cards, moved=True), links.step(target))


def render_step(request, page, conversation, links, number, cards, form=None, moved=False):
    theme = theme_of_step(number)
    form = form or StepForm.for_conversation(cards, conversation, theme)
    groups = [(group.label, form.card_fields(group.cards)) for group in by_perspective(cards)]
    progress = _("Stap %(number)s van %(total)s") % {"number": number, "total": STEP_COUNT}
    context = page_context(
        request,
        page,
        conversation=conversation,
        links=links,
        action=links.step(number),
        form=form,
        groups=groups,
        agreement_field=form[StepForm.AGREEMENT_FIELD],
        theme_label=Theme(theme).label,
        number=number,
        progress=progress,
        step_title=f"{progress}: {Theme(theme).label}",
        previous_url=links.step(number - 1) if number > 1 else "",
        is_last=number == STEP_COUNT,
        # After a move (or an error) the focus goes to the step's heading (or its errors); on arrival the page is
        # read from the top.
        autofocus=moved or form.is_bound,
    )
    template = "step_partial.html" if is_partial(request) else "step.html"
    return TemplateResponse(request, TEMPLATES + template, context)


def summary_context(page, conversation):
    """Every theme with the cards of the perspectives at the table, each with its answer, and the agreement."""
    cards = page.cards(conversation.perspectives)
    themes = []
    for value, label in Theme.choices:
        groups = [
            (group.label, [(card, conversation.answer_to(card)) for card in group.cards])
            for group in by_perspective([card for card in cards if card.theme == value])
        ]
        themes.append({"label": label, "groups": groups, "agreement": conversation.agreements.get(value, "")})
    return {"conversation": conversation, "themes": themes, "started_on": timezone.localdate(conversation.created_at)}


@with_conversation()
def summary(request, page, conversation, links):
    context = page_context(request, page, links=links, steps=range(1, STEP_COUNT + 1))
    context.update(summary_context(page, conversation))
    return TemplateResponse(request, TEMPLATES + "summary.html", context)


@with_conversation()
def pdf(request, page, conversation, links):
    """The summary as a PDF: the same summary template, in a document of its own with a print stylesheet."""
    import weasyprint  # loads pango; only this view needs it

    context = summary_context(page, conversation) | {"page": page}
    html = render_to_string(TEMPLATES + "pdf.html", context, request=request)
    # The document holds only text and its own styles: WeasyPrint may not fetch anything (data: URIs at most).
    document = weasyprint.HTML(string=html, url_fetcher=weasyprint.URLFetcher(allowed_protocols=["data"]))
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    filename = f"gesprek-hybride-docentschap-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
