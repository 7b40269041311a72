import datetime
import hashlib

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from certificates import services
from certificates.models import (
    CertificateSource,
    CertificateStatus,
    ParticipantCertificate,
    RecordsAreKeptError,
    RevocationKind,
)
from certificates.selectors import certificate_by_code, normalise_code
from tests.factories import UserFactory

from .factories import (
    CompletedEnrolmentFactory,
    ParticipantCertificateFactory,
    programme_coordinator,
)

pytestmark = pytest.mark.django_db


def test_issuing_twice_for_one_enrolment_returns_the_same_certificate():
    holder = UserFactory(first_name="Zażółć", last_name="Gęślą")
    enrolment = CompletedEnrolmentFactory(participant=holder)
    first = ParticipantCertificateFactory(holder=holder, enrolment=enrolment)
    second = ParticipantCertificateFactory(holder=holder, enrolment=enrolment, town="Kraków")
    assert first.pk == second.pk
    assert second.town == "Łódź"  # nothing changed by the second call
    assert enrolment.certificates.get() == first
    assert first.source == CertificateSource.ENROLMENT


def test_database_refuses_a_second_live_certificate_for_one_enrolment():
    holder = UserFactory()
    cert = ParticipantCertificateFactory(
        holder=holder, enrolment=CompletedEnrolmentFactory(participant=holder)
    )
    clone = ParticipantCertificate.objects.get(pk=cert.pk)
    clone.pk = None
    clone.number, clone.verification_code = "OSL/2026/999999", "ZZZZZZZZZZZZ"
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save(force_insert=True)


def test_trainings_outside_the_platform_have_no_enrolment_and_are_not_deduplicated():
    holder = UserFactory()
    first, second = (
        ParticipantCertificateFactory(holder=holder),
        ParticipantCertificateFactory(holder=holder),
    )
    assert first.pk != second.pk
    assert first.source == second.source == CertificateSource.OUTSIDE
    assert first.enrolment is None


@pytest.mark.parametrize(
    "source, with_enrolment",
    [(CertificateSource.ENROLMENT, False), (CertificateSource.OUTSIDE, True)],
)
def test_database_refuses_a_source_that_does_not_match_the_enrolment(source, with_enrolment):
    holder = UserFactory()
    cert = ParticipantCertificateFactory(holder=holder)
    enrolment = CompletedEnrolmentFactory(participant=holder) if with_enrolment else None
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantCertificate.objects.filter(pk=cert.pk).update(source=source, enrolment=enrolment)


def test_an_enrolment_with_a_certificate_cannot_be_deleted():
    holder = UserFactory()
    enrolment = CompletedEnrolmentFactory(participant=holder)
    ParticipantCertificateFactory(holder=holder, enrolment=enrolment)
    with pytest.raises(ProtectedError):
        enrolment.delete()


def test_issue_gives_a_numbered_sealed_certificate_with_snapshot():
    holder = UserFactory(first_name="Zażółć", last_name="Gęślą")
    cert = ParticipantCertificateFactory(holder=holder)
    assert cert.number.startswith(f"OSL/{datetime.date.today().year}/")
    assert len(cert.number.rsplit("/", 1)[1]) == 6
    assert normalise_code(cert.verification_code) == cert.verification_code
    assert cert.holder_name == "Zażółć Gęślą"
    assert cert.centre_id == holder.centre_id
    assert cert.workshop_dates == ["2026-03-12", "2026-03-13"]
    with cert.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == cert.pdf_sha256
    assert cert.credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert cert.credential_jwt.count(".") == 2
    # a later change of the person's name does not touch the issued certificate
    holder.last_name = "Inna"
    holder.save()
    cert.refresh_from_db()
    assert cert.holder_name == "Zażółć Gęślą"


def test_numbers_follow_each_other_and_codes_differ():
    holder = UserFactory()
    a, b = (
        ParticipantCertificateFactory(holder=holder),
        ParticipantCertificateFactory(holder=holder),
    )
    assert int(b.number[-6:]) == int(a.number[-6:]) + 1
    assert a.verification_code != b.verification_code


def test_issue_refuses_an_empty_snapshot():
    with pytest.raises(services.CertificateError):
        ParticipantCertificateFactory(workshop_dates=[])
    with pytest.raises(services.CertificateError):
        ParticipantCertificateFactory(hours=0)
    assert not ParticipantCertificate.objects.exists()


def test_reissue_supersedes_and_the_old_code_verifies_as_superseded(client):
    coordinator = programme_coordinator()
    holder = UserFactory(first_name="Jan", last_name="Kowalsky")
    old = ParticipantCertificateFactory(
        holder=holder, enrolment=CompletedEnrolmentFactory(participant=holder)
    )
    new = services.certificate_reissue(
        certificate=old,
        actor=coordinator,
        reason="literówka w nazwisku",
        holder_name="Jan Kowalski",
    )
    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED
    assert old.superseded_by_id == new.pk
    assert new.holder_name == "Jan Kowalski" and new.number != old.number
    assert new.source == old.source and new.enrolment_id == old.enrolment_id
    # issuing for the same enrolment now returns the correction, not the superseded one
    assert ParticipantCertificateFactory(holder=old.holder, enrolment=old.enrolment).pk == new.pk
    page = client.get(f"/certyfikaty/v/{old.verification_code}/")
    assert "zastąpiony nowszym" in page.content.decode()
    assert f"/certyfikaty/v/{new.verification_code}/" in page.content.decode()
    assert certificate_by_code(new.verification_code).verification_state == "valid"


def test_only_a_programme_coordinator_may_reissue_or_revoke():
    cert = ParticipantCertificateFactory()
    for actor in (cert.holder, UserFactory(role="Trenerzy")):
        with pytest.raises(services.CertificateError):
            services.certificate_revoke(certificate=cert, actor=actor, reason="x")
        with pytest.raises(services.CertificateError):
            services.certificate_reissue(certificate=cert, actor=actor, reason="x", town="Kraków")
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED


def test_revoked_verifies_as_revoked_with_date_and_is_audited(client):
    from wagtail.models import ModelLogEntry

    cert = ParticipantCertificateFactory()
    services.certificate_revoke(certificate=cert, actor=programme_coordinator(), reason="błąd")
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED and cert.revoked_at
    assert cert.revocation_kind == RevocationKind.MANUAL
    body = client.get(f"/certyfikaty/v/{cert.verification_code}/").content.decode()
    assert "unieważniony" in body
    assert str(cert.revoked_at.year) in body
    assert ModelLogEntry.objects.filter(action="osl.certificate.revoke").count() == 1
    with pytest.raises(services.CertificateError):  # revoking twice is refused
        services.certificate_revoke(certificate=cert, actor=programme_coordinator(), reason="x")


@pytest.mark.parametrize(
    "status, kind",
    [
        (CertificateStatus.ISSUED, RevocationKind.MANUAL),
        (CertificateStatus.REVOKED, ""),
    ],
)
def test_database_refuses_a_revocation_kind_that_does_not_match_the_status(status, kind):
    cert = ParticipantCertificateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantCertificate.objects.filter(pk=cert.pk).update(
            status=status, revocation_kind=kind
        )


def test_revoke_needs_a_reason():
    cert = ParticipantCertificateFactory()
    with pytest.raises(services.CertificateError):
        services.certificate_revoke(certificate=cert, actor=programme_coordinator(), reason="  ")


def test_certificates_are_never_deleted():
    cert = ParticipantCertificateFactory()
    with pytest.raises(RecordsAreKeptError):
        cert.delete()
    with pytest.raises(RecordsAreKeptError):
        ParticipantCertificate.objects.all().delete()
