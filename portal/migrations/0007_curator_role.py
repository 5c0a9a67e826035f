"""The curators' group (portal.roles.CURATOR), who review what members contribute."""

from django.db import migrations


def install_roles(apps, schema_editor):
    from portal.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_organisation_memberships")]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
