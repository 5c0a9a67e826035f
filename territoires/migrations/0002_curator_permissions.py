"""The curators manage the facilitators' directory and the networks' rendez-vous."""

from django.db import migrations


def install_roles(apps, schema_editor):
    from portal.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("territoires", "0001_initial"),
        ("portal", "0008_organisation_departement"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
