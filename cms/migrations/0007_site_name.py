"""The site's name, used in the e-mails (cms/account_adapter.py): "Akademia OSL", not the host
the site answers on. Only a default site without a name of its own gets it."""

from django.db import migrations

SITE_NAME = "Akademia OSL"


def forward(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(is_default_site=True, site_name="").update(site_name=SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_outgoing_email"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
