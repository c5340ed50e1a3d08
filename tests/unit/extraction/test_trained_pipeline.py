"""A trained pipeline, when one is installed, is built on: its tokenizer and entity recogniser run before ours.

No trained pipeline can be downloaded on these machines, so the test saves a small one of its own (a blank pipeline
with an entity ruler, which spaCy loads exactly as it loads a trained package) and names it the way an operator would,
with NEWSCLAIMS_SPACY_MODEL_EN.
"""

import spacy

from newsclaims.extraction import CLAIMS_EXT, build_pipeline, trained_pipeline
from newsclaims.extraction.components import make_doc

TEXT = ("Mohammed said 12 people were killed in the raid. The ministry said 30 were missing. Later he said 20 more "
        "had been wounded.")


def run(nlp, text):
    doc = make_doc(nlp, text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.get(CLAIMS_EXT)


def test_without_a_trained_pipeline_the_blank_one_is_built(monkeypatch):
    monkeypatch.delenv("NEWSCLAIMS_SPACY_MODEL_EN", raising=False)
    assert trained_pipeline("en") is None or spacy.util.is_package(trained_pipeline("en"))
    assert build_pipeline.__wrapped__("en").pipe_names[-2:] == ["newsclaims_sentences", "newsclaims_claims"]


def test_a_trained_pipelines_entities_name_the_speakers(tmp_path, monkeypatch):
    trained = spacy.blank("en")
    ruler = trained.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Mohammed"}])
    trained.add_pipe("sentencizer")  # a component the claims do not need: it is taken out
    trained.to_disk(tmp_path / "trained_en")
    monkeypatch.setenv("NEWSCLAIMS_SPACY_MODEL_EN", str(tmp_path / "trained_en"))

    nlp = build_pipeline.__wrapped__("en")
    assert nlp.pipe_names == ["entity_ruler", "newsclaims_sentences", "newsclaims_claims"]
    with_ner = [(c.category, c.low, c.claimant_name) for c in run(nlp, TEXT)]
    assert with_ner == [("killed", 12, "Mohammed"), ("missing", 30, "The ministry"), ("wounded", 20, "Mohammed")]



def test_entities_add_single_word_names_with_their_kind():
    from newsclaims.extraction import sentences
    from newsclaims.extraction.attribution import default_gazetteer
    from newsclaims.extraction.claims import DocumentClaims
    from newsclaims.extraction.lexicon import lexicon

    def names(entities):
        found = DocumentClaims(TEXT, sentences.split(TEXT), lexicon("en"), default_gazetteer(), "x",
                               entities=entities).attribution
        return [(n.name, found.described(n).kind) for n in found.names]

    assert names(None) == []  # a capitalised run of one word is no name without a recogniser
    assert names([(0, 8, "person")]) == [("Mohammed", "person")]
