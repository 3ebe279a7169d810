"""Admin pieces that keep Wagtail's snippet screens in the editor's language: a snippet chooser that words its
buttons when they are shown, and a yes/no column."""

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def _worded(text, name):
    return gettext(text) % {"object": name}


worded = lazy(_worded, str)


class SnippetChooser(AdminSnippetChooser):
    """Wagtail makes one chooser per snippet model when the admin URLs load and words its buttons ("Edit this
    %(object)s") in whatever language is active at that moment: none under ``migrate``'s checks, or the language of
    the first admin user. These are worded each time the chooser is shown, in the language of whoever reads them."""

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = worded("Choose %(object)s", name)
        self.choose_another_text = worded("Choose another %(object)s", name)
        self.link_to_chosen_text = worded("Edit this %(object)s", name)


class LocalizedSnippetChooserViewSet(SnippetChooserViewSet):
    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)


class YesNoColumn(Column):
    """A boolean field as "Ja" or "Nee" (Wagtail shows a bare True or False)."""

    def get_value(self, instance):
        return _("Ja") if super().get_value(instance) else _("Nee")
