"""Loading the workshop schedule from a CSV or XLSX file.

Every row is checked first; only a file without a single bad row is written, in one
transaction, so a coordinator never ends up with half a schedule.

The input is bounded before it costs anything: the upload's size, the number of rows (read
lazily, row by row, stopping at the limit) and, for XLSX, what its ZIP archive declares it would
unpack to (read from the central directory before the spreadsheet is opened). Checking a file
takes the same few queries whatever its length: courses, venues, trainers, existing workshops and
their seats are each looked up once for the whole file, and the models' check constraints are
evaluated in Python. A file of more rows than `conf.import_inline_max_rows()` is handed to a
background task (a ScheduleImport) whose progress the coordinator watches in the admin."""

import contextlib
import csv
import datetime
import io
import itertools
import logging
import operator
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.forms import AsciiIntegerField
from cms.models import Voivodeship
from cms.validators import postal_code_validator
from courses.models import CoursePage
from enrolment import conf
from enrolment.models import (
    ScheduleImport,
    ScheduleImportState,
    Venue,
    Workshop,
    WorkshopState,
)

from .base import EnrolmentError, capacity_check, seats_taken

User = get_user_model()
logger = logging.getLogger(__name__)

COLUMNS = [
    "kod",
    "kurs",
    "miejsce",
    "ulica",
    "kod_pocztowy",
    "miejscowosc",
    "wojewodztwo",
    "dzien1",
    "dzien1_od",
    "dzien1_do",
    "dzien2",
    "dzien2_od",
    "dzien2_do",
    "miejsca",
    "limit_na_osrodek",
    "trenerzy",
    "stan",
]
REQUIRED = set(COLUMNS) - {"limit_na_osrodek", "trenerzy", "stan", "miejsca"}
STATES = {"szkic": WorkshopState.DRAFT, "opublikowane": WorkshopState.PUBLISHED, "": None}

# Blank rows are skipped and not counted as workshops, but no more than this many rows of any
# kind are read per allowed data row (a sheet formatted down to row 1,048,576 stops here).
SCANNED_ROWS_PER_DATA_ROW = 10
# Cells read per row (the 17 columns in any order, and room for the coordinator's own notes):
# a sheet whose dimension claims 16,384 columns is not read that wide.
MAX_COLUMNS = 64
# Trainers named in one row: more is a mistake, and it bounds the one query for all of them.
MAX_TRAINERS_PER_ROW = 10
# The header line of a CSV file, in characters: 17 column names need a few hundred.
MAX_HEADER_CHARS = 4096
# A background import reports its progress every this many rows checked (one UPDATE each).
PROGRESS_EVERY = 50
# Members of an XLSX archive smaller than this are not judged by their compression ratio.
RATIO_MIN_MEMBER_BYTES = 1024 * 1024

MSG_BAD_FILE = _("Nie udało się odczytać pliku. Prześlij plik CSV (UTF-8) albo XLSX.")
MSG_MISSING_COLUMNS = _("W pliku brakuje kolumn: %(columns)s.")
MSG_EMPTY = _("Plik nie zawiera żadnego wiersza z danymi.")
MSG_NOT_ALLOWED = _("Harmonogram importują tylko koordynatorzy programu.")
MSG_TOO_LARGE = _(
    "Plik jest za duży: ma %(size)s, a harmonogram może mieć najwyżej %(limit)s. "
    "Podziel go na mniejsze pliki. Nic nie zostało zapisane."
)
MSG_TOO_MANY_ROWS = _(
    "Plik ma więcej niż %(limit)s wierszy, a jeden import może mieć najwyżej %(limit)s "
    "szkoleń. Podziel harmonogram na mniejsze pliki. Nic nie zostało zapisane."
)
MSG_UNPACKED_TOO_LARGE = _(
    "Plik XLSX po rozpakowaniu zająłby %(size)s, a może najwyżej %(limit)s. Usuń zbędne "
    "arkusze i formatowanie albo zapisz harmonogram jako CSV. Nic nie zostało zapisane."
)
MSG_ZIP_BOMB = _(
    "Plik XLSX jest podejrzanie mocno skompresowany i nie zostanie otwarty. Zapisz harmonogram "
    "ponownie w arkuszu kalkulacyjnym albo jako CSV. Nic nie zostało zapisane."
)
MSG_UPLOADER_GONE = _("Konto, które przesłało plik, zostało usunięte — import nie został wykonany.")
MSG_JOB_FAILED = _(
    "Import przerwał błąd po stronie serwera. Sprawdź listę szkoleń, zanim prześlesz plik ponownie."
)


