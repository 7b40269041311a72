import datetime
import threading

import pytest
from django.db import connection

from certificates.models import CalProgrammeRecord, ParticipantCertificate
from tests.factories import UserFactory

from .factories import issue, programme_coordinator

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
    cert = issue(UserFactory(first_name="Zażółć", last_name="Gęślą"))
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
def test_issued_certificates_cannot_be_edited_or_deleted_in_the_admin(client):
    cert = issue(UserFactory())
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    base = "/admin/snippets/certificates/participantcertificate"
    assert client.get(f"{base}/inspect/{cert.pk}/").status_code == 200
    assert client.get(f"{base}/edit/{cert.pk}/").status_code in (302, 403)
    assert client.post(f"{base}/delete/{cert.pk}/").status_code in (302, 403)
    assert ParticipantCertificate.objects.filter(pk=cert.pk).exists()


@pytest.mark.django_db
def test_trainer_has_no_certificate_admin(client):
    issue(UserFactory())
    client.force_login(UserFactory(role="Trenerzy"))
    response = client.get("/admin/snippets/certificates/participantcertificate/")
    assert response.status_code in (302, 403)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_for_one_key_make_one_certificate():
    holder = UserFactory()
    results, errors = [], []

    def worker():
        try:
            results.append(issue(holder, source_key="enrolment:race").pk)
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1
    assert ParticipantCertificate.objects.filter(source_key="enrolment:race").count() == 1
