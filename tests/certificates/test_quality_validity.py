"""The default end of a quality certificate's validity, granted through the review page."""

import datetime

import pytest

from certificates.models import CalProgrammeRecord, QualityCertificate
from tests.factories import CentreFactory

from .factories import programme_coordinator

pytestmark = pytest.mark.django_db


def _review_url(record):
    return f"/certyfikaty/program-cal/{record.pk}/ocena/"


def _record():
    return CalProgrammeRecord.objects.create(
        centre=CentreFactory(), started_on=datetime.date(2023, 1, 1)
    )


def test_grant_from_29_february_ends_on_28_february(client):
    record = _record()
    client.force_login(programme_coordinator())
    response = client.post(
        _review_url(record),
        {"decision": "grant", "justification": "Spełnia kryteria.", "valid_from": "2028-02-29"},
    )
    assert response.status_code == 302 and "/certyfikaty/v/" in response["Location"]
    cert = QualityCertificate.objects.get(centre=record.centre)
    assert cert.valid_from == datetime.date(2028, 2, 29)
    assert cert.valid_until == datetime.date(2031, 2, 28)


@pytest.mark.parametrize("valid_from", ["9999-01-01", "9997-02-28"])
def test_grant_too_far_in_the_future_is_refused_in_polish_and_changes_nothing(client, valid_from):
    record = _record()
    client.force_login(programme_coordinator())
    response = client.post(
        _review_url(record),
        {"decision": "grant", "justification": "Spełnia kryteria.", "valid_from": valid_from},
    )
    assert response.status_code == 200
    assert "Data początku ważności jest zbyt odległa" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "in_progress"
    assert not QualityCertificate.objects.exists()
    assert not record.reviews.exists()


def test_far_start_with_an_explicit_end_is_still_granted(client):
    record = _record()
    client.force_login(programme_coordinator())
    response = client.post(
        _review_url(record),
        {
            "decision": "grant",
            "justification": "Spełnia kryteria.",
            "valid_from": "9999-01-01",
            "valid_until": "9999-12-31",
        },
    )
    assert response.status_code == 302
    assert QualityCertificate.objects.get().valid_until == datetime.date(9999, 12, 31)
