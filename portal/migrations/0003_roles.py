"""Editors, promotion managers and forum moderators as groups (portal.roles).

Wagtail's default « Moderators » group held page, document and image rights: its members join the
forum moderators' group, which holds none, and it is removed; « Editors » becomes « Éditeurs ».
"""

from django.db import migrations


def install_roles(apps, schema_editor):
    from portal.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_pendingindexupdate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="profile",
            options={
                "permissions": [("moderate_forum", "Modérer le forum et les commentaires")],
                "verbose_name": "profil",
                "verbose_name_plural": "profils",
            },
        ),
        migrations.RunPython(install_roles, migrations.RunPython.noop),
    ]
