"""An editor edits a toolkit article in the Wagtail admin and publishes it; an anonymous visitor sees the change at
once, although the page was in the page cache."""

import pytest

from content.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_published_edit_is_seen_at_once_by_visitors(demo_content, live_server, browser, page_cache, django_user_model):
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    editors = Group.objects.create(name="Redactie toolkit")
    editors.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=demo_content,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    editor = django_user_model.objects.create_user("redacteur", "redacteur@example.org", "Redactie-wachtwoord-1")
    editor.groups.add(editors)
    article = ArticlePage.objects.live().first()

    visitor = browser.new_context(locale="nl-NL")
    visitor_page = visitor.new_page()
    visitor_page.goto(live_server.url + article.url)
    visitor_page.goto(live_server.url + article.url)
    assert visitor_page.evaluate("document.title").startswith(article.title)

    admin = browser.new_context(locale="nl-NL")
    page = admin.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", "Redactie-wachtwoord-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_intro", "Deze inleiding is net aangepast door de redactie.")
    page.locator("button.dropdown-toggle, button[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(lambda url: "/edit/" not in url)

    article.refresh_from_db()
    assert article.intro == "Deze inleiding is net aangepast door de redactie."
    # A new visitor (no browser cache) gets the new text straight away: the publish purged the page cache.
    fresh = browser.new_context(locale="nl-NL").new_page()
    response = fresh.goto(live_server.url + article.url)
    assert response.headers["x-wagtail-cache"] == "miss"
    assert "Deze inleiding is net aangepast door de redactie." in fresh.content()
    admin.close()
    visitor.close()
