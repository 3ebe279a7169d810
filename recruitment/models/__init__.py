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
from .registration import FollowUp, OutgoingMessage, RegionAssignment, Registration

__all__ = [
    "OPEN_STATUSES",
    "ContactMethod",
    "ContactPreference",
    "Education",
    "FollowUp",
    "MessageState",
    "OutgoingMessage",
    "RegionAssignment",
    "Registration",
    "RegistrationPage",
    "Role",
    "Situation",
    "Status",
]
