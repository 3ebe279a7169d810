from .choices import (
    OPEN_STATUSES,
    ContactMethod,
    ContactPreference,
    Education,
    MessageState,
    Role,
    Situation,
    Status,
)
from .pages import RegistrationPage
from .registration import SUBMITTED_TEXT_FIELDS, FollowUp, OutgoingMessage, RegionAssignment, Registration, Resubmission

__all__ = [
    "SUBMITTED_TEXT_FIELDS",
    "OPEN_STATUSES",
    "ContactMethod",
    "ContactPreference",
    "Education",
    "FollowUp",
    "MessageState",
    "OutgoingMessage",
    "RegionAssignment",
    "Registration",
    "Resubmission",
    "RegistrationPage",
    "Role",
    "Situation",
    "Status",
]
