"""The funder's exports over the whole programme: one row per workshop, one per voivodeship.

Written with enrolment.documents (to_csv, to_xlsx: text cells guarded against formulas): CSV is
UTF-8 with a BOM and `;`, decimals with a comma and dates in ISO form, as a Polish-locale
spreadsheet reads them; XLSX has typed numbers and dates. Rates are percentages (45.6 = 45.6 %)."""

from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from certificates.models import CertificateSource, CertificateStatus, ParticipantCertificate
from enrolment.models import SEAT_HOLDING_STATES, EnrolmentState, Workshop, WorkshopState
from programme import selectors


def _pct(ratio) -> Decimal | str:
    if ratio is None:
        return ""
    return (Decimal(str(ratio)) * 100).quantize(Decimal("0.1"))


def _status(workshop, today) -> str:
    if workshop.state == WorkshopState.CANCELLED:
        return "odwołane"
    if workshop.state == WorkshopState.DRAFT:
        return "w przygotowaniu"
    if workshop.state == WorkshopState.FINISHED or workshop.day_two_date < today:
        return "odbyte"
    return "zaplanowane"


def workshops_table(today) -> tuple[list[str], list[list]]:
    """One row per workshop, by date; counts in the same query (the certificates by subquery)."""
    certificates = (
        ParticipantCertificate.objects.filter(
            enrolment__workshop=OuterRef("pk"),
            status=CertificateStatus.ISSUED,
            source=CertificateSource.ENROLMENT,
        )
        .order_by()
        .values("enrolment__workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    workshops = (
        Workshop.objects.select_related("course", "venue")
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__state__in=SEAT_HOLDING_STATES)),
            confirmed=Count("enrolments", filter=Q(enrolments__state=EnrolmentState.CONFIRMED)),
            pending=Count(
                "enrolments", filter=Q(enrolments__state=EnrolmentState.PENDING_APPROVAL)
            ),
            waiting=Count("enrolments", filter=Q(enrolments__state=EnrolmentState.WAITLISTED)),
            completed=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False)),
            certificates=Coalesce(Subquery(certificates, output_field=IntegerField()), 0),
        )
        .order_by("day_one_date", "code")
    )
    header = [
        "Kod szkolenia",
        "Kurs",
        "Województwo",
        "Miejscowość",
        "Miejsce",
        "Stan",
        "Dzień 1",
        "Dzień 2",
        "Godziny",
        "Liczba miejsc",
        "Zajęte miejsca",
        "Potwierdzeni",
        "Czekają na zgodę ośrodka",
        "Lista rezerwowa",
        "Ukończyli",
        "Certyfikaty",
    ]
    rows = [
        [
            w.code,
            w.course.title,
            w.venue.get_voivodeship_display(),
            w.venue.town,
            w.venue.name,
            _status(w, today),
            w.day_one_date,
            w.day_two_date,
            w.total_hours,
            w.capacity,
            w.taken,
            w.confirmed,
            w.pending,
            w.waiting,
            w.completed,
            w.certificates,
        ]
        for w in workshops
    ]
    return header, rows


def voivodeships_table(dashboard: selectors.Dashboard) -> tuple[list[str], list[list]]:
    """The dashboard's table of the 16 voivodeships and the programme's total below them."""
    header = [
        "Województwo",
        "Szkolenia odbyte",
        "Szkolenia zaplanowane",
        "Szkolenia w przygotowaniu",
        "Szkolenia odwołane",
        "Cel: szkolenia",
        "Liczba miejsc",
        "Zajęte miejsca",
        "Potwierdzeni",
        "Czekają na zgodę ośrodka",
        "Lista rezerwowa",
        "Zapełnienie (%)",
        "Osoby, które ukończyły",
        "Cel: osoby",
        "Realizacja celu: osoby (%)",
        "Certyfikaty",
        "Potwierdzeni na początku dnia 1",
        "W tym ukończyli",
        "Wskaźnik ukończenia (%)",
    ]
    rows = []
    for f in [*dashboard.voivodeships, dashboard.total]:
        rows.append(
            [
                f.label,
                f.held,
                f.planned,
                f.draft,
                f.cancelled,
                "" if f.workshops_target is None else f.workshops_target,
                f.seats,
                f.taken,
                f.confirmed,
                f.pending,
                f.waiting,
                _pct(f.fill_rate),
                f.people_completed,
                "" if f.people_target is None else f.people_target,
                _pct(f.people_progress),
                f.certificates,
                f.confirmed_at_start,
                f.completed_of_confirmed_at_start,
                _pct(f.completion_rate),
            ]
        )
    return header, rows
