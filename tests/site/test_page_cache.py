"""The page cache: anonymous pages come from the cache, and publishing purges it at once."""

import pytest

from content.models import ArticlePage, PracticeExample, PracticeExampleIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    settings.WAGTAIL_CACHE = True
    caches["pagecache"].clear()
    yield caches["pagecache"]
    caches["pagecache"].clear()


def test_anonymous_pages_are_cached_and_purged_on_publish(demo_content, client, page_cache):
    article = ArticlePage.objects.live().first()
    first = client.get(article.url)
    assert first["X-Wagtail-Cache"] == "miss"
    second = client.get(article.url)
    assert second["X-Wagtail-Cache"] == "hit"
    assert "max-age=60" in second["Cache-Control"]

    article.title = "Nieuwe titel na publicatie"
    article.save_revision().publish()
    after = client.get(article.url)
    assert after["X-Wagtail-Cache"] == "miss"
    assert "Nieuwe titel na publicatie" in after.content.decode()


def test_unpublishing_purges_the_cache(demo_content, client, page_cache):
    article = ArticlePage.objects.live().first()
    client.get(article.url)
    assert client.get(article.url)["X-Wagtail-Cache"] == "hit"
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_logged_in_editors_and_the_admin_are_never_cached(demo_content, client, page_cache, django_user_model):
    editor = django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "x")
    client.force_login(editor)
    article = ArticlePage.objects.live().first()
    client.get(article.url)
    assert client.get(article.url)["X-Wagtail-Cache"] == "skip"
    client.logout()
    client.get("/admin/login/")
    assert client.get("/admin/login/")["X-Wagtail-Cache"] == "skip"


def test_saving_a_practice_example_purges_the_cache(demo_content, client, page_cache):
    index = PracticeExampleIndexPage.objects.live().get()
    client.get(index.url)
    assert client.get(index.url)["X-Wagtail-Cache"] == "hit"
    example = PracticeExample.objects.first()
    example.title = "Een bijgewerkt praktijkvoorbeeld"
    example.save()
    response = client.get(index.url)
    assert response["X-Wagtail-Cache"] == "miss"
    assert "Een bijgewerkt praktijkvoorbeeld" in response.content.decode()


def test_forms_and_personal_answers_are_never_cached(demo_content, client, page_cache):
    from recruitment.models import RegistrationPage
    from routes.models import RouteFinderPage

    form_page = RegistrationPage.objects.live().get()
    finder = RouteFinderPage.objects.live().get()
    result = finder.url + "resultaat/?opleiding=hbo&ervaring=lang&baan=ja&sector=mbo&rol=docent"
    for url in (form_page.url, result):
        client.get(url)
        again = client.get(url)
        assert again["X-Wagtail-Cache"] == "skip", url
    errors = client.post("/aanmelding/", {"name": "x"})
    assert errors.status_code == 200
    assert errors.get("X-Wagtail-Cache") in (None, "skip")
    assert "no-store" in errors["Cache-Control"] or "private" in errors["Cache-Control"]
