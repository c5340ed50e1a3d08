"""The project's spaCy components. Both are cheap on sentences without a casualty word: see ``claims.py``.

``newsclaims_sentences`` keeps the sentences of ``sentences.split`` (character offsets) in
``doc._.newsclaims_sentences``; ``doc.sents`` marks the tokens from them when first read. ``newsclaims_claims``
puts ``ExtractedClaim`` objects in ``doc._.newsclaims_claims`` and the numbers they were read from in
``doc.spans[CLAIMS_KEY]``.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import sentences as sentence_splitter
from .attribution import default_gazetteer
from .claims import DocumentClaims
from .lexicon import lexicon
from .numbers import grammar

SENTENCES_EXT = "newsclaims_sentences"
CLAIMS_EXT = "newsclaims_claims"
GAZETTEER_EXT = "newsclaims_gazetteer"  # set before the claims component runs to use other actors
CLAIMS_KEY = "newsclaims_numbers"
EXTRACTOR_VERSION = "rules-2025.1"

TEXT_EXT = "newsclaims_text"  # the text the doc was made from: Doc.text rebuilds the string on every access
ENTITY_KINDS = {"PERSON": "person", "PER": "person", "ORG": "organisation"}  # labels of spaCy's trained pipelines

for _name in (SENTENCES_EXT, CLAIMS_EXT, GAZETTEER_EXT, TEXT_EXT):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc`` that remembers ``text``, so the components need not rebuild it from the tokens."""
    doc = nlp.make_doc(text)
    doc._.set(TEXT_EXT, text)
    return doc


def doc_text(doc: Doc) -> str:
    text = doc._.get(TEXT_EXT)
    if text is None:
        text = doc.text
        doc._.set(TEXT_EXT, text)
    return text


class SentenceMarker:
    """Keeps ``sentences.split``'s boundaries (newlines always end a sentence) in ``doc._.newsclaims_sentences``.

    Nothing in the package reads ``is_sent_start``: the claims component works on the character offsets. So the
    tokens are marked lazily, by a ``doc.sents`` user hook that sets ``SENT_START`` from the offsets on first use
    and then hands over to spaCy (marking every document cost a tenth of the extraction beyond tokenizing). Until
    ``doc.sents`` is read, ``token.is_sent_start`` is unset; documents sent to other processes (``n_process>1``)
    lose the hook, so call ``mark_sentences(doc)`` before serialising one whose sentences you need.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(SENTENCES_EXT, sentence_splitter.split(doc_text(doc)))
        doc.user_hooks["sents"] = _marked_sents
        return doc


def mark_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the tokens of ``doc`` from ``doc._.newsclaims_sentences`` (see ``SentenceMarker``)."""
    doc.user_hooks.pop("sents", None)
    found = doc._.get(SENTENCES_EXT)
    if found is None:
        found = sentence_splitter.split(doc_text(doc))
        doc._.set(SENTENCES_EXT, found)
    if len(doc):
        firsts = numpy.searchsorted(doc.to_array(IDX), [s.start for s in found], side="right") - 1
        marks = numpy.zeros((len(doc), 1), dtype="uint64")  # 0: not a start (1: start)
        marks[0, 0] = 1
        marks[firsts.clip(0), 0] = 1
        doc.from_array([SENT_START], marks)
    return doc


def _marked_sents(doc: Doc):
    yield from mark_sentences(doc).sents


class ClaimExtractor:
    """Finds claims in a document whose sentences were marked by ``newsclaims_sentences``.

    Lexeme flags, computed once per word of the vocabulary, say whether a word may begin a trigger and whether it
    may begin a count; the flags of a document come out as one array, so only sentences holding both are looked at
    in Python.
    """

    def __init__(self, nlp: Language):
        self.lex = lexicon(nlp.lang)
        # A trained pipeline's entity recogniser, when the pipeline has one before this component: its person and
        # organisation names help resolve speakers. The blank pipelines have none and skip the lookup.
        self.ner = any(name in ("ner", "entity_ruler") for name in nlp.pipe_names)
        words, prefixes = self.lex.trigger_flags
        self.flag = nlp.vocab.add_flag(lambda text: (low := text.lower()) in words or low.startswith(prefixes))
        anchor_words = grammar(nlp.lang).anchor_words  # is_anchor_word, without a call per new word
        self.number_flag = nlp.vocab.add_flag(lambda text: text[:1].isdigit() or text.lower() in anchor_words)
        speech_words, speech = self.lex.attribution_flags
        self.speech_flag = nlp.vocab.add_flag(lambda text: (low := text.lower()) in speech_words or
                                              low.startswith(speech))

    def __call__(self, doc: Doc) -> Doc:
        found = doc._.get(SENTENCES_EXT)
        if found is None:
            found = sentence_splitter.split(doc_text(doc))
        gazetteer = doc._.get(GAZETTEER_EXT) or default_gazetteer()
        if len(doc):
            flags = doc.to_array([IDX, self.flag, self.number_flag, self.speech_flag])
            offsets = flags[:, 0]  # taken once: indexing a column is cheaper than a 2-d mask per flag
            flagged, numbers, speech = (offsets[flags[:, k] == 1].tolist() for k in (1, 2, 3))
        else:
            flagged, numbers, speech = [], [], []
        entities = [(e.start_char, e.end_char, ENTITY_KINDS[e.label_]) for e in doc.ents
                    if e.label_ in ENTITY_KINDS] if self.ner else None
        claims = DocumentClaims(doc_text(doc), found, self.lex, gazetteer, EXTRACTOR_VERSION, flagged, numbers,
                                speech, entities).extract()
        doc._.set(CLAIMS_EXT, claims)
        spans = [doc.char_span(c.number_start, c.number_end, alignment_mode="expand") for c in claims]
        doc.spans[CLAIMS_KEY] = [s for s in spans if s is not None]
        return doc


@Language.factory("newsclaims_sentences")
def make_sentence_marker(nlp: Language, name: str) -> SentenceMarker:
    return SentenceMarker()


@Language.factory("newsclaims_claims")
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor(nlp)


__all__ = ["CLAIMS_EXT", "CLAIMS_KEY", "EXTRACTOR_VERSION", "GAZETTEER_EXT", "SENTENCES_EXT", "TEXT_EXT", "doc_text",
           "make_doc", "mark_sentences"]
