"""Venues, workshops, enrolments and attendance.

Invariants that must hold whatever code writes the rows live here as database constraints;
the rules about *when* a row may change state live in enrolment.services."""

from .attendance import (
    AttendanceRecord,
)
from .enrolments import (
    CentrePolicy,
    Enrolment,
    EnrolmentLog,
)
from .feeds import (
    CALENDAR_TOKEN_BYTES,
    CalendarFeed,
    _new_token,
    is_calendar_token,
)
from .imports import (
    ScheduleImport,
)
from .sign_in_sheet import (
    SignInSheetSettings,
)
from .states import (
    ACTIVE_STATES,
    SEAT_HOLDING_STATES,
    AttendanceStatus,
    CreatedVia,
    EnrolmentState,
    ScheduleImportState,
    WorkshopState,
)
from .workshops import (
    Venue,
    Workshop,
    WorkshopQuerySet,
)

# `_new_token` is named by migration 0001 (the calendar token default).
__all__ = [
    "_new_token",
    "ACTIVE_STATES",
    "AttendanceRecord",
    "AttendanceStatus",
    "CALENDAR_TOKEN_BYTES",
    "CalendarFeed",
    "CentrePolicy",
    "CreatedVia",
    "Enrolment",
    "EnrolmentLog",
    "EnrolmentState",
    "SEAT_HOLDING_STATES",
    "SignInSheetSettings",
    "ScheduleImport",
    "ScheduleImportState",
    "Venue",
    "Workshop",
    "WorkshopQuerySet",
    "WorkshopState",
    "is_calendar_token",
]
