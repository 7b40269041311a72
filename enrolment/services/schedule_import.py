"""Loading the workshop schedule from a CSV or XLSX file.

Every row is checked first; only a file without a single bad row is written, in one
transaction, so a coordinator never ends up with half a schedule."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.models import Voivodeship
from cms.validators import postal_code_validator
from courses.models import CoursePage
from enrolment.models import Venue, Workshop, WorkshopState

from .base import EnrolmentError, capacity_check

User = get_user_model()

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

MSG_BAD_FILE = _("Nie udało się odczytać pliku. Prześlij plik CSV (UTF-8) albo XLSX.")
MSG_MISSING_COLUMNS = _("W pliku brakuje kolumn: %(columns)s.")
MSG_EMPTY = _("Plik nie zawiera żadnego wiersza z danymi.")
MSG_NOT_ALLOWED = _("Harmonogram importują tylko koordynatorzy programu.")


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
    miejsca = forms.IntegerField(min_value=1, required=False, label=_("miejsca"))
    limit_na_osrodek = forms.IntegerField(min_value=1, required=False, label=_("limit"))
    trenerzy = forms.CharField(required=False, label=_("trenerzy"))
    stan = forms.CharField(required=False, label=_("stan"))

    def __init__(self, *args, courses, voivodeships, **kwargs):
        super().__init__(*args, **kwargs)
        self._courses = courses
        self._voivodeships = voivodeships

    def clean_kurs(self):
        value = self.cleaned_data["kurs"].strip()
        course = self._courses.get(value.lower())
        if course is None:
            raise ValidationError(_t("Nie ma kursu „%(course)s”.") % {"course": value})
        return course

    def clean_wojewodztwo(self):
        value = self.cleaned_data["wojewodztwo"].strip().lower()
        if value not in self._voivodeships:
            raise ValidationError(_t("Nieznane województwo „%(value)s”.") % {"value": value})
        return self._voivodeships[value]

    def clean_trenerzy(self):
        emails = [e.strip().lower() for e in self.cleaned_data["trenerzy"].split(";") if e.strip()]
        found = {
            u.email: u for u in User.objects.filter(email__in=emails, groups__name=roles.TRAINERS)
        }
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


def read_rows(name: str, content: bytes) -> list[dict]:
    """Rows of a CSV or XLSX file as dicts keyed by the lower-cased header. Raises
    EnrolmentError when the file cannot be read."""
    try:
        if name.lower().endswith(".xlsx"):
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        else:
            text = content.decode("utf-8-sig")
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
            table = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    except Exception as exc:  # noqa: BLE001 — any unreadable upload gets the same answer
        raise EnrolmentError(MSG_BAD_FILE, code="bad_file") from exc
    table = [row for row in table if any(row)]
    if not table:
        raise EnrolmentError(MSG_EMPTY, code="empty")
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    if missing:
        raise EnrolmentError(
            MSG_MISSING_COLUMNS, code="missing_columns", params={"columns": ", ".join(missing)}
        )
    rows = [dict(zip(header, row, strict=False)) for row in table[1:]]
    if not rows:
        raise EnrolmentError(MSG_EMPTY, code="empty")
    return rows


def _lookups():
    courses = {}
    for course in CoursePage.objects.all().only("pk", "title", "slug"):
        courses[course.slug.lower()] = course
        courses[course.title.lower()] = course
    voivodeships = {}
    for value, label in Voivodeship.choices:
        voivodeships[value] = value
        voivodeships[str(label).lower()] = value
    return courses, voivodeships


def _errors_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{k}: {m}" if k != "__all__" else m for k, v in exc.message_dict.items() for m in v
        ]
    return list(exc.messages)


def _build(data: dict, existing: Workshop | None, venues: dict):
    key = (data["miejsce"].strip(), data["miejscowosc"].strip())
    venue = venues.get(key) or Venue.objects.filter(name=key[0], town=key[1]).first()
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


def schedule_import(*, name: str, content: bytes, actor, dry_run: bool = False) -> ImportReport:
    """Validate every row; write all rows (create new codes, update existing ones) only when
    none is bad. Rows are numbered as in a spreadsheet (header = row 1)."""
    if not (actor is None or roles.is_programme_coordinator(actor)):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    report = ImportReport()
    try:
        rows = read_rows(name, content)
    except EnrolmentError as exc:
        report.file_errors.append(exc.message)
        return report
    courses, voivodeships = _lookups()
    existing = Workshop.objects.in_bulk([r.get("kod", "") for r in rows], field_name="code")
    seen: set[str] = set()
    venues: dict = {}
    planned = []
    for number, raw in enumerate(rows, start=2):
        result = RowResult(number=number, code=raw.get("kod", ""))
        report.rows.append(result)
        form = _RowForm(raw, courses=courses, voivodeships=voivodeships)
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
        current = existing.get(data["kod"])
        if current and current.state in (WorkshopState.CANCELLED, WorkshopState.FINISHED):
            result.errors.append(
                _t("Szkolenie %(code)s jest odwołane albo zakończone.") % {"code": data["kod"]}
            )
            continue
        venue, workshop = _build(data, current, venues)
        try:
            venue.full_clean(validate_unique=False)
            workshop.full_clean(exclude=["venue", "course"], validate_unique=False)
        except ValidationError as exc:
            result.errors.extend(_errors_of(exc))
            continue
        try:
            capacity_check(current.pk if current else None, workshop.capacity)
        except EnrolmentError as exc:
            result.errors.append(exc.message)
            continue
        result.action = "updated" if current else "created"
        planned.append((venue, workshop, data["trenerzy"]))
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        for venue, workshop, trainers in planned:
            venue.save()
            workshop.venue = venue
            workshop.save()
            if trainers:
                workshop.trainers.set(trainers)
            audit(workshop, "osl.workshop.import", user=actor, data={"code": workshop.code})
    report.applied = True
    # A larger capacity in the file frees seats for the waiting lists.
    from .workshops import workshop_fill_free_seats

    for _venue, workshop, _trainers in planned:
        if workshop.state == WorkshopState.PUBLISHED:
            workshop_fill_free_seats(workshop=workshop, actor=actor)
    return report
