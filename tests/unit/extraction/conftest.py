"""Fixtures for the extraction tests: no database, no downloaded model, shared material read in place."""

import importlib.util

import pytest

from newsclaims.extraction import extract


@pytest.fixture(scope="session")
def score_module(shared_dir):
    """The shared scorer, ../shared/eval/score.py, loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture
def cats(claims):
    """``cats(text, lang)`` -> [(category, low)] in text order: the claims fixture, shorter still."""

    def run(text: str, lang: str) -> list[tuple]:
        return [c[:2] for c in claims(text, lang)]

    return run
