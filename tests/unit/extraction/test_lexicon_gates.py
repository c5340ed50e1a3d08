"""The cheap substring tests read from regexes (``required_strings``) never rule out a text the regex matches."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims.extraction.lexicon import lexicon, required_strings


def test_required_strings_of_literal_alternatives():
    found = required_strings(r"(?:af|blandt) (?:hans|vores) \w+|på din side|\bvores")
    assert found == ("vores", "af hans ", "på din side", "blandt hans ")  # "af vores ", "blandt vores " hold "vores"
    assert required_strings(r"abc|\w+") == ()  # "\w+" requires no literal: no test
    assert required_strings(r"(?i)abcd") == ()  # a case-insensitive regex: a substring test would miss "ABCD"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_own_side_has_a_gate(lang):
    assert lexicon(lang).own_side_stems


WORDS = st.sampled_from("af blandt på of among from on hans hendes vores deres egne sine mine min egen his her our "
                        "their own its my side mænd men fighters x soldater troops army four hours kalder betegner "
                        "omtaler såkaldte so-called calls called described describes so".split())


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=8), seps=st.lists(st.sampled_from([" ", "  ", ", ", ""]), min_size=8, max_size=8),
       lang=st.sampled_from(["da", "en"]))
def test_gates_keep_every_match(words, seps, lang):
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    lex = lexicon(lang)
    if lex.own_side.search(text):
        assert any(stem in text for stem in lex.own_side_stems)
    if lex.framing_gate.search(text):
        assert any(stem in text for stem in lex.framing_stems)


@settings(max_examples=200, deadline=None)
@given(alternatives=st.lists(st.text(alphabet="ab c", min_size=1, max_size=4), min_size=1, max_size=4),
       text=st.text(alphabet="ab c", max_size=20))
def test_required_strings_of_any_literal_regex(alternatives, text):
    rx = "|".join(re.escape(a) + r"\w*" for a in alternatives)
    if re.search(rx, text):
        stems = required_strings(rx)
        assert not stems or any(stem in text for stem in stems)
