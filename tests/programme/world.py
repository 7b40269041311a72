"""A small programme world with hand-computed figures (tests/programme/test_figures.py).

Enrolments and their history are written directly: these tests are about what the dashboard
reads, and each state and each dated change must be exactly as the expectation says."""

import datetime

from django.utils import timezone

from certificates.models import CertificateStatus, RevocationKind
from cms import roles
from enrolment.models import Enrolment, EnrolmentLog, EnrolmentState, WorkshopState
from tests.certificates.factories import ParticipantCertificateFactory
from tests.enrolment.factories import VenueFactory, WorkshopFactory, course_page
from tests.factories import CentreFactory, UserFactory

S = EnrolmentState


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour)), timezone.get_default_timezone()
    )


def enrol(workshop, person, history, *, completed=False, rank=None):
    """An enrolment whose history is `history`: (state, date) pairs in order; its state now is
    the last one."""
    state = history[-1][0]
    enrolment = Enrolment.objects.create(
        workshop=workshop,
        participant=person,
        centre=person.centre,
        state=state,
        waitlist_rank=rank or (1 if state == S.WAITLISTED else None),
        offer_expires_at=at(history[-1][1]) + datetime.timedelta(days=2)
        if state == S.OFFERED
        else None,
        created_at=at(history[0][1]),
        completed_at=at(workshop.day_two_date, 16) if completed else None,
    )
    previous = ""
    for to_state, day in history:
        EnrolmentLog.objects.create(
            enrolment=enrolment, from_state=previous, to_state=to_state, action="t", at=at(day)
        )
        previous = to_state
    if completed:
        EnrolmentLog.objects.create(
            enrolment=enrolment,
            from_state=state,
            to_state=state,
            action="complete",
            at=at(workshop.day_two_date, 16),
        )
    return enrolment


def build(today: datetime.date) -> dict:
    def days(n):
        return today + datetime.timedelta(days=n)

    intro, role = course_page("Wprowadzenie do Modelu OSL"), course_page("Animator lokalny")
    maz = VenueFactory(voivodeship="mazowieckie")
    mal = VenueFactory(voivodeship="malopolskie")
    published = WorkshopState.PUBLISHED
    w1 = WorkshopFactory(  # held: its second day was yesterday
        venue=maz, course=intro, capacity=10, state=published, day_one_date=days(-2)
    )
    w2 = WorkshopFactory(  # planned: its second day is today
        venue=maz, course=role, capacity=5, state=published, day_one_date=days(-1)
    )
    w3 = WorkshopFactory(
        venue=mal, course=intro, capacity=8, state=WorkshopState.CANCELLED, day_one_date=days(5)
    )
    w4 = WorkshopFactory(
        venue=mal, course=role, capacity=4, state=WorkshopState.FINISHED, day_one_date=days(-40)
    )
    WorkshopFactory(venue=mal, course=intro, capacity=20, state=WorkshopState.DRAFT)

    def person():
        return UserFactory(role=roles.PARTICIPANTS)

    a, b, c, d, e, f, g = (person() for _ in range(7))
    h = UserFactory(role=roles.PARTICIPANTS, centre=CentreFactory(kind="mops"))
    d1 = w1.day_one_date
    w1_a = enrol(w1, a, [(S.CONFIRMED, days(-20))], completed=True)
    enrol(w1, b, [(S.CONFIRMED, days(-20))])  # confirmed at the start, did not complete
    enrol(w1, c, [(S.CONFIRMED, days(-20)), (S.CANCELLED, days(-15))])
    # Waiting, offered, and confirmed only on day one itself: not confirmed *at the start*.
    enrol(
        w1,
        d,
        [(S.WAITLISTED, days(-18)), (S.OFFERED, days(-12)), (S.CONFIRMED, d1)],
        completed=True,
    )
    enrol(w1, e, [(S.PENDING_APPROVAL, days(-20))])
    enrol(w2, a, [(S.CONFIRMED, days(-5))])
    enrol(w2, f, [(S.WAITLISTED, days(-5))])
    enrol(w2, g, [(S.WAITLISTED, days(-6)), (S.OFFERED, days(-3))])
    enrol(w3, h, [(S.CONFIRMED, days(-9)), (S.CANCELLED, days(-8))])
    enrol(w4, a, [(S.CONFIRMED, days(-50))], completed=True)
    w4_h = enrol(w4, h, [(S.CONFIRMED, days(-50))], completed=True)

    def certificate(enrolment):
        return ParticipantCertificateFactory(
            holder=enrolment.participant,
            enrolment=enrolment,
            workshop_dates=[enrolment.workshop.day_one_date, enrolment.workshop.day_two_date],
        )

    certificate(w1_a)  # live: counted
    revoked = certificate(w4_h)  # revoked: not counted
    type(revoked).objects.filter(pk=revoked.pk).update(
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_kind=RevocationKind.MANUAL,
    )
    return {"workshops": [w1, w2, w3, w4], "courses": (intro, role)}
