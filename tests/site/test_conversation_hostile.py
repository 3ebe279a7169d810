"""Property-based and hand-picked hostile input for the conversation tool: any text, any card numbers, unknown fields,
huge and malformed posts never give a 500, never reflect markup, and never store more than a step's own answers."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.conversation import ANSWER_MAX_LENGTH
from content.models import Conversation, ConversationCard, ConversationToolPage

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "\x00",
    "{{ 7*7 }}{% debug %}",
    "javascript:alert(1)",
    "ä" * (ANSWER_MAX_LENGTH + 1),
    "\u202e\ufeff",
    "",
]
# Text that can travel in a UTF-8 form post (lone surrogates cannot be encoded by any browser).
texts = st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
anything = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def tool(home_page, settings):
    settings.CONVERSATION_START_RATE_LIMIT = "100000/h"
    page = ConversationToolPage(title="Gesprekskaarten", slug="gesprekskaarten")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def talk(tool):
    return Conversation.objects.create(perspectives=["school", "professional"])


def assert_safe(response):
    assert response.status_code in (200, 303, 400, 404, 429), response.status_code
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)" not in body and "<img src=x onerror" not in body


@anything
@given(
    perspectives=st.lists(st.one_of(st.sampled_from(["school", "professional", "bedrijf"]), texts), max_size=5),
    title=texts,
    htmx=st.booleans(),
)
def test_starting_with_any_input_never_fails(client, tool, perspectives, title, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    before = Conversation.objects.count()
    response = client.post("/gesprekskaarten/", {"perspectives": perspectives, "title": title}, headers=headers)
    assert_safe(response)
    if response.status_code == 303:
        created = Conversation.objects.latest("pk")
        assert set(created.perspectives) <= {"school", "professional", "bedrijf"} and created.perspectives
        assert len(created.title) <= 120 and "\x00" not in created.title
    else:
        assert Conversation.objects.count() == before


@anything
@given(
    number=st.integers(min_value=-2, max_value=6),
    fields=st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(["afspraken", "naar", "kaart-", "kaart-0", "kaart--1", "kaart-999999999999999999"]),
                st.builds(lambda n: f"kaart-{n}", st.integers(min_value=0, max_value=400)),
                st.text(max_size=20),
            ),
            texts,
        ),
        max_size=15,
    ),
    htmx=st.booleans(),
)
def test_a_step_with_any_fields_never_fails_and_keeps_only_its_own_answers(client, talk, number, fields, htmx):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/gesprekskaarten/gesprek/{talk.token}/stap/{number}/", data, headers=headers)
    assert_safe(response)
    talk.refresh_from_db()
    allowed = {
        str(pk)
        for pk in ConversationCard.objects.filter(perspective__in=talk.perspectives).values_list("pk", flat=True)
    }
    assert set(talk.answers) <= allowed, "only cards of the perspectives at the table"
    for text in [*talk.answers.values(), *talk.agreements.values()]:
        assert 0 < len(text) <= ANSWER_MAX_LENGTH and "\x00" not in text
    assert_safe(client.get(f"/gesprekskaarten/gesprek/{talk.token}/"))


def test_every_stored_answer_comes_back_in_the_summary_and_pdf(client, talk):
    card = ConversationCard.objects.filter(perspective="school", theme="meerwaarde").first()
    text = "<script>alert(1)</script> & ' \" \u202e ä"
    response = client.post(f"/gesprekskaarten/gesprek/{talk.token}/stap/1/", {card.field_name: text})
    assert response.status_code == 303
    summary = client.get(f"/gesprekskaarten/gesprek/{talk.token}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in summary and "<script>alert(1)" not in summary
    pdf = client.get(f"/gesprekskaarten/gesprek/{talk.token}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_nul_character_gets_a_message_not_an_error(client, talk):
    card = ConversationCard.objects.filter(perspective="school", theme="meerwaarde").first()
    response = client.post(f"/gesprekskaarten/gesprek/{talk.token}/stap/1/", {card.field_name: "a\x00b"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    talk.refresh_from_db()
    assert talk.answers == {}


def test_a_huge_post_is_refused(client, talk):
    card = ConversationCard.objects.filter(perspective="school", theme="meerwaarde").first()
    response = client.post(f"/gesprekskaarten/gesprek/{talk.token}/stap/1/", {card.field_name: "x" * 3_000_000})
    assert response.status_code == 400
    many = {f"kaart-{number}": "x" for number in range(1200)}
    assert client.post(f"/gesprekskaarten/gesprek/{talk.token}/stap/1/", many).status_code == 400
    assert client.post("/gesprekskaarten/", {"title": "x" * 3_000_000}).status_code == 400
    talk.refresh_from_db()
    assert talk.answers == {}


def test_other_bodies_and_methods_are_refused_cleanly(client, talk):
    url = f"/gesprekskaarten/gesprek/{talk.token}/stap/1/"
    latin1 = "application/x-www-form-urlencoded; charset=latin-1"
    assert client.post(url, "afspraken=caf%E9", content_type=latin1).status_code == 400
    assert client.post(url, "afspraken=%FF%FE%00", content_type="application/x-www-form-urlencoded").status_code == 200
    assert client.post(url, '{"kaart-1": "x"}', content_type="application/json").status_code == 303
    assert client.put(url, "x").status_code == 405
    assert client.post(f"/gesprekskaarten/gesprek/{talk.token}/pdf/").status_code == 405
    assert client.delete("/gesprekskaarten/").status_code == 405
    talk.refresh_from_db()
    assert talk.answers == {}


@pytest.mark.parametrize(
    "token", ["%00", "..%2F..%2Fadmin", "A" * 42, "A" * 44, "A" * 5000, "<script>", "%F0%9F%98%80" * 11]
)
def test_made_up_tokens_are_not_found(client, tool, token):
    response = client.get(f"/gesprekskaarten/gesprek/{token}/")
    assert response.status_code == 404
