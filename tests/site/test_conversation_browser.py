"""The conversation tool in Chromium: a conversation with two perspectives completed by keyboard alone, without
JavaScript and with htmx, its PDF downloaded and read; axe on the start page, a step and the summary, on a desktop
and a phone."""

import io
import re

import pytest
from pypdf import PdfReader

from content.models import Conversation, ConversationToolPage
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => { const e = document.activeElement;
    return {tag: e.tagName.toLowerCase(), name: e.name || "", value: e.value || "", text: (e.innerText || "").trim(),
            id: e.id || ""}; }"""


@pytest.fixture
def tool(home_page):
    page = ConversationToolPage(
        title="Gesprekskaarten hybride docentschap",
        slug="gesprekskaarten",
        intro="Voer het gesprek over hybride docentschap.",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def tab_to(tab, matches, limit=120):
    """Press Tab until the focused element matches; return it."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if matches(focused):
            return focused
    raise AssertionError(f"Tab never reached the element; focus is on {tab.evaluate(FOCUSED)}")


def start_by_keyboard(tab, url):
    tab.goto(url)
    for perspective in ("school", "bedrijf"):
        tab_to(tab, lambda e, p=perspective: e["name"] == "perspectives" and e["value"] == p)
        tab.keyboard.press("Space")
    tab_to(tab, lambda e: e["name"] == "title")
    tab.keyboard.type("Gesprek ROC en installatiebedrijf")
    tab_to(tab, lambda e: e["tag"] == "button" and e["text"] == "Begin het gesprek")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/gesprek/[A-Za-z0-9_-]{43}/stap/1/$"))


def answer_every_step_by_keyboard(tab, *, htmx):
    """Type an answer in every card's textarea and an agreement per step, then Enter on Volgende; returns the texts."""
    texts = []
    for number in range(1, 5):
        tab.get_by_text(f"Stap {number} van 4", exact=True).wait_for()
        if htmx and number > 1:
            tab.wait_for_function("() => document.activeElement && document.activeElement.id === 'stap-titel'")
        names = tab.locator("#gesprek-stap textarea").evaluate_all("areas => areas.map(area => area.name)")
        assert names[-1] == "afspraken" and len(names) > 2, names
        for name in names:
            text = f"Ideeën bij {name} in stap {number}" if name != "afspraken" else f"Afspraak van stap {number}"
            tab_to(tab, lambda e, n=name: e["name"] == n)
            tab.keyboard.type(text)
            texts.append(text)
        label = "Naar de samenvatting" if number == 4 else "Volgende"
        tab_to(tab, lambda e, label=label: e["tag"] == "button" and e["text"] == label)
        tab.keyboard.press("Enter")
        if number < 4:
            tab.wait_for_url(re.compile(rf"/stap/{number + 1}/$"))
    tab.wait_for_url(re.compile(r"/gesprek/[A-Za-z0-9_-]{43}/$"))
    return texts


def pdf_text(content):
    assert content.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_two_perspectives_by_keyboard_without_javascript_and_the_pdf_holds_every_answer(live_server, scriptless, tool):
    tab = scriptless
    start_by_keyboard(tab, live_server.url + "/gesprekskaarten/")
    texts = answer_every_step_by_keyboard(tab, htmx=False)

    summary = tab.content()
    assert "Samenvatting" in summary and "Gesprek ROC en installatiebedrijf" in summary
    for text in texts:
        assert text in summary
    conversation = Conversation.objects.get()
    assert conversation.perspectives == ["school", "bedrijf"]
    assert len(conversation.answers) == len(texts) - 4 and len(conversation.agreements) == 4
    assert conversation.token in tab.locator("#prive-link").input_value()

    tab_to(tab, lambda e: e["tag"] == "a" and e["text"] == "Download als PDF")
    with tab.expect_download() as download:
        tab.keyboard.press("Enter")
    assert re.fullmatch(r"gesprek-hybride-docentschap-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    with open(download.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    for answer in texts:
        assert answer in text, answer
    assert "Gesprek ROC en installatiebedrijf" in text


def test_two_perspectives_by_keyboard_with_htmx(live_server, page, tool):
    start_by_keyboard(page, live_server.url + "/gesprekskaarten/")
    texts = answer_every_step_by_keyboard(page, htmx=True)
    for text in texts:
        assert text in page.content()
    response = page.request.get(page.url + "pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    for answer in texts:
        assert answer in text, answer
    page.go_back()  # a step again, from the server (htmx keeps no copy of the answers in the browser)
    page.get_by_text("Stap 4 van 4", exact=True).wait_for()
    assert page.evaluate("() => Object.keys(localStorage).filter(key => key.startsWith('htmx')).length") == 0
    assert page.csp_errors == []


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_tool_passes_axe_and_fits_a_phone(live_server, request, tool, device):
    tab = request.getfixturevalue(device)
    tab.goto(live_server.url + "/gesprekskaarten/")
    urls = {"start": tab.url}
    tab.get_by_label("School").check()
    tab.get_by_label("Professional").check()
    tab.get_by_role("button", name="Begin het gesprek").click()
    tab.wait_for_url(re.compile(r"/stap/1/$"))
    urls["step"] = tab.url
    urls["summary"] = tab.url.removesuffix("stap/1/")
    for name, url in urls.items():
        tab.goto(url)
        assert axe_violations(tab) == [], name
        if device == "phone":
            assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320, name
    tab.goto(urls["start"])
    tab.get_by_role("button", name="Begin het gesprek").click()  # nobody chosen: the error summary
    tab.locator(".error-summary").wait_for()
    assert axe_violations(tab) == [], "start with errors"
