"""The follow-up staff group may extend the reasons to stop, mark their own absences, and keep the regions'
follow-up addresses."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Opvolging aanmeldingen"
PERMISSIONS = [
    ("stopreason", ("add", "change", "view")),
    ("staffabsence", ("add", "change", "delete", "view")),
    ("regionfollowup", ("add", "change", "view")),
]


def codenames():
    return [(model, f"{action}_{model}") for model, actions in PERMISSIONS for action in actions]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("recruitment")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for model, codename in codenames():
        group.permissions.add(
            Permission.objects.get(content_type__app_label="recruitment", content_type__model=model, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="recruitment", codename__in=[codename for _, codename in codenames()]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0005_candidate_path"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
