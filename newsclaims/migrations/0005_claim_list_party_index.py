"""An index for the claims list filtered by the claimant's side (and category), on PostgreSQL.

The list counts its matches up to 10,001 (`views.paging.CappedPaginator`); by side, or side and category, with the
status in the index that count reads the index alone — a few milliseconds at a million claims instead of visiting
up to tens of thousands of table pages. INCLUDE is PostgreSQL's; as with 0003 and 0004, the index is not part of
the model state and SQLite does without it.
"""

from django.db import migrations, models

INDEX = models.Index(fields=["claimant_party", "category"], include=["status"], name="nc_claim_party_category")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("newsclaims", "claim"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("newsclaims", "claim"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("newsclaims", "0004_claim_comparison_cover")]

    operations = [migrations.RunPython(create_index, drop_index)]
