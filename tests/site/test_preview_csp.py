"""The editor's preview panel shows the page: a preview may be framed by the admin itself, public pages by nobody.

Wagtail renders a preview by sending a dummy request for the page's public URL through the whole middleware chain
again, so without care the preview would carry the public ``frame-ancestors 'none'`` and the panel would stay empty
("refused to connect")."""

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.site.factories import StandardPageFactory

PREVIEW_TITLE = "Zo ziet de pagina eruit"


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def page_form_data(title, slug):
    return nested_form_data(
        {"title": title, "slug": slug, "intro": "", "body": streamfield([]), "comments": inline_formset([])}
    )


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="Over ons", slug="over-ons")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.org", "Beheer-wachtwoord-1")


@pytest.mark.django_db
def test_the_preview_of_an_edited_page_may_be_framed_by_the_admin_only(client, standard_page, superuser):
    client.force_login(superuser)
    preview_url = f"/admin/pages/{standard_page.pk}/edit/preview/"
    stored = client.post(preview_url, page_form_data(PREVIEW_TITLE, "over-ons"))
    assert stored.json() == {"is_valid": True, "is_available": True}

    preview = client.get(preview_url, {"in_preview_panel": "true", "mode": ""})

    assert preview.status_code == 200
    assert PREVIEW_TITLE in preview.text
    policy = csp_directives(preview)
    assert policy["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # Otherwise the preview keeps the public policy: editors see what visitors will see.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_preview_of_a_new_page_may_be_framed_by_the_admin_only(client, home_page, superuser):
    client.force_login(superuser)
    preview_url = f"/admin/pages/add/content/standardpage/{home_page.pk}/preview/"
    stored = client.post(preview_url, page_form_data("Een nieuwe pagina", "nieuw"))
    assert stored.json()["is_valid"] is True

    preview = client.get(preview_url, {"in_preview_panel": "true", "mode": ""})

    assert "Een nieuwe pagina" in preview.text
    assert csp_directives(preview)["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_public_pages_may_not_be_framed_at_all(client, standard_page):
    response = client.get(standard_page.url)

    assert response.status_code == 200
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_public_pages_may_not_be_framed_after_a_preview_either(client, standard_page, superuser):
    """The relaxed policy belongs to the preview request, not to the page: the next visitor gets 'none' again."""
    client.force_login(superuser)
    preview_url = f"/admin/pages/{standard_page.pk}/edit/preview/"
    client.post(preview_url, page_form_data(PREVIEW_TITLE, "over-ons"))
    client.get(preview_url, {"in_preview_panel": "true", "mode": ""})
    client.logout()

    response = client.get(standard_page.url)

    assert csp_directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_preview_panel_shows_the_page(live_server, page, home_page, django_user_model):
    standard_page = StandardPageFactory(parent=home_page, title="Over ons", slug="over-ons")
    django_user_model.objects.create_superuser("beheer", "beheer@example.org", "Beheer-wachtwoord-1")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "Beheer-wachtwoord-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    refused = []
    page.on("console", lambda message: "frame-ancestors" in message.text and refused.append(message.text))

    page.goto(f"{live_server.url}/admin/pages/{standard_page.pk}/edit/")
    page.fill("#id_title", PREVIEW_TITLE)
    page.locator("button[data-side-panel-toggle='preview']").click()

    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").filter(has_text=PREVIEW_TITLE).wait_for(timeout=15_000)
    assert refused == []
    assert page.csp_errors == []
