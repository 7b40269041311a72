"""The wiring between enrolment and certificates: completion by attendance issues exactly one
certificate (through the signal, the task after commit and the service), a withdrawn completion
revokes it, the course's e-learning rule, the Level I counter and the demo."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.models import (
    CalProgrammeRecord,
    CertificateStatus,
    ParticipantCertificate,
    RevocationKind,
)
from certificates.selectors import level_one_trainings_completed
from cms import roles
from courses.models import ModuleCompletion, ModulePage, ProfessionalRole
from enrolment import conf
from enrolment.models import Enrolment
from enrolment.services import attendance_mark, enrolment_create
from tests.enrolment.factories import WorkshopFactory, participant
from tests.factories import PASSWORD, CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return UserFactory(role=roles.TRAINERS, centre=None, first_name="Joanna", last_name="Kamińska")


@pytest.fixture
def running(trainer):
    """A workshop that started yesterday (7 h + 6 h = 13 h), with two confirmed people."""
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    role = ProfessionalRole.objects.create(name="Animator lokalny", slug="animator-lokalny")
    workshop.course.role = role
    workshop.course.save()
    people = [participant(first_name="Małgorzata", last_name="Żurawska"), participant()]
    before = timezone.now() - datetime.timedelta(days=30)
    enrolments = [
        enrolment_create(participant=p, workshop=workshop, actor=p, now=before) for p in people
    ]
    return workshop, enrolments


def _mark(capture, enrolment, trainer, day, status, hours=None):
    with capture(execute=True):
        attendance_mark(enrolment=enrolment, day=day, status=status, hours=hours, actor=trainer)


def _certificates(enrolment):
    return ParticipantCertificate.objects.filter(enrolment=enrolment)


def test_completing_by_attendance_issues_exactly_one_certificate(
    running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    assert not _certificates(enrolment).exists()  # 7 of 13 h: not completed yet
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    cert = _certificates(enrolment).get()
    assert cert.status == CertificateStatus.ISSUED
    assert cert.holder == enrolment.participant
    assert cert.holder_name == "Małgorzata Żurawska"
    assert cert.workshop_key == f"workshop:{workshop.pk}"
    assert cert.course_title == workshop.course.title
    assert cert.role_name == "Animator lokalny"
    assert cert.workshop_dates == [
        workshop.day_one_date.isoformat(),
        workshop.day_two_date.isoformat(),
    ]
    assert cert.town == workshop.venue.town
    assert cert.hours == Decimal("13")
    assert cert.trainers == ["Joanna Kamińska"]
    assert cert.centre_id == enrolment.centre_id
    assert not _certificates(other).exists()  # only the person who completed

    # Marking again: the same mark (no change), then a correction that still completes.
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "partial", "4,5")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # 11.5 of 13 h
    assert (
        services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment.pk) == cert
    )
    assert ParticipantCertificate.objects.count() == 1


def test_the_trainers_attendance_page_issues_one_certificate(
    client, running, trainer, django_capture_on_commit_callbacks
):
    workshop, (a, b) = running
    assert client.login(email=trainer.email, password=PASSWORD)
    for day in (1, 2):
        url = reverse("enrolment:attendance", args=[workshop.code, day])
        for _ in range(2):  # saving the page twice changes nothing
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    url, {f"status_{a.pk}": "present", f"status_{b.pk}": "absent"}, follow=True
                )
            assert "Zapisano obecność" in response.content.decode()
    assert list(ParticipantCertificate.objects.values_list("enrolment_id", flat=True)) == [a.pk]


def test_attendance_below_the_threshold_issues_none(
    running, trainer, django_capture_on_commit_callbacks
):
    assert conf.completion_threshold() == 0.8
    workshop, (enrolment, _other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "partial", "3,3")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # 10.3 of 13 h = 79%
    assert (
        services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment.pk) is None
    )
    assert not ParticipantCertificate.objects.exists()


def test_the_certificates_pdf_holds_the_course_and_the_holders_name(
    running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    cert = _certificates(enrolment).get()
    with cert.pdf.open("rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "Małgorzata Żurawska" in text
    assert workshop.course.title in text
    assert "Animator lokalny" in text
    assert "Joanna Kamińska" in text


def test_a_withdrawn_completion_revokes_the_certificate_with_a_reason(
    client, running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    cert = _certificates(enrolment).get()
    # The correction: the person left on the second day.
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "absent")
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert cert.revocation_kind == RevocationKind.COMPLETION_WITHDRAWN
    assert cert.revocation_reason == "korekta listy obecności"
    assert cert.revoked_by is None and cert.revoked_at is not None
    entry = ModelLogEntry.objects.get(action="osl.certificate.revoke", object_id=str(cert.pk))
    assert entry.user is None
    assert entry.data["reason"] == "korekta listy obecności"
    body = client.get(f"/certyfikaty/v/{cert.verification_code}/").content.decode()
    assert "Certyfikat został unieważniony" in body
    # A repeated signal, or the issuing task running late, changes nothing.
    assert (
        services.participant_certificate_for_withdrawn_completion(enrolment_id=enrolment.pk) is None
    )
    assert (
        services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment.pk) is None
    )
    assert ParticipantCertificate.objects.count() == 1


def test_a_completion_restored_after_the_revocation_gets_a_new_certificate(
    client, running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "absent")
    revoked = _certificates(enrolment).get()
    assert revoked.status == CertificateStatus.REVOKED
    # The trainer finds the person did stay: a second correction completes again.
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    revoked.refresh_from_db()
    new = ParticipantCertificate.objects.get(enrolment=enrolment, status=CertificateStatus.ISSUED)
    assert revoked.status == CertificateStatus.SUPERSEDED
    assert revoked.superseded_by == new
    assert revoked.revocation_reason == "korekta listy obecności"  # its history stays
    assert revoked.revocation_kind == RevocationKind.COMPLETION_WITHDRAWN
    assert new.revocation_kind == ""
    assert new.verification_code != revoked.verification_code
    assert ModelLogEntry.objects.filter(
        action="osl.certificate.reissue", object_id=str(new.pk), user=None
    ).exists()
    body = client.get(f"/certyfikaty/v/{new.verification_code}/").content.decode()
    assert "Certyfikat jest ważny." in body
    # Marking once more changes nothing.
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    assert _certificates(enrolment).count() == 2


def test_restoring_asks_the_revocation_kind_not_the_reason_text(
    running, trainer, django_capture_on_commit_callbacks
):
    """A withdrawn completion is restored whatever its reason says (the wording is evidence and
    may change); a coordinator's revocation is never undone by attendance, even with the same
    words as its reason."""
    workshop, (withdrawn, revoked_by_hand) = running
    for enrolment in (withdrawn, revoked_by_hand):
        _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
        _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    _mark(django_capture_on_commit_callbacks, withdrawn, trainer, 2, "absent")
    _certificates(withdrawn).update(revocation_reason="korekta listy obecności z 3 marca")
    services.certificate_revoke(
        certificate=_certificates(revoked_by_hand).get(),
        actor=UserFactory(role=roles.PROGRAMME_COORDINATORS),
        reason="korekta listy obecności",
    )
    _certificates(revoked_by_hand).update(revoked_by=None)  # not even the actor tells them apart
    _mark(django_capture_on_commit_callbacks, revoked_by_hand, trainer, 2, "absent")
    for enrolment in (withdrawn, revoked_by_hand):
        _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    assert _certificates(withdrawn).filter(status=CertificateStatus.ISSUED).exists()
    assert _certificates(revoked_by_hand).get().revocation_kind == RevocationKind.MANUAL


def test_a_completion_restored_before_the_revocation_runs_keeps_the_certificate(
    running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    cert = _certificates(enrolment).get()
    assert (
        services.participant_certificate_for_withdrawn_completion(enrolment_id=enrolment.pk) is None
    )  # still completed: the task checks again when it runs
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED


def test_a_course_asking_for_its_elearning_issues_only_when_both_hold(
    running, trainer, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    course = workshop.course
    course.certificate_requires_elearning = True
    course.save()
    module = course.add_child(instance=ModulePage(title="Moduł 1", slug="modul-1"))
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 1, "present")
    _mark(django_capture_on_commit_callbacks, enrolment, trainer, 2, "present")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert not ParticipantCertificate.objects.exists()  # the module is not finished
    ModuleCompletion.objects.create(
        user=enrolment.participant, module=module, course=course, module_title=module.title
    )
    cert = services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment.pk)
    assert cert is not None and _certificates(enrolment).get() == cert


def test_level_one_trainings_count_the_centres_completed_enrolments(django_assert_max_num_queries):
    centre, elsewhere = CentreFactory(), CentreFactory()
    record = CalProgrammeRecord.objects.create(
        centre=centre, started_on=datetime.date(2025, 1, 1), level_one_trainings_entered=2
    )
    now = timezone.now()
    workshops = [WorkshopFactory() for _ in range(3)]
    staff = participant(centre=centre)
    for index, workshop in enumerate(workshops):
        Enrolment.objects.create(
            workshop=workshop,
            participant=staff,
            centre=centre,
            state="confirmed",
            completed_at=now if index < 2 else None,  # the third not completed
        )
    # Someone who has since moved to this centre but signed up from elsewhere: not counted.
    Enrolment.objects.create(
        workshop=workshops[2],
        participant=participant(centre=centre),
        centre=elsewhere,
        state="confirmed",
        completed_at=now,
    )
    with django_assert_max_num_queries(1):
        assert level_one_trainings_completed(record) == 2 + 2  # by hand + on the platform
