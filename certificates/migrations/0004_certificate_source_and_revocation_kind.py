"""A participant's certificate names its source by a kind and a protected foreign key to the
enrolment (instead of the string source_key); a revocation has a kind. The columns come first,
0005 fills them from the old strings, 0006 drops source_key and adds the constraints."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_signing_key_register"),
        ("enrolment", "0001_initial"),
    ]

    operations = [
        # Dropped first, so that going back restores it only after 0005 wrote the keys again.
        migrations.RemoveConstraint(
            model_name="participantcertificate",
            name="participant_certificate_one_per_source",
        ),
        # A default, so that going back past 0006 can add the column to existing rows again.
        migrations.AlterField(
            model_name="participantcertificate",
            name="source_key",
            field=models.CharField(
                db_index=True,
                default="",
                help_text="Klucz zdarzenia, które dało certyfikat, np. enrolment:123.",
                max_length=120,
                verbose_name="źródło",
            ),
        ),
        migrations.AddField(
            model_name="participantcertificate",
            name="source",
            field=models.CharField(
                choices=[
                    ("enrolment", "szkolenie ukończone na platformie"),
                    ("outside", "szkolenie poza platformą"),
                ],
                db_index=True,
                default="outside",
                max_length=12,
                verbose_name="źródło",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="participantcertificate",
            name="enrolment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="enrolment.enrolment",
                verbose_name="zapis",
            ),
        ),
        migrations.AddField(
            model_name="participantcertificate",
            name="revocation_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("manual", "unieważniony przez koordynatora programu"),
                    ("completion_withdrawn", "ukończenie cofnięte korektą listy obecności"),
                ],
                max_length=24,
                verbose_name="rodzaj unieważnienia",
            ),
        ),
        migrations.AddField(
            model_name="qualitycertificate",
            name="revocation_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("manual", "unieważniony przez koordynatora programu"),
                    ("completion_withdrawn", "ukończenie cofnięte korektą listy obecności"),
                ],
                max_length=24,
                verbose_name="rodzaj unieważnienia",
            ),
        ),
    ]
