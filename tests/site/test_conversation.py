"""The conversation tool (gesprekskaarten hybride docentschap): the cards, starting a conversation, its steps with
Post/Redirect/Get and htmx, the summary and its PDF, privacy of the private link, the rate limit, expiry, the links
to the match and the hybrid routes, and the demo data."""

import datetime as dt
import importlib
import io
import re

import pytest
import time_machine
from pypdf import PdfReader

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from wagtail.test.utils import WagtailPageTestCase

from content import conversation
from content.conversation import ANSWER_MAX_LENGTH, Theme
from content.models import Conversation, ConversationCard, ConversationToolPage, HomePage
from content.tasks import delete_inactive_conversations
from content.visitors import client_ip
from tests.routes.factories import RouteIndexPageFactory, RoutePageFactory

pytestmark = pytest.mark.django_db

STEP_URL = re.compile(r"^/gesprekskaarten/gesprek/([A-Za-z0-9_-]{43})/stap/1/$")


@pytest.fixture
def tool(home_page):
    page = ConversationToolPage(
        title="Gesprekskaarten hybride docentschap", slug="gesprekskaarten", intro="Praat samen."
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def start(client, perspectives=("school", "bedrijf"), title="Gesprek ROC en installatiebedrijf"):
    response = client.post("/gesprekskaarten/", {"perspectives": list(perspectives), "title": title})
    assert response.status_code == 303, response.content.decode()[:2000]
    token = STEP_URL.match(response["Location"])[1]
    return Conversation.objects.get(token=token)


def base(conversation_):
    return f"/gesprekskaarten/gesprek/{conversation_.token}/"


def cards_of(conversation_, theme):
    return [
        card
        for card in conversation.in_order(ConversationCard.objects.filter(theme=theme))
        if card.perspective in conversation_.perspectives
    ]


class ConversationToolTreeTests(WagtailPageTestCase):
    def test_the_tool_is_a_leaf_under_home(self):
        self.assertAllowedParentPageTypes(ConversationToolPage, {HomePage})
        self.assertAllowedSubpageTypes(ConversationToolPage, set())
        self.assertCanCreateAt(HomePage, ConversationToolPage)


def test_a_new_site_has_the_first_set_of_cards_from_the_migration():
    """Every perspective has cards in every theme (the migration read content/data/conversation_cards.yaml)."""
    pairs = set(ConversationCard.objects.values_list("perspective", "theme"))
    assert pairs == {(p, t) for p in conversation.Perspective.values for t in Theme.values}
    assert ConversationCard.objects.count() >= 24
    card = ConversationCard.objects.filter(perspective="bedrijf", theme="knelpunten").order_by("sort_order").first()
    assert card.question.endswith("?") and card.explanation


def test_the_tool_page_offers_the_start_form(client, tool):
    response = client.get("/gesprekskaarten/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Begin een gesprek" in html and 'name="perspectives" value="professional"' in html
    assert "geen namen of andere persoonsgegevens" in html
    assert "no-store" in response["Cache-Control"], "the form holds a CSRF token"


def test_starting_a_conversation_opens_its_first_step(client, tool):
    conversation_ = start(client, perspectives=("bedrijf", "school"))
    assert conversation_.perspectives == ["school", "bedrijf"], "in the order of the perspectives"
    assert conversation_.title == "Gesprek ROC en installatiebedrijf"
    assert len(conversation_.token) == 43 and conversation_.answers == {} and conversation_.agreements == {}

    html = client.get(base(conversation_) + "stap/1/").content.decode()
    assert "Stap 1 van 4" in html and "Meerwaarde" in html
    for card in cards_of(conversation_, Theme.VALUE):
        assert escape(card.question) in html
    professional = ConversationCard.objects.filter(perspective="professional", theme=Theme.VALUE).first()
    assert escape(professional.question) not in html, "only the perspectives at the table"
    assert "Bewaar deze link" in html and f"http://testserver{base(conversation_)}" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"perspectives": [], "title": ""}, "Kies wie er aan tafel zitten"),
        ({"perspectives": ["directie"], "title": ""}, "Kies uit school, professional en bedrijf."),
        ({"perspectives": ["school"], "title": "x" * 121}, "maximaal 120 tekens (nu 121)"),
    ],
)
def test_a_start_form_with_a_mistake_says_what_to_fix(client, tool, data, message):
    response = client.post("/gesprekskaarten/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Conversation.objects.exists()


def test_each_step_is_saved_and_redirected_without_javascript(client, tool):
    conversation_ = start(client)
    first, second = cards_of(conversation_, Theme.VALUE)[:2]
    response = client.post(
        base(conversation_) + "stap/1/",
        {first.field_name: "  Actuele kennis uit de werkplaats  ", second.field_name: "", "afspraken": "Samen verder"},
    )
    assert response.status_code == 303 and response["Location"] == base(conversation_) + "stap/2/"
    conversation_.refresh_from_db()
    assert conversation_.answers == {str(first.pk): "Actuele kennis uit de werkplaats"}
    assert conversation_.agreements == {Theme.VALUE: "Samen verder"}

    step_two = client.get(response["Location"]).content.decode()
    assert "Stap 2 van 4" in step_two and "Knelpunten" in step_two
    back = client.post(base(conversation_) + "stap/2/", {"naar": "vorige"})
    assert back["Location"] == base(conversation_) + "stap/1/"
    assert "Actuele kennis uit de werkplaats" in client.get(back["Location"]).content.decode(), "answers come back"

    to_summary = client.post(base(conversation_) + "stap/2/", {"naar": "samenvatting"})
    assert to_summary["Location"] == base(conversation_)
    last = client.post(base(conversation_) + "stap/4/", {"naar": "volgende", "afspraken": "Over een maand bellen"})
    assert last["Location"] == base(conversation_)
    conversation_.refresh_from_db()
    assert conversation_.agreements[Theme.AGREEMENTS] == "Over een maand bellen"
    assert Theme.BARRIERS not in conversation_.agreements, "an empty agreement is not kept"


def test_an_answer_that_is_too_long_is_refused_with_a_clear_message(client, tool):
    conversation_ = start(client)
    card = cards_of(conversation_, Theme.BARRIERS)[0]
    response = client.post(base(conversation_) + "stap/2/", {card.field_name: "a" * (ANSWER_MAX_LENGTH + 1)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Houd het kort: maximaal {ANSWER_MAX_LENGTH} tekens (nu {ANSWER_MAX_LENGTH + 1})." in html
    assert 'class="error-summary"' in html and f'href="#id_{card.field_name}"' in html
    conversation_.refresh_from_db()
    assert conversation_.answers == {}


def test_htmx_gets_the_next_step_as_a_part_of_the_page_and_its_address(client, tool):
    conversation_ = start(client)
    card = cards_of(conversation_, Theme.VALUE)[0]
    response = client.post(
        base(conversation_) + "stap/1/", {card.field_name: "Met htmx"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == base(conversation_) + "stap/2/"
    assert '<div id="gesprek-stap"' in html and "<header" not in html
    assert 'hx-swap-oob="innerHTML">Stap 2 van 4</p>' in html
    assert "HX-Request" in response["Vary"]
    last = client.post(base(conversation_) + "stap/4/", {"naar": "volgende"}, headers={"HX-Request": "true"})
    assert last["HX-Redirect"] == base(conversation_)
    conversation_.refresh_from_db()
    assert conversation_.answers == {str(card.pk): "Met htmx"}


def test_the_summary_shows_every_question_answer_and_agreement(client, tool):
    conversation_ = start(client, perspectives=("professional",), title="")
    cards = ConversationCard.objects.filter(perspective="professional")
    conversation_.answers = {str(card.pk): f"Antwoord op kaart {card.pk}" for card in cards}
    conversation_.agreements = {theme: f"Afspraak over {theme}" for theme in Theme.values}
    conversation_.save()
    response = client.get(base(conversation_))
    html = response.content.decode()
    assert "Jullie gesprek" in html and "Aan tafel: Professional." in html
    for card in cards:
        assert escape(card.question) in html and f"Antwoord op kaart {card.pk}" in html
    for theme in Theme.values:
        assert f"Afspraak over {theme}" in html
    assert f'href="{base(conversation_)}pdf/"' in html and "Download als PDF" in html
    assert "Bewaar deze link" in html


def test_the_pdf_holds_every_answer(client, tool):
    conversation_ = start(client, title="Gesprek <b>ROC</b> & bedrijf")
    cards = cards_of(conversation_, Theme.SOLUTIONS)
    conversation_.answers = {str(card.pk): f"Oplossing nummer {number}" for number, card in enumerate(cards)}
    conversation_.agreements = {Theme.SOLUTIONS: "Regionaal samenwerken"}
    conversation_.save()
    response = client.get(base(conversation_) + "pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'attachment; filename="gesprek-hybride-docentschap-{today:%Y-%m-%d}.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Gesprek <b>ROC</b> & bedrijf" in text, "the title as the visitor wrote it, never as markup"
    for number in range(len(cards)):
        assert f"Oplossing nummer {number}" in text
    assert "Regionaal samenwerken" in text
    assert cards[0].question in text


def test_pages_with_the_token_are_private(client, tool):
    conversation_ = start(client)
    for path in ("", "stap/1/", "stap/4/"):
        response = client.get(base(conversation_) + path)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_page_cache_never_keeps_a_conversation(client, tool, page_cache):
    conversation_ = start(client)
    client.cookies.clear()  # a visitor who opens the private link in a fresh browser
    for _ in range(2):
        response = client.get(base(conversation_))
        assert response.status_code == 200 and response.get("X-Wagtail-Cache") != "hit"
    keys = list(page_cache._cache.keys())
    assert not any(conversation_.token in str(key) for key in keys)
    assert not any(conversation_.token in str(value) for value in page_cache._cache.values())


@pytest.mark.parametrize(
    "path",
    [
        "gesprek/{unknown}/",
        "gesprek/{unknown}/stap/1/",
        "gesprek/{unknown}/pdf/",
        "gesprek/kort/",
        "gesprek/{token}/stap/0/",
        "gesprek/{token}/stap/5/",
        "gesprek/{token}/stap/-1/",
    ],
)
def test_an_unknown_token_or_step_is_not_found(client, tool, path):
    conversation_ = start(client)
    url = "/gesprekskaarten/" + path.format(unknown="A" * 43, token=conversation_.token)
    assert client.get(url).status_code == 404


def test_starting_conversations_is_rate_limited(client, tool, settings):
    settings.CONVERSATION_START_RATE_LIMIT = "2/h"
    start(client)
    start(client)
    response = client.post("/gesprekskaarten/", {"perspectives": ["school"]})
    assert response.status_code == 429
    assert "net veel gesprekken gestart" in response.content.decode()
    assert Conversation.objects.count() == 2
    other = client.post("/gesprekskaarten/", {"perspectives": ["school"]}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303, "another visitor is not limited"


def test_behind_trusted_proxies_the_visitor_is_read_from_the_right(rf, settings):
    settings.RECRUITMENT_TRUSTED_PROXIES = 2
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4, 10.0.0.1")
    assert client_ip(request) == "198.51.100.4"
    settings.RECRUITMENT_TRUSTED_PROXIES = 0
    assert client_ip(rf.post("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::/64"


def test_inactive_conversations_are_deleted_after_the_retention_period(tool, settings):
    settings.CONVERSATION_RETENTION_DAYS = 90
    start_time = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(start_time, tick=False):
        forgotten = Conversation.objects.create(perspectives=["school"])
        kept = Conversation.objects.create(perspectives=["bedrijf"])
    with time_machine.travel(start_time + dt.timedelta(days=60), tick=False):
        kept.touch()  # opened again
    with time_machine.travel(start_time + dt.timedelta(days=89), tick=False):
        assert delete_inactive_conversations() == 0
    with time_machine.travel(start_time + dt.timedelta(days=91), tick=False):
        assert delete_inactive_conversations.apply().get() == 1
        assert not Conversation.objects.filter(pk=forgotten.pk).exists()
        assert Conversation.objects.filter(pk=kept.pk).exists()
    with time_machine.travel(start_time + dt.timedelta(days=151), tick=False):
        out = io.StringIO()
        call_command("delete_inactive_conversations", stdout=out)
        assert "1 conversation(s) without activity for 90 days deleted." in out.getvalue()
        assert not Conversation.objects.exists()


def test_saving_a_step_is_activity(client, tool):
    conversation_ = start(client)
    Conversation.objects.filter(pk=conversation_.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=80))
    client.post(base(conversation_) + "stap/1/", {"naar": "volgende"})
    conversation_.refresh_from_db()
    assert timezone.now() - conversation_.last_activity_at < dt.timedelta(minutes=1)


def test_the_beat_schedule_deletes_inactive_conversations_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["content-delete-inactive-conversations"]
    assert entry["task"] == "content.tasks.delete_inactive_conversations"
    assert entry["schedule"].hour == {3}


def hybrid_route(home_page, **facts):
    index = RouteIndexPageFactory(parent=home_page)
    return RoutePageFactory(parent=index, title="Hybride docent", slug="hybride-docent", **facts)


def test_the_tool_links_to_the_match_and_the_routes_for_hybrid_roles(client, tool, home_page, monkeypatch):
    route = hybrid_route(home_page, combines_with_job="naast-werk")
    monkeypatch.setattr(conversation, "MATCH_URL_NAME", "search")  # a URL name that exists in every set-up
    html = client.get("/gesprekskaarten/").content.decode()
    assert f'<a href="{route.url}">Hybride docent</a>' in html
    assert '<a href="/zoeken/">Vind een school, bedrijf of professional voor hybride docentschap</a>' in html
    monkeypatch.setattr(conversation, "MATCH_URL_NAME", "recruitment:bestaat-niet")
    assert "Vind een school, bedrijf of professional" not in client.get("/gesprekskaarten/").content.decode()


def test_a_route_page_for_a_hybrid_role_links_to_the_tool(client, tool, home_page):
    route = hybrid_route(home_page, combines_with_job="naast-werk")
    html = client.get(route.url).content.decode()
    assert f'<a href="{tool.url}">Gesprekskaarten hybride docentschap</a>' in html
    assert '<a href="/hybride-match/">Hybride match</a>' in html
    route.combines_with_job = "deeltijd"
    route.save_revision().publish()
    other = client.get(route.url).content.decode()
    assert f'href="{tool.url}"' not in other and 'href="/hybride-match/"' not in other, "other routes do not"


def test_a_step_costs_the_same_queries_however_many_cards(client, tool):
    conversation_ = start(client, perspectives=("school", "professional", "bedrijf"))
    url = base(conversation_) + "stap/2/"

    def count(method):
        method()  # what is kept per publish is built first
        with CaptureQueriesContext(connection) as queries:
            response = method()
        assert response.status_code in (200, 303)
        return len(queries)

    get = lambda: client.get(url)  # noqa: E731
    post = lambda: client.post(url, {"naar": "volgende"})  # noqa: E731
    before = (count(get), count(post), count(lambda: client.get(base(conversation_))))
    ConversationCard.objects.bulk_create(
        ConversationCard(perspective=p, theme=t, question=f"Extra vraag {p} {t} {n}?")
        for p in conversation.Perspective.values
        for t in Theme.values
        for n in range(5)
    )
    after = (count(get), count(post), count(lambda: client.get(base(conversation_))))
    assert before == after
    assert before[0] <= 4, before


def test_the_demo_loader_keeps_the_cards_and_adds_the_page(demo_content):
    count = ConversationCard.objects.count()
    from content.demo import DemoData

    assert count == len(DemoData().conversation_cards), "the migration's cards are the demo's: none added twice"
    page = ConversationToolPage.objects.get()
    assert page.live and page.get_parent().specific == demo_content and page.slug == "gesprekskaarten"
    from content import demo

    tally = demo.load({})
    assert ConversationCard.objects.count() == count and tally.created == 0 and tally.updated == 0


def test_without_the_routes_app_the_tool_shows_no_routes(rf, tool, monkeypatch):
    monkeypatch.setattr(conversation, "HYBRID_ROUTE_MODEL", "routes.Bestaatniet")
    request = rf.get("/gesprekskaarten/")
    request._content_fragments_version = "test-no-routes"
    assert conversation.hybrid_routes(request) == []


def test_editors_list_the_cards_filtered_by_perspective_and_theme(client, django_user_model):
    editor = django_user_model.objects.create_superuser("redactie", "redactie@example.org", "Redactie-wachtwoord-1")
    client.force_login(editor)
    response = client.get(
        "/admin/snippets/content/conversationcard/", {"perspective": "bedrijf", "theme": "knelpunten"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Gesprekskaarten" in html and "Perspectief" in html
    shown = ConversationCard.objects.filter(perspective="bedrijf", theme="knelpunten")
    hidden = ConversationCard.objects.filter(perspective="school", theme="meerwaarde")
    assert all(escape(card.question) in html for card in shown)
    assert not any(escape(card.question) in html for card in hidden)


def test_a_theme_without_cards_still_takes_the_agreements(client, tool):
    ConversationCard.objects.all().delete()
    conversation_ = start(client, perspectives=("professional",))
    html = client.get(base(conversation_) + "stap/3/").content.decode()
    assert "nog geen kaarten" in html and 'name="afspraken"' in html
    client.post(base(conversation_) + "stap/3/", {"afspraken": "Een cursus zoeken"})
    conversation_.refresh_from_db()
    assert conversation_.agreements == {Theme.SOLUTIONS: "Een cursus zoeken"}
    assert "Een cursus zoeken" in client.get(base(conversation_)).content.decode()


def test_the_migration_leaves_a_site_with_cards_alone():
    from django.apps import apps

    add_first_cards = importlib.import_module("content.migrations.0009_conversation_cards").add_first_cards
    ConversationCard.objects.exclude(pk=ConversationCard.objects.order_by("pk").first().pk).delete()
    add_first_cards(apps, None)
    assert ConversationCard.objects.count() == 1
    ConversationCard.objects.all().delete()
    add_first_cards(apps, None)
    assert ConversationCard.objects.count() >= 24
