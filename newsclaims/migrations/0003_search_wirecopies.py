"""Wire-copy signatures on articles, and full-text search indexes (GIN) on PostgreSQL.

The indexes are expression indexes whose expressions live in `newsclaims.search`, so that queries repeat them
exactly. SQLite has no text search configurations: there the migration adds the field and nothing else.
"""

from django.db import migrations, models

from newsclaims.search import INDEXES


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN (({expression}))")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("newsclaims", "0002_groups")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="minhash",
            field=models.BinaryField(
                blank=True, editable=False, help_text="MinHash signature of the text, to find wire copies.", null=True
            ),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
