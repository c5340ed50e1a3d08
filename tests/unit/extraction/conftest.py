"""Fixtures for the extraction tests: no database, no downloaded model, shared material read in place."""

from pathlib import Path

import pytest

from newsclaims.extraction import extract

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir) -> str:
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    assert paths, "the seed article is missing"
    return paths[0].read_text(encoding="utf-8")


@pytest.fixture
def claims():
    """``claims(text, lang)`` -> [(category, low, high, qualifier)] in text order, for compact assertions."""

    def run(text: str, lang: str) -> list[tuple]:
        return [(c.category, c.low, c.high, c.qualifier) for c in extract(text, lang)]

    return run
