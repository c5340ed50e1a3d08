"""The spaCy side: blank pipelines with the project's components, sentence marks, batching, language guess."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from newsclaims.extraction import build_pipeline, detect_language, extract, extract_many
from newsclaims.extraction.components import CLAIMS_EXT, CLAIMS_KEY

PACKAGE = Path(__file__).resolve().parents[3] / "newsclaims" / "extraction"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_pipeline_is_blank_plus_our_components_and_cached(lang):
    nlp = build_pipeline(lang)
    assert nlp.lang == lang and nlp.pipe_names == ["newsclaims_sentences", "newsclaims_claims"]
    assert build_pipeline(lang) is nlp


def test_newlines_and_dialogue_dashes_end_sentences():
    nlp = build_pipeline("da")
    doc = nlp("Overskrift uden punktum\nFørste sætning her.\n\n- Et citat, siger han.")
    assert [s.text.strip() for s in doc.sents] == ["Overskrift uden punktum", "Første sætning her.",
                                                  "- Et citat, siger han."]


def test_claims_and_number_spans_are_on_the_doc():
    doc = build_pipeline("en")("Police said 12 people were arrested.")
    assert [c.low for c in doc._.get(CLAIMS_EXT)] == [12]
    assert [s.text for s in doc.spans[CLAIMS_KEY]] == ["12"]


def test_extract_many_equals_extract_one_by_one():
    texts = ["Mindst 7 er dræbt, oplyser politiet.", "Officials said 4 people died.", "", "Intet tal her."]
    assert extract_many(texts) == [extract(t) for t in texts]


@pytest.mark.parametrize(("text", "lang"), [
    ("Politiet siger, at to personer er blevet anholdt efter uroen i nat.", "da"),
    ("Police said two people had been arrested after the unrest overnight.", "en"),
    ("Ærø og Fanø", "da"),
    ("", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_unknown_language_falls_back_to_detection():
    assert extract("Three people were killed, police said.", "fr")[0].low == 3


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_module_of_the_extraction_package_imports_django():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert modules
    offenders = {p.name: n for p in modules for n in _imports(p) if n.split(".")[0] == "django"}
    assert offenders == {}


def test_importing_and_running_the_package_loads_no_django():
    code = ("import sys, newsclaims.extraction as x, newsclaims.extraction.predict, newsclaims.extraction.bench; "
            "x.extract('Tre er dræbt.', 'da'); "
            "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parents[1]).returncode == 0


def test_every_trigger_and_speech_verb_can_be_found_through_lexeme_flags():
    from newsclaims.extraction.lexicon import lexicon

    for lang in ("da", "en"):
        lex = lexicon(lang)
        assert "" not in lex.trigger_prefixes and "" not in lex.attribution_prefixes  # "" would flag every word


def test_lexeme_flag_prefilter_finds_what_a_full_scan_finds(shared_dir):
    """The pipeline (lexeme flags, anchored matching) and a plain regex scan of the text give the same claims."""
    import json

    from newsclaims.extraction import sentences
    from newsclaims.extraction.attribution import default_gazetteer
    from newsclaims.extraction.claims import DocumentClaims
    from newsclaims.extraction.lexicon import lexicon

    for line in (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        text, lang = article["text"], article["language"]
        scanned = DocumentClaims(text, sentences.split(text), lexicon(lang), default_gazetteer(), "x").extract()
        piped = extract(text, lang)
        assert [(c.category, c.low, c.start, c.claimant_name) for c in piped] == \
            [(c.category, c.low, c.start, c.claimant_name) for c in scanned]


def test_sentence_starts_are_marked_on_the_tokens_when_sents_is_first_read():
    nlp = build_pipeline("en")
    doc = nlp("Police said 12 people were arrested. Two more were held.\nA line")
    assert doc.has_annotation("SENT_START")
    assert [s.text.strip() for s in doc.sents] == [
        "Police said 12 people were arrested.", "Two more were held.", "A line"]
    assert [t.text for t in doc if t.is_sent_start] == ["Police", "Two", "A"]
    assert [s.text.strip() for s in doc.sents] == [
        "Police said 12 people were arrested.", "Two more were held.", "A line"]
