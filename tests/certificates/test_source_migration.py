"""Migrations 0004-0006: the old strings (source_key "enrolment:<id>", the attendance-correction
reason) become the enrolment foreign key and the revocation kind, and going back writes the
strings again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from certificates.models import CertificateSource, ParticipantCertificate, RevocationKind
from tests.factories import UserFactory

from .factories import CompletedEnrolmentFactory, programme_coordinator

# Rows are made just after 0004 added the new columns (with their defaults), as they stand
# when 0005 runs: migrating back only that far keeps the test to a few table rebuilds.
BEFORE = [("certificates", "0004_certificate_source_and_revocation_kind")]
# Forward again to the newest migration, which the models (and the tests after this one) need.
AFTER = MigrationLoader(None).graph.leaf_nodes("certificates")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_source_keys_and_reasons_become_the_enrolment_and_the_revocation_kind():
    holder, coordinator = UserFactory(), programme_coordinator()
    enrolment = CompletedEnrolmentFactory(participant=holder)
    old = _migrate(BEFORE).get_model("certificates", "ParticipantCertificate")
    day = datetime.date(2026, 3, 12)
    now = timezone.now()

    def row(n, source_key, **fields):
        return old.objects.create(
            number=f"OSL/2026/{n:06d}",
            verification_code=f"CODE{n:08d}",
            holder_id=holder.pk,
            holder_name="Zofia",
            source_key=source_key,
            source="outside",  # what 0004 gave every existing row
            course_title="Kurs",
            workshop_dates=[day.isoformat()],
            first_day=day,
            last_day=day,
            town="Łódź",
            hours=16,
            issuer="OSL",
            **fields,
        ).pk

    withdrawn = row(
        1,
        f"enrolment:{enrolment.pk}",
        status="revoked",
        revoked_at=now,
        revocation_reason="korekta listy obecności",
    )
    by_hand = row(
        2,
        "demo:kurs:zofia@example.pl",
        status="revoked",
        revoked_at=now,
        revoked_by_id=coordinator.pk,
        revocation_reason="korekta listy obecności",
    )
    no_such_enrolment = row(3, "enrolment:999999")
    restored = row(
        4,
        f"enrolment:{enrolment.pk}",
        status="superseded",
        revoked_at=now,
        revocation_reason="korekta listy obecności",
    )

    _migrate(AFTER)
    certs = ParticipantCertificate.objects.in_bulk()
    assert certs[withdrawn].source == CertificateSource.ENROLMENT
    assert certs[withdrawn].enrolment_id == enrolment.pk
    assert certs[withdrawn].revocation_kind == RevocationKind.COMPLETION_WITHDRAWN
    assert certs[restored].enrolment_id == enrolment.pk
    assert certs[restored].revocation_kind == RevocationKind.COMPLETION_WITHDRAWN
    assert certs[by_hand].source == CertificateSource.OUTSIDE
    assert certs[by_hand].enrolment_id is None
    assert certs[by_hand].revocation_kind == RevocationKind.MANUAL
    assert certs[no_such_enrolment].source == CertificateSource.OUTSIDE
    assert certs[no_such_enrolment].revocation_kind == ""

    keys = dict(
        _migrate(BEFORE)
        .get_model("certificates", "ParticipantCertificate")
        .objects.values_list("pk", "source_key")
    )
    assert keys[withdrawn] == keys[restored] == f"enrolment:{enrolment.pk}"
    assert keys[by_hand] == f"outside:{by_hand}"
    _migrate(AFTER)
