"""A GIN index on the search vector Wagtail's PostgreSQL search backend matches on.

The backend (wagtail.search.backends.database, PostgreSQL flavour) matches ``(title || body) @@ query``; the GIN
indexes Wagtail makes are on ``title`` and ``body`` apart, which that expression cannot use, so every search scanned
the whole index table. This index is on the expression itself. Other databases (SQLite for ``make run``) use their
own search and get nothing here.
"""

from django.db import migrations

INDEX = "content_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_dutch_labels"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
