from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .models import PracticeExample

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Site search over pages (routes, articles, events, standard pages) and practice examples."""
    # PostgreSQL refuses text with NUL bytes; no real query has them.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    page_results = Page.objects.none()
    examples = []
    if query:
        page_results = Page.objects.live().public().exclude(depth__lte=2).specific().search(query)
        examples = list(get_search_backend().search(query, PracticeExample)[:10])
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


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /zoeken/", "",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return render(request, "robots.txt", {"lines": lines}, content_type="text/plain")
