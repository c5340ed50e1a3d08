"""Create the two roles: Editors review, tag and link claims; Viewers read only."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["article", "claim", "claimlink", "claimant", "claimantalias", "event", "outlet", "party", "story", "tag"]
EDITOR_PERMISSIONS = {
    "claim": ["view", "change"],
    "claimlink": ["view", "add", "change", "delete"],
    "tag": ["view", "add", "change"],
    "event": ["view", "add", "change"],
    "claimant": ["view", "add", "change"],
    "claimantalias": ["view", "add", "change", "delete"],
    "party": ["view", "add", "change"],
    "article": ["view", "add", "change"],
    "outlet": ["view", "add"],
    "story": ["view"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(pairs):
        codenames = [f"{action}_{model}" for model, actions in pairs for action in actions]
        return Permission.objects.filter(content_type__app_label="newsclaims", codename__in=codenames)

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(perms(EDITOR_PERMISSIONS.items()))
    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.set(perms((model, ["view"]) for model in MODELS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsclaims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
