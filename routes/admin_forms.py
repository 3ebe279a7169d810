"""The route page's admin form: a route is published only with a source for every group of facts and the date they
were checked, so a visitor never reads a fact without its source."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

# The fact groups a visitor compares, each with the RoutePage field that names its source.
FACT_SOURCE_FIELDS = {
    "entry": "entry_source",
    "experience": "experience_source",
    "combination": "combination_source",
    "qualification": "qualification_source",
    "duration": "duration_source",
    "cost": "cost_source",
    "funding": "funding_source",
}


class RoutePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        checked_on = cleaned_data.get("facts_checked_on")
        if checked_on and checked_on > timezone.localdate():
            self.add_error("facts_checked_on", _("Deze datum ligt in de toekomst."))
        if "action-publish" in self.data or "action-submit" in self.data:
            for name in FACT_SOURCE_FIELDS.values():
                if name in self.fields and not cleaned_data.get(name):
                    self.add_error(
                        name,
                        forms.ValidationError(
                            _("Geef de bron van dit feit: zonder bron publiceren we het niet."), code="required"
                        ),
                    )
            if "facts_checked_on" in self.fields and not checked_on:
                self.add_error(
                    "facts_checked_on",
                    forms.ValidationError(
                        _("Vul in wanneer de feiten met de bronnen zijn vergeleken."), code="required"
                    ),
                )
        return cleaned_data
