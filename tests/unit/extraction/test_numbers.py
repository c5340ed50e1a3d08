"""numbers.py: digits and words in both languages, qualifiers, ranges, vague amounts, and what is not a count."""

import pytest

from newsclaims.extraction.numbers import find_quantities, parse_number


def only(text: str, lang: str):
    found = find_quantities(text, lang)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q.low, q.high, q.qualifier, q.vague


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("70", "da", 70), ("1.200", "da", 1200), ("35.000", "da", 35000), ("2,5 mio.", "da", 2_500_000),
    ("14 millioner", "da", 14_000_000), ("1,200", "en", 1200), ("2.5 million", "en", 2_500_000),
    ("1,250,000", "en", 1_250_000), ("1000", "da", 1000),
])
def test_digits_follow_the_language_separators(text, lang, value):
    assert parse_number(text, lang) == value


def test_danish_comma_is_a_decimal_so_a_bare_decimal_is_no_count():
    assert parse_number("1,200", "da") is None
    assert parse_number("2.5", "en") is None


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("to", "da", 2), ("ti", "da", 10), ("halvfjerds", "da", 70), ("femogtyve", "da", 25), ("halvtreds", "da", 50),
    ("tres", "da", 60), ("firs", "da", 80), ("halvfems", "da", 90), ("enogtyve", "da", 21), ("et dusin", "da", 12),
    ("to hundrede og fem", "da", 205), ("tre tusind", "da", 3000),
    ("two", "en", 2), ("seventy", "en", 70), ("twenty-five", "en", 25), ("a dozen", "en", 12),
    ("two hundred and fifty", "en", 250), ("three thousand", "en", 3000),
])
def test_number_words(text, lang, value):
    assert parse_number(text, lang) == value


def test_an_article_alone_is_not_a_number():
    assert parse_number("en", "da") is None
    assert parse_number("a", "en") is None


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("mere end 70 døde", "da", (70, None, "more_than", False)),
    ("over 40 sårede", "da", (40, None, "more_than", False)),
    ("mindst 9 dræbte", "da", (9, None, "at_least", False)),
    ("omkring 300 fordrevne", "da", (300, None, "about", False)),
    ("cirka 12 savnede", "da", (12, None, "about", False)),
    ("ca. 12 savnede", "da", (12, None, "about", False)),
    ("knap 50 anholdte", "da", (50, None, "about", False)),
    ("næsten 80 dræbte", "da", (80, None, "about", False)),
    ("op til 400 dræbte", "da", (400, None, "up_to", False)),
    ("op mod 600 døde", "da", (600, None, "up_to", False)),
    ("færre end 20 sårede", "da", (20, None, "fewer_than", False)),
    ("mellem 100 og 300 døde", "da", (100, 300, "range", False)),
    ("more than 70 dead", "en", (70, None, "more_than", False)),
    ("at least 9 killed", "en", (9, None, "at_least", False)),
    ("about 300 displaced", "en", (300, None, "about", False)),
    ("nearly 80 dead", "en", (80, None, "about", False)),
    ("roughly 15 injured", "en", (15, None, "about", False)),
    ("some 60 missing", "en", (60, None, "about", False)),
    ("up to 400 dead", "en", (400, None, "up_to", False)),
    ("as many as 900 dead", "en", (900, None, "up_to", False)),
    ("fewer than 20 hurt", "en", (20, None, "fewer_than", False)),
    ("between 40 and 60 dead", "en", (40, 60, "range", False)),
    ("40 to 60 dead", "en", (40, 60, "range", False)),
    ("40-60 dead", "en", (40, 60, "range", False)),
])
def test_qualifiers_and_ranges(text, lang, expected):
    assert only(text, lang) == expected


def test_a_revision_from_one_figure_to_another_claims_the_new_one():
    assert only("the toll was cut from 2,100 to about 1,900", "en") == (1900, None, "about", False)
    assert only("tallet blev rettet fra 45 til 38", "da") == (38, None, "exact", False)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("snesevis af sårede", "da", (24, None, "at_least", True)),
    ("dusinvis af døde", "da", (24, None, "at_least", True)),
    ("flere hundrede anholdte", "da", (200, None, "at_least", True)),
    ("tusindvis af flygtninge", "da", (2000, None, "at_least", True)),
    ("nogle få sårede", "da", (2, None, "about", True)),
    ("dozens of wounded", "en", (24, None, "at_least", True)),
    ("hundreds of arrests", "en", (200, None, "at_least", True)),
    ("thousands displaced", "en", (2000, None, "at_least", True)),
    ("a few injured", "en", (2, None, "about", True)),
    ("a handful of casualties", "en", (2, None, "about", True)),
])
def test_vague_amounts_have_conventional_values(text, lang, expected):
    assert only(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [("ingen", "da"), ("no one", "en"), ("nobody", "en")])
def test_nobody_is_zero(text, lang):
    assert only(text, lang) == (0, None, "exact", False)


@pytest.mark.parametrize(("text", "lang"), [
    ("den 14. februar", "da"), ("i marts 2021", "da"), ("klokken 06", "da"), ("kl. 13.30", "da"),
    ("en 19-årig mand", "da"), ("tre timer senere", "da"), ("fem måneder", "da"), ("12 kilometer", "da"),
    ("40 procent", "da"), ("siden 2019", "da"),
    ("on March 3", "en"), ("3 March", "en"), ("at 14:45", "en"), ("at 0600 GMT", "en"), ("a 23-year-old", "en"),
    ("two hours later", "en"), ("six weeks", "en"), ("30 miles", "en"), ("72% of them", "en"), ("in 2022", "en"),
    ("an F-16 jet", "en"), ("a Su-25", "en"), ("three quarters of", "en"),
])
def test_dates_times_ages_durations_distances_and_models_are_no_counts(text, lang):
    assert find_quantities(text, lang) == []


def test_quantities_carry_offsets_into_the_text():
    text = "Politiet siger, at mindst 12 er anholdt og 3 såret."
    found = find_quantities(text, "da")
    assert [text[q.start:q.end] for q in found] == ["mindst 12", "3"]
