"""Fill the source and the revocation kind from the old strings.

source_key "enrolment:<id>" naming an enrolment that exists becomes that enrolment; any other
key (the demo's "demo:...", a key naming no enrolment) is a training outside the platform. A
revocation by the system with the attendance-correction reason was a withdrawn completion;
every other revocation was a coordinator's. Reversible: going back writes "enrolment:<id>"
again, and "outside:<pk>" for the rest (the demo's old keys are not kept)."""

from django.db import migrations

WITHDRAWN_COMPLETION_REASON = "korekta listy obecności"  # the reason 0001-0003 compared


def _enrolment_id(source_key: str) -> int | None:
    kind, _, rest = source_key.partition(":")
    if kind != "enrolment" or not rest.isdigit():
        return None
    return int(rest)


def forwards(apps, schema_editor):
    ParticipantCertificate = apps.get_model("certificates", "ParticipantCertificate")
    QualityCertificate = apps.get_model("certificates", "QualityCertificate")
    Enrolment = apps.get_model("enrolment", "Enrolment")
    wanted = {}
    for pk, key in ParticipantCertificate.objects.values_list("pk", "source_key").iterator():
        enrolment_id = _enrolment_id(key)
        if enrolment_id is not None:
            wanted[pk] = enrolment_id
    existing = set(
        Enrolment.objects.filter(pk__in=set(wanted.values())).values_list("pk", flat=True)
    )
    # Every row came in as "outside" (0004's default): only the enrolments' rows change.
    for pk, enrolment_id in wanted.items():
        if enrolment_id in existing:
            ParticipantCertificate.objects.filter(pk=pk).update(
                source="enrolment", enrolment_id=enrolment_id
            )
    for model in (ParticipantCertificate, QualityCertificate):
        revoked = model.objects.filter(revoked_at__isnull=False)
        revoked.filter(
            revoked_by__isnull=True, revocation_reason=WITHDRAWN_COMPLETION_REASON
        ).update(revocation_kind="completion_withdrawn")
        revoked.filter(revocation_kind="").update(revocation_kind="manual")
        # A revoked row without a date (none are made so) still needs a kind for 0006's check.
        model.objects.filter(status="revoked", revocation_kind="").update(revocation_kind="manual")


def backwards(apps, schema_editor):
    ParticipantCertificate = apps.get_model("certificates", "ParticipantCertificate")
    rows = ParticipantCertificate.objects.values_list("pk", "enrolment_id").iterator()
    for pk, enrolment_id in rows:
        key = f"enrolment:{enrolment_id}" if enrolment_id is not None else f"outside:{pk}"
        ParticipantCertificate.objects.filter(pk=pk).update(source_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_certificate_source_and_revocation_kind"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
