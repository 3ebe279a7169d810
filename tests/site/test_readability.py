"""Issue 9: every route page and toolkit article reads easily: Flesch-Douma reading ease of at least 60.

The score is computed over the visible text of the rendered page (tests/readability.py). A failure names every page
below the bar, its score and its three hardest sentences, so an editor knows where to start.
"""

import pytest

from content.models import ArticlePage
from routes.models import RoutePage
from tests.readability import hardest_sentences, reading_ease, visible_text

pytestmark = pytest.mark.django_db

MINIMUM = 60


def scores(client, pages):
    """(page, score, visible text) for every page, rendered by the test client."""
    results = []
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answers {response.status_code}"
        text = visible_text(response.content.decode())
        assert text, f"{page.url} shows no text inside <main>"
        results.append((page, reading_ease(text), text))
    return results


def report(results, kind):
    failures = []
    for page, score, text in results:
        if score < MINIMUM:
            hardest = "\n".join(f"      {sentence_score:6.1f}  {sentence}"
                                for sentence_score, sentence in hardest_sentences(text, 3))
            failures.append(f"  {page.title} ({page.url}): {score:.1f}\n    hardest sentences:\n{hardest}")
    return (f"{len(failures)} of {len(results)} {kind} score below {MINIMUM} (Flesch-Douma):\n"
            + "\n".join(failures))


def test_every_route_page_reads_easily(client, demo_content):
    results = scores(client, RoutePage.objects.live().order_by("path"))
    assert len(results) >= 9
    assert all(score >= MINIMUM for _, score, _ in results), report(results, "route pages")


def test_every_toolkit_article_reads_easily(client, demo_content):
    results = scores(client, ArticlePage.objects.live().order_by("path"))
    assert len(results) >= 4
    assert all(score >= MINIMUM for _, score, _ in results), report(results, "toolkit articles")
