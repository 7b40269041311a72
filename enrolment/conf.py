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


# --- The schedule import's bounds (enrolment.services.schedule_import) -------------------------
# A programme's schedule is about 120 workshops: these leave room for several programmes in one
# file while keeping every upload small enough to check in seconds.


def import_max_upload_bytes() -> int:
    """The largest schedule file accepted (CSV or XLSX as uploaded)."""
    return getattr(settings, "ENROLMENT_IMPORT_MAX_UPLOAD_BYTES", 2 * 1024 * 1024)


def import_max_rows() -> int:
    """The most data rows (workshops) one schedule file may hold."""
    return getattr(settings, "ENROLMENT_IMPORT_MAX_ROWS", 2000)


def import_max_unpacked_bytes() -> int:
    """The most an XLSX file (a ZIP archive) may unpack to, all its members together, as its
    central directory declares before anything is unpacked."""
    return getattr(settings, "ENROLMENT_IMPORT_MAX_UNPACKED_BYTES", 10 * 1024 * 1024)


def import_max_compression_ratio() -> int:
    """The most one sizeable member of an XLSX archive may be compressed (unpacked size over
    packed size). Spreadsheet XML packs about 5-30 times; a ZIP bomb thousands of times."""
    return getattr(settings, "ENROLMENT_IMPORT_MAX_COMPRESSION_RATIO", 200)


def import_inline_max_rows() -> int:
    """Files with more data rows than this are checked and written by a background task (the
    coordinator watches its progress) instead of within the request. Checking is cheap (a few
    queries for the whole file, about 1.5 ms of Python a row), but writing a workshop costs about
    fifteen queries (the row, its search index and reference index entries, the log) and an
    updated one also the offers of freed seats: 100 rows take 2-3 s, far from a worker's
    timeout even on a busy host, while a whole programme (about 120 rows) shows its progress."""
    return getattr(settings, "ENROLMENT_IMPORT_INLINE_MAX_ROWS", 100)
