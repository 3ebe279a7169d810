"""The demo content says only what its sources say: no invented quotes, no promises no route keeps, plain Dutch.

Every quote block on the site must be a sentence from a seed document (../shared/seeds), credited to the person or
group the seed credits. SOURCED_QUOTES lists them with their seed; when the seeds are on disk the test also reads
them, so a quote cannot drift from its source.
"""

import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from wagtail.models import Page

from content.models import GlossaryPage
from routes.models import RoutePage
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"

# quote (as shown) -> (attribution, seed file prefix)
SOURCED_QUOTES = {
    "Goede scholing, is niet iets van alleen het onderwijs, ook de sector heeft hier haar verantwoordelijkheid!": (
        "Thea Koster",
        "001",
    ),
    "Het was al zo moeilijk om nieuwe docenten te vinden, en de regio vergrijst snel.": ("Klaas Kort", "000"),
    "Elke goede, nieuwe werknemer is winst en elke geïnteresseerde die door het zoekproces verloren gaat, is een "
    "groot verlies.": ("RAP projectgroep regio Zwolle", "002"),
}

INVENTED = [
    "Hr-adviseur",
    "Ik wilde eerst weten of lesgeven bij me paste",
    "Ik neem elke week iets uit mijn werk mee de klas in",
    "Wie zich meldt en een maand niets hoort",
]

WRONG_DUTCH = [
    "open staan",
    "docenten tekortkomen",
    "vond moeilijk",
    "Krijg een geschiktheidsverklaring",
    "Sta in de praktijklokalen",
]


def normalise(text):
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[‘’“”'\"]", "", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(".!")


def rendered_pages(client, exclude_routes=False):
    pages = Page.objects.live().public().specific().exclude(depth__lte=1)
    for page in pages:
        if exclude_routes and isinstance(page, RoutePage):
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        yield page, response.content.decode()


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_no_page_promises_a_route_of_a_few_months(demo_content, client):
    for page, html in rendered_pages(client):
        assert "paar maanden" not in visible_text(html), page.url


def test_no_invented_quote_or_attribution_is_left(demo_content, client):
    for page, html in rendered_pages(client):
        text = visible_text(html)
        for phrase in INVENTED:
            assert phrase not in text, (page.url, phrase)


def test_every_quote_block_is_a_sourced_quote_with_its_attribution(demo_content, client):
    seen = 0
    for page, html in rendered_pages(client):
        for figure in BeautifulSoup(html, "html.parser").select("figure.quote"):
            seen += 1
            quote = re.sub(r"\s+", " ", figure.blockquote.get_text(" ")).strip()
            by = figure.select_one(".quote__name")
            assert by is not None, (page.url, quote, "no attribution")
            known = {normalise(text): value for text, value in SOURCED_QUOTES.items()}
            assert normalise(quote) in known, (page.url, quote, "not a quote from a seed")
            attribution, _seed = known[normalise(quote)]
            assert by.get_text(strip=True) == attribution, (page.url, quote)
    assert seen >= len(SOURCED_QUOTES)


def test_each_sourced_quote_and_its_attribution_is_in_its_seed():
    require_service(SEEDS.is_dir(), "the seed documents (../shared/seeds) are not beside the project")
    for quote, (attribution, prefix) in SOURCED_QUOTES.items():
        (seed,) = SEEDS.glob(f"{prefix}_*.txt")
        text = normalise(seed.read_text(encoding="utf-8"))
        assert normalise(quote) in text, (seed.name, quote)
        assert normalise(attribution) in text, (seed.name, attribution)


def test_content_pages_have_none_of_the_dutch_errors(demo_content, client):
    for page, html in rendered_pages(client, exclude_routes=True):
        text = visible_text(html)
        for phrase in WRONG_DUTCH:
            assert phrase not in text, (page.url, phrase)


def test_route_pages_have_none_of_the_dutch_errors(demo_content, client):
    for page in RoutePage.objects.live():
        text = visible_text(client.get(page.url).content.decode())
        for phrase in WRONG_DUTCH:
            assert phrase not in text, (page.url, phrase)


def test_abbreviations_are_explained_at_first_use_on_content_pages(demo_content, client):
    explained = {"ECPB": "Expertisecentrum", "PAL": "persoonlijk assistent van de leraar"}
    for page, html in rendered_pages(client, exclude_routes=True):
        if isinstance(page, GlossaryPage):
            continue  # each term's full name stands beside it, in the term itself
        # Running text only: titles name the term and the text under them explains it.
        main = BeautifulSoup(html, "html.parser").find("main")
        text = " ".join(visible_text(str(p)) for p in main.find_all("p")) if main else ""
        for term, expansion in explained.items():
            first = re.search(rf"\b{term}\b", text)
            if first is None or "/zoeken/" in page.url:
                continue
            window = text[first.start() : first.start() + 200]
            assert expansion.lower() in window.lower(), (page.url, term, window)
