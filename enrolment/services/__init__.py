"""Writes of the enrolment app. Every business rule about workshops, seats, waiting lists and
attendance lives in these modules; views, forms and the admin only call them."""

from .attendance import attendance_mark, attendance_mark_day
from .base import EnrolmentError
from .enrolments import enrolment_approve, enrolment_cancel, enrolment_reject
from .schedule_import import (
    ImportReport,
    schedule_import,
    schedule_import_run,
    schedule_import_submit,
    upload_size_check,
)
from .signup import enrolment_create
from .waitlist import enrolment_accept_offer, enrolment_decline_offer, offers_expire, waitlist_move
from .workshops import (
    calendar_feed_for,
    calendar_feed_reset,
    centre_policy_set,
    workshop_cancel,
    workshop_fill_free_seats,
    workshop_set_capacity,
    workshops_send_reminders,
)

__all__ = [
    "EnrolmentError",
    "ImportReport",
    "attendance_mark",
    "attendance_mark_day",
    "calendar_feed_for",
    "calendar_feed_reset",
    "centre_policy_set",
    "enrolment_accept_offer",
    "enrolment_approve",
    "enrolment_cancel",
    "enrolment_create",
    "enrolment_decline_offer",
    "enrolment_reject",
    "offers_expire",
    "schedule_import",
    "schedule_import_run",
    "schedule_import_submit",
    "upload_size_check",
    "waitlist_move",
    "workshop_cancel",
    "workshop_fill_free_seats",
    "workshop_set_capacity",
    "workshops_send_reminders",
]
