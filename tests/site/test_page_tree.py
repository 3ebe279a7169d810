"""The page tree rules of every page type, pinned the way Wagtail's own WagtailPageTestCase does."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    HomePage,
    PracticeExampleIndexPage,
    StandardPage,
)
from routes.models import RouteFinderPage, RouteIndexPage, RoutePage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, RouteIndexPage)
        self.assertCanCreateAt(HomePage, RouteFinderPage)
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(HomePage, PracticeExampleIndexPage)
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, RoutePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_routes_live_under_the_route_index_only(self):
        self.assertAllowedSubpageTypes(RouteIndexPage, {RoutePage})
        self.assertAllowedParentPageTypes(RoutePage, {RouteIndexPage})
        self.assertAllowedSubpageTypes(RoutePage, set())
        self.assertAllowedParentPageTypes(RouteIndexPage, {HomePage})

    def test_route_finder_is_a_leaf_under_home(self):
        self.assertAllowedParentPageTypes(RouteFinderPage, {HomePage})
        self.assertAllowedSubpageTypes(RouteFinderPage, set())

    def test_toolkit_articles_live_under_the_toolkit_index(self):
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})

    def test_events_live_under_the_agenda(self):
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_practice_examples_page_is_a_leaf(self):
        self.assertAllowedParentPageTypes(PracticeExampleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeExampleIndexPage, set())

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_index_pages_exist_once(self):
        for model in (
            HomePage,
            RouteIndexPage,
            RouteFinderPage,
            ArticleIndexPage,
            PracticeExampleIndexPage,
            EventIndexPage,
        ):
            self.assertEqual(model.max_count, 1, model.__name__)
