from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.admin_widgets import LocalizedSnippetChooserViewSet, YesNoColumn

from .facts_check import check_months, due_routes, facts_check
from .models import Institution, Region, Source


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regio's")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    list_display = ["name", "provinces", "contact_email", YesNoColumn("is_default", label=_("Standaardregio"))]
    search_fields = ["name", "provinces"]
    ordering = ["name"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = _("Lerarenopleidingen")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    list_display = ["name", "programme", "region", YesNoColumn("is_ecpb_member", label=_("Lid van het ECPB"))]
    list_filter = ["region", "is_ecpb_member"]
    search_fields = ["name", "programme"]
    ordering = ["name"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    menu_label = _("Bronnen")
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    list_display = ["title", "publisher", "published", "code"]
    search_fields = ["title", "publisher", "code"]
    ordering = ["title"]


class RoutesSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Opleidingen en regio's")
    menu_icon = "site"
    menu_order = 300
    items = (InstitutionViewSet, RegionViewSet, SourceViewSet)


register_snippet(RoutesSnippetGroup)


# "Routes te controleren": the live routes due for a check of their facts (routes/facts_check.py), under Reports.
EDIT_PAGES = ["add", "change", "publish"]


class RoutesDueForCheckView(ReportView):
    page_title = _("Routes te controleren")
    header_icon = "time"
    index_url_name = "routes_facts_check:index"
    results_template_name = "routes/admin/routes_due_for_check_results.html"
    permission_policy = page_permission_policy
    any_permission_required = EDIT_PAGES
    paginate_by = 100

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return due_routes(timezone.localdate()).filter(pk__in=editable.values("pk"))

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        return [facts_check(route, today) for route in object_list]

    def get_context_data(self, **kwargs):
        return super().get_context_data(months=check_months(), **kwargs)


class RoutesDueForCheckMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDIT_PAGES)


@hooks.register("register_admin_urls")
def register_routes_due_for_check_url():
    urls = [path("", RoutesDueForCheckView.as_view(), name="index")]
    return [path("reports/routes-te-controleren/", include((urls, "routes_facts_check")))]


@hooks.register("register_reports_menu_item")
def register_routes_due_for_check_menu_item():
    return RoutesDueForCheckMenuItem(
        _("Routes te controleren"),
        reverse("routes_facts_check:index"),
        name="routes-due-for-check",
        icon_name="time",
        order=1050,
    )
