"""The audit log refers to people by number (cms/audit.py): entries already written about a
person or their records get the neutral label new entries get, and profile changes keep which
fields changed, not their old and new values."""

from django.db import migrations

# The labels cms.audit.neutral_label gives these models (verbose names, as of this migration).
NEUTRAL = {
    ("cms", "user"): "Użytkownik",
    ("cms", "consentrecord"): "Zgoda",
    ("cms", "centrechangerequest"): "Prośba o zmianę ośrodka",
    ("enrolment", "enrolment"): "Zapis",
    ("enrolment", "attendancerecord"): "Obecność",
    ("enrolment", "calendarfeed"): "Kalendarz osobisty",
}
BATCH = 1000


def _save(Entry, entries, fields):
    for start in range(0, len(entries), BATCH):
        Entry.objects.bulk_update(entries[start : start + BATCH], fields)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("wagtailcore", "ModelLogEntry")
    for (app_label, model), name in NEUTRAL.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        changed = []
        for entry in Entry.objects.filter(content_type=content_type).only("label", "object_id"):
            label = f"{name} #{entry.object_id}"
            if entry.label != label:
                entry.label = label
                changed.append(entry)
        _save(Entry, changed, ["label"])
    changed = []
    for entry in Entry.objects.filter(action="osl.account.profile_change").only("data"):
        data = entry.data
        if isinstance(data, dict) and isinstance(data.get("before"), dict):
            fields = sorted(set(data["before"]) | set(data.get("after") or {}))
            rest = {k: v for k, v in data.items() if k not in ("before", "after")}
            entry.data = {**rest, "fields": fields}
            changed.append(entry)
    _save(Entry, changed, ["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_postal_code_ascii_digits"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
