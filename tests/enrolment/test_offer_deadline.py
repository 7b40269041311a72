"""Time rules for offers of a freed seat, with a controlled clock (every service takes `now`):
an offer never expires later than the sign-up closing or the workshop's start, whichever is
first, and cannot be accepted after it."""

import datetime

import pytest
from django.utils import timezone

from enrolment.models import EnrolmentState
from enrolment.services import (
    EnrolmentError,
    enrolment_accept_offer,
    enrolment_cancel,
    enrolment_create,
    offers_expire,
)
from enrolment.services.waitlist import offer_deadline

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def full_workshop(**fields):
    """A one-seat workshop, its holder and one person waiting, signed up long before."""
    workshop = WorkshopFactory(capacity=1, **fields)
    long_ago = workshop.starts_at - datetime.timedelta(days=20)
    holder, waiting = participant(), participant()
    seat = enrolment_create(participant=holder, workshop=workshop, actor=holder, now=long_ago)
    offer = enrolment_create(participant=waiting, workshop=workshop, actor=waiting, now=long_ago)
    assert offer.state == EnrolmentState.WAITLISTED
    return workshop, seat, offer


def open_until_start():
    """A workshop whose sign-up stays open until it starts (so the start is the first limit)."""
    day = timezone.localdate() + datetime.timedelta(days=30)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return {"day_one_date": day, "signup_closes_at": starts}


def test_an_offer_made_3_hours_before_the_start_expires_at_the_start():
    workshop, seat, offer = full_workshop(**open_until_start())
    now = workshop.starts_at - 3 * HOUR
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.OFFERED
    assert offer.offer_expires_at == workshop.starts_at  # not now + 48 hours

    with pytest.raises(EnrolmentError) as refused:
        enrolment_accept_offer(
            enrolment=offer, actor=offer.participant, now=workshop.starts_at + HOUR / 60
        )
    assert refused.value.code == "offer_expired"
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.EXPIRED


def test_an_offer_made_3_hours_before_the_start_can_be_accepted_before_it():
    workshop, seat, offer = full_workshop(**open_until_start())
    now = workshop.starts_at - 3 * HOUR
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    offer.refresh_from_db()
    enrolment_accept_offer(enrolment=offer, actor=offer.participant, now=now + 2 * HOUR)
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.CONFIRMED


def test_the_sign_up_closing_comes_first():
    fields = open_until_start()
    closes = fields["signup_closes_at"] - datetime.timedelta(days=1)
    workshop, seat, offer = full_workshop(**{**fields, "signup_closes_at": closes})
    now = closes - 5 * HOUR
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    offer.refresh_from_db()
    assert offer.offer_expires_at == closes == offer_deadline(workshop)
    # The periodic job expires it at the closing, not 48 hours after the offer.
    assert offers_expire(now=closes - HOUR / 60) == 0
    assert offers_expire(now=closes) == 1
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.EXPIRED


def test_far_from_both_limits_the_offer_lasts_its_48_hours(settings):
    settings.ENROLMENT_OFFER_HOURS = 48
    workshop, seat, offer = full_workshop()
    now = workshop.effective_signup_closes_at - datetime.timedelta(days=5)
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    offer.refresh_from_db()
    assert offer.offer_expires_at == now + 48 * HOUR


def test_no_offer_is_made_once_the_sign_up_has_closed():
    workshop, seat, offer = full_workshop()
    now = workshop.effective_signup_closes_at + HOUR
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.WAITLISTED
    assert offer.offer_expires_at is None


def test_an_offer_cannot_be_accepted_after_the_workshop_moved_earlier():
    """The deadline is checked again on acceptance: the offer's own expiry may predate a
    change of the sign-up closing."""
    workshop, seat, offer = full_workshop(**open_until_start())
    now = workshop.starts_at - 3 * HOUR
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    workshop.signup_closes_at = now + HOUR
    workshop.save(update_fields=["signup_closes_at"])
    offer.refresh_from_db()
    with pytest.raises(EnrolmentError):
        enrolment_accept_offer(enrolment=offer, actor=offer.participant, now=now + 2 * HOUR)
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.EXPIRED
