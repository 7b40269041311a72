"""The permission matrix: nine roles × every URL of our apps that takes an id, a code, a slug or
a token, each request made against one world in which the objects belong to participant A and
centre A.

The URLs come from the URL conf (`get_resolver()`, walked recursively, the admin views our
apps register through Wagtail's hooks included): a new URL with a parameter and no entry in
CASES fails `test_every_url_with_a_parameter_has_an_entry`. For each case the table says which
roles are allowed; every other role must be denied, so nothing is allowed that the table does
not say.

- allowed: a GET answers 200; a POST answers as the case says (a redirect that is not to the
  log-in page) and, where the case names an effect, the effect happened;
- denied: 403, 404 or a redirect to the log-in page; a POST with an effect may instead be
  refused politely (a message and a redirect), but its effect must not have happened.

Every request runs in its own savepoint (django.test.TestCase), so one role's POST never
changes what the next role meets; the world is built once for the class."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from certificates import keys as certificate_keys
from certificates import services as certificate_services
from certificates.models import (
    CalEvidence,
    CalProgrammeRecord,
    CriterionMetric,
    QualityCriterion,
    SigningKey,
)
from cms import roles
from courses.models import CourseProgress, ModuleCompletion, ProfessionalRole, QuizAttempt
from enrolment.models import CentrePolicy, Enrolment, EnrolmentState, ScheduleImport, WorkshopState
from enrolment.services import calendar_feed_for
from network.models import PracticeTheme
from tests.courses import factories as course_factories
from tests.enrolment.factories import WorkshopFactory
from tests.factories import CentreFactory, UserFactory

# The project's own apps: those whose code lives in this repository, not in site-packages.
OUR_APPS = tuple(
    sorted(
        {
            config.name.split(".")[0]
            for config in apps.get_app_configs()
            if Path(config.path).is_relative_to(settings.BASE_DIR)
            and "site-packages" not in Path(config.path).parts
        }
    )
)

ROLES = (
    "anonymous",
    "participant_a",
    "participant_b",
    "trainer_running",
    "trainer_other",
    "coordinator_a",
    "coordinator_b",
    "programme",
    "superuser",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
PROGRAMME = frozenset({"programme", "superuser"})
PARTICIPANTS = frozenset({"participant_a", "participant_b"})
WORKSHOP_STAFF = PROGRAMME | {"trainer_running"}
TRAINERS = frozenset({"trainer_running", "trainer_other"})
# Wagtail lets superusers past every group restriction.
RESTRICTED_TO_TRAINERS = frozenset({"trainer_running", "trainer_other", "superuser"})


def _state_is(key: str, *states):
    def effect(world, user) -> bool:
        return Enrolment.objects.get(pk=world.enrolments[key]).state in states

    return effect


def _signed_up(world, user) -> bool:
    return (
        user is not None
        and Enrolment.objects.filter(workshop__code=world.open_workshop, participant=user).exists()
    )


def _course_started(world, user, course=None) -> bool:
    course = course or world.course
    return user is not None and CourseProgress.objects.filter(user=user, course_id=course).exists()


def _module_done(world, user, module=None) -> bool:
    module = module or world.module_without_quiz
    return (
        user is not None and ModuleCompletion.objects.filter(user=user, module_id=module).exists()
    )


def _quiz_attempted(world, user) -> bool:
    return (
        user is not None and QuizAttempt.objects.filter(user=user, module_id=world.module).exists()
    )


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs: Callable
    allowed: frozenset
    variant: str = ""
    method: str = "get"
    data: Callable | None = None
    effect: Callable | None = None
    ok: frozenset = field(default=frozenset())

    @property
    def id(self) -> str:
        name = self.url_name.replace(":", "_")
        return f"{name}__{self.variant}" if self.variant else name

    @property
    def ok_statuses(self) -> frozenset:
        return self.ok or (frozenset({200}) if self.method == "get" else frozenset({302}))


CASES = (
    # --- enrolment: the participant's own enrolments (someone else's id is a 404) ----------
    Case(
        "enrolment:cancel",
        lambda w: {"pk": w.enrolments["confirmed"]},
        frozenset({"participant_a"}),
        method="post",
        effect=_state_is("confirmed", EnrolmentState.CANCELLED),
    ),
    Case(
        "enrolment:accept_offer",
        lambda w: {"pk": w.enrolments["offered"]},
        frozenset({"participant_a"}),
        method="post",
        effect=_state_is("offered", EnrolmentState.CONFIRMED, EnrolmentState.PENDING_APPROVAL),
    ),
    Case(
        "enrolment:decline_offer",
        lambda w: {"pk": w.enrolments["offered"]},
        frozenset({"participant_a"}),
        method="post",
        effect=_state_is("offered", EnrolmentState.DECLINED),
    ),
    # The feed's token is its only key: whoever holds it reads the feed, signed in or not.
    Case("enrolment:calendar_feed", lambda w: {"token": w.feed_token}, EVERYONE),
    Case("enrolment:calendar_feed", lambda w: {"token": "x" * 43}, NOBODY, variant="unknown"),
    # --- enrolment: centre A's coordinator decides on centre A's people -----------------------
    Case(
        "enrolment:centre_decide",
        lambda w: {"pk": w.enrolments["pending"], "decision": "zatwierdz"},
        frozenset({"coordinator_a"}),
        variant="approve",
        method="post",
        effect=_state_is("pending", EnrolmentState.CONFIRMED),
    ),
    Case(
        "enrolment:centre_decide",
        lambda w: {"pk": w.enrolments["pending"], "decision": "odrzuc"},
        frozenset({"coordinator_a"}),
        variant="reject",
        method="post",
        effect=_state_is("pending", EnrolmentState.REJECTED),
    ),
    Case(
        "enrolment:centre_decide",
        lambda w: {"pk": w.enrolments["confirmed"], "decision": "wypisz"},
        frozenset({"coordinator_a"}),
        variant="withdraw",
        method="post",
        effect=_state_is("confirmed", EnrolmentState.CANCELLED),
    ),
    # --- enrolment: workshop pages (a draft only for its trainers and programme coordinators)
    Case("enrolment:workshop_detail", lambda w: {"code": w.workshop}, EVERYONE),
    Case("enrolment:workshop_detail", lambda w: {"code": w.draft}, WORKSHOP_STAFF, variant="draft"),
    Case("enrolment:workshop_calendar", lambda w: {"code": w.workshop}, EVERYONE),
    Case(
        "enrolment:workshop_calendar",
        lambda w: {"code": w.draft},
        WORKSHOP_STAFF,
        variant="draft",
    ),
    Case(
        "enrolment:signup",
        lambda w: {"code": w.open_workshop},
        PARTICIPANTS,
        method="post",
        effect=_signed_up,
    ),
    Case("enrolment:signup", lambda w: {"code": w.draft}, NOBODY, variant="draft", method="post"),
    # --- enrolment: what the trainers of this very workshop use ------------------------------
    Case("enrolment:attendance", lambda w: {"code": w.workshop, "day": 1}, WORKSHOP_STAFF),
    Case("enrolment:sign_in_sheet", lambda w: {"code": w.workshop, "day": 2}, WORKSHOP_STAFF),
    Case(
        "enrolment:export",
        lambda w: {"code": w.workshop, "kind": "uczestnicy", "fmt": "csv"},
        WORKSHOP_STAFF,
    ),
    Case(
        "enrolment:export",
        lambda w: {"code": w.workshop, "kind": "obecnosc", "fmt": "xlsx"},
        WORKSHOP_STAFF,
        variant="attendance",
    ),
    # --- enrolment: Wagtail admin views registered by our hooks -------------------------------
    Case("enrolment_admin:waitlist", lambda w: {"pk": w.workshop_pk}, PROGRAMME),
    Case("enrolment_admin:import_status", lambda w: {"pk": w.schedule_import}, PROGRAMME),
    # --- programme: the funder's exports ------------------------------------------------------
    Case("programme_admin:export", lambda w: {"kind": "szkolenia", "fmt": "csv"}, PROGRAMME),
    Case(
        "programme_admin:export",
        lambda w: {"kind": "wojewodztwa", "fmt": "xlsx"},
        PROGRAMME,
        variant="voivodeships",
    ),
    # --- courses: any signed-in person may learn ----------------------------------------------
    Case(
        "courses:course_start",
        lambda w: {"course_id": w.course},
        SIGNED_IN,
        method="post",
        effect=_course_started,
    ),
    Case(
        "courses:module_complete",
        lambda w: {"module_id": w.module_without_quiz},
        SIGNED_IN,
        method="post",
        effect=_module_done,
    ),
    Case(
        "courses:quiz_submit",
        lambda w: {"module_id": w.module},
        SIGNED_IN,
        method="post",
        data=lambda w: {"quiz": w.quiz_id, **course_factories.RIGHT_ANSWERS},
        effect=_quiz_attempted,
    ),
    # A course the editors restricted to a group (here: the trainers) in Wagtail's privacy
    # settings is theirs alone: its actions must not start it, record it or show its module.
    Case(
        "courses:course_start",
        lambda w: {"course_id": w.restricted_course},
        RESTRICTED_TO_TRAINERS,
        variant="restricted",
        method="post",
        effect=lambda w, user: _course_started(w, user, w.restricted_course),
    ),
    Case(
        "courses:module_complete",
        lambda w: {"module_id": w.restricted_module_without_quiz},
        RESTRICTED_TO_TRAINERS,
        variant="restricted",
        method="post",
        effect=lambda w, user: _module_done(w, user, w.restricted_module_without_quiz),
    ),
    Case(
        "courses:quiz_submit",
        lambda w: {"module_id": w.restricted_module},
        RESTRICTED_TO_TRAINERS,
        variant="restricted",
        method="post",
        # An incomplete answer: today's view answers it by rendering the module's page.
        data=lambda w: {"quiz": w.restricted_quiz_id},
        ok=frozenset({400}),
    ),
    # --- cms: Wagtail's pages, served by our cached serve view --------------------------------
    Case("wagtail_serve", lambda w: w.pages["course"], EVERYONE, variant="public"),
    # Wagtail sends whoever a group restriction keeps out to the log-in page.
    Case(
        "wagtail_serve",
        lambda w: w.pages["restricted"],
        RESTRICTED_TO_TRAINERS,
        variant="restricted",
    ),
    Case("wagtail_serve", lambda w: w.pages["unpublished"], NOBODY, variant="unpublished"),
    # --- cms: the media folder serves Wagtail's images only, never a private file ----------
    Case(
        "cms.views.media.public_media",
        lambda w: f"{settings.MEDIA_URL}{w.evidence_file}",
        NOBODY,
        variant="cal_evidence",
    ),
    Case(
        "cms.views.media.public_media",
        lambda w: f"{settings.MEDIA_URL}{w.certificate_file}",
        NOBODY,
        variant="certificate_pdf",
    ),
    # --- certificates -------------------------------------------------------------------------
    # The public verification page shows no more than a QR code's reader may see.
    Case("certificates:verify", lambda w: {"code": w.certificate}, EVERYONE),
    Case("certificates:verify", lambda w: {"code": w.quality}, EVERYONE, variant="quality"),
    # The issuer's public key, what a credential's kid URL names: public, like the JWK set.
    Case(
        "certificates:jwk", lambda w: {"kid": certificate_keys.current_signing_key()[0]}, EVERYONE
    ),
    Case(
        "certificates:pdf",
        lambda w: {"code": w.certificate},
        PROGRAMME | {"participant_a", "coordinator_a"},
    ),
    Case(
        "certificates:pdf",
        lambda w: {"code": w.quality},
        PROGRAMME | {"coordinator_a"},
        variant="quality",
    ),
    Case(
        "certificates:credential",
        lambda w: {"code": w.certificate, "fmt": "jwt"},
        PROGRAMME | {"participant_a", "coordinator_a"},
    ),
    Case(
        "certificates:credential",
        lambda w: {"code": w.quality, "fmt": "json"},
        PROGRAMME | {"coordinator_a"},
        variant="quality",
    ),
    Case("certificates:revoke", lambda w: {"code": w.certificate}, PROGRAMME),
    Case("certificates:correct", lambda w: {"code": w.certificate}, PROGRAMME),
    Case("certificates:cal_review", lambda w: {"pk": w.cal_record}, PROGRAMME),
    Case(
        "certificates:cal_evidence", lambda w: {"pk": w.cal_evidence}, PROGRAMME | {"coordinator_a"}
    ),
)


# --- Wagtail's admin views of our models --------------------------------------------------------
# Each chooser's "chosen" view answers with the object's name for any id: it must not name an
# object the admin list would not show the person (a trainer sees the workshops they run).
SNIPPET_CHOSEN = {
    "cms_centre": PROGRAMME,
    "courses_professionalrole": PROGRAMME | TRAINERS,  # trainers hold view_professionalrole
    "network_practicetheme": PROGRAMME,
    "enrolment_workshop": WORKSHOP_STAFF,
    "enrolment_venue": PROGRAMME | TRAINERS,  # and view_venue
    "enrolment_centrepolicy": PROGRAMME,
    "certificates_participantcertificate": PROGRAMME,
    "certificates_qualitycertificate": PROGRAMME,
    "certificates_calprogrammerecord": PROGRAMME,
    "certificates_qualitycriterion": PROGRAMME,
    "certificates_calreview": PROGRAMME,
    "certificates_signingkey": PROGRAMME,
}
# The workshop is the one snippet with a rule per object (its trainers); the draft is the case.
WORKSHOP_ADMIN = {
    "edit": PROGRAMME,
    "delete": frozenset({"superuser"}),  # workshops are cancelled, never deleted
    "usage": PROGRAMME,
    "history": PROGRAMME,
    "history_results": PROGRAMME,
    "copy": PROGRAMME,
}
CASES += tuple(
    Case(
        f"wagtailsnippetchoosers_{model}:chosen",
        lambda w, model=model: {"pk": w.snippets[model]},
        allowed,
    )
    for model, allowed in SNIPPET_CHOSEN.items()
) + tuple(
    Case(
        f"wagtailsnippets_enrolment_workshop:{view}",
        lambda w: {"pk": w.snippets["enrolment_workshop"]},
        allowed,
    )
    for view, allowed in WORKSHOP_ADMIN.items()
)
ADMIN_NAMESPACES = (
    *(f"wagtailsnippetchoosers_{app}_" for app in OUR_APPS),
    "wagtailsnippets_enrolment_workshop:",
)


# --- The URL conf ------------------------------------------------------------------------------


def _patterns(patterns, namespace=None):
    """(qualified name, pattern, parameter names) of every URL, included URL confs walked."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, pattern, set(pattern.pattern.regex.groupindex)


