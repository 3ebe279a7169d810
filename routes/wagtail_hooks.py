from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Institution, Region, Source


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regio's")
    list_display = ["name", "provinces", "coordinator_email", "is_default"]
    search_fields = ["name", "provinces"]
    ordering = ["name"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = _("Lerarenopleidingen")
    list_display = ["name", "programme", "region", "is_ecpb_member"]
    list_filter = ["region", "is_ecpb_member"]
    search_fields = ["name", "programme"]
    ordering = ["name"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    menu_label = _("Bronnen")
    list_display = ["title", "publisher", "published", "code"]
    search_fields = ["title", "publisher", "code"]
    ordering = ["title"]


class RoutesSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Opleidingen en regio's")
    menu_icon = "site"
    menu_order = 300
    items = (InstitutionViewSet, RegionViewSet, SourceViewSet)


register_snippet(RoutesSnippetGroup)
