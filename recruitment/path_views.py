"""The staff side of a candidate's path in the admin: the registration's page with the phase, the next action, the
assignment and where the candidate came from, and the two actions that change them."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .admin_views import RegistrationContactView, RegistrationInspectView
from .models import PreparationStep, Status
from .path_forms import AssignForm, PathForm
from .services import PathError, assign, change_path


class RegistrationPathInspectView(RegistrationInspectView):
    path_url_name = None
    assign_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        can_change = registration.status != Status.WITHDRAWN and self.user_has_permission_for_instance(
            "change", registration
        )
        context.update(
            phase_changes=registration.phase_changes.select_related("stop_reason"),
            preparation_labels=[
                str(dict(PreparationStep.choices).get(step, step)) for step in registration.preparation_steps
            ],
            path_form=(kwargs.get("path_form") or PathForm(registration=registration))
            if can_change and registration.status != Status.NEW
            else None,
            assign_form=(kwargs.get("assign_form") or AssignForm(registration=registration)) if can_change else None,
            path_url=reverse(self.path_url_name, args=[registration.pk]) if self.path_url_name else None,
            assign_url=reverse(self.assign_url_name, args=[registration.pk]) if self.assign_url_name else None,
        )
        return context

    @property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    inspect_url_name = None


class RegistrationPathView(RegistrationPathInspectView):
    """POST: the phase, what goes with it, and the next action."""

    any_permission_required = None
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PathForm(request.POST, registration=self.object)
        if not form.is_valid():
            messages.error(request, _("De fase is niet opgeslagen. Verbeter de fouten hieronder."))
            return self.render_to_response(self.get_context_data(path_form=form))
        data = form.cleaned_data
        try:
            change_path(
                self.object,
                user=request.user,
                phase=data["phase"],
                stop_reason=data.get("stop_reason"),
                preparation_steps=data.get("preparation_steps") or [],
                working_as=data.get("working_as") or "",
                next_action_on=data.get("next_action_on"),
                next_action_note=data.get("next_action_note") or "",
                note=data.get("note") or "",
            )
        except PathError as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url)
        messages.success(
            request,
            _("Opgeslagen: %(name)s is nu in de fase %(phase)s.")
            % {
                "name": self.object,
                "phase": dict(form.fields["phase"].choices)[data["phase"]],
            },
        )
        return redirect(self.inspect_url)


class RegistrationAssignView(RegistrationPathInspectView):
    """POST: who follows this registration up (reminders go to them first)."""

    any_permission_required = None
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AssignForm(request.POST, registration=self.object)
        if self.object.status == Status.WITHDRAWN or not form.is_valid():
            messages.error(request, _("De toewijzing is niet opgeslagen. Kies iemand uit de lijst."))
            return redirect(self.inspect_url)
        assignee = form.cleaned_data["assigned_to"]
        assign(self.object, assignee=assignee, user=request.user)
        if assignee is None:
            messages.success(
                request, _("De aanmelding is niet meer aan iemand toegewezen: de hele regio volgt haar op.")
            )
        else:
            messages.success(
                request,
                _("Toegewezen aan %(person)s.") % {"person": assignee.get_full_name() or assignee.get_username()},
            )
        return redirect(self.inspect_url)


class RegistrationInteractionView(RegistrationContactView, RegistrationPathInspectView):
    """POST: log an interaction (the first one is the contact); on an error the page shows the path forms too."""
