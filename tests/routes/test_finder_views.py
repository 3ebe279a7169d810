"""The route finder's pages: one question at a time as plain GET forms, htmx fragments, the result, caching, and a
constant number of SQL queries."""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from routes.models import RouteProgramme
from routes.models.pages import Qualification

from .factories import InstitutionFactory, RoutePageFactory

pytestmark = pytest.mark.django_db

COMPLETE = {"opleiding": "hbo", "ervaring": "lang", "baan": "ja", "sector": "mbo", "rol": "docent"}


class FormReader(HTMLParser):
    """The first form on a page as a browser without JavaScript sees it: action, hidden fields, radios."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.hidden = []
        self.radios = []
        self.in_form = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and attrs.get("method") == "get" and "question" in attrs.get("class", ""):
            self.in_form, self.action = True, attrs["action"]
        elif self.in_form and tag == "input" and attrs.get("type") == "hidden":
            self.hidden.append((attrs["name"], attrs["value"]))
        elif self.in_form and tag == "input" and attrs.get("type") == "radio":
            self.radios.append((attrs["name"], attrs["value"], "checked" in attrs))

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def read_form(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    assert reader.action, "no question form on the page"
    return reader


def answer(client, response, value):
    """Submit the question on the page with one answer, the way a browser sends a GET form."""
    form = read_form(response)
    name = form.radios[0][0]
    assert value in [radio[1] for radio in form.radios], f"{value} is not an answer to {name}"
    return client.get(f"{form.action}?{urlencode(form.hidden + [(name, value)])}")


@pytest.fixture
def finder(finder_tree):
    college = InstitutionFactory(name="Hogeschool Windesheim")
    pdg = RoutePageFactory(
        parent=finder_tree["index"],
        title="PDG",
        accepts_mbo4=True,
        for_vmbo=False,
        qualification=Qualification.PDG,
        work_experience="vereist",
        min_years_experience=3,
        duration="ongeveer 1,5 jaar",
        duration_months=18,
        programmes=[college],
    )
    # The colleges a card names are the ones offering the route (RouteProgramme), not every college.
    pdg.programmes = [RouteProgramme(institution=college, name="Pedagogisch Didactisch Getuigschrift")]
    pdg.save_revision().publish()
    RoutePageFactory(
        parent=finder_tree["index"],
        title="Kopopleiding",
        combines_with_job="nee",
        duration="1 jaar",
        duration_months=12,
    )
    RoutePageFactory(
        parent=finder_tree["index"],
        title="Gastdocent",
        qualification=Qualification.NONE,
        combines_with_job="ja",
        work_experience="vereist",
    )
    return finder_tree["finder"]


def result_url(finder, **answers):
    return f"{finder.url}resultaat/?{urlencode({**COMPLETE, **answers})}"


class TestQuestions:
    def test_first_question_is_a_fieldset_with_a_legend_and_progress(self, client, finder):
        response = client.get(finder.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert re.search(r'<fieldset class="question__fieldset" aria-describedby="vraag-uitleg">\s*<legend', html)
        assert "Wat is je hoogste opleiding?" in html
        assert '<p id="finder-progress" class="finder__progress" role="status">Vraag 1 van 5</p>' in html
        # The count is said once: in the progress line, not again in the legend.
        assert html.count("Vraag 1 van 5") == 2  # the progress line and the <title>
        # On arrival the page is read from the top: no autofocus yet.
        assert "autofocus" not in html
        assert [radio[1] for radio in read_form(response).radios] == [
            "mbo2-3",
            "mbo4",
            "havo-vwo",
            "ad",
            "hbo",
            "wo",
            "buitenland",
            "student",
            "weet-niet",
        ]
        assert "Vorige vraag" not in html
        # The empty first step holds no answers, so the page cache may keep it.
        assert "no-store" not in response.get("Cache-Control", "")
        assert "HX-Request" in response["Vary"]

    def test_each_answer_leads_to_the_next_question_with_the_answers_in_the_url(self, client, finder):
        first = client.get(finder.url)
        second = answer(client, first, "hbo")
        html = second.content.decode()
        assert "Hoeveel technische werkervaring heb je?" in html
        assert "Vraag 2 van 5" in html
        assert '<input type="hidden" name="opleiding" value="hbo">' in html
        assert 'tabindex="-1" autofocus>Hoeveel technische werkervaring heb je?</h2>' in html
        assert second["Cache-Control"] == "private, no-store"

    def test_a_foreign_diploma_adds_a_follow_up_without_changing_the_count(self, client, finder):
        second = answer(client, client.get(finder.url), "buitenland")
        html = second.content.decode()
        assert "Was je in het land van je diploma al bevoegd leraar?" in html
        assert "Vraag 1 van 5" in html
        third = answer(client, second, "ja")
        assert "Vraag 2 van 5" in third.content.decode()

    def test_a_student_is_asked_what_and_which_year_they_study(self, client, finder):
        second = answer(client, client.get(finder.url), "student")
        assert "Wat studeer je nu?" in second.content.decode()
        assert [radio[1] for radio in read_form(second).radios] == ["mbo2-3", "mbo4", "hbo", "wo"]
        third = answer(client, second, "mbo4")
        html = third.content.decode()
        assert "In welk jaar van je studie zit je?" in html
        assert "Vraag 1 van 5" in html
        assert "Vraag 2 van 5" in answer(client, third, "2").content.decode()

    def test_sending_a_question_without_an_answer_shows_an_error_tied_to_it(self, client, finder):
        response = client.get(f"{finder.url}?na=opleiding")
        html = response.content.decode()
        assert "Wat is je hoogste opleiding?" in html
        assert 'aria-describedby="vraag-uitleg vraag-fout"' in html
        assert '<p id="vraag-fout" class="question__error"><span class="visually-hidden">Fout: </span>' in html
        assert "Kies een van de antwoorden." in html

    def test_unknown_values_are_asked_again_not_an_error_page(self, client, finder):
        response = client.get(f"{finder.url}?opleiding=%3Cscript%3E&na=opleiding")
        assert response.status_code == 200
        assert "Kies een van de antwoorden." in response.content.decode()
        assert "<script>" not in response.content.decode()

    def test_back_shows_the_previous_question_with_its_answer_checked(self, client, finder):
        response = client.get(f"{finder.url}?opleiding=wo&ervaring=kort&na=ervaring")
        html = response.content.decode()
        assert "Wil je je huidige baan houden?" in html
        back = re.search(r'<a class="question__back" href="([^"]+)" hx-get="\1"', html).group(1)
        previous = client.get(back.replace("&amp;", "&"))
        assert "Hoeveel technische werkervaring heb je?" in previous.content.decode()
        assert ("ervaring", "kort", True) in read_form(previous).radios
        # Changing it goes on to the next question, keeping the other answers.
        again = answer(client, previous, "lang")
        assert "Wil je je huidige baan houden?" in again.content.decode()
        assert ("ervaring", "lang") in read_form(again).hidden

    def test_the_last_question_sends_to_the_result_url(self, client, finder):
        query = urlencode({key: value for key, value in COMPLETE.items() if key != "rol"})
        response = client.get(f"{finder.url}?{query}&na=sector")
        form = read_form(response)
        assert form.action == f"{finder.url}resultaat/"
        assert "Toon mijn routes" in response.content.decode()
        assert ("na", "sector") not in form.hidden

    def test_all_answers_at_the_question_url_go_to_the_result(self, client, finder):
        response = client.get(f"{finder.url}?{urlencode(COMPLETE)}")
        assert response.status_code == 302
        assert response["Location"] == result_url(finder)

    def test_the_whole_way_without_javascript(self, client, finder):
        response = client.get(finder.url)
        for value in ("mbo4", "lang", "ja", "mbo", "docent"):
            response = answer(client, response, value)
        html = response.content.decode()
        assert response.request["PATH_INFO"] == f"{finder.url}resultaat/"
        assert "Deze route past bij jou" in html
        assert "PDG" in html


class TestResult:
    def test_routes_ranked_with_reasons_duration_outcome_and_colleges(self, client, finder):
        html = client.get(result_url(finder)).content.decode()
        assert '<h2 id="resultaat-titel" class="finder-result__title" tabindex="-1" autofocus>' in html
        assert "Klaar. Eén route past bij je antwoorden." in html
        assert "Je hebt een hbo-diploma en wilt je baan houden:" in html
        assert "ongeveer 1,5 jaar" in html
        assert "Pedagogisch didactisch getuigschrift (docent in het mbo)" in html
        assert ">Hogeschool Windesheim</a>" in html

    def test_near_misses_say_why_not(self, client, finder):
        html = client.get(result_url(finder)).content.decode()
        assert "Bijna passend" in html
        assert "Kopopleiding</a></h3>" in html
        assert "<strong>Waarom niet:</strong> Deze route doe je niet naast je huidige baan" in html
        assert "<strong>Waarom niet:</strong> Je wilt docent worden met een bevoegdheid" in html

    def test_always_the_regional_desk_and_the_registration_form(self, client, finder, finder_tree):
        from routes.models import RoutePage

        pdg = RoutePage.objects.get(title="PDG")
        html = client.get(result_url(finder)).content.decode()
        assert 'href="https://www.onderwijsloket.com/"' in html
        assert "<strong>Regioloket Midden</strong>" in html
        website = finder_tree["region"].website
        assert f'<a href="{website}">Website<span class="visually-hidden"> van regioloket Midden' in html
        answers = "&amp;".join(f"rw-{key}={value}" for key, value in COMPLETE.items())
        assert f'href="/aanmelding/?route={pdg.pk}&amp;{answers}"' in html

    def test_the_registration_link_carries_the_answers_under_the_finder_prefix(self, client, finder):
        """The answers travel to the registration form in the finder's own form, prefixed, in question order."""
        html = client.get(result_url(finder, opleiding="buitenland", bevoegd="ja")).content.decode()
        link = re.search(r'href="/aanmelding/\?([^"]+)"', html).group(1).replace("&amp;", "&")
        pairs = [pair.split("=") for pair in link.split("&")]
        assert [key for key, _value in pairs if key != "route"] == [
            "rw-opleiding",
            "rw-bevoegd",
            "rw-ervaring",
            "rw-baan",
            "rw-sector",
            "rw-rol",
        ]
        assert ["rw-bevoegd", "ja"] in pairs

    def test_the_desk_comes_first_for_someone_who_is_unsure(self, client, finder):
        html = client.get(result_url(finder, rol="weet-niet")).content.decode()
        assert "Twijfel je nog? Praat met een adviseur" in html
        assert html.index("Onderwijsloket") < html.index('class="finder-result__routes"')

    def test_answers_can_be_edited(self, client, finder):
        html = client.get(result_url(finder)).content.decode()
        edit = (
            re.search(
                r'href="([^"]+)" hx-get="\1" hx-target="#finder-step" hx-push-url="true">Pas mijn antwoorden '
                r"aan</a>",
                html,
            )
            .group(1)
            .replace("&amp;", "&")
        )
        first = client.get(edit)
        assert "Wat is je hoogste opleiding?" in first.content.decode()
        assert ("opleiding", "hbo", True) in read_form(first).radios
        assert ("rol", "docent") in read_form(first).hidden

    def test_the_result_is_never_cached_with_someones_answers(self, client, finder):
        response = client.get(result_url(finder))
        assert response["Cache-Control"] == "private, no-store"
        assert "HX-Request" in response["Vary"]

    def test_the_page_cache_keeps_the_empty_first_step_but_never_answers(self, client, finder, settings):
        from django.core.cache import caches

        settings.WAGTAIL_CACHE = True
        caches["pagecache"].clear()
        try:
            assert client.get(finder.url)["X-Wagtail-Cache"] == "miss"
            assert client.get(finder.url)["X-Wagtail-Cache"] == "hit"
            fragment = client.get(finder.url, headers={"HX-Request": "true"})
            assert fragment["X-Wagtail-Cache"] == "skip"
            assert "<html" not in fragment.content.decode()
            for _ in range(2):
                response = client.get(result_url(finder))
                assert response["X-Wagtail-Cache"] == "skip"
                assert "no-store" in response["Cache-Control"]
                assert "public" not in response["Cache-Control"]
        finally:
            caches["pagecache"].clear()

    def test_a_result_link_missing_an_answer_asks_for_it(self, client, finder):
        query = urlencode({key: value for key, value in COMPLETE.items() if key != "rol"})
        response = client.get(f"{finder.url}resultaat/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Welke rol zoek je?" in html
        assert "Kies een van de antwoorden." in html

    def test_no_fitting_route_still_offers_help(self, client, finder):
        html = client.get(result_url(finder, opleiding="weet-niet")).content.decode()
        assert "Geen route past precies bij je antwoorden" in html
        assert "Naar het Onderwijsloket" in html
        assert "Bijna passend" in html
        assert "Het Onderwijsloket zoekt het gratis met je uit." in html
        assert "diploma op zak" not in html
        assert "Andere routes (" in html


class TestHtmx:
    def test_an_answer_swaps_in_the_next_question_and_announces_progress(self, client, finder):
        response = client.get(f"{finder.url}?opleiding=hbo&na=opleiding", headers={"HX-Request": "true"})
        html = response.content.decode()
        assert "<html" not in html
        assert '<p id="finder-progress" hx-swap-oob="innerHTML">Vraag 2 van 5</p>' in html
        assert "<title>Vraag 2 van 5: Hoeveel technische werkervaring heb je? – Welke route past bij mij?" in html
        assert 'tabindex="-1" autofocus>Hoeveel technische werkervaring heb je?</h2>' in html
        assert response["Cache-Control"] == "private, no-store"

    def test_every_htmx_link_and_form_keeps_its_plain_url(self, client, finder):
        pages = [
            client.get(f"{finder.url}?opleiding=hbo&na=opleiding", headers={"HX-Request": "true"}),
            client.get(result_url(finder), headers={"HX-Request": "true"}),
        ]
        for page in pages:
            html = page.content.decode()
            assert "hx-get" in html
            for tag in re.findall(r"<(?:a|form)\b[^>]*hx-get[^>]*>", html):
                url = re.search(r'hx-get="([^"]+)"', tag).group(1)
                assert f'href="{url}"' in tag or f'action="{url}"' in tag, tag

    def test_the_result_swaps_in_with_its_own_heading_focused(self, client, finder):
        html = client.get(result_url(finder), headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in html
        assert 'hx-swap-oob="innerHTML">Klaar. Eén route past bij je antwoorden.</p>' in html
        assert 'tabindex="-1" autofocus>Deze route past bij jou</h2>' in html

    def test_history_restore_gets_the_whole_page(self, client, finder):
        response = client.get(result_url(finder), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        assert "<html" in response.content.decode()


def add_routes(tree, count, first=0):
    colleges = [InstitutionFactory() for _ in range(3)]
    for number in range(first, first + count):
        RoutePageFactory(
            parent=tree["index"],
            title=f"Route {number}",
            programmes=colleges[: number % 3 + 1],
            qualification=Qualification.SECOND_DEGREE if number % 2 else Qualification.SUPPORTING,
        )


def count_result_queries(client, finder):
    client.get(result_url(finder))  # warm the site root paths cache, as a running site has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(result_url(finder))
    assert response.status_code == 200
    return len(queries), response.content.decode()


# A result page needs this many queries at most, whatever the number of routes (guarded for 3 and for 20 routes): the
# routes with their sources, their programmes, those programmes' colleges and their steps each in one query, whatever
# their number.
RESULT_QUERIES = 15


@pytest.mark.parametrize("routes", [3, 20])
def test_result_page_queries_stay_within_the_limit(client, finder_tree, routes, django_assert_max_num_queries):
    add_routes(finder_tree, routes)
    client.get(result_url(finder_tree["finder"]))
    with django_assert_max_num_queries(RESULT_QUERIES):
        response = client.get(result_url(finder_tree["finder"]))
    assert response.content.decode().count('class="card card--route finder-route"') == routes // 2


def test_result_page_queries_do_not_grow_with_the_routes(client, finder_tree):
    add_routes(finder_tree, 3)
    with_three, html = count_result_queries(client, finder_tree["finder"])
    assert html.count('class="card card--route finder-route"') == 1
    add_routes(finder_tree, 17, first=3)
    with_twenty, html = count_result_queries(client, finder_tree["finder"])
    assert html.count('class="card card--route finder-route"') == 10
    assert with_three == with_twenty
