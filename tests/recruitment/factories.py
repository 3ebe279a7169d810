"""Factories for registrations as the form stores them: with their first messages, and the resubmissions and logged
contact moments that come later."""

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from recruitment.models import FollowUp, InteractionKind, OutgoingMessage, Registration, Resubmission, Status
from recruitment.schedule import IMMEDIATE_KINDS, contact_due_at
from tests.routes.factories import RegionFactory


class OutgoingMessageFactory(DjangoModelFactory):
    """A pending message, due when it was made."""

    class Meta:
        model = OutgoingMessage

    registration = factory.SubFactory("tests.recruitment.factories.RegistrationFactory", messages=False)
    kind = "confirmation"
    created_at = factory.LazyFunction(timezone.now)
    next_attempt_at = factory.SelfAttribute("created_at")


class RegistrationFactory(DjangoModelFactory):
    """A registration at created_at (now unless given), with the contact deadline the schedule gives it.

    messages: the pending first messages the form makes (the default); a list of kinds for other messages, or
    False for none.
    """

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Aanmelder {n}")
    email = factory.Sequence(lambda n: f"aanmelder-{n}@example.org")
    postcode = "7511 AB"
    situation = "techniek"
    education = "hbo"
    experience_years = 5
    contact_preference = "e-mail"
    region = factory.SubFactory(RegionFactory)
    created_at = factory.LazyFunction(timezone.now)
    contact_due_at = factory.LazyAttribute(lambda registration: contact_due_at(registration.created_at))
    last_activity_at = factory.SelfAttribute("created_at")
    consent_version = "2026-1"
    consented_at = factory.SelfAttribute("created_at")

    @factory.post_generation
    def messages(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        kinds = IMMEDIATE_KINDS if extracted in (None, True) else extracted
        OutgoingMessage.objects.bulk_create(
            [
                OutgoingMessage(
                    registration=self, kind=kind, created_at=self.created_at, next_attempt_at=self.created_at
                )
                for kind in kinds
            ]
        )


class ResubmissionFactory(DjangoModelFactory):
    """A registrant's new answers, waiting for the confirmation link."""

    class Meta:
        model = Resubmission

    registration = factory.SubFactory(RegistrationFactory)
    data = factory.LazyAttribute(lambda resubmission: {"name": resubmission.registration.name})


class FollowUpFactory(DjangoModelFactory):
    """A contact moment staff logged: a phone call now, after which the registration is contacted."""

    class Meta:
        model = FollowUp

    registration = factory.SubFactory(RegistrationFactory)
    staff_name = "Olga Opvolger"
    contacted_at = factory.LazyFunction(timezone.now)
    method = InteractionKind.PHONE_CALL
    note = ""
    status_after = Status.CONTACTED
