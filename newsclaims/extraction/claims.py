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

from .attribution import OUTLET, Attribution, Gazetteer, Speaker, Who
from .lexicon import Lexicon, Trigger, chain_of, fold, match_at, places
from .numbers import find_quantities, live_anchors
from .sentences import Sentence
from .types import ExtractedClaim, Quantity

_WORDS = re.compile(r"[\w'’-]+")
_CLAUSE_PUNCT = re.compile(r"[,.;:!?()]|\s[-–—]\s")
_OWN_NOUN = re.compile(r"\d\s+$")  # a count right before a noun trigger: the noun is its own
WINDOW = 80  # characters after a count in which its noun and victims are looked for
NEAREST = 8  # triggers considered on each side of a count
ARTICLE_CATEGORIES = ("captured_equipment", "destroyed_equipment")  # "tog en panservogn": an article counts as 1
ZERO_KINDS = ("zero", "zero_single")
RELATIVE_PENALTY = 300  # a trigger inside a relative clause on the count's noun yields to one outside it
PERSON_REACH = 60  # characters between "en syvårig pige" and its trigger at most
CARRY_REACH = 3  # sentences after "Det oplyser X", "That is according to X" whose bare figures X still gives
NOUN_REACH = 30  # characters after a count within which a noun trigger ("ofre", "protesters") can be its noun
PARTITIVE_GAP = 16  # "71 of the 103": at most this many characters between a part and its whole


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
        # ``match_at`` called directly, not through ``lex.trigger_at``: one call less per flagged word of the text
        index, chains = lex.by_prefix, lex.trigger_chains
        found = filter(None, (match_at(index, low, p, end, chains) for p in starts if start <= p < end))
    hits: list[Hit] = []
    for m in found:
        if not hits or m.start() >= hits[-1].end:  # "sårede" inside "let sårede" was already taken
            hits.append(Hit(m.start(), m.end(), lex.trigger_of(m)))
    return hits


def words_after(low: str, end: int, lex: Lexicon, trigger_starts: set[int], limit: int = 5) -> list[tuple[int, int]]:
    """Spans of up to ``limit`` words after a count ending at ``end`` of folded text, to the first punctuation, stop
    word ("der", "who", "in") or trigger: where its noun and its victims are named."""
    window_end = min(len(low), end + WINDOW)
    stop = _CLAUSE_PUNCT.search(low, end, window_end)
    spans = []
    for m in _WORDS.finditer(low, end, stop.start() if stop else window_end):
        if len(spans) >= limit or m.start() in trigger_starts or lex.victim_stop.fullmatch(low, m.start(), m.end()):
            break
        spans.append(m.span())
    return spans


def noun_class(low: str, words: list[tuple[int, int]], lex: Lexicon) -> str:
    """Class of the noun among the first ``words`` after a count: equipment, target, nonclaim, (default) person, or
    any for "10 of them", whose noun is in an earlier clause."""
    if words and lex.partitive.match(low, words[0][0]):
        return "any"
    found = [m.lastgroup for m in (lex.noun_classes.match(low, start) for start, _ in words[:4]) if m]
    if "equipment" in found:  # "28 attack drones" is equipment, not "attacks"
        return "equipment"
    return found[0] if found else "person"  # the count's own noun comes first: "ni etager høj bygning" counts floors


def person_quantities(text: str, low: str, lex: Lexicon, positions: list[int] | None) -> list[Quantity]:
    """"en syvårig pige", "a 23-year-old man": an article before a word for a person counts as 1. ``positions``:
    where the sentence's number-like words (articles among them) start; None: search."""
    found = (lex.person_article.match(low, p) for p in positions) if positions is not None else \
        lex.person_article.finditer(low)
    out = []
    for m in found:
        if m and (m.start() == 0 or not low[m.start() - 1].isalnum()):
            before = low[max(0, m.start() - 40):m.start()].split()
            if before and before[-1] in lex.data["copulas"] and len(before) > 2 and \
                    before[-3] in lex.data["definite_singular"]:
                continue  # "Den anholdte er en 22-årig mand": describes one already named, counts no one
            if not before or before[-1] not in lex.prepositions:  # "henviser til en mand, der døde": no count
                out.append(Quantity(1, None, "exact", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                    kind="person"))
    return out


