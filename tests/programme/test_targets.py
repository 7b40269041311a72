"""The programme's targets are a site setting the programme coordinators edit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from programme.models import ProgrammeSettings

pytestmark = pytest.mark.django_db


def _edit_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["programme", "programmesettings", site.pk])


def test_defaults_are_the_programme_of_the_roll_out():
    targets = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    assert (targets.workshops_target, targets.people_target) == (120, 3000)


def test_programme_coordinator_edits_the_targets(client, programme_coordinator):
    client.force_login(programme_coordinator)
    response = client.get(_edit_url())
    assert response.status_code == 200
    assert "Szkolenia do przeprowadzenia" in response.text
    data = {
        "workshops_target": "130",
        "people_target": "3200",
        "period_start": "2027-01-01",
        "period_end": "2028-06-30",
    }
    for prefix in ("voivodeship_targets", "course_targets"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = client.post(_edit_url(), data)
    assert response.status_code == 302, response.text[:2000]
    targets = ProgrammeSettings.objects.get()
    assert (targets.workshops_target, targets.people_target) == (130, 3200)
    assert targets.period_end == datetime.date(2028, 6, 30)


@pytest.mark.parametrize("who", ["participant_user", "trainer", "centre_coordinator"])
def test_others_cannot_edit_the_targets(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_edit_url())
    assert response.status_code in (302, 403)
    assert ProgrammeSettings.objects.count() == 0


def test_period_end_before_start_is_refused_in_polish():
    targets = ProgrammeSettings(
        site=Site.objects.get(is_default_site=True),
        period_start=datetime.date(2028, 1, 1),
        period_end=datetime.date(2027, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        targets.full_clean()
    assert "Koniec programu nie może być przed jego początkiem." in str(exc.value)
