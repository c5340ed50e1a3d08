"""manage.py ingest and services.article_ingest: formats, bad input, idempotency, updates, one transaction each."""

import io
import json
import sys
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsclaims import services
from newsclaims.extraction.types import ExtractedClaim
from newsclaims.models import Article, Claim, Story


def gold_claims(record: dict) -> list[ExtractedClaim]:
    """The editors' claims of a dev.jsonl article, as the extractor would return them."""
    found = []
    for c in record["claims"]:
        start = record["text"].find(c["quote"])
        if start < 0:
            continue
        found.append(
            ExtractedClaim(
                claimant=c["claimant"][:200], claimant_name=c["claimant"][:200], claimant_party=c.get("side"),
                claimant_kind=None, category=c["category"], subtype=c.get("subtype"), low=c["low"], high=c["high"],
                qualifier=c["qualifier"], vague=c.get("vague", False), victims=c.get("victims", ""),
                victims_party=c.get("victims_side"), sentence=c["quote"], start=start, end=start + len(c["quote"]),
                extractor_version="gold",
            )
        )
    return found


@pytest.fixture
def gold_extractor(monkeypatch, dev_path):
    """Extraction that returns the gold claims of dev.jsonl texts (none for other texts): ingest, tasks and event
    grouping are tested on real articles without depending on how good the extractor is today."""
    by_text = {}
    for line in dev_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_text[services.normalise_text(record["text"])] = gold_claims(record)
    calls = []

    def extract(text, lang=None, *, gazetteer=None):
        calls.append(("extract", lang))
        return list(by_text.get(text, []))

    def extract_many(texts, lang=None, gazetteer=None):
        texts = list(texts)
        calls.append(("extract_many", lang, len(texts)))
        return [list(by_text.get(t, [])) for t in texts]

    fake = SimpleNamespace(
        extract=extract,
        extract_many=extract_many,
        detect_language=lambda text: "da" if any(ch in text for ch in "æøå") else "en",
        EXTRACTOR_VERSION="gold-1",
        calls=calls,
    )
    monkeypatch.setattr("newsclaims.services.articles.extractor", lambda: fake)
    return fake


def ingest(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    failed = None
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        failed = exc
    return SimpleNamespace(out=out.getvalue(), err=err.getvalue(), failed=failed)


pytestmark = pytest.mark.django_db


def test_dev_set_and_seed_ingested_extracted_and_summarised(gold_extractor, dev_path, seed_path):
    result = ingest(dev_path, seed_path)
    lines = len(dev_path.read_text(encoding="utf-8").splitlines())
    assert result.failed is None, result.err
    assert Article.objects.count() == lines  # the seed file is the dev set's first Belgorod article
    claims = Claim.objects.count()
    assert claims > lines
    assert f"ingest: {lines} new, 0 updated, 1 duplicate, 0 failed, {claims} claims extracted" in result.out
    assert not Article.objects.filter(extracted_at__isnull=True).exists()
    assert ("extract_many", "da", 6) in gold_extractor.calls  # batched per language, not one call an article


def test_ingesting_the_same_input_twice_adds_nothing(gold_extractor, dev_path, seed_path):
    ingest(dev_path, seed_path)
    before = (Article.objects.count(), Claim.objects.count(), Story.objects.count())
    again = ingest(dev_path, seed_path)
    assert (Article.objects.count(), Claim.objects.count(), Story.objects.count()) == before
    assert "0 new, 0 updated, 14 duplicate, 0 failed, 0 claims extracted" in again.out


def test_seed_file_keeps_its_date_and_credit_as_metadata(gold_extractor, seed_path):
    ingest(seed_path)
    article = Article.objects.get()
    assert article.published.isoformat() == "2023-05-01" and article.published_precision == "month"
    assert article.wire_credit == "ritzau/Reuters"
    assert article.language == "da"
    assert "ritzau" not in article.text and not article.text.startswith("date")
    assert article.source == str(seed_path)


def test_directories_are_ingested_recursively(gold_extractor, tmp_path, dev_path):
    nested = tmp_path / "feeds" / "2023"
    nested.mkdir(parents=True)
    (nested / "dev.jsonl").write_bytes(dev_path.read_bytes())
    (tmp_path / "note.txt").write_text("date 2024-02-01 A short note about 3 injured people.\n", encoding="utf-8")
    result = ingest(tmp_path, "--language", "en")
    assert result.failed is None
    assert Article.objects.count() == len(dev_path.read_text(encoding="utf-8").splitlines()) + 1
    assert Article.objects.filter(source=str(tmp_path / "note.txt"), language="en").exists()


def test_stdin_is_read_with_a_dash(gold_extractor, monkeypatch):
    data = '{"id": "s1", "text": "To personer blev dræbt i nat.", "outlet": "DR"}\n'
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data.encode())))
    result = ingest("-")
    assert "1 new" in result.out
    article = Article.objects.get()
    assert (article.external_id, article.outlet.name, article.language) == ("s1", "DR", "da")