def article_quantities(text: str, lex: Lexicon) -> list[Quantity]:
    """"en panservogn", "an anti-drone gun": an article counts as 1, but only before an equipment noun."""
    return [Quantity(1, None, "exact", text=text[m.start(1):m.end(1)], start=m.start(1), end=m.end(1),
                     kind="article") for m in lex.articles_equipment.finditer(fold(text))]


@dataclass(slots=True)  # not frozen: frozen instances are four times slower to create (one per sentence with a count)
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
    sub, sub_end = clauses.part(q.start), clauses.part(q.end - 1)  # "between 100 and 300" spans a weak cut
    best = None
    k = bisect.bisect_left(hits, q.start, key=lambda h: h.start)
    relative = None  # the first trigger after the count, when a relative pronoun stands before it
    later = [h for h in hits[k:k + 2] if h.start >= q.end]
    if len(later) == 2 and any(w in lex.relative for w in _WORDS.findall(text[q.end:later[0].start].lower())):
        relative = later[0]
    for h in hits[max(0, k - NEAREST):k + NEAREST]:  # hits are in text order; far ones never win
        category = h.trigger.by_class.get(cls) if cls != "any" else next(iter(h.trigger.by_class.values()))
        if not category or q.kind == "article" and (category not in ARTICLE_CATEGORIES or h.start > q.end and
                                                    "target" in h.trigger.by_class):
            continue  # "Et russisk missil har ramt en café": the missile hit, it was not hit
        if q.kind == "article" and h.start > q.end and not lex.passive.search(text, q.end, h.start):
            continue  # "a missile destroyed a restaurant": the weapon did it; "a drone was shot down" is passive
        if q.kind == "person" and category == "other/crowd_size":
            continue  # "en landsby var samlet for at mindes en faldet soldat": no crowd of one
        if _crosses(walls, min(h.end, q.end), max(h.start, q.start)):
            continue
        if h.trigger.priority < 0 and h.end <= q.start and _OWN_NOUN.search(text, max(0, h.start - 12), h.start):
            continue  # "27 demonstranter, 16 betjente": a noun that names another count gives this one nothing
        if q.kind in ZERO_KINDS and (category == "other/crowd_size" or not _zero_reaches(text, q, h, lex)):
            continue  # "no one aboard the ship was hurt": nobody hurt, not a crowd of none
        distance = max(h.start - q.end, q.start - h.end, 0)  # 0: inside "kostet 57 mennesker livet"
        if h.trigger.priority < 0 and cls == "person" and h.start >= q.end and distance > NOUN_REACH:
            continue  # "7500 soldater i gang med at lede efter ofre": a noun far on names other people
        lo, hi = (q.end, h.start) if h.start >= q.end else (h.end, q.start)
        between = bisect.bisect_left(counts, hi) - bisect.bisect_left(counts, lo)
        if q.kind == "person" and (between or distance > PERSON_REACH):
            continue  # "a nurse guided 40 patients to safety": the nearer count has the trigger
        score = distance + (0 if sub <= clauses.part(h.start) <= sub_end else 1000) + 2000 * between \
            - 500 * h.trigger.priority
        if h is relative:
            score += RELATIVE_PENALTY  # "three officers who had been taken hostage ... were freed": the main verb
        if best is None or score < best[0]:
            best = (score, h, category)
    return (best[1], best[2]) if best else None


