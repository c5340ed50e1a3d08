"""Shared fixtures. Paths to the shared material are read from ../shared, never copied into the repo."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"the seed article is missing from {SEEDS}"
    return paths[0]


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dev_path() -> Path:
    return EVAL / "dev.jsonl"


@pytest.fixture
def demo_data(db):
    """The demo set, loaded through the management command's loader."""
    import json

    from newsclaims.management.commands.load_demo import DEMO_FILE, load_demo

    return load_demo(json.loads(DEMO_FILE.read_text(encoding="utf-8")))


def ensure_role(name: str):
    """The group `name` ("Editors" or "Viewers") as migration 0002 creates it.

    Transactional tests (live_server, threads) flush every table afterwards, the migration's groups included,
    so a later test cannot rely on them being there.
    """
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=name).exists():
        importlib.import_module("newsclaims.migrations.0002_groups").create_groups(apps, None)
    return Group.objects.get(name=name)
