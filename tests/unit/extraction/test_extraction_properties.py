"""Hypothesis: any text gives valid claims or none, with spans inside the text and sane intervals."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclaims.extraction import extract
from newsclaims.extraction.types import CATEGORIES, QUALIFIERS

PIECES = st.sampled_from([
    "Mindst", "70", "1.200", "1,200", "to", "ti", "halvfjerds", "dræbt", "såret", "siger", "han", "Kapustin",
    "Denis Kapustin,", "der", "lederen af", "Ruslands Frivillige Korps", "ifølge", "at", "og", ",", ".", "\n", "\n\n",
    "- ", '"', "killed", "wounded", "said", "according to", "more than", "between", "and", "dozens", "no one",
    "ingen", "en", "panservogn", "a", "drone", "shot down", "tog", "8. januar", "klokken 04", "2023", "F-16", "%",
])
TEXT = st.one_of(st.text(max_size=500), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map(" ".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(["da", "en", None]))
def test_any_text_gives_valid_claims_or_none(text, lang):
    for c in extract(text, lang):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.sentence
        assert c.start <= c.number_start < c.number_end <= c.end
        assert c.category in CATEGORIES and c.qualifier in QUALIFIERS
        assert c.low >= 0
        assert c.high is None or c.high >= c.low
        assert (c.subtype is not None) == (c.category == "other")
