"""Terms people stumble on are explained where a route page first uses them: the first use links to a "Begrippen op
deze pagina" list on the same page (plain links and a definition list, so it works without JavaScript)."""

import json

import pytest

from content.models import GlossaryTerm
from routes.models import RoutePage

from .factories import RoutePageFactory

pytestmark = pytest.mark.django_db

BODY = [
    {
        "type": "paragraph",
        "value": "<h2>Wat is een PDG?</h2><p>Met een PDG geef je les in het mbo. Het PDG haal je "
        'naast je werk. Zie ook <a href="https://example.org/">het PDG bij DUO</a>.</p>'
        "<p>Zij-instroom is iets anders dan een PDGs-cursus &amp; een kopopleiding.</p>",
    },
]


@pytest.fixture
def terms(db):
    GlossaryTerm.objects.create(
        term="PDG",
        full_name="Pedagogisch didactisch getuigschrift",
        explanation="Een getuigschrift waarmee je les mag geven in het mbo.",
        source_name="MBO Raad",
    )
    GlossaryTerm.objects.create(
        term="zij-instroom",
        explanation="Je wordt leraar terwijl je al op een school werkt.",
        source_name="Rijksoverheid",
    )
    GlossaryTerm.objects.create(term="TOA", explanation="Technisch onderwijsassistent.", source_name="Onderwijsloket")


def test_the_first_use_of_each_term_links_to_its_explanation_on_the_page(finder_tree, terms, client):
    route = RoutePageFactory(parent=finder_tree["index"], body=json.dumps(BODY))
    text = client.get(RoutePage.objects.get(pk=route.pk).url).content.decode()
    prose = text[text.index('class="prose"') :]
    # Not in the heading and not inside an existing link: the first use in running text.
    assert "<h2>Wat is een PDG?</h2>" in prose
    assert 'Met een <a class="glossary-link" href="#begrip-pdg">PDG</a> geef je les' in prose
    assert prose.count('href="#begrip-pdg"') == 1
    assert '<a href="https://example.org/">het PDG bij DUO</a>' in prose
    # Any case for words, whole words only; entities survive.
    assert '<a class="glossary-link" href="#begrip-zij-instroom">Zij-instroom</a> is iets anders' in prose
    assert "PDGs-cursus &amp; een kopopleiding" in prose
    # The explanations, for the terms used only.
    terms_section = prose[prose.index('id="begrippen-titel"') :]
    assert '<div id="begrip-pdg" class="page-terms__term">' in terms_section
    assert "Pedagogisch didactisch getuigschrift" in terms_section
    assert 'id="begrip-zij-instroom"' in terms_section
    assert "begrip-toa" not in terms_section


def test_a_page_without_terms_gets_no_terms_section(finder_tree, client):
    route = RoutePageFactory(parent=finder_tree["index"], body=json.dumps(BODY))
    text = client.get(RoutePage.objects.get(pk=route.pk).url).content.decode()
    assert "Begrippen op deze pagina" not in text
    assert "glossary-link" not in text
