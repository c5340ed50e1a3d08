"""Claim extraction: Danish and English news text in, ``ExtractedClaim`` dataclasses out. No Django here.

    >>> claims = extract("Mindst 11 civile er dræbt, meddeler de lokale sundhedsmyndigheder.", "da")
    >>> [(c.category, c.low, c.qualifier, c.claimant) for c in claims]
    [('killed', 11, 'at_least', 'de lokale sundhedsmyndigheder')]

Pipelines are ``spacy.blank(lang)`` plus this package's components (see ``components.py``); no trained model is
needed or loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import gazetteer_for
from .components import CLAIMS_EXT, EXTRACTOR_VERSION, GAZETTEER_EXT, make_doc
from .lexicon import LANGUAGES
from .types import Actor, ExtractedClaim, Quantity

__all__ = ["EXTRACTOR_VERSION", "Actor", "ExtractedClaim", "Quantity", "build_pipeline", "detect_language",
           "extract", "extract_many"]

_DA_WORDS = re.compile(r"\b(?:og|at|det|er|af|på|til|som|med|har|ikke|der|siger|efter|blev|ifølge|mindst)\b", re.I)
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|is|that|was|for|on|said|with|has|were|after|according)\b", re.I)


def detect_language(text: str) -> str:
    """"da" or "en", by function words and æ/ø/å (ties and empty text: "en")."""
    sample = text[:5000]
    da = len(_DA_WORDS.findall(sample)) + 2 * len(re.findall(r"[æøåÆØÅ]", sample))
    en = len(_EN_WORDS.findall(sample))
    return "da" if da > en else "en"


# Trained spaCy pipelines used when installed (first found wins); NEWSCLAIMS_SPACY_MODEL_DA / _EN name another (a
# package or a directory). Only their tokenizer and entity recogniser run: sentences and claims are ours.
TRAINED = {"da": ("da_core_news_lg", "da_core_news_md", "da_core_news_sm"),
           "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm")}
TRAINED_KEEP = ("tok2vec", "transformer", "ner", "entity_ruler")


def trained_pipeline(lang: str) -> str | None:
    """The trained pipeline to build on for ``lang``, or None (the blank pipeline: no model is needed)."""
    chosen = os.environ.get(f"NEWSCLAIMS_SPACY_MODEL_{lang.upper()}", "").strip()
    if chosen:
        return chosen
    return next((name for name in TRAINED[lang] if spacy.util.is_package(name)), None)


@cache
def build_pipeline(lang: str) -> Language:
    """The extraction pipeline for "da" or "en" (built once per language): ``spacy.blank(lang)``, or an installed
    trained pipeline's tokenizer and entity recogniser (see ``trained_pipeline``), plus this package's components."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    name = trained_pipeline(lang)
    if name:
        nlp = spacy.load(name)
        for component in [c for c in nlp.pipe_names if c not in TRAINED_KEEP]:
            nlp.remove_pipe(component)  # parser, tagger, lemmatizer ...: the claims component does not read them
    else:
        nlp = spacy.blank(lang)
    nlp.add_pipe("newsclaims_sentences")
    nlp.add_pipe("newsclaims_claims")
    return nlp


def _doc(nlp: Language, text: str, gazetteer: Sequence[Actor] | None) -> Doc:
    doc = make_doc(nlp, text)
    if gazetteer:
        doc._.set(GAZETTEER_EXT, gazetteer_for(gazetteer))
    return doc


def _language(text: str, lang: str | None) -> str:
    return lang if lang in LANGUAGES else detect_language(text)


def extract(text: str, lang: str | None = None, *, gazetteer: Sequence[Actor] | None = None) -> list[ExtractedClaim]:
    """The claims in ``text``, in text order; offsets index ``text``. ``lang`` None (or unknown): detected.

    ``gazetteer`` adds known actors (the editors' list) in front of the built-in ones.
    """
    nlp = build_pipeline(_language(text, lang))
    doc = _doc(nlp, text, gazetteer)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.get(CLAIMS_EXT)


def extract_many(texts: Iterable[str], lang: str | None = None, gazetteer: Sequence[Actor] | None = None,
                 batch_size: int = 64) -> list[list[ExtractedClaim]]:
    """``extract`` for many texts through ``nlp.pipe``; one list of claims per text, in order."""
    texts = list(texts)
    langs = [_language(t, lang) for t in texts]
    gaz = gazetteer_for(gazetteer) if gazetteer else None
    out: list[list[ExtractedClaim]] = [[] for _ in texts]
    for code in set(langs):
        nlp = build_pipeline(code)
        idx = [i for i, c in enumerate(langs) if c == code]
        docs = []
        for i in idx:
            doc = make_doc(nlp, texts[i])
            if gaz:
                doc._.set(GAZETTEER_EXT, gaz)
            docs.append(doc)
        for i, doc in zip(idx, nlp.pipe(docs, batch_size=batch_size), strict=True):
            out[i] = doc._.get(CLAIMS_EXT)
    return out
