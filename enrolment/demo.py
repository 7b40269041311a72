"""Demo data for enrolment: 120 two-day workshops across the 16 voivodeships, some full, some
with waiting lists, some already finished with attendance taken.

Made through the services, so the demo obeys the site's rules (seats, per-centre caps, no
overlapping workshops, the enrolment history and the audit log): people sign up with
`enrolment_create` and trainers mark attendance with `attendance_mark_day`, both given the
moment they happened (`now`); no e-mails are queued for made-up people (`emails_held`).

Idempotent: workshops are keyed by code and filled only while they have no enrolments; people by
e-mail."""

import datetime
import itertools
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cms import roles
from cms.demo_data import TOWNS
from cms.models import Centre, HomePage
from courses.models import CourseIndexPage, CoursePage
from enrolment.models import (
    AttendanceStatus,
    CentrePolicy,
    Enrolment,
    EnrolmentState,
    Venue,
    Workshop,
    WorkshopState,
)
from enrolment.services import EnrolmentError, attendance_mark_day, enrolment_create
from enrolment.services.base import emails_held

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


def _enrol(workshop, people, *, seats, waiting=0, now):
    """Sign people up through `enrolment_create`, each as themselves, until `seats` hold a seat
    and `waiting` are on the waiting list. The service decides as on the site: a seat while the
    workshop and the person's centre have room, the waiting list after that; it refuses people
    already signed up here or confirmed elsewhere on those dates (they are passed over)."""
    made, held, queued = [], 0, 0
    for person in people:
        if held >= seats and queued >= waiting:
            break
        try:
            enrolment = enrolment_create(
                participant=person, workshop=workshop, actor=person, now=now
            )
        except EnrolmentError:
            continue
        made.append(enrolment)
        if enrolment.state == EnrolmentState.WAITLISTED:
            queued += 1
        else:
            held += 1
        now += datetime.timedelta(minutes=7)
    return made


def _attendance(workshop, enrolments, trainer):
    """The trainer marks both days through `attendance_mark_day`, on the evening of day two;
    the service records completion for whoever attended enough."""
    marked_at = timezone.make_aware(
        datetime.datetime.combine(workshop.day_two_date, datetime.time(15, 30))
    )
    confirmed = [e for e in enrolments if e.state == EnrolmentState.CONFIRMED]
    for day in (1, 2):
        full = workshop.day_hours(day)
        marks = {}
        for i, enrolment in enumerate(confirmed):
            if i % 11 == 5 and day == 2:
                marks[enrolment.pk] = (AttendanceStatus.ABSENT, None)
            elif i % 7 == 3:
                marks[enrolment.pk] = (AttendanceStatus.PARTIAL, (full - Decimal("2")).max(1))
            else:
                marks[enrolment.pk] = (AttendanceStatus.PRESENT, None)
        attendance_mark_day(workshop=workshop, day=day, marks=marks, actor=trainer, now=marked_at)


def seed(stdout=None):
    # No transaction around it: each sign-up is its own durable transaction, as on the site.
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
                # A finished workshop is published first and signed up for before its days
                # (the services take `now`), then marked finished.
                "state": WorkshopState.PUBLISHED,
            },
        )
        created_count += created
        if workshop.enrolments.exists():
            continue  # filled by an earlier run
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
        with emails_held():  # made-up people: nobody is written to
            if finished:
                pool = [demo_participant, *rotated] if demo_participant and n == 2 else rotated
                enrolments = _enrol(workshop, pool, seats=18 + n % 7, now=start)
                if crew:
                    _attendance(workshop, enrolments, crew[0])
                # No service finishes a workshop: programme staff set the state in the admin.
                workshop.state = WorkshopState.FINISHED
                workshop.save(update_fields=["state"])
            elif n % FULL_EVERY == 0:
                _enrol(workshop, rotated, seats=25, waiting=3 + n % 6, now=start)
            elif n % PARTLY_EVERY == 0:
                pool = [demo_participant, *rotated] if demo_participant and n == 12 else rotated
                _enrol(workshop, pool, seats=6 + n % 15, now=start)
    if stdout:
        stdout.write(
            f"  szkolenia: {Workshop.objects.count()} (nowe: {created_count}), "
            f"zapisy: {Enrolment.objects.count()}"
        )
