"""Factories for the certificates app. Certificates are made through the services, as in
production: a factory's `_create` calls the service, so numbers, seals and audit rows are real."""

import datetime

import factory
from django.utils import timezone

from certificates import services
from certificates.models import ParticipantCertificate
from cms import roles
from enrolment.models import Enrolment, EnrolmentState
from tests.enrolment.factories import WorkshopFactory
from tests.factories import CentreFactory, UserFactory  # noqa: F401


class CompletedEnrolmentFactory(factory.django.DjangoModelFactory):
    """A completed enrolment to issue for (written directly: these tests are about certificates;
    completing through attendance is tests/certificates/test_enrolment_wiring.py's subject)."""

    class Meta:
        model = Enrolment

    workshop = factory.SubFactory(WorkshopFactory)
    participant = factory.SubFactory(UserFactory, role=roles.PARTICIPANTS)
    centre = factory.LazyAttribute(lambda o: o.participant.centre)
    state = EnrolmentState.CONFIRMED
    completed_at = factory.LazyFunction(timezone.now)


class ParticipantCertificateFactory(factory.django.DjangoModelFactory):
    """A certificate issued by certificates.services.participant_certificate_issue: for a training
    outside the platform unless `enrolment` is given (most tests are about the certificate, not
    its source)."""

    class Meta:
        model = ParticipantCertificate

    holder = factory.SubFactory(UserFactory)
    enrolment = None
    workshop_key = "workshop:1"
    course_title = "Animator lokalny — szkolenie Modelu OSL"
    role_name = "Animator lokalny"
    workshop_dates = factory.LazyFunction(
        lambda: [datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)]
    )
    town = "Łódź"
    hours = 16
    trainers = factory.LazyFunction(lambda: ["Agnieszka Lewandowska", "Marek Wójcik"])

    @classmethod
    def _create(cls, model_class, *args, enrolment=None, **kwargs):
        return services.participant_certificate_issue(
            enrolment_id=enrolment.pk if enrolment is not None else None, **kwargs
        )


def programme_coordinator():
    return UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)
