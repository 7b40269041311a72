"""The enrolment app's tunable rules, read from Django settings with sane defaults."""

from django.conf import settings


def signup_closes_days_before() -> int:
    """Sign-up closes this many days before day one unless a workshop says otherwise."""
    return getattr(settings, "ENROLMENT_SIGNUP_CLOSES_DAYS_BEFORE", 7)


def offer_hours() -> int:
    """How long a person offered a freed seat has to accept it."""
    return getattr(settings, "ENROLMENT_OFFER_HOURS", 48)


def completion_threshold() -> float:
    """Share of a workshop's hours a person must attend to complete it."""
    return getattr(settings, "ENROLMENT_COMPLETION_THRESHOLD", 0.8)


def reminder_days_before() -> int:
    return getattr(settings, "ENROLMENT_REMINDER_DAYS_BEFORE", 3)


def lock_timeout_ms() -> int:
    """PostgreSQL lock_timeout inside a sign-up: past it the person is told to try again."""
    return getattr(settings, "ENROLMENT_LOCK_TIMEOUT_MS", 5000)
