"""Certificates are made through the services, as in production: factories here are helpers."""

import datetime

from certificates import services
from cms import roles
from tests.factories import CentreFactory, UserFactory  # noqa: F401

_counter = {"n": 0}


def issue(holder, **overrides):
    _counter["n"] += 1
    data = {
        "holder": holder,
        "source_key": f"enrolment:{_counter['n']}",
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
