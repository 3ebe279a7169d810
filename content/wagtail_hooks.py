import django_filters

from django import forms
from django.contrib import messages
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_widgets import LocalizedSnippetChooserViewSet
from .models import ConversationCard, GlossaryTerm, PracticeExample
from .translation_status import (
    SOURCE_LANGUAGE,
    TranslationStatus,
    translation_status,
    translations_with_status,
    untranslated_pages,
)


class PracticeExampleViewSet(SnippetViewSet):
    model = PracticeExample
    icon = "doc-full-inverse"
    menu_label = _("Uit de praktijk")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "region", "theme"]
    list_filter = ["theme"]
    search_fields = ["title", "summary", "region"]
    ordering = ["region", "title"]


register_snippet(PracticeExampleViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Begrippenlijst")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["term", "full_name", "source_name"]
    search_fields = ["term", "full_name", "explanation"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


class ConversationCardViewSet(SnippetViewSet):
    model = ConversationCard
    icon = "list-ul"
    menu_label = _("Gesprekskaarten")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["question", "perspective", "theme", "sort_order"]
    list_filter = ["perspective", "theme"]
    search_fields = ["question", "explanation"]
    ordering = ["theme", "perspective", "sort_order"]


register_snippet(ConversationCardViewSet)


@hooks.register("is_request_cacheable")
def never_cache_the_admin(request, is_cacheable):
    """The admin (and its login form with a CSRF token) is never served from the page cache."""
    if request.path_info.startswith("/admin/"):
        return False
    return is_cacheable


# "Vertalingen" (Rapporten): every translated page against its Dutch source, out-of-date ones first, and the Dutch
# pages not translated yet (content/translation_status.py); a warning on the edit view of an out-of-date translation.
EDIT_PAGES = ["add", "change", "publish"]


def editable_pages(user):
    return Page.objects.filter(
        pk__in=page_permission_policy.instances_user_has_permission_for(user, "change").values("pk")
    )


class TranslationsReportFilterSet(WagtailFilterSet):
    alleen_verouderd = django_filters.ChoiceFilter(
        label=_("Alleen verouderd"),
        choices=[("ja", _("ja"))],
        empty_label=_("nee"),
        widget=forms.RadioSelect,
        method="filter_out_of_date",
    )

    class Meta:
        model = Page
        fields = []

    def filter_out_of_date(self, queryset, name, value):
        return queryset.filter(out_of_date=True) if value == "ja" else queryset


class TranslationsReportView(ReportView):
    page_title = _("Vertalingen")
    header_icon = "globe"
    index_url_name = "content_translations:index"
    index_results_url_name = "content_translations:results"
    template_name = "content/admin/translations_report.html"
    results_template_name = "content/admin/translations_report_results.html"
    filterset_class = TranslationsReportFilterSet
    permission_policy = page_permission_policy
    any_permission_required = EDIT_PAGES
    paginate_by = 100

    def get_queryset(self):
        return translations_with_status(editable_pages(self.request.user))

    def decorate_paginated_queryset(self, object_list):
        return [TranslationStatus.from_annotated(page) for page in object_list]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["untranslated"] = untranslated_pages(editable_pages(self.request.user)).select_related("locale")
        return context


class TranslationsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDIT_PAGES)


@hooks.register("register_admin_urls")
def register_translations_report_url():
    urls = [
        path("", TranslationsReportView.as_view(), name="index"),
        path("results/", TranslationsReportView.as_view(results_only=True), name="results"),
    ]
    return [path("reports/vertalingen/", include((urls, "content_translations")))]


@hooks.register("register_reports_menu_item")
def register_translations_report_menu_item():
    return TranslationsReportMenuItem(
        _("Vertalingen"), reverse("content_translations:index"), name="vertalingen", icon_name="globe", order=1060
    )


@hooks.register("construct_reports_menu")
def name_wagtail_localizes_report_apart(request, menu_items):
    """wagtail-localize's own report (the translations it manages, with their progress) is called "Vertalingen" too."""
    localize_report = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == localize_report:
            item.label = _("Vertalingen in wagtail-localize")


@hooks.register("before_edit_page", order=-1)
def warn_when_the_dutch_source_changed(request, page):
    """Before wagtail-localize's own hook, which may show its translation editor instead of Wagtail's: a warning on
    either, each time the editor opens (not when saving)."""
    if request.method != "GET" or page.locale.language_code == SOURCE_LANGUAGE:
        return
    status = translation_status(page)
    if status is None or not status.out_of_date:
        return
    published = date_format(timezone.localtime(status.source_published_at), "j F Y, H:i")
    if status.updated_at is None:
        text = _("De Nederlandse versie is gewijzigd op %(published)s; deze vertaling is nog niet gepubliceerd.")
    else:
        text = _("De Nederlandse versie is gewijzigd op %(published)s, na de laatste vertaling (%(updated)s).")
    updated = date_format(timezone.localtime(status.updated_at), "j F Y, H:i") if status.updated_at else ""
    message = format_html(
        '{} <a href="{}">{}</a>',
        text % {"published": published, "updated": updated},
        status.source_edit_url,
        _("Bekijk de Nederlandse versie"),
    )
    messages.warning(request, message, extra_tags="translation-out-of-date")
