"""Demo data for enrolment: 120 two-day workshops across the 16 voivodeships, some full, some
with waiting lists, some already finished with attendance taken.

Idempotent: workshops are keyed by code and filled only when first created; people by e-mail.
Rows are written directly (no e-mails are sent for made-up people)."""

import datetime
import itertools
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cms import roles
from cms.demo_data import TOWNS
from cms.models import Centre, HomePage
from courses.models import CourseIndexPage, CoursePage
from enrolment.models import (
    AttendanceRecord,
    CentrePolicy,
    CreatedVia,
    Enrolment,
    EnrolmentLog,
    EnrolmentState,
    Venue,
    Workshop,
    WorkshopState,
)

User = get_user_model()

WORKSHOPS = 120
FINISHED = 8  # the first codes happened already
FULL_EVERY = 9  # every 9th upcoming workshop is full, with a waiting list
PARTLY_EVERY = 3  # every 3rd has some people on it
PARTICIPANTS = 420

COURSES = [
    (
        "Wprowadzenie do Modelu OSL",
        "wprowadzenie-do-modelu-osl",
        "Założenia Modelu organizowania społeczności lokalnej i nowa rola pracownika socjalnego.",
    ),
    (
        "Animator lokalny",
        "animator-lokalny",
        "Jak budzić aktywność mieszkańców, gromadzić ludzi i budować grupy.",
    ),
    (
        "Organizator sieci społecznych",
        "organizator-sieci-spolecznych",
        "Partnerstwa i sieci współpracy ludzi, instytucji i organizacji pozarządowych.",
    ),
    (
        "Lokalny polityk społeczny",
        "lokalny-polityk-spoleczny",
        "Planowanie i kształtowanie lokalnej polityki społecznej razem z samorządem.",
    ),
]

PROGRAMME = (
    "Dzień 1: założenia Modelu OSL i nowa rola pracownika socjalnego\n"
    "Dzień 1: praca z grupą i mapa potrzeb i zasobów społeczności\n"
    "Dzień 2: partnerstwo lokalne i wolontariat\n"
    "Dzień 2: organizacyjne i prawne warunki wprowadzenia OSL w ośrodku"
)

VENUE_KINDS = [
    "Centrum Aktywności Lokalnej",
    "Dom Kultury",
    "Sala konferencyjna Starostwa Powiatowego",
    "Centrum Organizacji Pozarządowych",
    "Biblioteka Publiczna",
]

FIRST_NAMES = [
    "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Ewa", "Joanna", "Beata", "Monika",
    "Izabela", "Renata", "Sylwia", "Aneta", "Marta", "Paulina", "Karolina", "Jolanta",
    "Tomasz", "Piotr", "Krzysztof", "Marcin", "Łukasz", "Grzegorz", "Adam", "Dariusz",
]  # fmt: skip
LAST_NAMES = [
    "Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając",
    "Król", "Wieczorek", "Jabłoński", "Wróbel", "Dudek", "Adamczyk", "Pawlak", "Sikora",
    "Walczak", "Baran", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak",
    "Zalewski", "Jasiński", "Sadowski", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski",
]  # fmt: skip


def _courses(stdout):
    existing = list(CoursePage.objects.order_by("path"))
    if existing:
        return existing
    # On a branch without the courses demo: a minimal catalogue under the Polish home page.
    home = HomePage.objects.filter(locale__language_code="pl").first()
    if home is None:
        return []
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="Kursy", slug="katalog-kursow", introduction="Kursy Modelu OSL."
            )
        )
    pages = []
    for title, slug, description in COURSES:
        page = CoursePage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = index.add_child(
                instance=CoursePage(title=title, slug=slug, description=f"<p>{description}</p>")
            )
        pages.append(page)
    if stdout:
        stdout.write("  kursy (minimalne, brak demo kursów)")
    return pages


