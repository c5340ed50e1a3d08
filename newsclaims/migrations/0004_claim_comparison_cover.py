"""A covering index for the event page's comparison (`selectors._FIGURES_SQL`), on PostgreSQL.

The comparison groups an event's claims by quantity and side and reads only the columns below: with them all in
the index, PostgreSQL answers from the index alone (an index-only scan, in the order the grouping wants) instead
of visiting one table page per claim — for the biggest events tens of thousands of them.
INCLUDE is PostgreSQL's; SQLite keeps the existing (event, category) index. Like the search indexes of 0003 it is
not part of the model state, so `makemigrations` does not see it.
"""

from django.db import migrations, models

INDEX = models.Index(
    fields=["event", "category", "victims_party", "claimant_party"],
    include=["status", "subtype", "claimant", "low", "high", "qualifier", "vague", "article", "id"],
    name="nc_claim_comparison",
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("newsclaims", "claim"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("newsclaims", "claim"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("newsclaims", "0003_search_wirecopies")]

    operations = [migrations.RunPython(create_index, drop_index)]
