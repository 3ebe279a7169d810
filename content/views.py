import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import fragments
from .models import PracticeExample

MAX_QUERY_LENGTH = 200
MAX_RANKED_RESULTS = 200
RECENT_SEARCHES = 500


def _words(text):
    """Lower-case words, with hyphens and punctuation as separators: "Zij-instroom" and "zij instroom" match."""
    return re.findall(r"\w+", text.casefold())


def title_rank(query, title):
    """0 when the title holds the query as a phrase, 1 when it holds all its words, 2 otherwise.

    The database backend weighs a term in a long body about as much as the same term in a title, so a page about
    zij-instroom could rank below pages that only mention it. A page's title (for a route: its name) weighs most.
    """
    query_words, title_words = _words(query), _words(title)
    if not query_words:
        return 2
    size = len(query_words)
    if any(title_words[i : i + size] == query_words for i in range(len(title_words) - size + 1)):
        return 0
    if set(query_words) <= set(title_words):
        return 1
    return 2


@require_GET
def search(request):
    """Site search over pages (routes, articles, events, standard pages) and practice examples."""
    # PostgreSQL refuses text with NUL bytes; no real query has them.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    page_results = []
    examples = []
    if query:
        # The results depend on the query and the published pages only: kept until the next publish for the most
        # recent queries (a campaign sends many people looking for the same words).
        page_results, examples = fragments.cached_recent(
            request, "search", query.casefold(), lambda: _search(request, query), limit=RECENT_SEARCHES
        )
    paginator = Paginator(page_results, 10)
    try:
        results = paginator.page(request.GET.get("pagina", 1))
    except PageNotAnInteger:
        results = paginator.page(1)
    except EmptyPage:
        results = paginator.page(paginator.num_pages)
    return render(
        request,
        "pages/search_results.html",
        {"search_query": query, "search_results": results, "practice_examples": examples},
    )


def _search(request, query):
    # The search speaks Dutch (its URL has no language prefix): only the pages in the request's language, so the Dutch
    # results stay as they were now that English translations are in the same tree.
    pages = Page.objects.live().exclude(depth__lte=2).filter(locale_id=fragments.locale_id(get_language()))
    pages = fragments.public(pages, request)
    # The found pages as their specific types (their introductions) come from the pages kept per publish: one query
    # for the search, and one for pages not kept yet, instead of one per page type.
    found = fragments.specific_pages(request, list(pages.search(query)[:MAX_RANKED_RESULTS]))
    # A stable sort: within each rank the backend's relevance order stays.
    page_results = sorted(found, key=lambda page: title_rank(query, page.title))
    examples = list(get_search_backend().search(query, PracticeExample)[:10])
    return page_results, examples


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return render(request, "robots.txt", {"lines": lines}, content_type="text/plain")