def _venues():
    venues = {}
    for v_index, (voivodeship, towns) in enumerate(TOWNS.items()):
        for t_index, (town, _county, prefix, _kind) in enumerate(towns[:4]):
            name = f"{VENUE_KINDS[(v_index + t_index) % len(VENUE_KINDS)]} w mieście {town}"
            venue, _ = Venue.objects.get_or_create(
                name=name,
                town=town,
                defaults={
                    "street": f"ul. Szkolna {t_index * 3 + 2}",
                    "postal_code": f"{prefix}-{(v_index * 41 + t_index * 7) % 900 + 100:03d}",
                    "voivodeship": voivodeship,
                    "accessibility_notes": (
                        "Wejście bez schodów, winda, toaleta dostępna dla osób na wózku."
                        if t_index % 2 == 0
                        else "Sala na parterze; pętla indukcyjna na prośbę."
                    ),
                },
            )
            venues.setdefault(voivodeship, []).append(venue)
    return venues


def _participants(password_hash):
    centres = list(Centre.objects.approved().order_by("pk"))
    by_voivodeship: dict[str, list] = {}
    people = []
    for n in range(PARTICIPANTS):
        email = f"pracownik{n + 1:03d}@demo.akademia-osl.pl"
        centre = centres[n % len(centres)] if centres else None
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                "job_title": "pracownik socjalny" if n % 4 else "starsza pracowniczka socjalna",
                "centre": centre,
                "password": password_hash,
            },
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            roles.add_role(user, roles.PARTICIPANTS)
        people.append(user)
        by_voivodeship.setdefault(centre.voivodeship if centre else "", []).append(user)
    return people, by_voivodeship


def _overlaps(busy, person, workshop):
    return any(
        start <= workshop.day_two_date and end >= workshop.day_one_date
        for start, end in busy.get(person.pk, ())
    )


def _enrol(workshop, people, count, *, state, busy, now, rank_start=1, skip=()):
    made = []
    for person in people:
        if len(made) >= count:
            break
        if person.pk in skip or _overlaps(busy, person, workshop):
            continue
        made.append(
            Enrolment(
                workshop=workshop,
                participant=person,
                centre_id=person.centre_id,
                state=state,
                waitlist_rank=(rank_start + len(made))
                if state == EnrolmentState.WAITLISTED
                else None,
                created_via=CreatedVia.SELF,
                created_by=person,
                created_at=now,
            )
        )
        if state == EnrolmentState.CONFIRMED:
            busy.setdefault(person.pk, []).append((workshop.day_one_date, workshop.day_two_date))
        now += datetime.timedelta(minutes=7)
    Enrolment.objects.bulk_create(made)
    EnrolmentLog.objects.bulk_create(
        EnrolmentLog(
            enrolment=e,
            from_state="",
            to_state=e.state,
            action="create",
            actor=e.participant,
            at=e.created_at,
            data={"demo": True},
        )
        for e in made
    )
    return made


def _attendance(workshop, enrolments, trainer):
    records = []
    marked_at = timezone.make_aware(
        datetime.datetime.combine(workshop.day_two_date, datetime.time(15, 30))
    )
    total = workshop.total_hours
    for i, enrolment in enumerate(enrolments):
        hours = []
        for day in (1, 2):
            full = workshop.day_hours(day)
            if i % 11 == 5 and day == 2:
                status, value = "absent", Decimal("0")
            elif i % 7 == 3:
                status, value = "partial", (full - Decimal("2")).max(Decimal("1"))
            else:
                status, value = "present", full
            hours.append(value)
            records.append(
                AttendanceRecord(
                    enrolment=enrolment,
                    day=day,
                    status=status,
                    hours=value,
                    marked_by=trainer,
                    marked_at=marked_at,
                )
            )
        if sum(hours) >= total * Decimal("0.8"):
            enrolment.completed_at = marked_at
    AttendanceRecord.objects.bulk_create(records)
    Enrolment.objects.bulk_update(enrolments, ["completed_at"])


