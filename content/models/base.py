from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from content.translations import with_translations


class BasePage(Page):
    """What every public page has: a short introduction, shown under the title and in listings."""

    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Eén of twee zinnen onder de titel."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    @property
    def localized_draft(self):
        """Wagtail's ``localized_draft`` (and so ``localized``), without its query for the active language's Locale
        when the page is in that language already, as the site's root page is for every Dutch request."""
        from content import fragments

        try:
            language_code = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            language_code = None
        if language_code is not None and fragments.locale_id(language_code) == self.locale_id:
            return self
        return super().localized_draft

    def route(self, request, path_components):
        """Wagtail's routing, with the pages along the path fetched in one query instead of two per level.

        Wagtail asks each level for its child by slug, then fetches that child's specific page. Here every page on
        the path comes in one query (by ``url_path``, which is what page URLs are built from), and only the last
        one is fetched as its specific type. A page on the way that routes by itself (a routable page) still gets
        the rest of the path, as in Wagtail. The page found is kept until the next publish (``fragments.routed_page``),
        so a path served before costs no query.
        """
        if not path_components:
            return super().route(request, path_components)
        from content import fragments

        page, remaining = fragments.routed_page(
            request, self, path_components, lambda: self._find_on_path(path_components), _routes_by_itself
        )
        return page.route(request, remaining)

    def _find_on_path(self, path_components):
        """The page the path leads to (its specific type) and the rest of the path, for a routable page on the way;
        Http404 when there is none."""
        url_paths = []
        for slug in path_components:
            url_paths.append(f"{url_paths[-1] if url_paths else self.url_path}{slug}/")
        found = {
            page.url_path: page
            for page in with_translations(
                Page.objects.filter(url_path__in=url_paths, path__startswith=self.path, depth__gt=self.depth)
            )
        }
        parent = self
        for level, url_path in enumerate(url_paths):
            page = found.get(url_path)
            if page is None or page.depth != self.depth + level + 1:
                raise Http404
            page._cached_parent_obj = parent  # as Wagtail does: page.get_parent() needs no query
            remaining = path_components[level + 1 :]
            if remaining and _routes_by_itself(page.specific_class):
                return page.specific, remaining
            parent = page
        return parent.specific, []

    def get_url_parts(self, request=None):
        """Wagtail's, kept until the next publish for the request's site and language.

        With Wagtail's internationalisation on, every link to a page activates the page's language around a
        ``reverse()`` and back (``translation.override``): some ten links a page, each costing more than the rest of
        its rendering. A page's URL changes only with a publish, a move or a site's change, which all start a new
        version of the store (content/fragments.py). A preview, a page not saved yet and a call without a request
        (e-mails, the admin's background work) get Wagtail's answer afresh.
        """
        from django.http import HttpRequest

        from content import fragments

        url_parts = super().get_url_parts
        if not self.pk or not isinstance(request, HttpRequest) or getattr(request, "is_preview", False):
            return url_parts(request)
        key = fragments.site_key(request)
        if key is None:
            return url_parts(request)
        return fragments.cached(request, ("url_parts", key, self.pk, self.url_path), lambda: url_parts(request))

    def get_view_restrictions(self):
        """No query for the (usual) site without any private section; otherwise Wagtail's own check."""
        from content import fragments

        if not fragments.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _routes_by_itself(model):
    """Whether a page type routes paths below it otherwise than to its child pages (RoutablePageMixin)."""
    return model is not None and model.route not in (BasePage.route, Page.route)
