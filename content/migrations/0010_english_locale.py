"""The site's two content languages as Wagtail locales: Dutch (the pages so far, which keep it) and English (issue
15). Reversing it leaves the locales alone: pages may be in them."""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0009_conversation_cards"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
