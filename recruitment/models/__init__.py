from .choices import (
    FUNNEL_PHASES,
    OPEN_STATUSES,
    REGISTRANT_PHASE_TEXT,
    Channel,
    ContactPreference,
    Education,
    InteractionKind,
    MessageState,
    Phase,
    PreparationStep,
    Role,
    Situation,
    Status,
)
from .events import EventSignUp, SignUpStatus
from .pages import RegistrationPage
from .path import PhaseChange, RegionFollowUp, StaffAbsence, StopReason
from .registration import SUBMITTED_TEXT_FIELDS, FollowUp, OutgoingMessage, RegionAssignment, Registration, Resubmission

__all__ = [
    "SUBMITTED_TEXT_FIELDS",
    "OPEN_STATUSES",
    "FUNNEL_PHASES",
    "REGISTRANT_PHASE_TEXT",
    "Channel",
    "InteractionKind",
    "Phase",
    "PhaseChange",
    "PreparationStep",
    "RegionFollowUp",
    "StaffAbsence",
    "StopReason",
    "ContactPreference",
    "Education",
    "EventSignUp",
    "FollowUp",
    "MessageState",
    "OutgoingMessage",
    "RegionAssignment",
    "Registration",
    "Resubmission",
    "RegistrationPage",
    "Role",
    "Situation",
    "SignUpStatus",
    "Status",
]