def _zero_reaches(text: str, q: Quantity, h: Hit, lex: Lexicon) -> bool:
    """May the zero ``q`` take trigger ``h``? It follows closely, after at most a short noun phrase and auxiliaries
    ("ingen betjente kom til skade", "no civilians were killed", "ingen danskere blandt de dræbte"), stands inside it
    ("kom ingen på jorden til skade"), or, for "en eneste"/"a single" after a negation, it stands right before ("har
    ikke dræbt en eneste soldat"). "No survivors" says that all died, not that none were rescued."""
    if h.start <= q.start and h.end >= q.end:
        return True
    if text[h.start:h.end].lower() in lex.data.get("no_survivors", ()):
        return False
    if h.start < q.end:
        return q.kind == "zero_single" and h.end <= q.start and not text[h.end:q.start].strip()
    gap = text[q.end:h.start]
    if len(gap) > 40 or _CLAUSE_PUNCT.search(gap):
        return False
    words = [w.lower() for w in _WORDS.findall(gap)]
    if lex.partitive.match(" ".join(words[:2])):  # "ingen af dem blev ramt", "none of them was hurt", but not
        return all(w in lex.zero_gap for w in words[2:])  # "none of them with life-threatening injuries"
    k = len(words)
    while k and words[k - 1] in lex.zero_gap:  # auxiliaries before the trigger: "was", "er blevet"
        k -= 1
    # before them a short noun phrase, perhaps with a place ("no one on the ship"), and no "reports of", "how many"
    return k <= 4 and not any(w in lex.zero_blocked for w in words[:k])


def _is_agent(low: str, q: Quantity, lex: Lexicon) -> bool:
    """"ramt af to droner", "killed by two gunmen": the count is who did it, not who suffered it."""
    return bool(lex.agent_before.search(low, max(0, q.start - 6), q.start))


def _contains_any(text: str, stems: tuple[str, ...]) -> bool:
    """Does ``text`` contain one of ``stems`` (True for none given)? A loop: cheaper than any() on a generator."""
    if not stems:
        return True
    for stem in stems:
        if stem in text:
            return True
    return False


def victims_of(text: str, q: Quantity, seg_start: int, seg_end: int, lex: Lexicon,
               words: list[tuple[int, int]], low: str | None = None) -> tuple[str, str]:
    """(victims as written, how their side is known: "own", "framed" or "").

    "hvad det kalder ukrainske nationalister" keeps the claimant's framing; "to af hans mænd" is the speaker's side.
    Only the count's own clause, and near the count, is read: long sentences stay linear. ``low``: ``fold(text)``.
    """
    low = fold(text) if low is None else low
    seg_start, seg_end = max(seg_start, q.start - 2 * WINDOW), min(seg_end, q.end + 2 * WINDOW)
    segment = text[seg_start:seg_end]
    low_segment = low[seg_start:seg_end]
    framed = lex.framing.search(low_segment) if _contains_any(low_segment, lex.framing_stems) and \
        lex.framing_gate.search(low_segment) else None
    if framed:
        group = next(i for i, g in enumerate(framed.groups(), 1) if g)
        return segment[framed.start(group):framed.end(group)].strip(" \"'«»“”"), "framed"
    own = lex.own_side.search(low_segment) if _contains_any(low_segment, lex.own_side_stems) else None
    if len(words) == 1 and low[words[0][0]:words[0][1]] in lex.partitive_words and \
            not lex.partitive.match(low, words[0][0]):
        words = []  # "snesevis af dræbte": "af" alone names no victims
    victims = " ".join(text[a:b] for a, b in words)
    if own:
        phrase = segment[own.start():own.end()]
        return (victims + " " if victims and phrase not in victims else "") + phrase, "own"
    return victims, ""


