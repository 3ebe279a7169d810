"""The glossary (begrippenlijst): terms as snippets, one page that lists them, loaded idempotently by the demo."""

import pytest

from django.core.management import call_command

from wagtail.test.utils import WagtailPageTestCase

from content.demo import DemoData
from content.models import GlossaryPage, GlossaryTerm, HomePage

from .factories import GlossaryPageFactory, GlossaryTermFactory

pytestmark = pytest.mark.django_db

STUMBLING_BLOCKS = [
    "Bevoegdheid",
    "Zij-instroom",
    "PDG",
    "Geschiktheidsonderzoek",
    "Kopopleiding",
    "PAL",
    "EC",
    "NLQF",
    "ECPB",
    "TOA",
    "PDA",
]


class GlossaryTreeTests(WagtailPageTestCase):
    def test_one_glossary_page_under_the_home_page(self):
        self.assertAllowedParentPageTypes(GlossaryPage, {HomePage})
        self.assertAllowedSubpageTypes(GlossaryPage, {})
        assert GlossaryPage.max_count == 1


def test_the_glossary_page_lists_every_term_with_its_explanation_and_source(demo_content, client):
    page = GlossaryPage.objects.live().get()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    terms = list(GlossaryTerm.objects.all())
    assert {term.term for term in terms} >= set(STUMBLING_BLOCKS)
    for term in terms:
        assert f'id="{term.anchor}"' in html, term
        assert f"<dfn>{term.term}</dfn>" in html
        assert term.explanation.split(".")[0] in html
        assert term.source_name in html
    positions = [html.index(f"<dfn>{term.term}</dfn>") for term in terms]
    assert positions == sorted(positions), "alphabetical"
    assert "<script" not in html.split("<main")[1], "the page needs no script"


def test_every_demo_term_names_its_source(demo_content):
    for term in GlossaryTerm.objects.all():
        assert term.source_name.strip(), term
        assert term.source_url.startswith("https://"), term


def test_loading_the_glossary_twice_changes_nothing(demo_content):
    def snapshot():
        page = GlossaryPage.objects.get()
        return (
            page.latest_revision_id,
            sorted(
                GlossaryTerm.objects.values_list("id", "term", "full_name", "explanation", "source_name", "source_url")
            ),
        )

    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before
    assert GlossaryTerm.objects.count() == len(DemoData().glossary_terms)


def test_an_edited_term_is_restored_and_not_duplicated(demo_content):
    term = GlossaryTerm.objects.get(term="PDG")
    term.explanation = "Iets anders."
    term.save()
    call_command("load_demo_content", verbosity=0)
    assert GlossaryTerm.objects.filter(term="PDG").count() == 1
    assert GlossaryTerm.objects.get(term="PDG").explanation != "Iets anders."


def test_the_glossary_term_tag_links_a_term_to_its_explanation(home_page, rf):
    from django.template import Context, Template

    GlossaryPageFactory(parent=home_page)
    GlossaryTermFactory(term="PDG", full_name="Pedagogisch didactisch getuigschrift")
    template = Template('{% load glossary_tags %}{% glossary_term "pdg" "het PDG" %} {% glossary_term "Onbekend" %}')
    html = template.render(Context({"request": rf.get("/")}))
    assert 'href="/begrippen/#pdg"' in html
    assert '#pdg">het PDG</a>' in html
    assert html.endswith(" Onbekend")
