"""The default "Editors" group edits the practice examples, the glossary terms and the site settings (README, "For
editors"). Idempotent: permissions the group already has stay; reversing takes away only these."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
PERMISSIONS = {
    "practiceexample": ["add", "change", "delete", "view"],
    "glossaryterm": ["add", "change", "delete", "view"],
    "sitesettings": ["change", "view"],
}


def editor_permissions(apps):
    app_config = apps.get_app_config("content")
    app_config.models_module = True  # create_permissions skips an app without models; migration states have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label="content", content_type__model=model, codename=f"{action}_{model}"
        )
        for model, actions in PERMISSIONS.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*editor_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*editor_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_article_sources"),
        ("wagtailcore", "0002_initial_data"),  # makes the Editors group
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
