"""From sentences to claims: a count, the casualty word it belongs to, who says so and whose losses they are.

A count becomes a claim only when a trigger from the language's lexicon (killed, såret, shot down, anholdt ...)
stands in the same clause. Which triggers may take it depends on the class of the noun after the count: people
(the default), equipment ("drones", "panservogn") or targets ("bygninger"); words such as "grupper", "lande",
"explosions" make it no claim at all. Clauses are cut at strong boundaries (";", ", og", ", and", ", while"); a
count prefers a trigger in its own coordinated part ("killed 471 and wounded 300") but may share one across a
plain "og"/"and" ("fired three missiles and 28 drones").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .attribution import Attribution, Gazetteer, Speaker, Who
from .lexicon import Lexicon, Trigger, fold, places
from .numbers import find_quantities, live_anchors
from .sentences import Sentence
from .types import ExtractedClaim, Quantity

_WORDS = re.compile(r"[\w'’-]+")
_CLAUSE_PUNCT = re.compile(r"[,.;:!?()]|\s[-–—]\s")
WINDOW = 80  # characters after a count in which its noun and victims are looked for
NEAREST = 8  # triggers considered on each side of a count
ARTICLE_CATEGORIES = ("captured_equipment", "destroyed_equipment")  # "tog en panservogn": an article counts as 1


@dataclass(slots=True)  # not frozen: frozen instances are four times slower to create
class Hit:
    start: int
    end: int
    trigger: Trigger


def triggers_in(low: str, lex: Lexicon, start: int = 0, end: int | None = None,
                starts: list[int] | None = None) -> list[Hit]:
    """Trigger words in ``low[start:end]`` (folded text), longest where two start at the same place.

    ``starts``: the only offsets a trigger can begin at (words flagged by ``lexicon.word_prefixes``); the regex is
    then tried anchored there instead of scanning every character.
    """
    end = len(low) if end is None else end
    if starts is None:
        found = lex.any_trigger.finditer(low, start, end)
    else:
        found = filter(None, (lex.trigger_at(low, p, end) for p in starts if start <= p < end))
    hits: list[Hit] = []
    for m in found:
        if not hits or m.start() >= hits[-1].end:  # "sårede" inside "let sårede" was already taken
            hits.append(Hit(m.start(), m.end(), lex.trigger_of(m)))
    return hits


def words_after(low: str, end: int, lex: Lexicon, trigger_starts: set[int]) -> list[tuple[int, int]]:
    """Spans of up to five words after a count ending at ``end`` of folded text, to the first punctuation, stop
    word ("der", "who", "in") or trigger: where its noun and its victims are named."""
    window_end = min(len(low), end + WINDOW)
    stop = _CLAUSE_PUNCT.search(low, end, window_end)
    spans = []
    for m in _WORDS.finditer(low, end, stop.start() if stop else window_end):
        if len(spans) >= 5 or m.start() in trigger_starts or lex.victim_stop.fullmatch(low, m.start(), m.end()):
            break
        spans.append(m.span())
    return spans


def noun_class(low: str, words: list[tuple[int, int]], lex: Lexicon) -> str:
    """Class of the noun among the first ``words`` after a count: equipment, target, nonclaim, (default) person, or
    any for "10 of them", whose noun is in an earlier clause."""
    if words and lex.partitive.match(low, words[0][0]):
        return "any"
    found = {m.lastgroup for m in (lex.noun_classes.match(low, start) for start, _ in words[:4]) if m}
    for cls in ("equipment", "target", "nonclaim"):  # "28 attack drones" is equipment, not "attacks"
        if cls in found:
            return cls
    return "person"


def article_quantities(text: str, lex: Lexicon) -> list[Quantity]:
    """"en panservogn", "an anti-drone gun": an article counts as 1, but only before an equipment noun."""
    return [Quantity(1, None, "exact", text=text[m.start(1):m.end(1)], start=m.start(1), end=m.end(1),
                     kind="article") for m in lex.articles_equipment.finditer(fold(text))]


@dataclass(frozen=True)
class Clauses:
    """Clause cuts of one sentence, computed once: strong ones (";", ", og", ", while") bound a claim, weak ones
    (" og ", " and ") only make a trigger in the count's own coordinated part preferable."""

    strong: list[int]
    weak: list[int]

    @classmethod
    def of(cls, text: str, lex: Lexicon) -> Clauses:
        return cls([m.start() for m in lex.strong.finditer(text)], [m.start() for m in lex.weak.finditer(text)])

    def segment(self, pos: int) -> int:
        return bisect.bisect_right(self.strong, pos)

    def part(self, pos: int) -> int:
        return bisect.bisect_right(self.weak, pos)

    def bounds(self, seg: int, length: int) -> tuple[int, int]:
        """Start and end of strong segment ``seg`` in a sentence of ``length`` characters."""
        return (self.strong[seg - 1] if seg else 0), (self.strong[seg] if seg < len(self.strong) else length)