class DocumentClaims:
    """Extracts the claims of one document (text split into ``sentences``) in one language."""

    def __init__(self, text: str, sentences: list[Sentence], lex: Lexicon, gazetteer: Gazetteer, version: str,
                 flagged: list[int] | None = None, numbers: list[int] | None = None, speech: list[int] | None = None,
                 entities: list[tuple[int, int, str]] | None = None):
        """``flagged``/``numbers``/``speech``: sorted offsets of the words that may begin a trigger/a count/a speech
        verb, from lexeme flags; None finds them with regexes. ``entities``: names found by a trained pipeline's NER
        (see ``Attribution``)."""
        self.text, self.sentences, self.lex, self.version = text, sentences, lex, version
        self.flagged, self.numbers = flagged, numbers
        self.low = fold(text)
        self.attribution = Attribution(text, sentences, lex, gazetteer, speech, self.low, entities)
        self.claims_in: dict[int, list[ExtractedClaim]] = {}
        self._clauses: dict[int, Clauses] = {}
        self._own_sides: dict[int, list[tuple[int, str]]] = {}  # "på hans side" and the like, found when needed
        self.last_category: str | None = None  # of the last claim made: what "tallet", "the figure" count

    def candidates(self) -> dict[int, list[Hit]]:
        """Trigger hits (offsets relative to their sentence) by sentence index: the one pass over the whole text."""
        if self.flagged is not None:
            return self._flagged_candidates()
        starts = [s.start for s in self.sentences]
        found: dict[int, list[Hit]] = {}
        for h in triggers_in(self.low, self.lex):
            i = bisect.bisect_right(starts, h.start) - 1
            s = self.sentences[i] if i >= 0 else None
            if s and h.start < s.end:
                found.setdefault(i, []).append(Hit(h.start - s.start, min(h.end, s.end) - s.start, h.trigger))
        return found

    def _flagged_candidates(self) -> dict[int, list[Hit]]:
        """``candidates`` from the flagged words: ``triggers_in`` and the sentence of each hit in one loop, with the
        memo of ``match_at`` read inline and a sentence pointer that only moves forward (this loop runs for every
        flagged word of every text, and three in four of them begin no trigger: every call saved counts)."""
        low, lex, sentences = self.low, self.lex, self.sentences
        index, chains, trigger_by_group = lex.by_prefix, lex.trigger_chains, lex.trigger_by_group
        end, count = len(low), len(sentences)
        found: dict[int, list[Hit]] = {}
        i, last_end = -1, 0
        s = None
        for p in self.flagged:
            if p < last_end:  # inside the hit before ("sårede" of "let sårede"): it would not be taken
                continue
            key = low[p:p + 4]
            chain = chains.get(key)
            if chain is None:
                chain = chain_of(index, key, chains)
            for rx in chain:
                m = rx.match(low, p, end)
                if m:
                    break
            else:
                continue
            last_end = m.end()
            while i + 1 < count and sentences[i + 1].start <= p:
                i += 1
                s = sentences[i]
            if s is not None and p < s.end:
                found.setdefault(i, []).append(Hit(p - s.start, min(last_end, s.end) - s.start,
                                                   trigger_by_group[m.lastgroup]))
        return found

    def extract(self) -> list[ExtractedClaim]:
        claims = []
        candidates = self.candidates()
        for i, hits in candidates.items():
            self.claims_in[i] = self.sentence_claims(i, hits)
            claims += self.claims_in[i]
            if self.claims_in[i] and i + 1 < len(self.sentences) and i + 1 not in candidates and \
                    self.lex.part_opening.match(self.low, self.sentences[i + 1].start):
                # "... 448 er dræbt. Blandt dem er 60 børn.": no trigger of its own, the claim before has one
                self.claims_in[i + 1] = self.sentence_claims(i + 1, [])
                claims += self.claims_in[i + 1]
        return self._attribute_repeats(self._drop_references(claims))

    def _drop_references(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """"blandt de tolv dræbte", "one of the 12 dead": a definite count names a figure already given, so it is
        no new claim when an earlier claim has that figure (without one it stays: it is all the text says)."""
        definite = self.lex.data.get("definite_plural", ())
        seen, out = set(), []
        for c in claims:
            before = self.low[max(0, c.number_start - 12):c.number_start].split()
            # "de tre anholdte" after three arrested: the same figure again ("De 15 blev løsladt" is news of them)
            if not ((c.category, c.subtype, c.low, c.high) in seen and before and before[-1] in definite and
                    c.qualifier == "exact"):
                out.append(c)
            seen.add((c.category, c.subtype, c.low, c.high))
        return out

    def sentence_claims(self, i: int, hits: list[Hit]) -> list[ExtractedClaim]:
        s = self.sentences[i]
        equipment = any(h.trigger.by_class.get("equipment") in ARTICLE_CATEGORIES for h in hits)
        if self.numbers is not None:
            lo, hi = bisect.bisect_left(self.numbers, s.start), bisect.bisect_left(self.numbers, s.end)
            if lo == hi and not equipment:
                return []  # not one number-like word (nor article): nothing to count
        text = self.text[s.start:s.end]
        low = self.low[s.start:s.end]
        anchors = raw = None
        if self.numbers is not None:
            raw = [p - s.start for p in self.numbers[lo:hi]]
            anchors = live_anchors(low, raw, self.lex.lang)
        bare_articles = raw is None or len(raw) != len(anchors)  # live_anchors left out "en", "a" before a noun
        people = person_quantities(text, low, self.lex, raw) if bare_articles and any(
            "person" in h.trigger.by_class for h in hits) else []
        if anchors == [] and not equipment and not people:
            return []  # no number-like word: nothing to count
        quantities = find_quantities(text, self.lex.lang, anchors, low) if anchors != [] else []
        extra = people + (article_quantities(text, self.lex) if equipment else [])
        if extra:
            for a in extra:
                if all(a.end <= q.start or a.start >= q.end for q in quantities):
                    quantities.append(a)
            quantities.sort(key=lambda q: q.start)
        if not quantities:
            return []
        clauses = self.clauses(i)
        self._sentence_text = (text, low, clauses)  # for ``_claims``
        trigger_starts = {h.start for h in hits}
        by_segment: dict[int, list[Hit]] = {}
        for h in hits:
            by_segment.setdefault(clauses.segment(h.start), []).append(h)
        walls = sorted((sp.start - s.start, sp.end - s.start) for sp in self.attribution.speakers(i) if not sp.inline)
        counts = [q.start for q in quantities]
        out = []
        found_at: dict[int, str] = {}  # quantity index -> its category
        person_claims: list[tuple[int, list[ExtractedClaim]]] = []  # of "en pige", "a man", by trigger start
        counted: set[int] = set()  # starts of the triggers numbers took
        parted: set[int] = set()  # counts that are parts of the count before them ("heraf 99 mænd")
        previous_cls = None
        # "Blandt dem er 60 børn": the sentence counts parts of the last claim of the sentence before
        opens_with_part = bool(self.claims_in.get(i - 1)) and self.lex.part_opening.match(self.low, s.start)
        for k, q in enumerate(quantities):  # in text order
            words = words_after(low, q.end, self.lex, trigger_starts)
            cls = noun_class(low, words, self.lex)
            if not words and low[q.end:q.end + 1] == " ":  # the noun is a trigger itself: "82 relief camps"
                m = self.lex.noun_classes.match(low, q.end + 1)
                cls = "nonclaim" if m and m.lastgroup == "nonclaim" else cls
            if cls == "person" and words and low[words[0][0]:words[0][1]] in self.lex.partitive_words:
                # "three of the four Houthi small boats": the class of the whole's noun, further on
                found = [m.lastgroup for m in (self.lex.noun_classes.match(low, start) for start, _ in
                                               words_after(low, q.end, self.lex, trigger_starts, limit=8)[1:]) if m]
                cls = "equipment" if "equipment" in found else found[0] if found else cls
            part_of = cls == "any"  # "10 of them"
            if cls == "any" and previous_cls:  # "13 vehicles ..., 10 of them": the class of the earlier count
                cls = previous_cls
            elif cls == "person" and not words[:1] and previous_cls and \
                    self.lex.part_before.search(low, max(0, q.start - 12), q.start):
                cls = previous_cls  # "75 missiler, hvoraf 41 blev skudt ned": the part counts what the whole counts
            previous_cls = cls if cls != "any" else previous_cls
            if q.kind == "article" and any(0 < h.start - q.end < 40 and "target" in h.trigger.by_class and not
                                           self.lex.passive.search(low, q.end, h.start) for h in hits):
                continue  # "as a rocket hit a private house": the weapon is the subject of the hit
            if cls == "nonclaim" or (q.kind == "article" and cls != "equipment") or _is_agent(low, q, self.lex) \
                    or (q.kind == "person" and cls != "person"):
                continue
            if k and q.start - quantities[k - 1].end < PARTITIVE_GAP and \
                    self.lex.partitive_between.fullmatch(low, quantities[k - 1].end, q.start):
                # "71 of the 103 missiles": the whole is launched if the part was shot down; else no claim
                if found_at.get(k - 1) == "destroyed_equipment":
                    found_at[k] = "other/launched"
                    out += self._claims(i, q, clauses.segment(q.start), words, [(None, "other/launched")])
                continue
            seg = clauses.segment(q.start)
            # "14 students and a teacher", "heraf 99 mænd og 113 kvinder": joined to the count before by og/and
            coordinated = k and (q.kind == "person" or k - 1 in parted) and \
                self.lex.coordinated.fullmatch(low, quantities[k - 1].end, q.start)
            joined = q.kind == "person" and coordinated
            found = best_trigger(text, q, cls, by_segment.get(seg, []), self.lex, clauses, walls,
                                 [c for c in counts if c != quantities[k - 1].start] if joined else counts)
            if not found and k - 1 in found_at and q.kind not in ZERO_KINDS and (
                    part_of or self.lex.part_before.search(low, max(0, q.start - 12), q.start)
                    or k - 1 in parted and coordinated):
                # "66 er indlagt, heraf seks ...", "658 died, and 630 of them ...", "heraf 99 mænd og 113 kvinder"
                found = (None, found_at[k - 1])
                parted.add(k)
            if not found and q.kind not in ZERO_KINDS and opens_with_part:
                last = self.claims_in[i - 1][-1]
                found = (None, f"{last.category}/{last.subtype}" if last.subtype else last.category)
            if not found:
                continue
            if found[1] == "other/crowd_size" and any(self.lex.force_nouns.match(low, w[0]) for w in words[:2]):
                continue  # "100.000 soldater er samlet i området": a force size, not a crowd
            if found[1] == "inherit":  # "opgør tallet til 1347": the figure of the quantity named before
                if not self.last_category:
                    continue
                found = (found[0], self.last_category)
            found_at[k] = found[1]
            if q.kind in ZERO_KINDS and found[0] is not None and found[0].trigger.zero_parts:
                # "ingen er dræbt eller såret": none killed and none wounded, not a zero for both together
                triggered = [(found[0], part) for part in found[0].trigger.zero_parts]
            else:
                triggered = [found, *(self._joined(low, found[0], cls, hits) if q.kind in ZERO_KINDS else ())]
            made = self._claims(i, q, seg, words, triggered)
            if found[0] is None:
                pass
            elif q.kind == "person":
                if not joined:  # "14 students and a teacher had been killed": both counts share the trigger
                    person_claims.append((found[0].start, made))
            else:
                counted.add(found[0].start)
            out += made
        for trigger_start, made in person_claims:  # "En fotograf så ligene af mindst tyve mænd": the count has it
            if trigger_start in counted:
                out = [c for c in out if c not in made]
        return out

    def _claims(self, i: int, q: Quantity, seg: int, words: list[tuple[int, int]],
                found: list[tuple[Hit | None, str]]) -> list[ExtractedClaim]:
        """The claims of count ``q`` in sentence ``i``, one per (trigger, "category/subtype") in ``found``."""
        s = self.sentences[i]
        text, low, clauses = self._sentence_text
        who = self.claimant(i, s.start + q.start)
        seg_start, seg_end = clauses.bounds(seg, len(text))
        victims, how = victims_of(text, q, seg_start, seg_end, self.lex, words, low)
        if not victims:  # "..., og ti, der blev sårede": "på hans side" earlier, by the same speaker
            if i not in self._own_sides:
                self._own_sides[i] = [(m.start(), text[m.start():m.end()]) for m in self.lex.own_side.finditer(low)] \
                    if _contains_any(low, self.lex.own_side_stems) else []
            own_sides = self._own_sides[i]
            j = bisect.bisect_left(own_sides, (seg_end, ""))
            if j and self.claimant(i, s.start + own_sides[j - 1][0]).name == who.name:
                victims, how = own_sides[j - 1][1], "own"
        party = who.party if how == "own" else places().party_in(victims) if victims else None
        out = []
        for hit, found_category in found:
            category, _, subtype = found_category.partition("/")
            self.last_category = found_category
            out.append(ExtractedClaim(
                claimant=who.written, claimant_name=who.name, claimant_party=who.party, claimant_kind=who.kind,
                category=category, subtype=subtype or None, low=q.low, high=q.high, qualifier=q.qualifier,
                vague=q.vague, victims=victims, victims_party=party, sentence=text, start=s.start, end=s.end,
                number_text=q.text, number_start=s.start + q.start, number_end=s.start + q.end,
                extractor_version=self.version, extras={"trigger": text[hit.start:hit.end] if hit else ""},
            ))
        return out

    def _joined(self, low: str, hit: Hit, cls: str, hits: list[Hit]) -> list[tuple[Hit, str]]:
        """"no injuries or deaths", "ingen dræbte eller sårede": the triggers coordinated after a zero's trigger."""
        out = []
        for h in hits:
            if h.start < hit.end:
                continue
            category = h.trigger.by_class.get(cls)
            if not category or not self.lex.zero_join.fullmatch(low, hit.end, h.start):
                break
            out.append((h, category))
            hit = h
        return out

    def claimant(self, i: int, pos: int) -> Who:
        """Who asserts the count at ``pos`` in sentence ``i``.

        An attribution in the same clause wins, then the nearest one before, then one after (", siger X"). Without
        any: the next sentence's "Det oplyser X", the speaker of a quotation paragraph, the speaker of the previous
        sentence of the same paragraph if it made claims too (a list of figures), and otherwise the outlet's voice.
        """
        att = self.attribution
        speakers = [sp for sp in att.speakers(i) if not (sp.start <= pos < sp.end)]
        first_person = self.lex.data.get("first_person", ())
        if len(speakers) > 1 and any(sp.who.written.lower() in first_person for sp in speakers):
            # "- Vi har talt 23 døde, siger Helena Maleno": the one quoted, not "vi"
            speakers = [sp for sp in speakers if sp.who.written.lower() not in first_person] or speakers
        if speakers:
            return self._nearest(i, pos, speakers).who
        s = self.sentences[i]
        if i + 1 < len(self.sentences):
            nxt = [sp for sp in att.speakers(i + 1) if sp.anaphoric]
            if nxt:
                return nxt[0].who
        same_paragraph = i > 0 and self.sentences[i - 1].paragraph == s.paragraph
        earlier = self.claims_in.get(i - 1) if same_paragraph else None
        if earlier and not s.in_quote:  # a list of figures goes on in the voice of the one before
            c = earlier[-1]
            return Who(c.claimant, c.claimant_name or OUTLET, c.claimant_party, c.claimant_kind)
        if same_paragraph and not s.in_quote:  # "Det oplyser X. Yderligere 18 er såret." X goes on speaking
            told = [sp for sp in att.speakers(i - 1) if sp.anaphoric]
            if told:
                return told[-1].who
        if s.in_quote:
            previous = att.last_speaker_before(s.start)
            if previous:
                return previous
        official = self.lex.data.get("official_figure")
        # "the official toll stands at 84": the authorities' figure
        if official and re.search(official, self.low[s.start:s.end]):
            return Who("", self.lex.data["officials"], None, "organisation")
        for j in range(i - 1, max(-1, i - 1 - CARRY_REACH), -1):  # "Det oplyser politiet i Hamborg." goes on
            told = [sp for sp in att.speakers(j) if sp.anaphoric]  # to count for the figures of the next lines
            if told:
                return told[-1].who
        return Who("", OUTLET, None, "outlet")

    def clauses(self, i: int) -> Clauses:
        if i not in self._clauses:
            s = self.sentences[i]
            self._clauses[i] = Clauses.of(self.text[s.start:s.end], self.lex)
        return self._clauses[i]

    def _nearest(self, i: int, pos: int, speakers: list[Speaker]) -> Speaker:
        """Same strong segment (nearest), else the last one before, else the first one after."""
        if len(speakers) == 1:  # each rule gives the only one (most claims have one speaker: no clause lookup)
            return speakers[0]
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
                if c.qualifier == "exact" and source.start > c.start:  # a headline drops the body's "mindst"
                    c.qualifier = source.qualifier
        return claims
