"""Checking every row (a fixed number of queries for the whole file) and writing a file with no
bad row in one transaction."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.forms import AsciiIntegerField
from cms.models import Voivodeship
from cms.validators import postal_code_validator
from courses.models import CoursePage
from enrolment.models import (
    Venue,
    Workshop,
    WorkshopState,
)

from ..base import EnrolmentError, capacity_check, seats_taken
from .constraints import model_errors
from .files import read_rows

User = get_user_model()


STATES = {"szkic": WorkshopState.DRAFT, "opublikowane": WorkshopState.PUBLISHED, "": None}


# Trainers named in one row: more is a mistake, and it bounds the one query for all of them.
MAX_TRAINERS_PER_ROW = 10


# A background import reports its progress every this many rows checked (one UPDATE each).
PROGRESS_EVERY = 50


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


def check_actor(actor) -> None:
    if not (actor is None or roles.is_programme_coordinator(actor)):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")


def import_rows(
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
        errors = model_errors(venue) + model_errors(workshop, exclude=["venue", "course"])
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
    from ..workshops import workshop_fill_free_seats

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
    check_actor(actor)
    try:
        rows = read_rows(name, content)
    except EnrolmentError as exc:
        return ImportReport(file_errors=[exc.message])
    return import_rows(rows, actor=actor, dry_run=dry_run, progress=progress)