@transaction.atomic
def seed(stdout=None):
    courses = _courses(stdout)
    if not courses:
        if stdout:
            stdout.write("  brak strony głównej: pomijam szkolenia")
        return
    venues = _venues()
    trainers = list(User.objects.filter(groups__name=roles.TRAINERS).order_by("email"))
    from cms.demo import DEMO_PASSWORD

    password_hash = make_password(DEMO_PASSWORD)  # hashed once: 420 hashes would take minutes
    people, by_voivodeship = _participants(password_hash)
    demo_participant = User.objects.filter(email="uczestnik@demo.akademia-osl.pl").first()
    demo_trainer = User.objects.filter(email="trener@demo.akademia-osl.pl").first()
    coordinator = User.objects.filter(email="osrodek@demo.akademia-osl.pl").first()
    if coordinator and coordinator.centre_id:
        CentrePolicy.objects.get_or_create(
            centre_id=coordinator.centre_id, defaults={"requires_approval": False}
        )

    today = timezone.localdate()
    voivodeships = list(TOWNS)
    busy: dict = {}
    for e in Enrolment.objects.filter(state=EnrolmentState.CONFIRMED).select_related("workshop"):
        busy.setdefault(e.participant_id, []).append(
            (e.workshop.day_one_date, e.workshop.day_two_date)
        )
    created_count = 0
    upcoming_index = itertools.count()
    for n in range(WORKSHOPS):
        code = f"osl-2026-{n + 1:03d}"
        voivodeship = voivodeships[n % len(voivodeships)]
        finished = n < FINISHED
        if finished:
            day_one = today - datetime.timedelta(days=70 - n * 7)
        else:
            i = next(upcoming_index)
            day_one = today + datetime.timedelta(days=21 + i * 2 + (i % 3))
        day_one_start = datetime.time(9, 0) if n % 2 else datetime.time(10, 0)
        workshop, created = Workshop.objects.get_or_create(
            code=code,
            defaults={
                "course": courses[n % len(courses)],
                "venue": venues[voivodeship][n // len(voivodeships) % len(venues[voivodeship])],
                "programme": PROGRAMME,
                "day_one_date": day_one,
                "day_one_start": day_one_start,
                "day_one_end": datetime.time(16, 0),
                "day_two_date": day_one + datetime.timedelta(days=1),
                "day_two_start": datetime.time(9, 0),
                "day_two_end": datetime.time(15, 0),
                "capacity": 25,
                "centre_cap": 4 if n % 5 == 0 else None,
                "state": WorkshopState.FINISHED if finished else WorkshopState.PUBLISHED,
            },
        )
        if not created:
            continue
        created_count += 1
        crew = (
            [trainers[(2 * n) % len(trainers)], trainers[(2 * n + 1) % len(trainers)]]
            if trainers
            else []
        )
        if demo_trainer and n in (0, 1, FINISHED, FINISHED + 3):
            crew[0] = demo_trainer
        workshop.trainers.set(crew)
        local = by_voivodeship.get(voivodeship, []) + people
        start = timezone.make_aware(
            datetime.datetime.combine(day_one - datetime.timedelta(days=40), datetime.time(8))
        )
        rotated = local[n % max(len(local), 1) :] + local[: n % max(len(local), 1)]
        if finished:
            pool = [demo_participant, *rotated] if demo_participant and n == 2 else rotated
            confirmed = _enrol(workshop, pool, 18 + n % 7, state="confirmed", busy=busy, now=start)
            _attendance(workshop, confirmed, crew[0] if crew else None)
        elif n % FULL_EVERY == 0:
            confirmed = _enrol(workshop, rotated, 25, state="confirmed", busy=busy, now=start)
            taken = {e.participant_id for e in confirmed}
            _enrol(
                workshop,
                rotated,
                3 + n % 6,
                state="waitlisted",
                busy=busy,
                now=start + datetime.timedelta(days=5),
                skip=taken,
            )
        elif n % PARTLY_EVERY == 0:
            pool = [demo_participant, *rotated] if demo_participant and n == 12 else rotated
            _enrol(workshop, pool, 6 + n % 15, state="confirmed", busy=busy, now=start)
    if stdout:
        stdout.write(
            f"  szkolenia: {Workshop.objects.count()} (nowe: {created_count}), "
            f"zapisy: {Enrolment.objects.count()}"
        )
