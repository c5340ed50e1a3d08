"""Numbers as asserted in news text -> ``Quantity`` intervals with their qualifiers.

"mere end 70" -> 70 more_than; "1.200" (da) / "1,200" (en) -> 1200; "2,5 mio." -> 2_500_000;
"halvfjerds", "femogtyve", "twenty-five", "et dusin" -> words; "mellem 100 og 300", "100 to 300", "100-300" -> range;
"snesevis", "dozens" -> 24 at_least vague; "ingen", "no one" -> 0. Numbers that are not counts (dates, times,
years, ages, durations, distances, percentages, "F-16") are dropped here; whether a count is a *claim* is decided
by the caller. Word tables, qualifiers and units live in ``patterns/<lang>.json``.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import _top_level, fold, lexicon
from .types import Quantity

_WORD = re.compile(r"[^\W\d_]+\.?|\d+")
MAX_COUNT = 2**63 - 1  # larger is no count of anything, and no 64-bit column could store it
_MAX_DIGITS = len(str(MAX_COUNT)) - 1  # a run of digits this long is a count below MAX_COUNT


@dataclass(frozen=True)
class Grammar:
    """The number regexes and word values of one language."""

    lang: str
    values: dict  # word -> value (units, tens, Danish compounds such as "femogtyve")
    scales: dict  # word -> multiplier
    thousands_sep: str
    decimal_sep: str
    and_join: str
    articles: frozenset
    qualifiers: dict
    vague: dict
    between: re.Pattern
    span: re.Pattern
    number: re.Pattern  # a count, matched where an anchor starts
    qualifier_before: re.Pattern  # "mere end ", searched just before a count
    vague_re: re.Pattern
    zero_re: re.Pattern
    anchor: re.Pattern  # anything a count can start with: the gate before the regexes above
    digits_scale: re.Pattern  # "2,5 mio." as a whole
    vague_firsts: frozenset  # first words of vague amounts ("flere" of "flere hundrede")
    zero_firsts: frozenset
    single_re: re.Pattern  # "en eneste", "a single": zero only after a negation ("har ikke dræbt en eneste")
    single_words: tuple  # "eneste", "single": the cheap test before ``single_re``
    negation_before: re.Pattern
    anchor_words: frozenset  # words a count can begin with
    article_next: frozenset  # words after which an article begins a count ("a hundred", "en håndfuld")
    article_letters: frozenset  # first letters of the articles
    between_word: str
    revision_from: str  # "fra", "from"
    qual_last: frozenset  # last words of the qualifiers: only after one is the qualifier regex tried
    span_firsts: frozenset  # first letters of number words: where else a span cannot begin


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def grammar(lang: str) -> Grammar:
    lex = lexicon(lang)
    n = lex.data["numbers"]
    values = {**n["units"], **n["tens"]}
    for unit, u in n["compound_units"].items():  # Danish "femogtyve" = fem + og + tyve
        for ten, t in n["tens"].items():
            values[f"{unit}{n['compound_joiner']}{ten}"] = u + t
    scales = n["scales"]
    word = rf"(?:{_alt([*values, *scales])})(?![\w])"
    counted = _alt([w for w in [*scales, *n["units"]] if n["units"].get(w, 100) >= 12])  # "et dusin", "a hundred"
    and_after = "".join(f"(?<={re.escape(s)})" for s in scales if scales[s] >= 100)
    words = (rf"(?:(?:{_alt(n['scale_article'])})\s+(?=(?:{counted})(?![\w])))?{word}"
             rf"(?:(?:\s+|-){word}|(?:{and_after})\s+{re.escape(n['and_join'])}\s+{word})*")
    digits = r"\d+(?:[.,\u00a0\u202f]\d+)*"
    num = rf"(?:{digits}(?:\s*(?:{_alt(scales)})(?![\w]))?|{words})(?![\w])"
    qual = _alt(lex.data["qualifiers"])
    r = lex.data["range"]
    singles = lex.data["zero_single"]
    flags = 0  # matched against fold(text)
    return Grammar(
        lang=lang,
        values=values,
        scales=scales,
        thousands_sep=n["thousands_sep"],
        decimal_sep=n["decimal_sep"],
        and_join=n["and_join"],
        articles=frozenset(n["scale_article"]),
        qualifiers=lex.data["qualifiers"],
        vague=lex.data["vague"],
        between=re.compile(rf"(?<![\w-]){r['between']}\s+(?P<a>{num})\s+{r['and']}\s+(?P<b>{num})", flags),
        span=re.compile(
            rf"(?:(?<![\w-])(?P<frm>{r['revision_from']})\s+)?(?<![\w.,:-])(?P<a>{num})"
            # "100-300", "100 – 300", not "stiger til 90 - 212 meldt savnet": a spaced hyphen separates phrases
            rf"(?:-|\s*[–—]\s*|(?:-|\s+)(?:{'|'.join(r['to'])})(?:-|\s+))(?:(?P<q>{qual})\s+)?(?P<b>{num})",
            flags,
        ),
        number=re.compile(rf"(?<![\w.,:-]){num}", flags),
        qualifier_before=re.compile(rf"(?<![\w-])(?:{qual})\s+$", flags),
        vague_re=re.compile(rf"(?<![\w-])(?<!\d )(?:{_alt(lex.data['vague'])})(?![\w])"
                            # "thousands more than last year" compares; "dozens more were missing" counts
                            rf"(?!\s+(?:{lex.data['comparative']}),?\s+(?:{lex.data['than']})(?![\w]))", flags),
        digits_scale=re.compile(rf"(\d+(?:[.,\u00a0\u202f]\d+)*)\s*({_alt(scales)})?", re.IGNORECASE),
        vague_firsts=frozenset(v.split()[0] for v in lex.data["vague"]),
        zero_firsts=frozenset(z.split()[0] for z in lex.data["zero"]),
        single_words=tuple({z.split()[-1] for z in lex.data["zero_single"]}),
        single_re=re.compile(rf"(?<![\w-])(?:{_alt(lex.data['zero_single'])})(?![\w])", flags),
        negation_before=re.compile(rf"(?<![\w-])(?:{lex.data['negation']})(?![\w])[^.,;:!?]{{0,30}}$", flags),
        anchor_words=frozenset([*values, *scales, *n["scale_article"], *lex.data["articles"],  # "an officer": one
                                *(w.split()[0] for w in [*lex.data["zero"], *lex.data["vague"],
                                                         *lex.data["zero_single"]])]),
        article_letters=frozenset(a[0] for a in n["scale_article"]),
        article_next=frozenset([*scales, *(w for w, v in values.items() if v >= 12),
                                *(p.split()[1] for p in [*lex.data["zero"], *lex.data["vague"], *singles]
                                  if len(p.split()) > 1 and p.split()[0] in n["scale_article"])]),
        between_word=r["between"],
        revision_from=r["revision_from"],
        qual_last=frozenset(q.split()[-1] for q in lex.data["qualifiers"]),
        span_firsts=frozenset(w[0] for w in [*values, *scales, *n["scale_article"]]),
        anchor=re.compile(
            rf"\d+|(?<![\w-])(?:{_alt([*values, *scales, *lex.data['zero'], *lex.data['vague'], *singles,
                                         *n['scale_article'], *lex.data['articles']])})"
            rf"(?![\w])"),
        zero_re=re.compile(rf"(?<![\w-])(?:{_alt(lex.data['zero'])})(?![\w])(?!\s+(?:{qual}|more|less|longer|later))",
                           flags),
    )


def _parse_digits(raw: str, g: Grammar) -> float | None:
    s = raw.replace("\u00a0", g.thousands_sep).replace("\u202f", g.thousands_sep)
    whole, frac = (s.rsplit(g.decimal_sep, 1) + [""])[:2] if g.decimal_sep in s else (s, "")
    groups = whole.split(g.thousands_sep)
    if any(len(x) != 3 for x in groups[1:]) or not groups[0] or len(groups) > 1 and len(groups[0]) > 3:
        return None
    if frac and not frac.isdigit():
        return None
    digits = "".join(groups)
    if len(digits) > len(str(MAX_COUNT)):  # not a count; int() also refuses more than 4,300 digits
        return None
    # An int when whole: a float would round counts above 2**53 and overflow on long digit runs.
    return int(digits) + float(f"0.{frac}") if frac else int(digits)


def _parse_words(raw: str, g: Grammar) -> tuple[int, int] | None:
    """Value and length of the longest well-formed number-word prefix of ``raw`` ("to ti" -> 2, 2 chars)."""
    total = current = 0
    last = None  # "small" (< 10), "ten", "teen" or "scale"
    end = 0
    seen = False
    tokens = [(m.group().lower(), m.end()) for m in _WORD.finditer(raw)]
    for i, (w, stop) in enumerate(tokens):
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if seen and w == g.and_join or not seen and w in g.articles and (nxt in g.scales or g.values.get(nxt, 0) >= 12):
            continue  # "two hundred and five", "a dozen", "et hundrede"
        if w in g.scales:
            scale = g.scales[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        elif w in g.values:
            v = g.values[w]
            kind = "small" if v < 10 else "ten" if v % 10 == 0 and v >= 20 else "teen"
            if last in ("small", "teen") or (last == "ten" and kind != "small"):
                break  # "to ti", "twenty thirty": two numbers, keep the first
            current += v
            last = kind
        else:
            break
        seen = True
        end = stop
    return (total + current, end) if seen and total + current <= MAX_COUNT else None


def parse_number(text: str, lang: str) -> int | None:
    """The integer written in ``text`` ("1.200", "2,5 mio.", "halvfjerds", "twenty-five"), or None."""
    g = grammar(lang)
    text = text.strip()
    m = g.digits_scale.fullmatch(text)
    if m:
        value = _parse_digits(m.group(1), g)
        if value is None:
            return None
        value *= g.scales[m.group(2).lower()] if m.group(2) else 1
        if abs(value - round(value)) >= 1e-6 or round(value) > MAX_COUNT:
            return None
        return int(round(value))
    parsed = _parse_words(text, g)
    return parsed[0] if parsed and parsed[1] == len(text) else None


def _value(text: str, start: int, end: int, g: Grammar) -> tuple[int, int] | None:
    """Value of the number at text[start:end] and where it really ends (word sequences may stop early)."""
    raw = text[start:end]
    if raw.isdecimal() and len(raw) <= _MAX_DIGITS:  # most counts are plain digits: what parse_number makes of them
        return int(raw), end
    if raw[:1].isdigit():
        v = parse_number(raw, g.lang)
        return (v, end) if v is not None else None
    parsed = _parse_words(raw, g)
    return (parsed[0], start + parsed[1]) if parsed else None


def _last_words(rx: str) -> set[str] | None:
    """The last words of the alternatives of ``rx`` ("aged between|not" -> {"between", "not"}); None when one of
    them does not end in a literal word, so that no cheap test can stand in for the regex."""
    out = set()
    for alt in _top_level(rx):
        m = re.search(r"(?<!\\)([^\W\d_]+)$", re.sub(r"\\\.\??$", "", alt))
        if not m:
            return None
        out.add(m.group(1))
    return out


@cache
def _not_count_context(lang: str) -> tuple[re.Pattern, re.Pattern, frozenset | None]:
    """Regexes for what follows and what precedes a number that is no count (on folded text), and the words that
    can end the text before such a number: only after one of them is the (costlier) regex before it tried."""
    d = lexicon(lang).data
    words = sorted((w for w, v in {**d["numbers"]["units"], **d["numbers"]["tens"]}.items() if v < 100), key=len,
                   reverse=True)
    small = rf"(?:\d{{1,3}}|(?:{'|'.join(map(re.escape, words))})(?![\w]))"  # an age in a list: "45", "ni"
    after = (rf"\s*(?:{d['units']})(?![\w])"  # "fem måneder", "72%"
             # "på 45, 52 og 67 år": every number of a list that ends in a unit
             rf"|(?:\s*,\s*{small})*\s*,?\s+(?:og|and|or|eller)\s+{small}\s*(?:{d['units']})(?![\w])"
             rf"|-[^\W\d_]|[:.]\d|[-–]\d"  # "12-year-old", "18:00", "04.30", "lost 3-2" (a range ascends)
             rf"|['’]?(?:erne|s)(?![\w])"  # a decade: "i 90'erne", "in the 1990s"
             rf"|\.?\s+(?:{d['months']})(?![\w])"  # "8. januar", "3 March"
             rf"|\.?\s+(?:og|and|til|to|or|eller)\s+\d{{1,2}}\.?\s+(?:{d['months']})(?![\w])"  # "19. og 20. maj"
             rf"|\s*(?:{d['time_after']})(?![\w])")  # "1700 GMT"
    before = (rf"(?<![\w-])(?:{d['months']})\.?\s*$"  # "October 7"
              rf"|(?<![\w-])(?:{d['not_count_before']})\s+$")  # "aged 12", "not four", "med (over) 100"
    parts = [d["months"], d["not_count_before"]]
    if not d.get("time_needs_after"):
        before += rf"|(?<![\w-])(?:{d['time_before']})\s*$"  # "klokken 04"
        parts.append(d["time_before"])
    words = [_last_words(part) for part in parts]
    gate = None if None in words else frozenset().union(*words)
    return re.compile(after), re.compile(before), gate


_YEAR = re.compile(r"(19|20)\d\d")
_END = re.compile(r"\s*(?:[,.;:!?)\]]|$)")


def _not_a_count(low: str, start: int, end: int, lang: str, context: int | None = None,
                 word: str | None = None) -> bool:
    """True for dates, times, years, ages, durations, distances, percentages and model names (``low``: folded).

    ``context``: where the words before the number begin to count, when a qualifier stands between ("nedjusteret
    med over 100": "med" before "over"); ``word``: the word before ``context`` if the caller has it."""
    after_rx, before_rx, gate = _not_count_context(lang)
    if after_rx.match(low, end) or ":" in low[start:end] or start and low[start - 1] in "$€£¥₹":
        return True  # "($2,390)": money
    context = start if context is None else context
    if (gate is None or (_last_word(low, context) if word is None else word).rstrip(".") in gate) and \
            before_rx.search(low, max(0, context - 90), context):
        return True
    if context != start and (gate is None or _last_word(low, start).rstrip(".") in gate) and \
            before_rx.search(low, max(0, start - 90), start):
        return True  # "the boy is under 14": the qualifier belongs to an age
    if end - start != 4 or not _YEAR.fullmatch(low, start, end):
        return False
    lex = lexicon(lang)
    if lex.year_nouns.match(low, end) or lex.count_before.search(low, max(0, start - 40), start):
        return False  # "2000 soldater", "dødstallet lød på 2012"
    # "i 2023", "since 2019", "2023." are years; "2000 beboere" is a count (Danish writes 2000 without a point).
    return bool(_END.match(low, end) or lexicon(lang).year_before.search(low, max(0, start - 12), start))


def _years(low: str, m: re.Match, lang: str) -> bool:
    """Is the range ``m`` (groups "a" and "b") two years, "between 2011 and 2018", with no count noun after it?"""
    return bool(_YEAR.fullmatch(low, *m.span("a")) and _YEAR.fullmatch(low, *m.span("b"))
                and not lexicon(lang).year_nouns.match(low, m.end("b")))


_QUOTES = "\"'«»“”‘’„‚()[]"


def _last_word(low: str, pos: int) -> str:
    """The word before ``pos`` without quotes and brackets around it: the cheap test before a regex that must match
    at the end of the text before a number ("»omkring 253«")."""
    end = pos - 1 if pos and low[pos - 1] == " " else pos
    word = low[low.rfind(" ", max(0, end - 16), end) + 1:end]
    if word and not (word[0].isalnum() and word[-1].isalnum()) or "\n" in word:
        word = word.rsplit("\n", 1)[-1].strip().strip(_QUOTES)
    return word


def is_anchor_word(word: str, lang: str) -> bool:
    """Can a count begin with this word (a digit, a number word, "ingen", "dozens")? For lexeme flags."""
    return word[:1].isdigit() or word.lower() in grammar(lang).anchor_words


def live_anchors(low: str, anchors: list[int], lang: str) -> list[int]:
    """``anchors`` without bare articles: "a"/"en" begins a count only before "hundred", "dozen", "few" and the like
    ("a spokesman" is no count), so a sentence whose only anchors are articles needs no number parsing."""
    g = grammar(lang)
    out = []
    for p in anchors:
        if low[p] in g.article_letters:
            m = _WORD.match(low, p)
            if m and m.group() in g.articles and m.group() not in g.values:
                nxt = _WORD.match(low, m.end() + 1)
                if not nxt or nxt.group() not in g.article_next:
                    continue
        out.append(p)
    return out


def find_quantities(text: str, lang: str, anchors: list[int] | None = None, low: str | None = None) -> list[Quantity]:
    """Every count in ``text`` with offsets into it, in text order; non-counts are left out (see module doc).

    ``anchors``: offsets of the words a count can begin with (see ``is_anchor_word``), when the caller knows them
    from lexeme flags; otherwise they are found with a regex. ``low``: ``fold(text)`` if the caller has it.
    """
    g = grammar(lang)
    low = fold(text) if low is None else low
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []  # spans of ``found`` and of what is no count: disjoint, kept sorted
    # without the lexeme flags' anchors: the same words, found by a scan, bare articles dropped as the caller would
    starts = live_anchors(low, [m.start() for m in g.anchor.finditer(low)], lang) if anchors is None else anchors
    if not starts:
        return found
    first_words = {_WORD.match(low, p).group() for p in starts if not low[p].isdigit()}
    head = low[starts[0]:starts[0] + 24]
    several = len(starts) > 1 or low[starts[0]].isdigit() and (  # "100-300" may be one token, so one anchor
        "-" in head and "-" in head.split(None, 1)[0] or "–" in head)  # ("-" in head: the cheap test first)
    for m in g.between.finditer(low) if several and g.between_word in low else ():
        a, b = _value(text, *m.span("a"), g), _value(text, *m.span("b"), g)
        if a and b and a[0] < b[0]:
            if _not_a_count(low, m.start("a"), m.end("b"), lang) or _years(low, m, lang):
                # "aged between 10 and 16", "mellem 2011 og 2018": neither is a count
                bisect.insort(taken, m.span())
            else:
                _add(found, taken, Quantity(a[0], b[0], "range", text=text[m.start():m.end()], start=m.start(),
                                            end=m.end()))
    last_end = 0
    for p in starts if several else ():  # a span begins at a count, or at "from" just before one
        if p < last_end or not low[p].isdigit() and low[p] not in g.span_firsts:
            continue
        before = low[max(0, p - len(g.revision_from) - 1):p]
        m = (before == g.revision_from + " " and g.span.match(low, p - len(before))) or g.span.match(low, p)
        if not m:
            continue
        last_end = m.end()
        if not _free(taken, *m.span()):
            continue
        a, b = _value(text, *m.span("a"), g), _value(text, *m.span("b"), g)
        if not (a and b):
            continue
        if _not_a_count(low, m.start("a"), b[1], lang) or _years(low, m, lang):  # "the 1975-1990 civil war"
            if a[0] < b[0]:  # "fra 62 til 64 år", "9-11 years": neither end is a count
                bisect.insort(taken, m.span())
            continue
        if m.group("frm"):  # "from 1,400 to about 1,200": a revision, the claim is the new figure
            q = g.qualifiers.get((m.group("q") or "").lower(), "exact")
            s = m.start("q") if m.group("q") else m.start("b")
            found.append(Quantity(b[0], None, q, text=text[s:b[1]], start=s, end=b[1]))
            bisect.insort(taken, m.span())  # the old figure is part of the revision, not a count of its own
        elif a[0] < b[0] and not m.group("q"):
            _add(found, taken, Quantity(a[0], b[0], "range", text=text[m.start("a"):b[1]], start=m.start("a"),
                                        end=b[1]))
    for m in g.vague_re.finditer(low) if g.vague_firsts.intersection(first_words) else ():
        # "several hundred kilograms" is no count
        if _free(taken, *m.span()) and not _not_count_context(lang)[0].match(low, m.end()):
            value, qual = g.vague[m.group()]
            s, vague = m.start(), qual != "exact"  # "half a million" is a figure, and may have a qualifier
            q = None if vague else g.qualifier_before.search(low, max(0, s - 25), s)
            if q and _free(taken, q.start(), s):
                s, qual = q.start(), g.qualifiers[q.group().rstrip()]
            _add(found, taken, Quantity(value, None, qual, vague=vague, text=text[s:m.end()], start=s, end=m.end(),
                                        kind="vague" if vague else "number"))
    for m in g.zero_re.finditer(low) if g.zero_firsts.intersection(first_words) else ():
        if _free(taken, *m.span()):
            _add(found, taken, Quantity(0, None, "exact", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                        kind="zero"))
    for m in g.single_re.finditer(low) if g.single_words[0] in low or g.single_words[1:] and any(
            w in low for w in g.single_words) else ():
        neg = g.negation_before.search(low, max(0, m.start() - 40), m.start())
        # "not a single", "har ikke dræbt en eneste": the phrase from "not"
        if neg and _free(taken, neg.start(), m.end()):
            s = neg.start() if neg.end() - neg.start() <= len(neg.group().split()[0]) + 1 else m.start()
            _add(found, taken, Quantity(0, None, "exact", text=text[s:m.end()], start=s, end=m.end(),
                                        kind="zero_single"))
    for start in starts:  # single counts, tried only where an anchor is
        m = g.number.match(low, start)
        if not m:
            continue
        begin, end = m.span()
        if taken and not _free(taken, begin, end):  # (nothing taken yet in most sentences: no call)
            continue
        v = _value(text, begin, end, g)
        if v is None:
            continue
        value, end = v
        word = _last_word(low, begin)
        q = g.qualifier_before.search(low, max(0, begin - 25), begin) if word in g.qual_last else None
        s = q.start() if q and _free(taken, q.start(), end) else begin
        if _not_a_count(low, begin, end, lang, s, word if s == begin else None) or _in_name(text, begin, end):
            bisect.insort(taken, (begin, end))  # "$25 million": "million" is no count of its own either
            continue
        qual = g.qualifiers[q.group().rstrip()] if s != begin else "exact"
        _add(found, taken, Quantity(value, None, qual, False, text[s:end], s, end))
    return sorted(found, key=_START) if len(found) > 1 else found


_START = operator.attrgetter("start")
_NAMED_NUMBER = re.compile(r"[a-zæøå] [A-ZÆØÅ][\w-]* $")  # not "Nearly 31,000 Palestinians" opening a sentence


def _in_name(text: str, start: int, end: int) -> bool:
    """Is the number part of a name, between two capitalised words ("the Route 91 Harvest festival"), or an age in
    commas after one ("Robert Bowers, 46, faces")?"""
    if not text[start:start + 1].isdigit():
        return False
    if text[end:end + 1] == "," and end - start <= 3 and _AGE_AFTER_NAME.search(text, max(0, start - 40), start):
        return True
    return text[end:end + 1] == " " and text[end + 1:end + 2].isupper() and \
        bool(_NAMED_NUMBER.search(text, max(0, start - 30), start))


_AGE_AFTER_NAME = re.compile(r"[A-ZÆØÅ][\w'’-]+ [A-ZÆØÅ][\w'’-]+, $")  # "Robert Bowers, " before "46,"


def _free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does [s, e) overlap none of the sorted, disjoint spans ``taken``?"""
    k = bisect.bisect_left(taken, (s, s))
    return (k == 0 or taken[k - 1][1] <= s) and (k == len(taken) or taken[k][0] >= e)


def _add(found: list[Quantity], taken: list[tuple[int, int]], q: Quantity) -> None:
    found.append(q)
    bisect.insort(taken, (q.start, q.end))
