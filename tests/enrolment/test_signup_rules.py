"""Sign-up rules of enrolment_create and the waiting list, with a controlled clock."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms import roles
from enrolment.models import (
    CentrePolicy,
    CreatedVia,
    Enrolment,
    EnrolmentLog,
    EnrolmentState,
    WorkshopState,
)
from enrolment.services import (
    EnrolmentError,
    enrolment_accept_offer,
    enrolment_approve,
    enrolment_cancel,
    enrolment_create,
    enrolment_decline_offer,
    enrolment_reject,
    offers_expire,
    waitlist_move,
    workshop_cancel,
    workshop_set_capacity,
)
from tests.factories import CentreFactory, UserFactory

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def sign_up(person, workshop, **kwargs):
    return enrolment_create(participant=person, workshop=workshop, actor=person, **kwargs)


def test_sign_up_confirms_when_a_seat_is_free_and_sends_confirmation_with_ics(
    person, workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = sign_up(person, workshop)
    assert enrolment.state == EnrolmentState.CONFIRMED
    assert enrolment.centre_id == person.centre_id
    assert enrolment.created_via == CreatedVia.SELF
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Potwierdzenie udziału" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    name, ics, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert ics.count("BEGIN:VEVENT") == 2
    log = EnrolmentLog.objects.get(enrolment=enrolment)
    assert (log.from_state, log.to_state, log.actor) == ("", "confirmed", person)


def test_full_workshop_puts_people_on_the_waiting_list_in_order(
    person, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(capacity=1)
    sign_up(person, workshop)
    second, third = participant(), participant()
    e2 = sign_up(second, workshop)
    with django_capture_on_commit_callbacks(execute=True):
        e3 = sign_up(third, workshop)
    assert (e2.state, e3.state) == (EnrolmentState.WAITLISTED, EnrolmentState.WAITLISTED)
    assert e2.waitlist_rank < e3.waitlist_rank
    assert "Lista rezerwowa" in mail.outbox[-1].subject
    assert "miejsce 2" in mail.outbox[-1].body


def test_duplicate_sign_up_is_refused_in_polish_and_changes_nothing(person, workshop):
    sign_up(person, workshop)
    with pytest.raises(EnrolmentError) as err:
        sign_up(person, workshop)
    assert err.value.code == "duplicate"
    assert "już zapisana" in err.value.message
    assert Enrolment.objects.count() == 1


def test_database_refuses_a_second_active_enrolment_even_without_the_service(person, workshop):
    sign_up(person, workshop)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(workshop=workshop, participant=person, state="confirmed")


def test_sign_up_again_after_cancelling_is_allowed(person, workshop):
    first = sign_up(person, workshop)
    enrolment_cancel(enrolment=first, actor=person)
    again = sign_up(person, workshop)
    assert again.state == EnrolmentState.CONFIRMED
    assert Enrolment.objects.filter(participant=person).count() == 2


def test_closed_window_is_refused(person):
    workshop = WorkshopFactory(signup_closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(EnrolmentError) as err:
        sign_up(person, workshop)
    assert err.value.code == "window_closed"
    assert "zamknięte" in err.value.message
    assert not Enrolment.objects.exists()


def test_window_closes_by_default_n_days_before_day_one(person, settings):
    settings.ENROLMENT_SIGNUP_CLOSES_DAYS_BEFORE = 7
    workshop = WorkshopFactory()
    closes = workshop.effective_signup_closes_at
    assert closes.date() == workshop.day_one_date - datetime.timedelta(days=7)
    with pytest.raises(EnrolmentError) as err:
        sign_up(person, workshop, now=closes + datetime.timedelta(minutes=1))
    assert err.value.code == "window_closed"
    assert sign_up(person, workshop, now=closes - datetime.timedelta(minutes=1)).pk


def test_window_not_yet_open_is_refused(person):
    workshop = WorkshopFactory(signup_opens_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(EnrolmentError) as err:
        sign_up(person, workshop)
    assert err.value.code == "window_not_open"
    assert "jeszcze się nie rozpoczęły" in err.value.message


@pytest.mark.parametrize("state", [WorkshopState.DRAFT, WorkshopState.CANCELLED])
def test_unpublished_or_cancelled_workshop_is_refused(person, state):
    workshop = WorkshopFactory(state=state)
    with pytest.raises(EnrolmentError):
        sign_up(person, workshop)
    assert not Enrolment.objects.exists()


def test_overlapping_dates_with_another_confirmed_workshop_are_refused(person, workshop):
    sign_up(person, workshop)
    clash = WorkshopFactory(
        day_one_date=workshop.day_two_date,
        day_two_date=workshop.day_two_date + datetime.timedelta(days=1),
    )
    with pytest.raises(EnrolmentError) as err:
        sign_up(person, clash)
    assert err.value.code == "overlap"
    assert workshop.code in err.value.message
    later = WorkshopFactory(day_one_date=workshop.day_two_date + datetime.timedelta(days=1))
    assert sign_up(person, later).state == EnrolmentState.CONFIRMED


def test_unverified_account_cannot_sign_up(workshop):
    stranger = UserFactory(verified=False)
    with pytest.raises(EnrolmentError) as err:
        sign_up(stranger, workshop)
    assert err.value.code == "not_participant"


def test_centre_cap_sends_the_extra_person_to_the_waiting_list(centre):
    workshop = WorkshopFactory(capacity=10, centre_cap=2)
    a, b, c = (participant(centre=centre) for _ in range(3))
    other = participant()
    assert sign_up(a, workshop).state == EnrolmentState.CONFIRMED
    assert sign_up(b, workshop).state == EnrolmentState.CONFIRMED
    assert sign_up(c, workshop).state == EnrolmentState.WAITLISTED
    assert sign_up(other, workshop).state == EnrolmentState.CONFIRMED


def test_centre_coordinator_signs_up_own_staff_only(centre, centre_coordinator, workshop):
    staff = participant(centre=centre)
    enrolment = enrolment_create(participant=staff, workshop=workshop, actor=centre_coordinator)
    assert enrolment.created_via == CreatedVia.CENTRE_COORDINATOR
    assert enrolment.created_by == centre_coordinator
    outsider = participant(centre=CentreFactory())
    with pytest.raises(EnrolmentError) as err:
        enrolment_create(participant=outsider, workshop=workshop, actor=centre_coordinator)
    assert err.value.code == "not_your_staff"
    assert not Enrolment.objects.filter(participant=outsider).exists()


def test_another_participant_cannot_sign_someone_up(person, workshop):
    with pytest.raises(EnrolmentError):
        enrolment_create(participant=participant(), workshop=workshop, actor=person)


def test_centre_requiring_approval_holds_the_seat_until_the_coordinator_approves(
    centre, centre_coordinator
):
    CentrePolicy.objects.create(centre=centre, requires_approval=True)
    workshop = WorkshopFactory(capacity=1)
    staff = participant(centre=centre)
    enrolment = sign_up(staff, workshop)
    assert enrolment.state == EnrolmentState.PENDING_APPROVAL
    assert sign_up(participant(), workshop).state == EnrolmentState.WAITLISTED
    with pytest.raises(EnrolmentError):
        enrolment_approve(enrolment=enrolment, actor=UserFactory(role=roles.CENTRE_COORDINATORS))
    enrolment_approve(enrolment=enrolment, actor=centre_coordinator)
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.CONFIRMED


def test_rejected_approval_frees_the_seat_for_the_waiting_list(centre, centre_coordinator):
    CentrePolicy.objects.create(centre=centre, requires_approval=True)
    workshop = WorkshopFactory(capacity=1)
    pending = sign_up(participant(centre=centre), workshop)
    waiting = sign_up(participant(), workshop)
    enrolment_reject(enrolment=pending, actor=centre_coordinator, reason="brak zastępstwa")
    waiting.refresh_from_db()
    assert waiting.state == EnrolmentState.OFFERED


def test_coordinator_sign_up_counts_as_approval(centre, centre_coordinator, workshop):
    CentrePolicy.objects.create(centre=centre, requires_approval=True)
    staff = participant(centre=centre)
    enrolment = enrolment_create(participant=staff, workshop=workshop, actor=centre_coordinator)
    assert enrolment.state == EnrolmentState.CONFIRMED


# --- waiting list, offers and expiry with a controlled clock -------------------------------


@pytest.fixture
def full_workshop():
    workshop = WorkshopFactory(capacity=1)
    holder = participant()
    seat = sign_up(holder, workshop)
    first, second = participant(), participant()
    return workshop, seat, sign_up(first, workshop), sign_up(second, workshop)


def test_cancelling_offers_the_seat_to_the_first_on_the_list(
    full_workshop, settings, django_capture_on_commit_callbacks
):
    settings.ENROLMENT_OFFER_HOURS = 48
    workshop, seat, first, second = full_workshop
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    seat.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert seat.state == EnrolmentState.CANCELLED  # kept, not deleted
    assert first.state == EnrolmentState.OFFERED
    assert first.offer_expires_at == now + datetime.timedelta(hours=48)
    assert second.state == EnrolmentState.WAITLISTED
    subjects = [m.subject for m in mail.outbox]
    assert any("Anulowano zapis" in s for s in subjects)
    assert any("Zwolniło się miejsce" in s for s in subjects)


def test_accepting_an_offer_in_time_confirms(full_workshop):
    workshop, seat, first, second = full_workshop
    now = timezone.now()
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    enrolment_accept_offer(
        enrolment=first, actor=first.participant, now=now + datetime.timedelta(hours=47)
    )
    first.refresh_from_db()
    assert first.state == EnrolmentState.CONFIRMED


def test_expired_offer_passes_to_the_next_person(full_workshop):
    workshop, seat, first, second = full_workshop
    now = timezone.now()
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    assert offers_expire(now=now + datetime.timedelta(hours=47)) == 0
    assert offers_expire(now=now + datetime.timedelta(hours=48, seconds=1)) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == EnrolmentState.EXPIRED
    assert second.state == EnrolmentState.OFFERED


def test_accepting_a_stale_offer_is_refused_and_passes_it_on(full_workshop):
    workshop, seat, first, second = full_workshop
    now = timezone.now()
    enrolment_cancel(enrolment=seat, actor=seat.participant, now=now)
    with pytest.raises(EnrolmentError) as err:
        enrolment_accept_offer(
            enrolment=first, actor=first.participant, now=now + datetime.timedelta(hours=49)
        )
    assert err.value.code == "offer_expired"
    second.refresh_from_db()
    assert second.state == EnrolmentState.OFFERED


def test_declining_an_offer_passes_it_on(full_workshop):
    workshop, seat, first, second = full_workshop
    enrolment_cancel(enrolment=seat, actor=seat.participant)
    enrolment_decline_offer(enrolment=first, actor=first.participant)
    second.refresh_from_db()
    assert second.state == EnrolmentState.OFFERED


def test_capacity_increase_offers_seats_to_the_waiting_list(full_workshop, programme_coordinator):
    workshop, seat, first, second = full_workshop
    workshop_set_capacity(workshop=workshop, capacity=3, actor=programme_coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (EnrolmentState.OFFERED, EnrolmentState.OFFERED)


def test_capacity_cannot_drop_below_seats_taken(full_workshop, programme_coordinator):
    workshop, *_ = full_workshop
    workshop.capacity = 1
    with pytest.raises(EnrolmentError):
        workshop_set_capacity(workshop=workshop, capacity=0, actor=programme_coordinator)


def test_coordinator_reorders_the_waiting_list_with_a_logged_reason(
    full_workshop, programme_coordinator
):
    workshop, seat, first, second = full_workshop
    with pytest.raises(EnrolmentError) as err:
        waitlist_move(enrolment=second, position=1, actor=programme_coordinator, reason=" ")
    assert err.value.code == "reason_required"
    waitlist_move(
        enrolment=second, position=1, actor=programme_coordinator, reason="osoba z małej gminy"
    )
    log = EnrolmentLog.objects.filter(enrolment=second, action="waitlist_move").get()
    assert log.reason == "osoba z małej gminy"
    assert log.actor == programme_coordinator
    assert log.data == {"from_position": 2, "to_position": 1}
    enrolment_cancel(enrolment=seat, actor=seat.participant)
    second.refresh_from_db()
    assert second.state == EnrolmentState.OFFERED


def test_participant_cannot_reorder_the_waiting_list(full_workshop):
    workshop, seat, first, second = full_workshop
    with pytest.raises(EnrolmentError):
        waitlist_move(enrolment=second, position=1, actor=second.participant, reason="proszę")


def test_waiting_list_skips_people_whose_centre_is_at_its_cap(centre):
    workshop = WorkshopFactory(capacity=2, centre_cap=1)
    holder = sign_up(participant(centre=centre), workshop)
    sign_up(participant(), workshop)
    same_centre = sign_up(participant(centre=centre), workshop)
    other = sign_up(participant(), workshop)
    assert same_centre.state == EnrolmentState.WAITLISTED
    outsider_seat = Enrolment.objects.filter(workshop=workshop, state="confirmed").exclude(
        pk=holder.pk
    )[0]
    enrolment_cancel(enrolment=outsider_seat, actor=outsider_seat.participant)
    same_centre.refresh_from_db()
    other.refresh_from_db()
    assert same_centre.state == EnrolmentState.WAITLISTED
    assert other.state == EnrolmentState.OFFERED


def test_cancelling_the_workshop_cancels_everyone_and_tells_them(
    full_workshop, programme_coordinator, django_capture_on_commit_callbacks
):
    workshop, *_ = full_workshop
    with django_capture_on_commit_callbacks(execute=True):
        workshop_cancel(workshop=workshop, actor=programme_coordinator, reason="choroba trenera")
    assert set(Enrolment.objects.values_list("state", flat=True)) == {"cancelled"}
    assert Enrolment.objects.count() == 3
    assert len(mail.outbox) == 3
    assert all("odwołane" in m.subject for m in mail.outbox)


def test_cannot_cancel_after_the_workshop_started(person, workshop):
    enrolment = sign_up(person, workshop)
    with pytest.raises(EnrolmentError) as err:
        enrolment_cancel(
            enrolment=enrolment,
            actor=person,
            now=workshop.starts_at + datetime.timedelta(minutes=5),
        )
    assert err.value.code == "started"


def test_someone_else_cannot_cancel_my_enrolment(person, workshop):
    enrolment = sign_up(person, workshop)
    with pytest.raises(EnrolmentError):
        enrolment_cancel(enrolment=enrolment, actor=participant())
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.CONFIRMED
