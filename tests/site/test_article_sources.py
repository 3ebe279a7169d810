"""A toolkit article shows its sources and the date they were last checked at the end of the article; without
sources, there is no sources section."""

import re
from datetime import date

import pytest

from content.models.toolkit import ArticleSource

from .factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def toolkit(home_page):
    return ArticleIndexPageFactory(parent=home_page)


def text(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_article_lists_its_sources_and_when_they_were_checked(client, toolkit):
    article = ArticlePageFactory(parent=toolkit, title="Begeleiden van zij-instromers", checked_on=date(2026, 11, 12))
    ArticleSource.objects.create(
        article=article,
        sort_order=0,
        title="Handreiking begeleiding zij-instromers",
        publisher="Voion",
        published="2023",
        url="https://www.voion.nl/handreiking",
    )
    ArticleSource.objects.create(
        article=article, sort_order=1, title="Gesprek met de regio", publisher="", published="", url=""
    )

    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    section = html.split('<section class="sources"', 1)[1].split("</section>", 1)[0]
    assert '<h2 id="bronnen-titel" class="sources__title">Bronnen</h2>' in section
    link = '<a href="https://www.voion.nl/handreiking">Handreiking begeleiding zij-instromers</a>'
    assert f"{link}, Voion (2023)" in section
    assert "<li>Gesprek met de regio</li>" in section  # no link, no publisher, no year: just the title
    assert "Laatst gecontroleerd op 12 november 2026." in text(section)
    assert '<time datetime="2026-11-12">' in section
    assert html.index('class="sources"') < html.index('class="back-link"')  # at the end of the article


def test_sources_without_a_checked_date_say_so(client, toolkit):
    article = ArticlePageFactory(parent=toolkit)
    ArticleSource.objects.create(article=article, title="Onderwijs in cijfers", publisher="OCW", url="")

    html = client.get(article.url).content.decode()

    assert "Onderwijs in cijfers, OCW" in text(html)
    assert "Nog niet met de bronnen vergeleken." in html
    assert "Laatst gecontroleerd" not in html


def test_no_sources_section_without_sources(client, toolkit):
    article = ArticlePageFactory(parent=toolkit, checked_on=date(2026, 11, 12))

    html = client.get(article.url).content.decode()

    assert client.get(article.url).status_code == 200
    assert 'class="sources"' not in html
    assert "Bronnen" not in html


def test_editors_fill_in_the_sources_and_the_date_in_the_admin(client, toolkit, django_user_model):
    article = ArticlePageFactory(parent=toolkit, title="Samen opleiden")
    client.force_login(django_user_model.objects.create_superuser("beheer", "beheer@example.org", "geheim-7-wacht"))

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert 'name="checked_on"' in html
    assert 'id="id_sources-TOTAL_FORMS"' in html
    assert "Laatst gecontroleerd op" in html
