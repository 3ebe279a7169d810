"""Issue 9: every route page and toolkit article reads easily: Flesch-Douma reading ease of at least 60.

The score is computed over the visible text of the rendered page (tests/readability.py). A failure names every page
below the bar, its score and its three hardest sentences, so an editor knows where to start.
"""

import pytest

from content.models import ArticlePage
from routes.models import RoutePage
from tests.readability import hardest_sentences, reading_ease, visible_text

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
            hardest = "\n".join(
                f"      {sentence_score:6.1f}  {sentence}" for sentence_score, sentence in hardest_sentences(text, 3)
            )
            failures.append(f"  {page.title} ({page.url}): {score:.1f}\n    hardest sentences:\n{hardest}")
    return f"{len(failures)} of {len(results)} {kind} score below {MINIMUM} (Flesch-Douma):\n" + "\n".join(failures)


def test_visible_text_keeps_blocks_apart_and_leaves_out_what_a_visitor_does_not_see():
    html = """<html><body><nav>Menu</nav><main>
        <h1>Zij-instroom</h1><p>Je werkt en leert <a href="#">tegelijk</a>. Dat duurt twee jaar</p>
        <dl><div><dt>Duur</dt>
            <dd>maximaal 2 jaar<span class="facts__note">Binnen twee jaar rond je af.</span></dd></div></dl>
        <ul><li>Eerste stap</li><li>Tweede stap<span class="visually-hidden"> (andere website)</span></li></ul>
        <p hidden>Verborgen</p><div aria-hidden="true">Ook verborgen</div><script>var x = 1;</script>
        <svg><title>Pijl</title></svg><style>p {}</style><!-- opmerking -->
    </main><footer>Voettekst</footer></body></html>"""
    assert visible_text(html).splitlines() == [
        "Zij-instroom.",
        "Je werkt en leert tegelijk. Dat duurt twee jaar.",
        "Duur: maximaal 2 jaar.",
        "Binnen twee jaar rond je af.",
        "Eerste stap.",
        "Tweede stap.",
    ]


def test_hardest_sentences_are_the_ones_that_pull_the_score_down_most():
    easy = "Je werkt op een school. Je leert het vak. Je krijgt loon. "
    hard = (
        "Het geschiktheidsonderzoek van de lerarenopleiding beoordeelt de bekwaamheidseisen en de "
        "vakinhoudelijke competenties van de kandidaat. "
    )
    text = easy + hard + easy
    assert reading_ease(easy * 2) > reading_ease(text)
    (score, sentence), *_rest = hardest_sentences(text, 3)
    assert sentence == hard.strip()
    assert score == reading_ease(hard)


@pytest.mark.django_db
def test_every_route_page_reads_easily(client, demo_content):
    results = scores(client, RoutePage.objects.live().order_by("path"))
    assert len(results) >= 9
    assert all(score >= MINIMUM for _, score, _ in results), report(results, "route pages")


@pytest.mark.django_db
def test_every_toolkit_article_reads_easily(client, demo_content):
    results = scores(client, ArticlePage.objects.live().order_by("path"))
    assert len(results) >= 4
    assert all(score >= MINIMUM for _, score, _ in results), report(results, "toolkit articles")
