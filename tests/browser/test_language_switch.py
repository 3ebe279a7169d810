"""The English home page in a browser: axe passes, and the language switch leads to the Dutch home page and back,
by keyboard."""

from .conftest import axe_violations


def test_english_home_passes_axe_and_the_switch_goes_there_and_back(demo_content, live_server, page):
    page.goto(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []

    to_dutch = page.locator("a.language-switch__link[hreflang='nl']")
    assert to_dutch.get_attribute("lang") == "nl"
    to_dutch.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert axe_violations(page) == []

    to_english = page.locator("a.language-switch__link[hreflang='en']")
    assert to_english.inner_text() == "English"
    to_english.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("h1").inner_text() == "Become a teacher in technology: pass on your trade"
