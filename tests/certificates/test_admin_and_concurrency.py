import datetime

import pytest

from certificates import services
from certificates.models import CalProgrammeRecord, ParticipantCertificate, SigningKey
from tests.concurrency import run_together
from tests.enrolment.factories import WorkshopFactory
from tests.factories import UserFactory

from .factories import (
    CompletedEnrolmentFactory,
    ParticipantCertificateFactory,
    programme_coordinator,
)

SNIPPETS = [
    "participantcertificate",
    "qualitycertificate",
    "calprogrammerecord",
    "qualitycriterion",
    "calreview",
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPETS)
def test_programme_coordinator_sees_the_admin_listings(client, model):
    cert = ParticipantCertificateFactory(holder__first_name="Zażółć", holder__last_name="Gęślą")
    CalProgrammeRecord.objects.create(
        centre=cert.holder.centre, started_on=datetime.date(2024, 1, 1)
    )
    client.force_login(programme_coordinator())
    response = client.get(f"/admin/snippets/certificates/{model}/", {"q": "Gęślą"})
    assert response.status_code == 200
    if model == "participantcertificate":
        assert cert.number in response.content.decode()
    if model == "calprogrammerecord":
        assert (
            "kryteria i decyzja"
            in client.get(f"/admin/snippets/certificates/{model}/").content.decode()
        )


@pytest.mark.django_db
def test_the_admin_listing_filters_by_source_and_revocation_kind(client):
    holder = UserFactory()
    outside = ParticipantCertificateFactory(holder=holder)
    from_enrolment = ParticipantCertificateFactory(
        holder=holder, enrolment=CompletedEnrolmentFactory(participant=holder)
    )
    revoked = ParticipantCertificateFactory(holder=holder)
    coordinator = programme_coordinator()
    services.certificate_revoke(certificate=revoked, actor=coordinator, reason="błąd")
    client.force_login(coordinator)
    url = "/admin/snippets/certificates/participantcertificate/"

    def listed(**filters):
        body = client.get(url, filters).content.decode()
        return {c.number for c in (outside, from_enrolment, revoked) if c.number in body}

    assert listed(source="enrolment") == {from_enrolment.number}
    assert listed(source="outside") == {outside.number, revoked.number}
    assert listed(revocation_kind="manual") == {revoked.number}
    assert listed(revocation_kind="completion_withdrawn") == set()


@pytest.mark.django_db
def test_issued_certificates_cannot_be_edited_or_deleted_in_the_admin(client):
    cert = ParticipantCertificateFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    base = "/admin/snippets/certificates/participantcertificate"
    assert client.get(f"{base}/inspect/{cert.pk}/").status_code == 200
    assert client.get(f"{base}/edit/{cert.pk}/").status_code in (302, 403)
    assert client.post(f"{base}/delete/{cert.pk}/").status_code in (302, 403)
    assert ParticipantCertificate.objects.filter(pk=cert.pk).exists()


@pytest.mark.django_db
def test_trainer_has_no_certificate_admin(client):
    ParticipantCertificateFactory()
    client.force_login(UserFactory(role="Trenerzy"))
    response = client.get("/admin/snippets/certificates/participantcertificate/")
    assert response.status_code in (302, 403)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_for_one_key_make_one_certificate():
    holder = UserFactory()
    enrolment = CompletedEnrolmentFactory(participant=holder)
    results, errors = run_together(
        lambda: ParticipantCertificateFactory(holder=holder, enrolment=enrolment).pk, [()] * 4
    )
    assert not errors
    assert len(set(results)) == 1
    assert ParticipantCertificate.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_for_different_people_never_share_a_number():
    """Two issuing workers at once, the first certificate of the year included (the counter
    row does not exist yet): every certificate gets its own number, in sequence, no error."""
    holders = [UserFactory() for _ in range(8)]
    workshop = WorkshopFactory()
    sources = {
        holder.pk: CompletedEnrolmentFactory(participant=holder, workshop=workshop)
        for holder in holders
    }
    results, errors = run_together(
        lambda holder: (
            ParticipantCertificateFactory(holder=holder, enrolment=sources[holder.pk]).number
        ),
        [(holder,) for holder in holders],
    )
    assert not errors
    assert sorted(int(number.rsplit("/", 1)[1]) for number in results) == list(range(1, 9))


