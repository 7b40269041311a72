"""Certificates are made through the services, as in production: factories here are helpers."""

import datetime

from django.utils import timezone

from certificates import services
from cms import roles
from enrolment.models import Enrolment, EnrolmentState
from tests.enrolment.factories import WorkshopFactory
from tests.factories import CentreFactory, UserFactory  # noqa: F401


def completed_enrolment(participant, workshop=None) -> Enrolment:
    """A completed enrolment to issue for (made directly: these tests are about certificates;
    completing through attendance is tests/certificates/test_enrolment_wiring.py's subject)."""
    return Enrolment.objects.create(
        workshop=workshop or WorkshopFactory(),
        participant=participant,
        centre=participant.centre,
        state=EnrolmentState.CONFIRMED,
        completed_at=timezone.now(),
    )


def issue(holder, **overrides):
    """A certificate for a training outside the platform unless `enrolment_id` is given (no
    workshop to make: most tests are about the certificate, not its source)."""
    data = {
        "holder": holder,
        "enrolment_id": None,
        "workshop_key": "workshop:1",
        "course_title": "Animator lokalny — szkolenie Modelu OSL",
        "role_name": "Animator lokalny",
        "workshop_dates": [datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)],
        "town": "Łódź",
        "hours": 16,
        "trainers": ["Agnieszka Lewandowska", "Marek Wójcik"],
    }
    data.update(overrides)
    return services.participant_certificate_issue(**data)


def programme_coordinator():
    return UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)