def _is_ours(name, pattern: URLPattern) -> bool:
    """Our views, and the Wagtail admin views of our models named in ADMIN_NAMESPACES."""
    if pattern.lookup_str.split(".", 1)[0] in OUR_APPS:
        return True
    return bool(name) and name.startswith(ADMIN_NAMESPACES)


def our_urls_with_parameters() -> dict[str, set[str]]:
    found = {}
    for name, pattern, parameters in _patterns(get_resolver().url_patterns):
        if _is_ours(name, pattern) and (parameters or pattern.pattern.regex.groups):
            found[name or pattern.lookup_str] = parameters
    return found


def test_every_url_with_a_parameter_has_an_entry():
    urls = our_urls_with_parameters()
    covered = {case.url_name for case in CASES}
    missing = [
        f"URL {name} has no entry in the permission matrix (tests/test_permission_matrix.py)"
        for name in sorted(urls)
        if name not in covered
    ]
    assert not missing, "\n".join(missing)
    stale = sorted(covered - set(urls))
    assert not stale, f"entries for URLs that no longer exist: {stale}"


def test_the_walk_sees_our_public_and_admin_urls():
    # A guard against a walk that silently finds nothing (a renamed namespace, a new nesting).
    urls = our_urls_with_parameters()
    assert {"enrolment:cancel", "certificates:credential", "enrolment_admin:waitlist"} <= set(urls)
    assert urls["enrolment:export"] == {"code", "kind", "fmt"}