@pytest.mark.django_db
def test_cal_record_admin_form_accepts_evidence_files(client):
    client.force_login(programme_coordinator())
    response = client.get("/admin/snippets/certificates/calprogrammerecord/add/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'name="evidence-__prefix__-file"' in body
    assert 'name="consultations-__prefix__-consultant"' in body


@pytest.mark.django_db
def test_personal_data_export_lists_own_certificates(client):
    cert = ParticipantCertificateFactory(holder__first_name="Zażółć", holder__last_name="Gęślą")
    other = ParticipantCertificateFactory()
    client.force_login(cert.holder)
    data = client.get("/konto/moje-dane/pobierz/").json()
    assert [c["number"] for c in data["certificates"]] == [cert.number]
    assert other.number not in str(data)


@pytest.mark.django_db
def test_admin_creates_a_cal_record_with_evidence_in_private_storage(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import CentreFactory

    centre = CentreFactory()
    client.force_login(programme_coordinator())
    data = {
        "centre": centre.pk,
        "started_on": "2024-09-01",
        "level_one_trainings_entered": "6",
        "local_projects": "2",
        "partnerships": "1",
        "volunteers": "12",
        "notes": "",
        "consultations-TOTAL_FORMS": "1",
        "consultations-INITIAL_FORMS": "0",
        "consultations-MIN_NUM_FORMS": "0",
        "consultations-MAX_NUM_FORMS": "1000",
        "consultations-0-held_on": "2025-01-15",
        "consultations-0-consultant": "dr Anna Nowak",
        "consultations-0-notes": "",
        "consultations-0-ORDER": "1",
        "consultations-0-id": "",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "volunteers",
        "evidence-0-description": "Lista wolontariuszy",
        "evidence-0-file": SimpleUploadedFile("lista.pdf", b"%PDF-1.4 lista", "application/pdf"),
        "evidence-0-ORDER": "1",
        "evidence-0-id": "",
    }
    response = client.post("/admin/snippets/certificates/calprogrammerecord/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record = CalProgrammeRecord.objects.get(centre=centre)
    assert record.consultations.get().consultant == "dr Anna Nowak"
    evidence = record.evidence.get()
    assert evidence.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not evidence.file.path.startswith(str(settings.MEDIA_ROOT))


KEYS = "/admin/snippets/certificates/signingkey"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["programme coordinator", "superuser"])
def test_the_signing_key_register_is_listed_read_only(client, who):
    from certificates import keys

    kid = keys.current_signing_key()[0]
    row = SigningKey.objects.get(kid=kid)
    if who == "superuser":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    else:
        client.force_login(programme_coordinator())
    response = client.get(f"{KEYS}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert kid in page and "bieżący (podpisuje)" in page
    assert f"{KEYS}/add/" not in page and f"{KEYS}/edit/" not in page
    assert client.get(f"{KEYS}/inspect/{row.pk}/").status_code == 200
    assert client.get(f"{KEYS}/add/").status_code in (302, 403)
    assert client.get(f"{KEYS}/edit/{row.pk}/").status_code in (302, 403)
    assert client.post(f"{KEYS}/delete/{row.pk}/").status_code in (302, 403)
    assert client.post(f"{KEYS}/edit/{row.pk}/", {"status": "withdrawn"}).status_code in (302, 403)
    row.refresh_from_db()
    assert row.status == "current"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Trenerzy", "Uczestnicy", "Koordynatorzy ośrodków"])
def test_others_do_not_see_the_signing_key_register(client, role):
    from certificates import keys

    keys.current_signing_key()
    client.force_login(UserFactory(role=role))
    assert client.get(f"{KEYS}/").status_code in (302, 403)
    assert client.get(f"{KEYS}/inspect/{SigningKey.objects.get().pk}/").status_code in (302, 403)
