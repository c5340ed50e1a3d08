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