# --- The world ---------------------------------------------------------------------------------


def _build_world() -> SimpleNamespace:
    centre_a, centre_b = CentreFactory(), CentreFactory()
    users = {
        "participant_a": UserFactory(role=roles.PARTICIPANTS, centre=centre_a),
        "participant_b": UserFactory(role=roles.PARTICIPANTS, centre=centre_b),
        "trainer_running": UserFactory(role=roles.TRAINERS, centre=None),
        "trainer_other": UserFactory(role=roles.TRAINERS, centre=None),
        "coordinator_a": UserFactory(role=roles.CENTRE_COORDINATORS, centre=centre_a),
        "coordinator_b": UserFactory(role=roles.CENTRE_COORDINATORS, centre=centre_b),
        "programme": UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None),
        "superuser": UserFactory(is_superuser=True, is_staff=True, centre=None),
    }
    a = users["participant_a"]
    # The course tree first, under the site's home page (the workshops' courses go beside it).
    course = course_factories.CoursePageFactory()
    module = course_factories.ModulePageFactory(parent=course, title="Moduł z quizem")
    plain = course_factories.ModulePageFactory(
        parent=course, title="Moduł bez quizu", with_quiz=False
    )
    restricted = course_factories.CoursePageFactory(
        title="Kurs dla trenerów", slug="kurs-dla-trenerow"
    )
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.TRAINERS)])
    restricted_module = course_factories.ModulePageFactory(
        parent=restricted, title="Moduł dla trenerów", slug="modul-dla-trenerow"
    )
    restricted_plain = course_factories.ModulePageFactory(
        parent=restricted, title="Drugi moduł", with_quiz=False
    )
    unpublished = course_factories.ModulePageFactory(
        parent=course, title="Moduł w przygotowaniu", slug="w-przygotowaniu", live=False
    )
    pages = {
        "course": course.url,
        "restricted": restricted_module.url,
        "unpublished": f"{course.url}{unpublished.slug}/",
    }
    running = [users["trainer_running"]]
    # Each on other dates: A's seat at one must not overlap another (the overlap rule).
    today = timezone.localdate()

    def workshop_in(days, **extra):
        day = today + datetime.timedelta(days=days)
        return WorkshopFactory(
            trainers=running,
            day_one_date=day,
            day_two_date=day + datetime.timedelta(days=1),
            **extra,
        )

    workshop = workshop_in(30)
    draft = workshop_in(40, state=WorkshopState.DRAFT)
    open_workshop = workshop_in(50)
    offering = workshop_in(60)
    approving = workshop_in(70)
    now = timezone.now()

    def enrolment(on, state, **extra):
        return Enrolment.objects.create(
            workshop=on, participant=a, centre=centre_a, state=state, created_by=a, **extra
        ).pk

    enrolments = {
        "confirmed": enrolment(workshop, EnrolmentState.CONFIRMED),
        "offered": enrolment(
            offering,
            EnrolmentState.OFFERED,
            offer_expires_at=now + datetime.timedelta(days=1),
        ),
        "pending": enrolment(approving, EnrolmentState.PENDING_APPROVAL),
    }

    certificate = certificate_services.participant_certificate_issue(
        holder=a,
        enrolment_id=None,
        course_title="Animator lokalny — szkolenie Modelu OSL",
        workshop_dates=[datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)],
        town="Łódź",
        hours=16,
        trainers=["Agnieszka Lewandowska"],
    )
    quality = certificate_services.quality_certificate_issue(
        centre=centre_a,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2029, 1, 1),
        issued_by=None,
    )
    record = CalProgrammeRecord.objects.create(
        centre=centre_a, started_on=datetime.date(2023, 1, 1), local_projects=1
    )
    evidence = CalEvidence(record=record, kind="local_project", description="Sprawozdanie")
    evidence.file.save("sprawozdanie.pdf", ContentFile(b"%PDF-1.4 dowod"), save=True)

    schedule_import = ScheduleImport.objects.create(
        file_name="harmonogram.csv", uploaded_by=users["programme"]
    )

    refused = CalProgrammeRecord.objects.create(
        centre=centre_a, started_on=datetime.date(2022, 1, 1), local_projects=0
    )
    review = certificate_services.cal_record_review(
        record=refused, reviewer=users["programme"], decision="refuse", justification="Za wcześnie."
    )
    snippets = {
        "cms_centre": centre_a.pk,
        "courses_professionalrole": ProfessionalRole.objects.create(
            name="Organizator sieci", slug="organizator-sieci", icon="spark", description="Opis."
        ).pk,
        "network_practicetheme": PracticeTheme.objects.create(name="Wolontariat").pk,
        "enrolment_workshop": draft.pk,
        "enrolment_venue": draft.venue_id,
        "enrolment_centrepolicy": CentrePolicy.objects.create(centre=centre_a).pk,
        "certificates_participantcertificate": certificate.pk,
        "certificates_qualitycertificate": quality.pk,
        "certificates_calprogrammerecord": record.pk,
        "certificates_qualitycriterion": QualityCriterion.objects.create(
            metric=CriterionMetric.LOCAL_PROJECTS, threshold=1
        ).pk,
        "certificates_calreview": review.pk,
        "certificates_signingkey": SigningKey.objects.values_list("pk", flat=True).first(),
    }

    return SimpleNamespace(
        snippets=snippets,
        users={role: user.pk for role, user in users.items()},
        workshop=workshop.code,
        workshop_pk=workshop.pk,
        draft=draft.code,
        open_workshop=open_workshop.code,
        enrolments=enrolments,
        feed_token=calendar_feed_for(user=a).token,
        course=course.pk,
        pages=pages,
        module=module.pk,
        module_without_quiz=plain.pk,
        quiz_id=course_factories.quiz_id_of(module),
        restricted_course=restricted.pk,
        restricted_module=restricted_module.pk,
        restricted_module_without_quiz=restricted_plain.pk,
        restricted_quiz_id=course_factories.quiz_id_of(restricted_module),
        certificate=certificate.verification_code,
        quality=quality.verification_code,
        cal_record=record.pk,
        cal_evidence=evidence.pk,
        schedule_import=schedule_import.pk,
        evidence_file=evidence.file.name,
        certificate_file=certificate.pdf.name,
    )


