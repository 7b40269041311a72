import pytest

from cms import demo as cms_demo
from enrolment import demo
from enrolment.models import AttendanceRecord, Enrolment, Workshop, WorkshopState


@pytest.mark.django_db
def test_demo_seed_makes_120_workshops_in_16_voivodeships_and_is_idempotent():
    cms_demo.seed()
    demo.seed()
    counts = (Workshop.objects.count(), Enrolment.objects.count(), AttendanceRecord.objects.count())
    assert counts[0] == 120
    assert Workshop.objects.values("venue__voivodeship").distinct().count() == 16
    seats = Workshop.objects.with_seats()
    assert any(w.confirmed_count == w.capacity and w.waitlist_count for w in seats)
    assert Workshop.objects.filter(state=WorkshopState.FINISHED).exists()
    assert Enrolment.objects.filter(completed_at__isnull=False).exists()
    assert all(w.confirmed_count <= w.capacity for w in seats)
    demo.seed()
    assert counts == (
        Workshop.objects.count(),
        Enrolment.objects.count(),
        AttendanceRecord.objects.count(),
    )
