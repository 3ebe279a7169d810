from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_widgets import LocalizedSnippetChooserViewSet
from .models import ConversationCard, GlossaryTerm, PracticeExample


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