# --- The matrix --------------------------------------------------------------------------------


class PermissionMatrix(TestCase):
    """One test per case and role (generated below), all in the one world of setUpTestData."""

    @classmethod
    def setUpTestData(cls):
        cls.world = _build_world()

    def request(self, case: Case, role: str, target=None):
        """(user, url, response) of the case's request made as `role`."""
        user = None
        self.client.logout()
        if role != "anonymous":
            user = get_user_model().objects.get(pk=self.world.users[role])
            self.client.force_login(user)
        target = case.kwargs(self.world) if target is None else target
        if isinstance(target, str):  # a page's path (Wagtail's serve view has no named groups)
            url = target
            self.assertEqual(resolve(url).view_name, case.url_name)
        else:
            url = reverse(case.url_name, kwargs=target)
        data = case.data(self.world) if case.data else {}
        return user, url, getattr(self.client, case.method)(url, data)

    @staticmethod
    def refusal(response):
        """How a response refuses: its status, and where a redirect sends the person (Wagtail's
        admin answers a PermissionDenied with a redirect to its dashboard, and a page's privacy
        settings send whoever they keep out to Wagtail's log-in view); None if it does not."""
        if response.status_code in (403, 404):
            return response.status_code
        if response.status_code == 302:
            path = urlsplit(response["Location"]).path
            if path in (
                reverse("account_login"),
                reverse("wagtailadmin_home"),
                reverse("wagtailcore_login"),
            ):
                return path
        return None

    def check(self, case: Case, role: str) -> None:
        user, url, response = self.request(case, role)
        status = response.status_code
        where = f"{role} {case.method.upper()} {url} ({case.id}): {status}"
        self.assertLess(status, 500, where)
        refused = self.refusal(response) is not None
        happened = case.effect(self.world, user) if case.effect else None
        if role in case.allowed:
            self.assertFalse(refused, f"{where}: denied, the matrix allows it")
            self.assertIn(status, case.ok_statuses, where)
            if case.effect:
                self.assertTrue(happened, f"{where}: allowed, but nothing happened")
        else:
            if case.effect:
                self.assertFalse(happened, f"{where}: the matrix denies it, but it happened")
            else:
                self.assertTrue(refused, f"{where}: answered, the matrix denies it")

    def check_unknown_id(self, case: Case) -> None:
        """Whoever is denied learns nothing from an id: the object's own id and an id that
        does not exist are refused in the same way."""
        target = case.kwargs(self.world)
        unknown = {**target, "pk": 10**9}
        for role in sorted(EVERYONE - case.allowed):
            _, url, real = self.request(case, role, target)
            _, _, missing = self.request(case, role, unknown)
            self.assertEqual(self.refusal(real), self.refusal(missing), f"{role} {url} ({case.id})")


def _add_tests():
    urls = our_urls_with_parameters()
    seen = set()
    for case in CASES:
        assert case.id not in seen, f"two cases named {case.id}: give one a variant"
        seen.add(case.id)
        for role in ROLES:

            def test(self, case=case, role=role):
                self.check(case, role)

            test.__name__ = f"test_{case.id}__{role}"
            setattr(PermissionMatrix, test.__name__, test)
        # Our views and choosers only: Wagtail's generic snippet views (edit, history, ...)
        # look the object up before they check permissions, so a missing id is their 404.
        generic = case.url_name.startswith("wagtailsnippets_")
        if "pk" in urls.get(case.url_name, ()) and case.allowed != EVERYONE and not generic:

            def test_unknown(self, case=case):
                self.check_unknown_id(case)

            test_unknown.__name__ = f"test_{case.id}__unknown_id_refused_alike"
            setattr(PermissionMatrix, test_unknown.__name__, test_unknown)


_add_tests()
