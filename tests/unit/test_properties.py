"""Property-based tests (Hypothesis): any text, however long or strange, gives valid numbers and claims or none.

Never a crash, never a span outside the text, never high < low, and every figure fits the database column
(`Claim.low`/`high` are 64-bit integers) — whatever an article contains.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclaims.extraction.numbers import find_quantities, parse_number
from newsclaims.extraction.types import QUALIFIERS

BIGINT_MAX = 2**63 - 1
LANGS = st.sampled_from(["da", "en"])

# Pieces that steer Hypothesis towards the parser's corners: separators, scales, number words, qualifiers, vague
# amounts, dates and times, non-Latin digits and long digit runs, glued together with odd whitespace.
FRAGMENTS = st.sampled_from([
    "70", "1.200", "1,200", "2,5", "2.5", "1 200", "1\u00a0200", "1\u202f200", "mio.", "mia.", "million", "billion",
    "to", "ti", "halvfjerds", "femogtyve", "et dusin", "two", "seventy", "twenty-five", "a hundred", "hundrede",
    "mere end", "over", "mindst", "omkring", "cirka", "op til", "mellem", "og", "færre end", "more than",
    "at least", "about", "up to", "between", "and", "fewer than", "from", "til", "-", "–", "—",
    "snesevis", "dozens", "hundreds", "ingen", "no one", "dræbt", "killed", "wounded", "sagde", "said",
    "maj", "May", "kl.", "12:30", "2023", "år", "km", "%", "F-16", "٧٠", "７０", "१२", "𝟕𝟎",
    "9" * 25, "1" * 400, "9" * 5000, "0" * 30 + "1", ".", ",", ":", "\n", "\t", "\u200b", "\u00a0", "\x00", "\ufffd",
])
NUMBERISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=2000), NUMBERISH)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(text=ANY_TEXT, lang=LANGS)
def test_parse_number_returns_a_storable_count_or_none(text, lang):
    value = parse_number(text, lang)
    assert value is None or (isinstance(value, int) and 0 <= value <= BIGINT_MAX)


@PROPERTY_SETTINGS
@given(text=ANY_TEXT, lang=LANGS)
def test_quantities_lie_inside_the_text_and_are_valid_intervals(text, lang):
    quantities = find_quantities(text, lang)
    taken = []
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert 0 <= q.low <= BIGINT_MAX
        assert q.qualifier in QUALIFIERS
        assert (q.high is not None) == (q.qualifier == "range")  # the gold convention
        if q.high is not None:
            assert q.low <= q.high <= BIGINT_MAX
        taken.append((q.start, q.end))
    assert taken == sorted(taken)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(taken, taken[1:], strict=False))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_very_long_article_is_parsed_without_a_crash(lang):
    text = ("Mere end 70 blev dræbt, og mellem 100 og 300 blev såret ifølge ministeriet. " * 3000)[:200_000]
    quantities = find_quantities(text, lang)
    assert all(0 <= q.start < q.end <= len(text) for q in quantities)
