"""Shared fixtures. The shared material (seed article, gold set, scorer) is read in place, never copied."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# It lives beside the repository (../shared); a clone elsewhere finds it through NEWSCLAIMS_SHARED_DIR, or at this
# workplace's /work/shared.
SHARED_CANDIDATES = [Path(p) for p in (os.environ.get("NEWSCLAIMS_SHARED_DIR", ""), REPO.parent / "shared",
                                       "/work/shared") if str(p)]
SHARED = next((p for p in SHARED_CANDIDATES if (p / "eval" / "dev.jsonl").is_file()), REPO.parent / "shared")
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (EVAL / "dev.jsonl").is_file():
        # The shared material is part of every checkout the project is built in; missing, it is a broken set-up.
        pytest.fail(f"shared material not found in {[str(c) for c in SHARED_CANDIDATES]}")
    return SHARED


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
