"""A course that asks for its e-learning: finishing the modules AFTER the workshop's attendance
was marked issues the certificate that was waiting (courses.signals.course_completed → the task
after commit → the service), exactly once; nothing else changes."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import CertificateStatus, ParticipantCertificate
from cms import roles
from courses import services as courses_services
from courses.models import CourseProgress, QuizAttempt
from enrolment.services import attendance_mark, enrolment_create
from tests.courses import factories as course_factories
from tests.enrolment.factories import WorkshopFactory, participant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return UserFactory(role=roles.TRAINERS, centre=None)


@pytest.fixture
def course():
    """A live course with two modules, each with a quiz, asking for its e-learning."""
    page = course_factories.CoursePageFactory(role=course_factories.ProfessionalRoleFactory())
    page.certificate_requires_elearning = True
    page.save()
    modules = [course_factories.ModulePageFactory(parent=page, title=f"Moduł {i}") for i in (1, 2)]
    return page, modules


def _workshop(course_page, trainer, *, weeks_ago=0):
    day_two = timezone.localdate() - datetime.timedelta(weeks=weeks_ago)
    return WorkshopFactory(
        course=course_page,
        day_one_date=day_two - datetime.timedelta(days=1),
        day_two_date=day_two,
        trainers=[trainer],
    )


def _enrol(person, workshop):
    before = timezone.now() - datetime.timedelta(days=30)
    return enrolment_create(participant=person, workshop=workshop, actor=person, now=before)


def _attend(capture, enrolment, trainer):
    for day in (1, 2):
        with capture(execute=True):
            attendance_mark(
                enrolment=enrolment, day=day, status="present", hours=None, actor=trainer
            )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def _finish_module(capture, person, module, answers=course_factories.RIGHT_ANSWERS):
    with capture(execute=True):
        courses_services.quiz_submit(
            user=person,
            module=module,
            quiz_id=course_factories.quiz_id_of(module),
            answers=answers,
        )
        courses_services.module_complete(user=person, module=module)


def _certificates(person):
    return ParticipantCertificate.objects.filter(holder=person)


def test_modules_finished_after_attendance_issue_exactly_one_certificate(
    course, trainer, django_capture_on_commit_callbacks
):
    page, (first, second) = course
    person = participant(first_name="Zofia", last_name="Łęcka")
    enrolment = _enrol(person, _workshop(page, trainer))
    _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    assert not _certificates(person).exists()  # the e-learning is not done yet

    _finish_module(django_capture_on_commit_callbacks, person, first)
    assert not _certificates(person).exists()  # one module of two: partial, none

    _finish_module(django_capture_on_commit_callbacks, person, second)
    cert = _certificates(person).get()
    assert cert.status == CertificateStatus.ISSUED
    assert cert.enrolment == enrolment
    assert cert.holder_name == "Zofia Łęcka"
    assert cert.course_title == page.title


def test_completing_again_still_leaves_one_certificate(
    course, trainer, django_capture_on_commit_callbacks
):
    page, modules = course
    person = participant()
    enrolment = _enrol(person, _workshop(page, trainer))
    _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    cert = _certificates(person).get()
    # The same steps again (a passing re-take, a repeated "done") send the signal once more.
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    assert list(_certificates(person)) == [cert]

    from certificates.services import participant_certificates_for_completed_course

    assert participant_certificates_for_completed_course(user_id=person.pk, course_id=page.pk) == []
    assert _certificates(person).count() == 1


def test_the_signal_issues_only_after_the_transaction_commits(
    course, trainer, django_capture_on_commit_callbacks
):
    page, (first, second) = course
    person = participant()
    enrolment = _enrol(person, _workshop(page, trainer))
    _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    _finish_module(django_capture_on_commit_callbacks, person, first)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        courses_services.quiz_submit(
            user=person,
            module=second,
            quiz_id=course_factories.quiz_id_of(second),
            answers=course_factories.RIGHT_ANSWERS,
        )
        courses_services.module_complete(user=person, module=second)
    assert callbacks  # queued for after the commit ...
    assert not _certificates(person).exists()  # ... and not issued before it
    # The commit: the signal goes out, and what its receivers defer runs as well.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert _certificates(person).count() == 1


def test_a_course_without_the_requirement_is_unaffected(
    course, trainer, django_capture_on_commit_callbacks
):
    page, modules = course
    page.certificate_requires_elearning = False
    page.save()
    person = participant()
    enrolment = _enrol(person, _workshop(page, trainer))
    _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    cert = _certificates(person).get()  # issued by attendance alone, as before
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    assert list(_certificates(person)) == [cert]


def test_modules_finished_without_a_completed_workshop_issue_none(
    course, trainer, django_capture_on_commit_callbacks
):
    page, modules = course
    person = participant()
    _enrol(person, _workshop(page, trainer))  # signed up, attendance not marked
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    assert CourseProgress.objects.get(user=person, course=page).completed_at is not None
    assert not ParticipantCertificate.objects.exists()


def test_every_completed_workshop_of_the_course_gets_its_certificate(
    course, trainer, django_capture_on_commit_callbacks
):
    page, modules = course
    person = participant()
    other_course_workshop = _workshop(
        course_factories.CoursePageFactory(title="Inny kurs"), trainer, weeks_ago=2
    )
    enrolments = [_enrol(person, _workshop(page, trainer)), _enrol(person, other_course_workshop)]
    for enrolment in enrolments:
        _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    other_cert = _certificates(person).get()  # the other course asks for nothing
    assert other_cert.enrolment == enrolments[1]
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    assert set(_certificates(person).values_list("enrolment_id", flat=True)) == {
        enrolments[0].pk,
        enrolments[1].pk,
    }


def test_a_failed_retake_after_issue_revokes_nothing(
    course, trainer, django_capture_on_commit_callbacks
):
    page, modules = course
    person = participant()
    enrolment = _enrol(person, _workshop(page, trainer))
    _attend(django_capture_on_commit_callbacks, enrolment, trainer)
    for module in modules:
        _finish_module(django_capture_on_commit_callbacks, person, module)
    cert = _certificates(person).get()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = courses_services.quiz_submit(
            user=person,
            module=modules[0],
            quiz_id=course_factories.quiz_id_of(modules[0]),
            answers=course_factories.WRONG_ANSWERS,
        )
    assert not attempt.passed
    assert QuizAttempt.objects.filter(user=person, passed=False).count() == 1
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED  # completion stays; nothing is revoked
    assert CourseProgress.objects.get(user=person, course=page).completed_at is not None
