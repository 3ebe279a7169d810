"""Factories for small content trees: the home page as the default site's root, text pages, toolkit articles with
their sources, events and glossary terms. A test builds the two or three pages it needs instead of the demo site."""

import datetime as dt

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from wagtail.models import Page, Site

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    StandardPage,
)
from content.models.toolkit import ArticleSource


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page under Wagtail's root; `site=True` makes it the root of the default site, as the demo loader does."""

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    title = "Word techniekdocent"
    slug = "home-test"
    hero_title = "Word docent in de techniek"
    parent = factory.LazyFunction(Page.get_first_root_node)

    @factory.post_generation
    def site(self, create, extracted, **kwargs):
        if create and extracted:
            Site.objects.all().delete()
            Site.objects.create(
                hostname="localhost", port=80, root_page=self, is_default_site=True, site_name="Word techniekdocent"
            )


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Pagina {n}")


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Docententoolkit"
    slug = "toolkit"


class ArticleSourceFactory(DjangoModelFactory):
    class Meta:
        model = ArticleSource

    title = factory.Sequence(lambda n: f"Bron {n}")
    publisher = "Rijksoverheid"
    published = "2024"
    url = factory.Sequence(lambda n: f"https://bron{n}.example.org/")
    sort_order = factory.Sequence(int)


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A toolkit article; `sources=2` (a number) or `sources=[{"title": ...}, ...]` adds its sources in order."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Artikel {n}")
    intro = "Hoe je een zij-instromer goed begeleidt."

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        rows = [{} for _ in range(extracted)] if isinstance(extracted, int) else extracted
        for sort_order, row in enumerate(rows):
            ArticleSourceFactory(article=self, sort_order=sort_order, **row)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Agenda"
    slug = "agenda"


class EventPageFactory(wagtail_factories.PageFactory):
    """An event a month from today, online unless a location is given."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Informatieavond {n}")
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    start_time = dt.time(19, 0)
    end_time = dt.time(21, 0)
    online = factory.LazyAttribute(lambda event: not event.location)
    location = ""


class GlossaryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GlossaryPage

    title = "Begrippenlijst"
    slug = "begrippen"


class GlossaryTermFactory(DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("term",)

    term = factory.Sequence(lambda n: f"Begrip {n}")
    explanation = "Een korte uitleg in eenvoudig Nederlands."
    source_name = "Rijksoverheid"
    source_url = "https://www.rijksoverheid.nl/"
