"""Admin screens for the lists behind a candidate's path: the reasons to stop (staff extend them), absences (each
staff member marks their own), and the region's follow-up addresses."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from content.admin_widgets import YesNoColumn

from .models import RegionFollowUp, StaffAbsence, StopReason


class StopReasonViewSet(ModelViewSet):
    model = StopReason
    name = "redenen-om-te-stoppen"
    icon = "list-ul"
    menu_label = _("Redenen om te stoppen")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name", "sort_order", "is_active"]
    list_display = ["name", "sort_order", YesNoColumn("is_active", label=_("Te kiezen"))]


class StaffAbsenceForm(forms.ModelForm):
    class Meta:
        model = StaffAbsence
        fields = ["starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De laatste dag ligt vóór de eerste. Kies een latere datum."))
        return data


def own_absences(user):
    queryset = StaffAbsence.objects.select_related("user")
    return queryset if user.is_superuser else queryset.filter(user=user)


class StaffAbsenceIndexView(IndexView):
    def get_base_queryset(self):
        return own_absences(self.request.user)


class StaffAbsenceCreateView(CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.user = self.request.user
        instance.save()
        return instance


class StaffAbsenceEditView(EditView):
    def get_object(self, queryset=None):
        return get_object_or_404(own_absences(self.request.user), pk=self.kwargs["pk"])


class StaffAbsenceDeleteView(DeleteView):
    def get_object(self, queryset=None):
        return get_object_or_404(own_absences(self.request.user), pk=self.kwargs["pk"])


class StaffAbsenceViewSet(ModelViewSet):
    """Each staff member sees and marks only their own absences (superusers see all): meanwhile reminders about
    registrations assigned to them go to the whole region."""

    model = StaffAbsence
    name = "afwezigheid"
    icon = "time"
    menu_label = _("Mijn afwezigheid")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["starts_on", "ends_on", "note"]
    list_display = ["user", "starts_on", "ends_on", "note"]
    index_view_class = StaffAbsenceIndexView
    add_view_class = StaffAbsenceCreateView
    edit_view_class = StaffAbsenceEditView
    delete_view_class = StaffAbsenceDeleteView

    def get_form_class(self, for_update=False):
        return StaffAbsenceForm


class RegionFollowUpViewSet(ModelViewSet):
    model = RegionFollowUp
    name = "opvolging-per-regio"
    icon = "mail"
    menu_label = _("Opvolging per regio")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["region", "follow_up_emails", "coordinator_email"]
    list_display = ["region", "coordinator_email"]
