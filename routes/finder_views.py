"""The route finder's two views: a question at a time, and the result. Served by RouteFinderPage, which passes
itself as ``page``: the views read the routes and regions from it (``page.live_routes``, ``page.regions``) and import
no model, so the page can call them without an import circle.

The same URLs serve the whole page and, for htmx, only the part that changes. Every step is a plain GET form with
the answers in the query string, so the finder works without JavaScript and a result can be bookmarked. Responses
that carry answers are never stored by a cache.
"""

from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content import fragments
from content.htmx import HtmxHttpRequest
from content.registration_link import registration_url

from .admin_forms import FACT_SOURCE_FIELDS
from .finder import PASS_ON_PREFIX, QUESTIONS, QUESTIONS_BY_KEY, Answers, Education, Role, match_routes
from .forms import QuestionForm

PAGE_TEMPLATE = "pages/route_finder_page.html"
PARTIAL_TEMPLATE = "routes/finder/step.html"
RESULT_TEMPLATE = "routes/finder/result.html"


def question_view(request: HtmxHttpRequest, page):
    answers = Answers.from_query(request.GET)
    shown = QUESTIONS_BY_KEY.get(request.GET.get("vraag", ""))
    answered = QUESTIONS_BY_KEY.get(request.GET.get("na", ""))
    submitted = False
    if shown and shown.applies(answers):
        question = shown
    elif answered and answered.applies(answers):
        if answers.get(answered) is None:
            question, submitted = answered, True
        else:
            question = answers.question_after(answered)
    else:
        question = answers.first_unanswered
    if question is None:
        return HttpResponseRedirect(f"{result_url(request, page)}?{answers.querystring()}")
    return render_question(request, page, question, answers, submitted=submitted)


def result_view(request: HtmxHttpRequest, page):
    answers = Answers.from_query(request.GET)
    if not answers.is_complete:
        # The last question was sent without an answer, or a shared link lost one: ask it.
        return render_question(request, page, answers.first_unanswered, answers, submitted=True)
    # The advice depends on the answers and the published routes only: judged and rendered once per publish for
    # each combination of answers (a bounded number: only valid answers get here).
    key = ("finder_result", page.pk, answers.querystring())
    result = fragments.cached(request, key, lambda: match_routes(answers, routes_in_language(request, page)))
    page_url = page.get_url(request)
    context = {
        "page": page,
        "step": "result",
        "answers": answers,
        "result": result,
        "progress": progress_text(result),
        "step_title": _("Jouw routes"),
        "edit_url": f"{page_url}?{answers.querystring(vraag=QUESTIONS[0].key)}",
        "restart_url": page_url,
        "register_url": register_url(request, page, result),
        "regions": page.regions(request),
        "unsure": answers.role == Role.UNSURE or answers.education == Education.UNSURE,
        "autofocus": True,
    }
    context["result_html"] = fragments.cached(
        request, (*key, "html"), lambda: render_to_string(RESULT_TEMPLATE, context, request=request)
    )
    return respond(request, page, context)


def render_question(request: HtmxHttpRequest, page, question, answers, *, submitted=False):
    page_url = page.get_url(request)
    number, total = answers.position_of(question)
    is_last = answers.question_after(question) is None
    previous = answers.question_before(question)
    form = QuestionForm(question, answers, submitted=submitted)
    hidden = form.carried_answers if is_last else form.carried_answers + [("na", question.key)]
    context = {
        "step": "question",
        "answers": answers,
        "question": question,
        "form": form,
        "number": number,
        "total": total,
        "progress": _("Vraag %(number)s van %(total)s") % {"number": number, "total": total},
        "step_title": _("Vraag %(number)s van %(total)s: %(question)s")
        % {"number": number, "total": total, "question": question.text},
        "is_last": is_last,
        "action": result_url(request, page) if is_last else page_url,
        "hidden_fields": hidden,
        "back_url": f"{page_url}?{answers.querystring(vraag=previous.key)}" if previous else None,
        # Move focus to the question after an answer; not on arrival, so the page is read from the top.
        "autofocus": answers.has_any or submitted or "vraag" in request.GET,
    }
    return respond(request, page, context)


def respond(request: HtmxHttpRequest, page, context):
    htmx = getattr(request, "htmx", None)  # None on a request that skipped the middleware (an admin preview)
    partial = bool(htmx) and not htmx.history_restore_request
    template = PARTIAL_TEMPLATE if partial else PAGE_TEMPLATE
    full_context = page.get_context(request)
    full_context.update(context)
    response = TemplateResponse(request, template, full_context)
    # The same URL answers htmx with a fragment and browsers with the whole page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    if request.GET or partial:
        # Answers are personal: no shared or browser cache may keep them and show them to the next visitor.
        patch_cache_control(response, private=True, no_store=True)
    return response


def result_url(request, page):
    return page.get_url(request) + page.reverse_subpage("result")


def register_url(request, page, result):
    """The result's "Aanmelden" link (or "" without a registration form): the recommended routes ticked on the form,
    and the answers under the finder's prefix, so the form can show them and pass them on to staff. The form lists
    the Dutch route pages (staff read those), so a route shown in another language is ticked by its Dutch page."""
    recommended = result.recommended
    if not fragments.in_site_language():
        dutch = {route.translation_key: route for route in page.live_routes(request)}
        recommended = [dutch.get(route.translation_key, route) for route in recommended]
    return registration_url(recommended, result.answers.query_pairs(prefix=PASS_ON_PREFIX))


def routes_in_language(request, page):
    """The routes the finder judges, as the visitor reads them: the site's live routes (Dutch), each replaced by its
    live translation in the language served where it has one. A route without one stays Dutch, and the result says
    so. The facts the finder reads are the same in both (they are copied with the page). Kept per publish and per
    language, in a fixed number of queries."""
    routes = page.live_routes(request)
    if fragments.in_site_language():
        return routes
    return fragments.cached(request, ("finder_routes_translated", page.pk), lambda: translated(request, page, routes))


def translated(request, page, routes):
    """The routes' live translations in the page's language, each fetched as the page fetches the routes (the page
    model imports this module, so the route model is read from the routes themselves)."""
    if not routes:
        return routes
    model = type(routes[0])
    programmes = model._meta.get_field("programmes").related_model
    translations = (
        fragments.public(model.objects.live(), request)
        .filter(locale_id=page.locale_id, translation_key__in=[route.translation_key for route in routes])
        .select_related(*FACT_SOURCE_FIELDS.values())
        .prefetch_related(Prefetch("programmes", queryset=programmes.objects.select_related("institution")), "timeline")
    )
    by_key = {route.translation_key: route for route in translations}
    return [by_key.get(route.translation_key, route) for route in routes]


def progress_text(result):
    count = len(result.fits)
    if count == 0:
        return _("Klaar. Geen enkele route past helemaal bij je antwoorden; kijk hieronder wat wel kan.")
    if count == 1:
        return _("Klaar. Eén route past bij je antwoorden.")
    return ngettext(
        "Klaar. %(count)s route past bij je antwoorden.", "Klaar. %(count)s routes passen bij je antwoorden.", count
    ) % {"count": count}
