import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from certificates import services
from certificates.models import (
    CalConsultation,
    CalProgrammeRecord,
    CriterionMetric,
    QualityCriterion,
)
from tests.factories import CentreFactory, UserFactory

from .factories import ParticipantCertificateFactory, programme_coordinator

pytestmark = pytest.mark.django_db


def test_valid_certificate_page_shows_name_course_and_dates_only(client):
    holder = UserFactory(first_name="Zażółć", last_name="Gęślą", email="zazolc@example.pl")
    cert = ParticipantCertificateFactory(holder=holder)
    response = client.get(f"/certyfikaty/v/{cert.verification_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Certyfikat jest ważny." in body
    assert "Zażółć Gęślą" in body and cert.course_title in body and "12 marca 2026" in body
    for private in ("zazolc@example.pl", holder.centre.name, "Agnieszka Lewandowska"):
        assert private not in body
    assert response["Cache-Control"] == "private, no-store"


def test_codes_are_read_forgivingly(client):
    cert = ParticipantCertificateFactory()
    code = cert.verification_code
    messy = f"{code[:4].lower()}-{code[4:8]} {code[8:]}".replace("0", "O").replace("1", "l")
    response = client.get("/certyfikaty/sprawdz/", {"kod": messy})
    assert response.status_code == 302 and response["Location"].endswith(f"/v/{code}/")


def test_unknown_code_says_so_with_404(client):
    response = client.get("/certyfikaty/v/AAAAAAAAAAAA/")
    assert response.status_code == 404
    assert "Nie znaleźliśmy certyfikatu" in response.content.decode()
    assert client.get("/certyfikaty/v/../").status_code == 404
    bad = client.get("/certyfikaty/sprawdz/", {"kod": "krótki"})
    assert bad.status_code == 200 and "12 znaków" in bad.content.decode()


@override_settings(CERTIFICATES_VERIFY_RATE=(3, 300))
def test_lookups_are_rate_limited_per_ip_with_a_polish_429(client):
    for _ in range(3):
        assert client.get("/certyfikaty/v/AAAAAAAAAAAA/").status_code == 404
    response = client.get("/certyfikaty/v/AAAAAAAAAAAA/")
    assert response.status_code == 429
    assert "Zbyt wiele zapytań" in response.content.decode()
    assert response["Retry-After"]
    other_ip = client.get("/certyfikaty/v/AAAAAAAAAAAA/", REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 404


def _granted_centre(valid_from, valid_until):
    centre = CentreFactory()
    return services.quality_certificate_issue(
        centre=centre, valid_from=valid_from, valid_until=valid_until, issued_by=None
    )


def test_quality_certificate_shows_expired_after_its_validity(client):
    expired = _granted_centre(datetime.date(2020, 1, 1), datetime.date(2023, 1, 1))
    body = client.get(f"/certyfikaty/v/{expired.verification_code}/").content.decode()
    assert "Certyfikat wygasł" in body and expired.centre_name in body
    assert expired.verification_state == "expired"
    current = _granted_centre(datetime.date.today(), datetime.date.today().replace(year=2099))
    body = client.get(f"/certyfikaty/v/{current.verification_code}/").content.decode()
    assert "Certyfikat jest ważny." in body


def test_revocation_page_is_for_programme_coordinators_only(client):
    cert = ParticipantCertificateFactory()
    url = f"/certyfikaty/uniewaznij/{cert.verification_code}/"
    client.force_login(UserFactory(role="Koordynatorzy ośrodków"))
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(programme_coordinator())
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "To pole jest wymagane" in empty.content.decode()
    done = client.post(url, {"reason": "dane niezgodne z listą obecności"}, follow=True)
    assert "unieważniony" in done.content.decode()
    cert.refresh_from_db()
    assert cert.revocation_reason == "dane niezgodne z listą obecności"


def _record(**numbers):
    return CalProgrammeRecord.objects.create(
        centre=CentreFactory(), started_on=datetime.date(2023, 1, 1), **numbers
    )


def test_review_grants_when_criteria_are_met_and_issues_the_certificate():
    QualityCriterion.objects.create(metric=CriterionMetric.LOCAL_PROJECTS, threshold=2)
    QualityCriterion.objects.create(metric=CriterionMetric.LEVEL_ONE_TRAININGS, threshold=5)
    record = _record(local_projects=3, level_one_trainings_entered=6)
    QualityCriterion.objects.create(metric=CriterionMetric.CONSULTATIONS, threshold=1)
    CalConsultation.objects.create(
        record=record, held_on=datetime.date(2024, 2, 1), consultant="dr Nowak"
    )
    review = services.cal_record_review(
        record=record,
        reviewer=programme_coordinator(),
        decision="grant",
        justification="Spełnia kryteria, aktywna sieć partnerów.",
    )
    record.refresh_from_db()
    assert record.status == "granted"
    cert = review.certificate
    assert cert.centre == record.centre and cert.number.startswith("CAL/")
    assert (cert.valid_until - cert.valid_from).days >= 365 * 3
    assert all(r["met"] for r in review.criteria_results)
    with pytest.raises(services.CertificateError):  # a record is decided once
        services.cal_record_review(
            record=record, reviewer=programme_coordinator(), decision="refuse", justification="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # the schema says it too
        services.quality_certificate_issue(
            centre=record.centre,
            valid_from=cert.valid_from,
            valid_until=cert.valid_until,
            issued_by=None,
            record=record,
        )
    correction = services.certificate_reissue(
        certificate=cert, actor=programme_coordinator(), reason="adres", centre_town="Radom"
    )
    assert correction.programme_record == record  # a correction supersedes: one live per record


def test_review_cannot_grant_when_a_criterion_is_not_met_but_can_refuse():
    QualityCriterion.objects.create(metric=CriterionMetric.VOLUNTEERS, threshold=10)
    record = _record(volunteers=4)
    with pytest.raises(services.CertificateError, match="wolontariusze"):
        services.cal_record_review(
            record=record, reviewer=programme_coordinator(), decision="grant", justification="ok"
        )
    with pytest.raises(services.CertificateError):  # justification is required
        services.cal_record_review(
            record=record, reviewer=programme_coordinator(), decision="refuse", justification=""
        )
    review = services.cal_record_review(
        record=record,
        reviewer=programme_coordinator(),
        decision="refuse",
        justification="Za mało wolontariuszy.",
    )
    assert review.certificate is None
    record.refresh_from_db()
    assert record.status == "refused"


def test_review_page_grants_for_programme_coordinators_only(client):
    from django.core.files.base import ContentFile

    from certificates.models import CalEvidence

    record = _record(local_projects=1)
    evidence = CalEvidence(record=record, kind="local_project", description="Sprawozdanie")
    evidence.file.save("sprawozdanie.pdf", ContentFile(b"%PDF-1.4 dowod"), save=True)
    url = f"/certyfikaty/program-cal/{record.pk}/ocena/"
    evidence_url = f"/certyfikaty/program-cal/dowod/{evidence.pk}/"
    own_coordinator = UserFactory(centre=record.centre, role="Koordynatorzy ośrodków")
    for outsider in (
        UserFactory(role="Trenerzy"),
        UserFactory(role="Koordynatorzy ośrodków"),
        own_coordinator,
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        expected = 200 if outsider is own_coordinator else 404
        assert client.get(evidence_url).status_code == expected
    client.force_login(programme_coordinator())
    page = client.get(url)
    assert page.status_code == 200 and "Sprawozdanie" in page.content.decode()
    assert client.get(evidence_url)["Cache-Control"] == "private, no-store"
    missing = client.post(url, {"decision": "grant", "justification": ""})
    assert "To pole jest wymagane" in missing.content.decode()
    granted = client.post(url, {"decision": "grant", "justification": "Spełnia kryteria."})
    assert granted.status_code == 302 and "/certyfikaty/v/" in granted["Location"]
    record.refresh_from_db()
    assert record.status == "granted"


def test_english_site_serves_the_same_verification(client):
    cert = ParticipantCertificateFactory()
    response = client.get(f"/en/certyfikaty/v/{cert.verification_code}/")
    assert response.status_code == 200
    assert cert.number in response.content.decode()


def test_correction_page_reissues_for_programme_coordinators_only(client):
    cert = ParticipantCertificateFactory(holder__first_name="Jan", holder__last_name="Kowalsky")
    url = f"/certyfikaty/korekta/{cert.verification_code}/"
    client.force_login(UserFactory(centre=cert.centre, role="Koordynatorzy ośrodków"))
    assert client.get(url).status_code == 403
    client.force_login(programme_coordinator())
    form = client.get(url)
    assert form.status_code == 200 and "Kowalsky" in form.content.decode()
    data = {
        "holder_name": "Jan Kowalski",
        "course_title": cert.course_title,
        "role_name": cert.role_name,
        "town": cert.town,
        "hours": "16",
        "trainers": ", ".join(cert.trainers),
        "reason": "",
    }
    assert "To pole jest wymagane" in client.post(url, data).content.decode()
    data["reason"] = "literówka w nazwisku"
    done = client.post(url, data)
    assert done.status_code == 302
    cert.refresh_from_db()
    assert cert.status == "superseded"
    assert cert.superseded_by.holder_name == "Jan Kowalski"
    assert cert.superseded_by.trainers == cert.trainers
    unchanged = {**data, "holder_name": "Jan Kowalski"}
    again = client.post(f"/certyfikaty/korekta/{cert.superseded_by.verification_code}/", unchanged)
    assert "niczego nie zmienia" in again.content.decode()
