"""The curators' group (portal.roles.CURATOR) reads every entry of the registry and unpublishes
one with a reason."""

from django.db import migrations


def install_roles(apps, schema_editor):
    from portal.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registre", "0001_initial"),
        ("portal", "0007_curator_role"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