def _crosses(walls: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Does a wall (sorted spans) lie inside [lo, hi]?"""
    j = bisect.bisect_left(walls, (lo, -1))
    return j < len(walls) and walls[j][1] <= hi


def best_trigger(text: str, q: Quantity, cls: str, hits: list[Hit], lex: Lexicon, clauses: Clauses,
                 walls: list[tuple[int, int]] = (), counts: list[int] = ()) -> tuple[Hit, str] | None:
    """The trigger that gives ``q`` its category, and that category ("killed", "other/arrested" ...).

    ``hits`` are the triggers of ``q``'s strong segment. ``walls`` (sorted) are spans a trigger may not be reached
    across: the speech verbs of the sentence ("Birte Schramm, der er førstehjælper blandt demonstranterne, oplyser,
    at mindst 20 ..." does not count demonstrators). ``counts`` (sorted starts of the sentence's counts): a trigger
    with another count in between belongs to that count first ("toll rose to 2,300, with 5,000 injured").
    """
    sub = clauses.part(q.start)
    best = None
    k = bisect.bisect_left(hits, q.start, key=lambda h: h.start)
    for h in hits[max(0, k - NEAREST):k + NEAREST]:  # hits are in text order; far ones never win
        category = h.trigger.by_class.get(cls) if cls != "any" else next(iter(h.trigger.by_class.values()))
        if not category or q.kind == "article" and category not in ARTICLE_CATEGORIES:
            continue
        if _crosses(walls, min(h.end, q.end), max(h.start, q.start)):
            continue
        if q.kind == "zero":  # "ingen er blevet såret", "no one had been killed": the trigger follows closely
            gap = text[q.end:h.start]
            if h.start < q.end or len(gap) > 40 or _CLAUSE_PUNCT.search(gap) or \
                    not all(w.lower() in lex.zero_gap for w in _WORDS.findall(gap)):
                continue
        distance = max(h.start - q.end, q.start - h.end, 0)  # 0: inside "kostet 57 mennesker livet"
        lo, hi = (q.end, h.start) if h.start >= q.end else (h.end, q.start)
        between = bisect.bisect_left(counts, hi) - bisect.bisect_left(counts, lo)
        score = distance + (1000 if clauses.part(h.start) != sub else 0) + 2000 * between - 500 * h.trigger.priority
        if best is None or score < best[0]:
            best = (score, h, category)
    return (best[1], best[2]) if best else None


def _is_agent(low: str, q: Quantity, lex: Lexicon) -> bool:
    """"ramt af to droner", "killed by two gunmen": the count is who did it, not who suffered it."""
    return bool(lex.agent_before.search(low, max(0, q.start - 6), q.start))


def victims_of(text: str, q: Quantity, seg_start: int, seg_end: int, lex: Lexicon,
               words: list[tuple[int, int]]) -> tuple[str, str]:
    """(victims as written, how their side is known: "own", "framed" or "").

    "hvad det kalder ukrainske nationalister" keeps the claimant's framing; "to af hans mænd" is the speaker's side.
    Only the count's own clause, and near the count, is read: long sentences stay linear.
    """
    seg_start, seg_end = max(seg_start, q.start - 2 * WINDOW), min(seg_end, q.end + 2 * WINDOW)
    segment = text[seg_start:seg_end]
    low_segment = fold(segment)
    framed = lex.framing.search(low_segment) if lex.framing_gate.search(low_segment) else None
    if framed:
        group = next(i for i, g in enumerate(framed.groups(), 1) if g)
        return segment[framed.start(group):framed.end(group)].strip(" \"'«»“”"), "framed"
    own = lex.own_side.search(low_segment)
    if words and not lex.partitive.match(fold(text[words[0][0]:])) and len(words) == 1 and \
            fold(text[words[0][0]:words[0][1]]) in lex.partitive_words:
        words = []  # "snesevis af dræbte": "af" alone names no victims
    victims = " ".join(text[a:b] for a, b in words)
    if own:
        phrase = segment[own.start():own.end()]
        return (victims + " " if victims and phrase not in victims else "") + phrase, "own"
    return victims, ""


class DocumentClaims:
    """Extracts the claims of one document (text split into ``sentences``) in one language."""

    def __init__(self, text: str, sentences: list[Sentence], lex: Lexicon, gazetteer: Gazetteer, version: str,
                 flagged: list[int] | None = None, numbers: list[int] | None = None, speech: list[int] | None = None):
        """``flagged``/``numbers``/``speech``: sorted offsets of the words that may begin a trigger/a count/a speech
        verb, from lexeme flags; None finds them with regexes."""
        self.text, self.sentences, self.lex, self.version = text, sentences, lex, version
        self.flagged, self.numbers = flagged, numbers
        self.low = fold(text)
        self.attribution = Attribution(text, sentences, lex, gazetteer, speech)
        self.claims_in: dict[int, list[ExtractedClaim]] = {}
        self._clauses: dict[int, Clauses] = {}

    def candidates(self) -> dict[int, list[Hit]]:
        """Trigger hits (offsets relative to their sentence) by sentence index: the one pass over the whole text."""
        if self.flagged is None:
            hits = triggers_in(self.low, self.lex)
        else:
            hits = triggers_in(self.low, self.lex, starts=self.flagged)
        starts = [s.start for s in self.sentences]
        found: dict[int, list[Hit]] = {}
        for h in hits:
            i = bisect.bisect_right(starts, h.start) - 1
            s = self.sentences[i] if i >= 0 else None
            if s and h.start < s.end:
                found.setdefault(i, []).append(Hit(h.start - s.start, min(h.end, s.end) - s.start, h.trigger))
        return found

    def extract(self) -> list[ExtractedClaim]:
        claims = []
        for i, hits in self.candidates().items():
            self.claims_in[i] = self.sentence_claims(i, hits)
            claims += self.claims_in[i]
        return self._attribute_repeats(claims)

    def sentence_claims(self, i: int, hits: list[Hit]) -> list[ExtractedClaim]:
        s = self.sentences[i]
        text = self.text[s.start:s.end]
        low = self.low[s.start:s.end]
        anchors = None
        if self.numbers is not None:
            lo, hi = bisect.bisect_left(self.numbers, s.start), bisect.bisect_left(self.numbers, s.end)
            anchors = live_anchors(low, [p - s.start for p in self.numbers[lo:hi]], self.lex.lang)
        equipment = any(h.trigger.by_class.get("equipment") in ARTICLE_CATEGORIES for h in hits)
        if anchors == [] and not equipment:
            return []  # no number-like word: nothing to count
        quantities = find_quantities(text, self.lex.lang, anchors, low)
        if equipment:
            quantities = sorted(quantities + [a for a in article_quantities(text, self.lex)
                                              if all(a.end <= q.start or a.start >= q.end for q in quantities)],
                                key=lambda q: q.start)
        if not quantities:
            return []
        clauses = self.clauses(i)
        trigger_starts = {h.start for h in hits}
        by_segment: dict[int, list[Hit]] = {}
        for h in hits:
            by_segment.setdefault(clauses.segment(h.start), []).append(h)
        walls = sorted((sp.start - s.start, sp.end - s.start) for sp in self.attribution.speakers(i))
        own_sides = None  # "på hans side" and the like, found when a count has no victims of its own
        counts = [q.start for q in quantities]
        out = []
        for q in quantities:  # in text order
            words = words_after(low, q.end, self.lex, trigger_starts)
            cls = noun_class(low, words, self.lex)
            if cls == "nonclaim" or (q.kind == "article" and cls != "equipment") or _is_agent(low, q, self.lex):
                continue
            seg = clauses.segment(q.start)
            found = best_trigger(text, q, cls, by_segment.get(seg, []), self.lex, clauses, walls, counts)
            if not found:
                continue
            category, _, subtype = found[1].partition("/")
            who = self.claimant(i, s.start + q.start)
            seg_start, seg_end = clauses.bounds(seg, len(text))
            victims, how = victims_of(text, q, seg_start, seg_end, self.lex, words)
            if not victims:  # "..., og ti, der blev sårede": "på hans side" earlier, by the same speaker
                if own_sides is None:
                    own_sides = [(m.start(), text[m.start():m.end()]) for m in self.lex.own_side.finditer(low)]
                j = bisect.bisect_left(own_sides, (seg_end, ""))
                if j and self.claimant(i, s.start + own_sides[j - 1][0]).name == who.name:
                    victims, how = own_sides[j - 1][1], "own"
            party = who.party if how == "own" else places().party_in(victims) if victims else None
            out.append(ExtractedClaim(
                claimant=who.written, claimant_name=who.name, claimant_party=who.party, claimant_kind=who.kind,
                category=category, subtype=subtype or None, low=q.low, high=q.high, qualifier=q.qualifier,
                vague=q.vague, victims=victims, victims_party=party, sentence=text, start=s.start, end=s.end,
                number_text=q.text, number_start=s.start + q.start, number_end=s.start + q.end,
                extractor_version=self.version, extras={"trigger": text[found[0].start:found[0].end]},
            ))
        return out

    def claimant(self, i: int, pos: int) -> Who:
        """Who asserts the count at ``pos`` in sentence ``i``.

        An attribution in the same clause wins, then the nearest one before, then one after (", siger X"). Without
        any: the next sentence's "Det oplyser X", the speaker of a quotation paragraph, the speaker of the previous
        sentence of the same paragraph if it made claims too (a list of figures), and otherwise the outlet's voice.
        """
        att = self.attribution
        speakers = [sp for sp in att.speakers(i) if not (sp.start <= pos < sp.end)]
        if speakers:
            return self._nearest(i, pos, speakers).who
        s = self.sentences[i]
        if i + 1 < len(self.sentences):
            nxt = [sp for sp in att.speakers(i + 1) if sp.anaphoric]
            if nxt:
                return nxt[0].who
        continues = i > 0 and self.sentences[i - 1].paragraph == s.paragraph and self.claims_in.get(i - 1)
        if continues or s.in_quote:
            previous = att.last_speaker_before(s.start)
            if previous:
                return previous
        return Who("", "(outlet)", None, "outlet")

    def clauses(self, i: int) -> Clauses:
        if i not in self._clauses:
            s = self.sentences[i]
            self._clauses[i] = Clauses.of(self.text[s.start:s.end], self.lex)
        return self._clauses[i]

    def _nearest(self, i: int, pos: int, speakers: list[Speaker]) -> Speaker:
        """Same strong segment (nearest), else the last one before, else the first one after."""
        s, clauses = self.sentences[i], self.clauses(i)
        seg = clauses.segment(pos - s.start)
        starts = [sp.start for sp in speakers]
        k = bisect.bisect_left(starts, pos)
        near = [sp for sp in speakers[max(0, k - 2):k + 2] if clauses.segment(sp.start - s.start) == seg]
        if near:
            return min(near, key=lambda sp: abs(sp.start - pos))
        before = [sp for sp in speakers[:k] if sp.end <= pos]
        return before[-1] if before else speakers[k] if k < len(speakers) else speakers[-1]

    @staticmethod
    def _attribute_repeats(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """A headline or lead repeating an attributed figure in the outlet's voice takes the attribution."""
        attributed = {(c.category, c.low, c.high): c for c in claims if c.claimant_kind != "outlet"}
        for c in claims:
            source = attributed.get((c.category, c.low, c.high))
            if c.claimant_kind == "outlet" and source:
                c.claimant, c.claimant_name = source.claimant, source.claimant_name
                c.claimant_party, c.claimant_kind = source.claimant_party, source.claimant_kind
                c.extras["claimant_from_repeat"] = True
        return claims
