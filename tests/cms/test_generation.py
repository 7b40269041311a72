"""Which changes start a new page-cache generation (cms.caching): public content does, at once;
certificates, keys, enrolments and centres never do, so issuing the programme's certificates
keeps every cached page."""

import pytest
from django.urls import reverse

from certificates import keys
from cms.caching import versions as cache
from enrolment import page_cache
from enrolment.services import enrolment_create
from tests.certificates.factories import ParticipantCertificateFactory
from tests.courses import factories as courses
from tests.enrolment.factories import WorkshopFactory, participant
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roles(with_roles):
    pass


def test_issuing_a_certificate_keeps_the_generation():
    holder = UserFactory()
    before = cache.generation()

    ParticipantCertificateFactory(holder=holder)
    ParticipantCertificateFactory(holder=holder)

    assert cache.generation() == before


def test_rotating_a_signing_key_keeps_the_generation():
    keys.current_signing_key()
    before = cache.generation()

    keys.key_rotate()

    assert cache.generation() == before


def test_an_enrolment_keeps_the_generation_and_bumps_only_its_workshop(
    django_capture_on_commit_callbacks,
):
    workshop = WorkshopFactory()
    person = participant()
    before = cache.generation()
    versions = [page_cache.workshop_version(workshop.code)]
    seen = cache.read_versions(versions)

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(participant=person, workshop=workshop, actor=person)

    assert cache.generation() == before
    assert cache.read_versions(versions) != seen


def test_saving_a_centre_keeps_the_generation():
    centre = CentreFactory()
    before = cache.generation()

    centre.phone = "22 123 45 67"
    centre.save()
    CentreFactory()

    assert cache.generation() == before


def test_publishing_a_page_starts_a_new_generation():
    course = courses.CoursePageFactory(live=False)
    before = cache.generation()

    course.save_revision().publish()

    assert cache.generation() != before


def test_changing_a_snippet_shown_on_pages_starts_a_new_generation():
    role = courses.ProfessionalRoleFactory()
    before = cache.generation()

    role.name = "Animatorka lokalna"
    role.save()

    assert cache.generation() != before


def test_editing_a_workshop_refreshes_its_page_in_the_next_request(
    client, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory()
    url = reverse("enrolment:workshop_detail", args=[workshop.code])
    client.get(url)  # cached for anonymous visitors
    seen = cache.read_versions(page_cache.workshop_versions(workshop.code))

    with django_capture_on_commit_callbacks(execute=True):
        workshop.capacity += 5
        workshop.save()

    assert cache.read_versions(page_cache.workshop_versions(workshop.code)) != seen
    assert client.get(url).get("X-Page-Cache") != "hit"