def test_bad_inputs_are_reported_and_the_run_goes_on(gold_extractor, tmp_path, settings):
    settings.NEWSCLAIMS_MAX_INGEST_FILE_BYTES = 10_000
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Tre dræbt.".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "big.txt").write_text("word " * 3000, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Fire såret i Aarhus.", "language": "da"}\n{broken\n{"text": "x", "language": "de"}\n',
        encoding="utf-8",
    )
    result = ingest(tmp_path)
    assert isinstance(result.failed, CommandError)
    assert "1 new, 0 updated, 0 duplicate, 6 failed" in result.out
    err = result.err
    assert f"{tmp_path / 'empty.txt'}: empty file" in err
    assert f"{tmp_path / 'latin.txt'}: not UTF-8" in err
    assert f"{tmp_path / 'binary.txt'}: binary file" in err
    assert f"{tmp_path / 'big.txt'}: file is" in err and "refused" in err
    assert f"{tmp_path / 'feed.jsonl'}:2: malformed JSON" in err
    assert f"{tmp_path / 'feed.jsonl'}:3: language 'de' is not supported" in err
    assert Article.objects.get().text == "Fire såret i Aarhus."


def test_a_50_megabyte_file_is_refused_with_a_clear_message(gold_extractor, tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = ingest(path)
    assert "files of 50 MB or more are refused" in result.err
    assert Article.objects.count() == 0


def test_corrected_article_updates_the_stored_one_and_keeps_the_editors_claims(gold_extractor, tmp_path):
    first = {"id": "r1", "outlet": "Ritzau", "language": "da", "title": "Brand",
             "text": "Politiet siger, at tre personer er døde efter branden.\n\nEn mand er anholdt."}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(first) + "\n", encoding="utf-8")
    ingest(path)
    article = Article.objects.get()
    start = article.text.index("Politiet")
    confirmed = Claim.objects.create(
        article=article, category="killed", low=3, evidence=article.text[start : article.text.index(".") + 1],
        evidence_start=start, evidence_end=article.text.index(".") + 1, status=Claim.Status.CONFIRMED,
    )
    corrected = dict(first, text="OPDATERET: Branden i nat.\n\n" + first["text"])
    path.write_text(json.dumps(corrected) + "\n", encoding="utf-8")
    result = ingest(path)
    assert "0 new, 1 updated, 0 duplicate" in result.out
    article.refresh_from_db()
    confirmed.refresh_from_db()
    assert Article.objects.count() == 1 and article.text.startswith("OPDATERET")
    assert article.text[confirmed.evidence_start : confirmed.evidence_end] == confirmed.evidence

    assert "0 new, 0 updated, 1 duplicate" in ingest(path).out
    assert "0 new, 0 updated, 1 duplicate" in ingest(path, "--no-update").out


def test_update_is_refused_when_a_reviewed_claims_sentence_is_gone(gold_extractor):
    article = services.article_ingest(text="Seks dræbt ved ulykken.", language="da", url="https://x.example/a").article
    Claim.objects.create(article=article, category="killed", low=6, evidence="Seks dræbt ved ulykken.",
                         evidence_start=0, evidence_end=23, status=Claim.Status.CONFIRMED)
    with pytest.raises(services.IngestError, match="reviewed claim"):
        services.article_ingest(text="Fem dræbt ved ulykken.", language="da", url="https://x.example/a", update=True)
    article.refresh_from_db()
    assert article.text == "Seks dræbt ved ulykken."  # rolled back whole


def test_an_article_is_written_in_one_transaction(gold_extractor, monkeypatch):
    def broken_story(**kwargs):
        raise RuntimeError("signature store down")

    monkeypatch.setattr("newsclaims.services.events.article_assign_story", broken_story)
    with pytest.raises(RuntimeError):
        services.article_ingest(text="Et helt nyt brev om 4 sårede.", language="da", outlet="Nyt Blad")
    assert not Article.objects.exists()
    from newsclaims.models import Outlet

    assert not Outlet.objects.exists()


def test_no_extract_stores_only(gold_extractor, dev_path):
    result = ingest(dev_path, "--no-extract")
    assert "extraction skipped" in result.out
    assert Claim.objects.count() == 0 and gold_extractor.calls == []


def test_extraction_failure_is_reported_and_articles_stay(gold_extractor, dev_path, monkeypatch):
    def broken(texts, lang=None, gazetteer=None):
        raise MemoryError("model too big")

    monkeypatch.setattr(gold_extractor, "extract_many", broken)
    result = ingest(dev_path)
    assert "MemoryError: model too big" in result.err and "manage.py extract" in result.err
    assert Article.objects.count() > 0 and Claim.objects.count() == 0
