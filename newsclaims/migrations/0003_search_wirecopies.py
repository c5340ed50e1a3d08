"""Wire-copy signatures on articles, and full-text search indexes (GIN) on PostgreSQL.

The indexes are expression indexes built from `newsclaims.search`, which builds the queries from the same
expressions (PostgreSQL uses an expression index only for the very same expression). They are not part of the
model state, so SQLite — which has no text search — gets the field and nothing else.
"""

from django.db import migrations, models


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsclaims.search import search_indexes

    for model_name, index in search_indexes():
        schema_editor.add_index(apps.get_model("newsclaims", model_name), index)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsclaims.search import search_indexes

    for model_name, index in search_indexes():
        schema_editor.remove_index(apps.get_model("newsclaims", model_name), index)


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
