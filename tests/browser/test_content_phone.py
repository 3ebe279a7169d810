"""Small things visitors met on a phone: the focus after a form error, and event titles that wrap between words."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_server_side_form_error_moves_the_focus_to_the_error_summary(demo_content, live_server, browser, javascript):
    context = browser.new_context(
        locale="nl-NL",
        java_script_enabled=javascript,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(15000)
    try:
        tab.goto(live_server.url + "/aanmelding/")
        tab.get_by_role("button", name="Aanmelding versturen").click()
        summary = tab.locator(".error-summary")
        summary.wait_for()
        assert "Controleer" in summary.inner_text()
        # Locators only: page.evaluate hangs in a context without JavaScript.
        assert tab.locator(".error-summary:focus").count() == 1
        tab.keyboard.press("Tab")
        assert tab.locator(".error-summary a:focus").count() == 1, "Tab goes on to the first error link"
    finally:
        context.close()


WORD_BREAKS = """(element) => {
    // Where the rendered lines of the title break: a break inside a word (with or without an inserted hyphen)
    // shows as two adjacent letters on different lines.
    const text = element.textContent;
    const node = element.firstChild;
    const range = document.createRange();
    const tops = [];
    for (let i = 0; i < text.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        tops.push(rect ? Math.round(rect.top) : null);
    }
    const splits = [];
    for (let i = 1; i < text.length; i++) {
        if (tops[i] !== null && tops[i - 1] !== null && tops[i] > tops[i - 1]
            && /\\S/.test(text[i - 1]) && /\\S/.test(text[i]) && text[i - 1] !== "-") {
            splits.push(text.slice(Math.max(0, i - 12), i) + "|" + text.slice(i, i + 12));
        }
    }
    return splits;
}"""


@pytest.mark.parametrize("path", ["/", "/agenda/"])
def test_event_card_titles_wrap_between_words_at_1280px(demo_content, live_server, browser, path):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(live_server.url + path)
        titles = tab.locator(".event-card .card__title a")
        assert titles.count() >= 1
        texts = [titles.nth(i).inner_text() for i in range(titles.count())]
        assert any("Informatiebijeenkomst" in text for text in texts), texts
        for i in range(titles.count()):
            title = titles.nth(i)
            assert title.evaluate(WORD_BREAKS) == [], title.inner_text()
            box, card = title.bounding_box(), tab.locator(".event-card").nth(i).bounding_box()
            assert box["x"] + box["width"] <= card["x"] + card["width"], "the title stays inside its card"
    finally:
        context.close()
