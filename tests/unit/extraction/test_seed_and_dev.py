"""Acceptance: the seed article yields exactly its claims; predict + score.py on dev.jsonl meet the thresholds."""

import io
import json
import re
from contextlib import redirect_stdout

from newsclaims.extraction import extract
from newsclaims.extraction.predict import main as predict_main

KAPUSTIN_PARTIES = {"Ruslands Frivillige Korps", "Russian Volunteer Corps"}


def test_seed_article_yields_exactly_its_claims(seed_article):
    found = extract(seed_article, "da")
    got = sorted((c.claimant_name, c.category, c.low, c.high, c.qualifier) for c in found)
    assert got == sorted([
        ("Denis Kapustin", "wounded", 2, None, "exact"),
        ("Denis Kapustin", "killed", 2, None, "exact"),
        ("Denis Kapustin", "wounded", 10, None, "exact"),
        ("Denis Kapustin", "captured_equipment", 1, None, "exact"),
        ("Denis Kapustin", "captured_equipment", 1, None, "exact"),
        ("Rusland", "killed", 70, None, "more_than"),
    ])
    for c in found:
        assert seed_article[c.start:c.end] == c.sentence
        if c.claimant_name == "Denis Kapustin":
            assert c.claimant_party in KAPUSTIN_PARTIES
            if c.category != "captured_equipment":
                assert c.victims_party in KAPUSTIN_PARTIES  # his own side
        else:
            assert c.claimant_party == "Russia"
            assert "ukrainske nationalister" in c.victims and c.victims_party == "Ukraine"
    equipment = sorted(c.victims for c in found if c.category == "captured_equipment")
    assert "panservogn" in equipment[1] and "antidronevåben" in equipment[0]


def test_seed_article_has_no_claim_from_the_groups_or_our_wounded(seed_article):
    for c in extract(seed_article, "da"):
        assert not c.sentence.startswith("To grupper")
        assert "vores sårede" not in c.sentence


def test_dev_set_meets_the_thresholds(shared_dir, score_module, tmp_path):
    dev = shared_dir / "eval" / "dev.jsonl"
    out = tmp_path / "pred.jsonl"
    assert predict_main([str(dev), "-o", str(out)]) == 0
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        score_module.main([str(dev), str(out)])
    overall = buffer.getvalue().strip().splitlines()[-1]
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", overall)}
    assert figures["f1"] >= 0.85, overall
    assert figures["claimant"] >= 0.9, overall
    assert figures["qualifier"] >= 0.9, overall
    assert figures["distractor_hits"] == 0, overall


def test_predict_reports_malformed_lines_and_goes_on(tmp_path, capsys):
    src = tmp_path / "articles.jsonl"
    src.write_text('{"id": "a", "text": "Tre er dræbt, siger politiet.", "language": "da"}\nnot json\n'
                   '{"id": "b"}\n\n{"id": "c", "text": "Two people were killed, police said."}\n', encoding="utf-8")
    assert predict_main([str(src)]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "c"]
    assert [(c["category"], c["low"]) for c in rows[0]["claims"]] == [("killed", 3)]
    assert "line 2" in captured.err and "line 3" in captured.err


def test_predict_fails_only_when_nothing_could_be_read(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text("garbage\n", encoding="utf-8")
    assert predict_main([str(src)]) == 1


def test_outlet_voice_is_named_outlet_in_predictions(tmp_path, capsys):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Tre fiskere er savnet efter stormen."}) + "\n", encoding="utf-8")
    predict_main([str(src)])
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["claims"][0]["claimant"] == "outlet"
