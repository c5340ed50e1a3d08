"""Evidence highlighting: text cut at spans, every piece escaped, overlapping and shared spans handled."""

from bs4 import BeautifulSoup

from newsclaims.templatetags.pages import Span, highlight


def parse(html) -> BeautifulSoup:
    return BeautifulSoup(str(html), "html.parser")


def test_text_outside_and_inside_marks_is_escaped():
    text = "<i>a</i> Mere end 70 <b>dræbt</b>. & slut"
    start = text.index("Mere")
    html = highlight(text, [Span(start, text.index("."), "claim-1", "/claims/1/", "Claim 1", start, start + 11)])
    assert "<i>" not in html and "<b>" not in html
    doc = parse(html)
    assert doc.select_one("mark#claim-1 strong.figure").get_text() == "Mere end 70"
    assert doc.select_one("mark#claim-1").get_text() == text[start:text.index(".")]
    assert doc.get_text().replace("Claim 1", "").replace("#1", "") == text


def test_claims_sharing_a_sentence_nest_so_each_keeps_its_id():
    text = "To døde og ti blev såret."
    spans = [Span(0, len(text), "claim-1", "/c/1/", "one", 0, 2), Span(0, len(text), "claim-2", "/c/2/", "two", 11, 13)]
    doc = parse(highlight(text, spans))
    outer = doc.select_one("mark#claim-1")
    assert outer.select_one("mark#claim-2").get_text() == text
    assert [s.get_text() for s in doc.select("strong.figure")] == ["To", "ti"]
    assert [a["href"] for a in doc.select("a.claim-ref")] == ["/c/1/", "/c/2/"]


def test_overlapping_spans_do_not_repeat_text():
    text = "abcdefghij"
    doc = parse(highlight(text, [Span(0, 6, "a"), Span(4, 10, "b")]))
    assert doc.get_text() == text
    assert doc.select_one("#a").get_text() == "abcdef" and doc.select_one("#b").get_text() == "ghij"


def test_spans_outside_the_text_are_ignored():
    assert parse(highlight("kort", [Span(2, 99, "x"), Span(3, 3, "y")])).get_text() == "kort"
