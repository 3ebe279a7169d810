from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Aanmeldingen"

    def ready(self):
        # The site's calls to register (content and routes pages, the route finder) link to this app's form.
        from content.registration_link import offer_registration

        from .registration import ROUTE_PARAMETER

        offer_registration("recruitment:register", preselect_parameter=ROUTE_PARAMETER)

        # Two one-way plugs that keep the app free of import circles (docs/architecture.md):
        # - the registration page serves the form through recruitment/registration.py, which imports the models;
        # - the tasks module listens for new messages (recruitment/signals.py) that the services announce, so the
        #   services never import the tasks.
        from . import tasks  # noqa: F401 (connects deliver_after_commit to messages_ready)
        from .models import RegistrationPage
        from .registration import handle_registration_form

        RegistrationPage.form_handler = staticmethod(handle_registration_form)

        # Event pages (content) serve the sign-up form and the cancel link through this app's views, plugged in the
        # same way; the sign-ups' messages are sent by recruitment/event_tasks.py (connected on import).
        from content.models import EventPage

        from . import event_tasks  # noqa: F401 (connects deliver_after_commit to sign_up_messages_ready)
        from .event_views import handle_cancel, handle_sign_up, sign_up_form_factory

        EventPage.signup_handler = staticmethod(handle_sign_up)
        EventPage.cancel_handler = staticmethod(handle_cancel)
        EventPage.signup_form_factory = staticmethod(sign_up_form_factory)

        # The regions a registration is given come from a table kept per change (Region.for_postcode); a region's
        # follow-up addresses hang on those region objects, so a change to them is one too.
        from content import fragments

        from .models import RegionFollowUp

        fragments.connect(RegionFollowUp)