@dataclass
class RowResult:
    number: int
    code: str
    errors: list[str] = field(default_factory=list)
    action: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    applied: bool = False
    # Set when the file went to the background: the ScheduleImport to watch.
    job_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def created(self) -> int:
        return sum(r.action == "created" for r in self.rows)

    @property
    def updated(self) -> int:
        return sum(r.action == "updated" for r in self.rows)

    def as_dict(self) -> dict:
        """The report as stored on a ScheduleImport (JSON)."""
        return {
            "rows": [asdict(r) for r in self.rows],
            "file_errors": list(self.file_errors),
            "applied": self.applied,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        return cls(
            rows=[RowResult(**r) for r in data.get("rows", [])],
            file_errors=list(data.get("file_errors", [])),
            applied=bool(data.get("applied")),
        )


def _emails(value: str) -> list[str]:
    """The trainers' addresses of one cell, lower-cased, in order, each once."""
    return list(dict.fromkeys(e.strip().lower() for e in value.split(";") if e.strip()))


class _RowForm(forms.Form):
    kod = forms.SlugField(max_length=40, label=_("kod"))
    kurs = forms.CharField(label=_("kurs"))
    miejsce = forms.CharField(max_length=255, label=_("miejsce"))
    ulica = forms.CharField(max_length=255, label=_("ulica"))
    kod_pocztowy = forms.CharField(validators=[postal_code_validator], label=_("kod pocztowy"))
    miejscowosc = forms.CharField(max_length=120, label=_("miejscowość"))
    wojewodztwo = forms.CharField(label=_("województwo"))
    dzien1 = forms.DateField(input_formats=["%Y-%m-%d", "%d.%m.%Y"], label=_("dzień 1"))
    dzien1_od = forms.TimeField(label=_("dzień 1 od"))
    dzien1_do = forms.TimeField(label=_("dzień 1 do"))
    dzien2 = forms.DateField(input_formats=["%Y-%m-%d", "%d.%m.%Y"], label=_("dzień 2"))
    dzien2_od = forms.TimeField(label=_("dzień 2 od"))
    dzien2_do = forms.TimeField(label=_("dzień 2 do"))
    miejsca = AsciiIntegerField(min_value=1, required=False, label=_("miejsca"))
    limit_na_osrodek = AsciiIntegerField(min_value=1, required=False, label=_("limit"))
    trenerzy = forms.CharField(required=False, label=_("trenerzy"))
    stan = forms.CharField(required=False, label=_("stan"))

    def __init__(self, *args, lookups: "_Lookups", **kwargs):
        super().__init__(*args, **kwargs)
        self._lookups = lookups

    def clean_kurs(self):
        value = self.cleaned_data["kurs"].strip()
        course = self._lookups.courses.get(value.lower())
        if course is None:
            raise ValidationError(_t("Nie ma kursu „%(course)s”.") % {"course": value})
        return course

    def clean_wojewodztwo(self):
        value = self.cleaned_data["wojewodztwo"].strip().lower()
        if value not in self._lookups.voivodeships:
            raise ValidationError(_t("Nieznane województwo „%(value)s”.") % {"value": value})
        return self._lookups.voivodeships[value]

    def clean_trenerzy(self):
        emails = _emails(self.cleaned_data["trenerzy"])
        if len(emails) > MAX_TRAINERS_PER_ROW:
            raise ValidationError(
                _t("Szkolenie może mieć najwyżej %(n)s trenerów.") % {"n": MAX_TRAINERS_PER_ROW}
            )
        found = self._lookups.trainers
        missing = [e for e in emails if e not in found]
        if missing:
            raise ValidationError(
                _t("To nie są konta trenerów: %(emails)s.") % {"emails": ", ".join(missing)}
            )
        return [found[e] for e in emails]

    def clean_stan(self):
        value = self.cleaned_data["stan"].strip().lower()
        if value not in STATES:
            raise ValidationError(_t("Stan to „szkic” albo „opublikowane”."))
        return STATES[value]


# --- Reading the file, within bounds ---------------------------------------------------------


def upload_size_check(size: int) -> None:
    """The upload limit, for the admin form and the service alike."""
    limit = conf.import_max_upload_bytes()
    if size > limit:
        raise EnrolmentError(
            MSG_TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def _zip_check(content: bytes) -> None:
    """Refuse an XLSX archive whose members would unpack to too much, judged from the sizes its
    central directory declares, before anything is unpacked. (Python's zipfile never unpacks a
    member past its declared size, so the declaration is a bound, not a promise.)"""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except Exception as exc:  # noqa: BLE001 — not a ZIP archive at all: not an XLSX file
        raise EnrolmentError(MSG_BAD_FILE, code="bad_file") from exc
    unpacked = sum(m.file_size for m in members)
    limit = conf.import_max_unpacked_bytes()
    if unpacked > limit:
        raise EnrolmentError(
            MSG_UNPACKED_TOO_LARGE,
            code="unpacked_too_large",
            params={"size": filesizeformat(unpacked), "limit": filesizeformat(limit)},
        )
    ratio = conf.import_max_compression_ratio()
    for member in members:
        if member.file_size > RATIO_MIN_MEMBER_BYTES and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise EnrolmentError(MSG_ZIP_BOMB, code="zip_bomb")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(content: bytes, max_rows: int) -> Iterator[list[str]]:
    _zip_check(content)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        # Explicit bounds: otherwise openpyxl pads every row to the width, and the sheet to the
        # height, that the sheet's own <dimension> claims.
        for row in book.active.iter_rows(max_col=MAX_COLUMNS, max_row=max_rows, values_only=True):
            yield [_cell(v) for v in row]
    finally:
        book.close()


def _delimiter(header: str) -> str:
    """The separator that splits the header into the most known column names. (Not
    csv.Sniffer: its regular expressions take quadratic time on a line of quotes and
    separators, minutes for a few hundred kilobytes.)"""

    def known(delimiter):
        return sum(c.strip().strip('"').lower() in COLUMNS for c in header.split(delimiter))

    return max(",;\t", key=known)


def _csv_table(content: bytes) -> Iterator[list[str]]:
    # Decoded as it is read: bytes past the last row read are never looked at.
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    first = ""
    for _blank in range(SCANNED_ROWS_PER_DATA_ROW):  # the header may follow a few blank lines
        first = text.readline(MAX_HEADER_CHARS + 1)
        if first.strip() or not first:
            break
    if len(first) > MAX_HEADER_CHARS:
        raise EnrolmentError(MSG_BAD_FILE, code="bad_file")
    reader = csv.reader(itertools.chain([first], text), delimiter=_delimiter(first))
    for row in reader:
        yield [c.strip() for c in row]


def read_rows(name: str, content: bytes) -> list[dict]:
    """Rows of a CSV or XLSX file as dicts keyed by the lower-cased header, read row by row and
    never past the row limit. Raises EnrolmentError when the file is too large or cannot be read."""
    upload_size_check(len(content))
    limit = conf.import_max_rows()
    too_many = EnrolmentError(MSG_TOO_MANY_ROWS, code="too_many_rows", params={"limit": limit})
    header: list[str] | None = None
    rows: list[dict] = []
    max_scanned = (limit + 1) * SCANNED_ROWS_PER_DATA_ROW
    if name.lower().endswith(".xlsx"):
        table = _xlsx_table(content, max_scanned + 1)
    else:
        table = _csv_table(content)
    with contextlib.closing(table):
        try:
            for scanned, cells in enumerate(table, start=1):
                if scanned > max_scanned:
                    raise too_many
                if not any(cells):
                    continue
                if header is None:
                    header = [h.strip().lower() for h in cells]
                    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
                    if missing:
                        raise EnrolmentError(
                            MSG_MISSING_COLUMNS,
                            code="missing_columns",
                            params={"columns": ", ".join(missing)},
                        )
                    continue
                if len(rows) == limit:
                    raise too_many
                rows.append(dict(zip(header, cells, strict=False)))
        except EnrolmentError:
            raise
        except Exception as exc:  # noqa: BLE001 — any unreadable upload gets the same answer
            raise EnrolmentError(MSG_BAD_FILE, code="bad_file") from exc
    if not rows:
        raise EnrolmentError(MSG_EMPTY, code="empty")
    return rows


# --- Checking the rows: a fixed number of queries for the whole file --------------------------


@dataclass
class _Lookups:
    courses: dict
    voivodeships: dict
    trainers: dict  # lower-cased e-mail -> trainer
    existing: dict  # code -> Workshop
    taken: dict  # workshop pk -> seats held
    venues: dict  # (name, town) -> Venue


def _text(raw: dict, column: str) -> str:
    return str(raw.get(column) or "").strip()


def _lookups(rows: list[dict]) -> _Lookups:
    courses = {}
    for course in CoursePage.objects.all().only("pk", "title", "slug"):
        courses[course.slug.lower()] = course
        courses[course.title.lower()] = course
    voivodeships = {}
    for value, label in Voivodeship.choices:
        voivodeships[value] = value
        voivodeships[str(label).lower()] = value
    emails = {
        e
        for raw in rows
        if len(cell := _emails(_text(raw, "trenerzy"))) <= MAX_TRAINERS_PER_ROW
        for e in cell
        if "@" in e and len(e) <= 254  # what could be an address at all
    }
    trainers = {}
    if emails:
        found = (
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails, groups__name=roles.TRAINERS)
            .distinct()
        )
        trainers = {u.email_lower: u for u in found}
    existing = Workshop.objects.in_bulk([_text(r, "kod") for r in rows], field_name="code")
    taken = seats_taken([w.pk for w in existing.values()]) if existing else {}
    keys = {(_text(r, "miejsce"), _text(r, "miejscowosc")) for r in rows}
    venues = {
        (v.name, v.town): v
        for v in Venue.objects.filter(name__in={k[0] for k in keys}, town__in={k[1] for k in keys})
    }
    return _Lookups(courses, voivodeships, trainers, existing, taken, venues)


class _NotInPython(Exception):
    """A constraint condition beyond plain comparisons of the row's own columns."""


class _Excluded(Exception):
    """The condition names a column left out of validation (it has an error of its own)."""


_COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _column(instance, name: str, exclude):
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist as exc:
        raise _NotInPython(name) from exc
    if model_field.many_to_many or model_field.one_to_many:
        raise _NotInPython(name)
    if model_field.name in exclude:
        raise _Excluded(name)
    return getattr(instance, model_field.attname)


def _lookup_holds(lookup: str, value, instance, exclude) -> bool | None:
    name, _sep, kind = lookup.partition("__")
    kind = kind or "exact"
    left = _column(instance, name, exclude)
    if isinstance(value, models.F):
        value = _column(instance, value.name, exclude)
    elif hasattr(value, "resolve_expression"):
        raise _NotInPython(lookup)
    if kind == "isnull":
        return (left is None) == bool(value)
    if kind == "exact" and value is None:
        return left is None
    if left is None or value is None:
        return None  # SQL: a comparison with NULL is unknown
    if kind == "regex":
        return re.search(value, str(left), flags=re.ASCII) is not None
    if kind not in _COMPARISONS:
        raise _NotInPython(lookup)
    try:
        return _COMPARISONS[kind](left, value)
    except TypeError as exc:
        raise _NotInPython(lookup) from exc


def _condition_holds(node, instance, exclude) -> bool | None:
    """A Q of the row's own columns with SQL's three-valued logic: True, False or None
    (unknown, which a CHECK constraint lets pass)."""
    if not isinstance(node, models.Q):
        raise _NotInPython(node)
    results = []
    for child in node.children:
        if isinstance(child, models.Q):
            results.append(_condition_holds(child, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_lookup_holds(child[0], child[1], instance, exclude))
        else:
            raise _NotInPython(child)
    if node.connector == models.Q.AND:
        value = False if False in results else (None if None in results else True)
    elif node.connector == models.Q.OR:
        value = True if True in results else (None if None in results else False)
    else:
        raise _NotInPython(node.connector)
    return (not value) if (node.negated and value is not None) else value


def constraint_errors(instance, exclude=()) -> list[str]:
    """The messages of the model's check constraints `instance` breaks, without a query: each
    condition is evaluated in Python, as the database would (a NULL operand passes), and, as in
    Model.full_clean, a condition naming an excluded column is skipped. A condition this cannot
    read is left to Django's own check, which asks the database. Unique constraints are not
    checked here: the import looks every code and venue up itself."""
    exclude = set(exclude)
    errors = []
    for constraint in instance._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        try:
            holds = _condition_holds(constraint.condition, instance, exclude)
        except _Excluded:
            continue
        except _NotInPython:
            try:
                constraint.validate(type(instance), instance, exclude=exclude)
            except ValidationError as exc:
                errors.extend(exc.messages)
            continue
        if holds is False:
            errors.append(str(constraint.get_violation_error_message()))
    return errors


def _errors_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{k}: {m}" if k != "__all__" else m for k, v in exc.message_dict.items() for m in v
        ]
    return list(exc.messages)


def _model_errors(instance, exclude=()) -> list[str]:
    """Model.full_clean's errors, its constraints checked by constraint_errors (no query)."""
    exclude = set(exclude)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = _errors_of(exc)
        if hasattr(exc, "error_dict"):
            exclude |= set(exc.error_dict) - {"__all__"}
    else:
        errors = []
    return errors + constraint_errors(instance, exclude)


def _build(data: dict, existing: Workshop | None, venues: dict):
    key = (data["miejsce"].strip(), data["miejscowosc"].strip())
    venue = venues.get(key)
    if venue is None:
        venue = Venue(name=key[0], town=key[1])
    venue.street = data["ulica"]
    venue.postal_code = data["kod_pocztowy"]
    venue.voivodeship = data["wojewodztwo"]
    venues[key] = venue
    workshop = existing or Workshop(code=data["kod"])
    workshop.course = data["kurs"]
    workshop.day_one_date = data["dzien1"]
    workshop.day_one_start = data["dzien1_od"]
    workshop.day_one_end = data["dzien1_do"]
    workshop.day_two_date = data["dzien2"]
    workshop.day_two_start = data["dzien2_od"]
    workshop.day_two_end = data["dzien2_do"]
    workshop.capacity = data["miejsca"] or (existing.capacity if existing else 25)
    workshop.centre_cap = data["limit_na_osrodek"]
    if data["stan"]:
        workshop.state = data["stan"]
    return venue, workshop


def _check_actor(actor) -> None:
    if not (actor is None or roles.is_programme_coordinator(actor)):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")


def _import_rows(
    rows: list[dict], *, actor, dry_run: bool, progress: Callable[[int], None] | None
) -> ImportReport:
    report = ImportReport()
    lookups = _lookups(rows)
    seen: set[str] = set()
    planned = []
    for number, raw in enumerate(rows, start=2):
        if progress and number > 2 and (number - 2) % PROGRESS_EVERY == 0:
            progress(number - 2)
        result = RowResult(number=number, code=raw.get("kod", ""))
        report.rows.append(result)
        form = _RowForm(raw, lookups=lookups)
        if not form.is_valid():
            result.errors = [
                f"{form.fields[k].label}: {m}" for k, msgs in form.errors.items() for m in msgs
            ]
            continue
        data = form.cleaned_data
        if data["kod"] in seen:
            result.errors.append(_t("Kod %(code)s powtarza się w pliku.") % {"code": data["kod"]})
            continue
        seen.add(data["kod"])
        current = lookups.existing.get(data["kod"])
        if current and current.state in (WorkshopState.CANCELLED, WorkshopState.FINISHED):
            result.errors.append(
                _t("Szkolenie %(code)s jest odwołane albo zakończone.") % {"code": data["kod"]}
            )
            continue
        venue, workshop = _build(data, current, lookups.venues)
        errors = _model_errors(venue) + _model_errors(workshop, exclude=["venue", "course"])
        if errors:
            result.errors.extend(errors)
            continue
        try:
            capacity_check(
                current.pk if current else None,
                workshop.capacity,
                taken=lookups.taken.get(current.pk, 0) if current else 0,
            )
        except EnrolmentError as exc:
            result.errors.append(exc.message)
            continue
        result.action = "updated" if current else "created"
        planned.append((venue, workshop, data["trenerzy"], current is not None))
    if progress:
        progress(len(rows))
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        saved_venues = set()
        for venue, workshop, trainers, _existed in planned:
            if id(venue) not in saved_venues:  # rows of one venue share one Venue object
                venue.save()
                saved_venues.add(id(venue))
            workshop.venue = venue
            workshop.save()
            if trainers:
                workshop.trainers.set(trainers)
            audit(workshop, "osl.workshop.import", user=actor, data={"code": workshop.code})
    report.applied = True
    # A larger capacity in the file frees seats for the waiting lists (which only a workshop
    # that existed before can have).
    from .workshops import workshop_fill_free_seats

    for _venue, workshop, _trainers, existed in planned:
        if existed and workshop.state == WorkshopState.PUBLISHED:
            workshop_fill_free_seats(workshop=workshop, actor=actor)
    return report


def schedule_import(
    *,
    name: str,
    content: bytes,
    actor,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate every row; write all rows (create new codes, update existing ones) only when
    none is bad. Rows are numbered as in a spreadsheet (header = row 1). Runs within the caller
    whatever the file's length (the command, the background task); `progress` is told how many
    rows have been checked now and then."""
    _check_actor(actor)
    try:
        rows = read_rows(name, content)
    except EnrolmentError as exc:
        return ImportReport(file_errors=[exc.message])
    return _import_rows(rows, actor=actor, dry_run=dry_run, progress=progress)


# --- Large files: in the background -----------------------------------------------------------


def schedule_import_submit(*, name: str, content: bytes, actor, dry_run: bool = False):
    """What the admin's upload calls. A file that cannot be read, or breaks a bound, gets its
    report at once; a small file is checked (and written) within the request; a larger one is
    kept as a ScheduleImport and handed to the background task after the commit, and the report
    only names it (`job_id`) so the coordinator can watch its progress."""
    _check_actor(actor)
    try:
        rows = read_rows(name, content)
    except EnrolmentError as exc:
        return ImportReport(file_errors=[exc.message])
    if len(rows) <= conf.import_inline_max_rows():
        return _import_rows(rows, actor=actor, dry_run=dry_run, progress=None)
    from enrolment.tasks import run_schedule_import

    with transaction.atomic():
        job = ScheduleImport.objects.create(
            file_name=name[:255],
            content=content,
            dry_run=dry_run,
            rows_total=len(rows),
            uploaded_by=actor,
        )
        audit(
            job,
            "osl.schedule_import.queue",
            user=actor,
            data={"file": job.file_name, "rows": len(rows), "dry_run": dry_run},
        )
        transaction.on_commit(lambda: run_schedule_import.enqueue(job.pk))
    return ImportReport(job_id=job.pk)


def _finish(job_id: int, state: str, **values) -> None:
    ScheduleImport.objects.filter(pk=job_id).update(
        state=state, content=b"", finished_at=timezone.now(), **values
    )


def schedule_import_run(import_id: int) -> None:
    """The background half of schedule_import_submit. A queued job runs once: a second delivery
    of the task (a retry, another worker) finds it claimed and does nothing. The file is emptied
    once processed; the report stays."""
    claimed = ScheduleImport.objects.filter(pk=import_id, state=ScheduleImportState.QUEUED).update(
        state=ScheduleImportState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = ScheduleImport.objects.select_related("uploaded_by").get(pk=import_id)

    def progress(done: int) -> None:
        ScheduleImport.objects.filter(pk=job.pk).update(rows_done=min(done, job.rows_total))

    try:
        if job.uploaded_by is None:
            raise EnrolmentError(MSG_UPLOADER_GONE, code="uploader_gone")
        report = schedule_import(
            name=job.file_name,
            content=bytes(job.content),
            actor=job.uploaded_by,
            dry_run=job.dry_run,
            progress=progress,
        )
    except EnrolmentError as exc:
        _finish(job.pk, ScheduleImportState.FAILED, error=exc.message)
    except Exception:
        logger.exception("Schedule import %s failed", job.pk)
        _finish(job.pk, ScheduleImportState.FAILED, error=str(MSG_JOB_FAILED))
    else:
        _finish(
            job.pk,
            ScheduleImportState.DONE,
            report=report.as_dict(),
            rows_done=models.F("rows_total"),
        )
