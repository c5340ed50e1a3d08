"""Who says so: speech verbs, "ifølge"/"according to", pronouns and shortened names, parties.

One ``Attribution`` per document. It finds the speakers of a sentence on demand (most sentences of a long article
are never asked about) and resolves what the text calls them ("han", "Kapustin", "ministeriet") to the fullest
name the document gives, with the party from an apposition ("..., der beskriver sig selv som lederen af X") or
from the gazetteer.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .lexicon import Lexicon, fold, lexicon, load_json, places, words_re
from .numbers import grammar
from .sentences import Sentence
from .types import Actor

OUTLET = "(outlet)"
REACH = 240  # characters around a speech verb in which its subject is looked for
SPEAKER_REACH = 8  # sentences back in which "he said" finds the person quoted last
ANTECEDENT_REACH = 20  # sentences back in which "ministeriet", "the ministry" find the ministry named before
_JOINERS = ("af", "for", "of", "uden", "without", "al", "bin", "van", "von", "de", "la")
# Possessive "*+": a word is never given back to find the space after it (none can lie inside it), which spares
# the regex a step back per letter at each of the many capitalised words that start no name.
_NAME = re.compile(rf"[A-ZÆØÅÄÖÜ][\w'’-]*+(?:\s+(?:(?:{'|'.join(_JOINERS)})\s+)?[A-ZÆØÅÄÖÜ][\w'’-]*+)+")
_ORG_WORDS = re.compile(
    r"\b(?:Korps|Corps|Ministry|Ministeriet|Network|Forces|Police|Politi|International|Campaign|Group|Legion|Army|"
    r"Council|Party|Union|Front|Agency|Command|Brigade|Battalion|Organi[sz]ation|Institute|News|Times|Post|TV|"
    r"Hospital|Committee|Court|Jihad|Watch|Cross|Nations|Kors|Department|Office|Service|Guard|Media|Press|Staff|"
    r"Headquarters|Authority|Commission|Foundation|Association|Society|Crescent|Assembly|Parliament|Government|"
    r"Administration|Bureau|Centre|Center|Observatory|Directorate|Styrelse|Forbund|Parti|Kommune|Region)\b"
)


@lru_cache(maxsize=50_000)
def _org_words_in(name: str) -> bool:
    """Does ``name`` hold a word of an organisation's name ("Korps", "Ministry")? Memoised: the regex, with no common
    first letter to skip ahead to, costs more than a lookup, and names recur from article to article."""
    return bool(_ORG_WORDS.search(name))


# News agencies whose own voice a wire report is in: a dateline credit "(Reuters) -", "told AFP", "oplyser til Ritzau"
_AGENCY = re.compile(r"(?<![\w-])(Reuters|Associated Press|AP|AFP|Agence France-Presse|Ritzau|DPA|dpa|ANSA|EFE|NTB|TT|"
                     r"Bloomberg)(?![\w-])")
_AGENCY_NAMES = {"Associated Press": "AP", "Agence France-Presse": "AFP", "dpa": "DPA"}


def _is_number_word(word: str, lang: str) -> bool:
    """"Twelve", "40", "Mindst": a word a count begins with (not an article: "A group ... said" has a subject)."""
    low = word.lower()
    g = grammar(lang)
    return word[:1].isdigit() or low in g.anchor_words and low not in g.articles


def news_agency(text: str) -> str | None:
    """The agency a report speaks for, when its text shows one: the credit of a dateline ("KYIV, July 29 (Reuters)
    -") wins, else the agency named most often (a report cites itself: "told Reuters", "siger han til Ritzau")."""
    head = text[:400]
    credit = re.search(r"\(([A-Z][\w .-]{1,30}?)\)\s*[-–—]", head)
    if credit and _AGENCY.fullmatch(credit.group(1)):
        return _AGENCY_NAMES.get(credit.group(1), credit.group(1))
    counts: dict[str, int] = {}
    for m in _AGENCY.finditer(text):
        name = _AGENCY_NAMES.get(m.group(1), m.group(1))
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


_DETERMINERS = frozenset("det den de the a an en et this that dette denne disse".split())
_HEADLINE_SOURCE = re.compile(r"([A-ZÆØÅ][\w .'’-]{1,40}?):\s")
def _clause_start(before: str) -> int:
    """Where the clause ending ``before`` starts: after the last ",", ":", ";" (not "1,200") or spaced dash."""
    cut = 0
    for mark in (",", ":", ";"):
        k = before.rfind(mark)
        while k >= 0 and before[k + 1:k + 2].isdigit():
            k = before.rfind(mark, 0, k)
        if k >= cut:
            cut = k + 1
    for dash in (" - ", " – ", " — "):  # one rfind each, no test with "in" first: this runs for every speech verb
        k = before.rfind(dash)
        if k >= 0 and k + len(dash) > cut:
            cut = k + len(dash)
    opener = before.lstrip()[:2]
    if opener in ("- ", "– ", "— "):  # a dialogue paragraph opening the sentence
        cut = max(cut, before.index(opener) + 2)
    return cut


_COORDINATION = re.compile(r" (?:and|og|but|men|while|mens|whereas) ")
_DIGIT = re.compile(r"\d")
_ARTICLES = frozenset(("the", "a", "an"))  # before a speech verb: its participle ("the confirmed toll"); not "det"
_BY_AGENT = re.compile(r"\s+(?:by|af)\s+")
_PASSIVE_END = (" been ", " being ", " blevet ", " bliver ")
_GENITIVE_DESCRIPTION = re.compile(r"['’]s\s+[a-zæøå]+(?:\s+[a-zæøå]+)*$")  # "President Joe Biden's security adviser"
_WORD_START = re.compile(r"(?<![\w'’-])[\w'’-]+")
_PUNCT_END = re.compile(r"[,;:!?()\"»«“”]|(?<![A-Z])\.|\s[-–—]\s")  # "U.N. figures": an initialism goes on


@dataclass(slots=True)  # not frozen: frozen instances are four times slower to create
class Who:
    """A resolved claimant: as written, fullest name, party, kind."""

    written: str
    name: str
    party: str | None
    kind: str | None


OUTLET_VOICE = Who("", OUTLET, None, "outlet")


def _personal(who: Who) -> bool:
    """A head of state or leader the gazetteer files under a government ("President Vladimir Putin")."""
    names = [w for w in who.written.split() if w[:1].isupper()]
    return who.kind == "government" and len(names) >= 2 and not _org_words_in(who.written)


@dataclass(slots=True)  # not frozen: frozen instances are four times slower to create
class Speaker:
    """An attribution in a sentence: the verb's absolute span, who, and whether it points back ("Det oplyser X")."""

    start: int
    end: int
    who: Who
    anaphoric: bool = False
    inline: bool = False  # "ifølge X", "according to X": no verb that separates a subject from its predicate


@dataclass(frozen=True)
class Gazetteer:
    """Known actors, matched by alias on whole words (short aliases such as "FN", "UN" case-sensitively)."""

    actors: tuple[Actor, ...]
    regex: re.Pattern | None
    by_alias: dict
    memo: dict = field(default_factory=dict, compare=False, hash=False)

    def find(self, text: str) -> Actor | None:
        """The actor with the longest alias in ``text`` (memoised: claimants repeat from article to article)."""
        if text in self.memo:
            return self.memo[text]
        if len(self.memo) > 50_000:
            self.memo.clear()
        self.memo[text] = actor = self._find(text)
        return actor

    def _find(self, text: str) -> Actor | None:
        if not self.regex or not text:
            return None
        hits = [m.group() for m in self.regex.finditer(text)]
        if not hits:
            return None
        best = max(hits, key=len)
        return self.by_alias.get(best) or self.by_alias.get(best.lower())


def make_gazetteer(actors: Sequence[Actor]) -> Gazetteer:
    """A gazetteer over ``actors``; earlier actors win when two share an alias."""
    by_alias: dict[str, Actor] = {}
    short, long_ = [], []
    for a in actors:
        for alias in (a.name, *a.aliases):
            alias = alias.strip()
            if not alias:
                continue
            key = alias if len(alias) <= 3 else alias.lower()
            by_alias.setdefault(key, a)
            (short if len(alias) <= 3 else long_).append(alias)
    parts = []
    if long_:
        parts.append("|".join(re.escape(x) for x in sorted(set(long_), key=len, reverse=True)))
    if short:
        parts.append("(?-i:" + "|".join(re.escape(x) for x in sorted(set(short), key=len, reverse=True)) + ")")
    regex = words_re("|".join(parts)) if parts else None
    return Gazetteer(tuple(actors), regex, by_alias)


@cache
def default_actors() -> tuple[Actor, ...]:
    return tuple(Actor(a["name"], a["kind"], a.get("party"), tuple(a.get("aliases", ())))
                 for a in load_json("gazetteer.json")["actors"])


@cache
def default_gazetteer() -> Gazetteer:
    return make_gazetteer(default_actors())


def gazetteer_for(actors: Sequence[Actor] | None) -> Gazetteer:
    """The editors' actors first, then the default ones (so an editor's alias or party overrides ours)."""
    if not actors:
        return default_gazetteer()
    return make_gazetteer((*actors, *default_actors()))


@dataclass(slots=True)
class Named:
    """A multi-word name in the document. Its party and kind are worked out only when a claim needs them."""

    name: str
    start: int
    ends: list[int]  # where each mention ends: an apposition may follow any of them
    surname: str = ""
    party: str | None = None
    kind: str | None = None
    resolved: bool = False
    entity_kind: str | None = None  # "person" or "organisation" when a trained pipeline's NER found the name

    def __post_init__(self) -> None:
        self.surname = self.name.split()[-1]


@dataclass(frozen=True)
class SpeechWords:
    """Closed word classes that attribution needs, per language (built once, shared by all documents)."""

    person_pronouns: frozenset
    thing_pronouns: frozenset
    pronouns: frozenset  # both of the above, and the object forms below
    object_pronouns: dict  # "dem" -> "de", "him" -> "he": an object form stands for its subject form's antecedent
    group_pronouns: frozenset  # "de", "they": the last organisation or group quoted before the person
    anaphoric: frozenset
    relative: frozenset
    inverted: re.Pattern | None
    citing: re.Pattern
    citing_word: str
    strip_start: frozenset
    strip_end: frozenset
    complementizer: str
    complementizer_re: re.Pattern
    not_name_words: frozenset  # capitalised only because they open a sentence ("Det", "Ifølge", "Mandag")
    titles: frozenset  # "President", "Police Director General": words before a person's name, not part of it
    adverbial_openers: frozenset  # "Tidligere på ugen skrev OCHA": a clause opening so has its subject after the verb
    document_nouns: frozenset  # "en opdatering fra OCHA", "the report": the source is who made it
    generic_heads: frozenset  # "the agency", "ministeriet": a description of the organisation quoted before
    document_stems: tuple
    apposition_openers: tuple
    name_memo: dict  # run of capitalised words -> the name in it (see ``Attribution._name_in``)
    trim_memo: dict  # phrase -> ``Attribution._trim`` of it
    np_memo: dict  # words up to a punctuation mark -> ``Attribution._np_after`` of them
    v2_auxiliaries: frozenset  # "Indtil da havde myndighederne opgjort": the subject between auxiliary and verb
    same_source: frozenset  # "samme kilde", "the same source": whoever was quoted last
    agent_words: tuple  # "politiet anholdt 76": an arresting authority reports its own arrests
    inverted_subjects: frozenset  # "..., said officials": plural nouns that stand after an inverted speech verb
    adjective_endings: tuple  # "svensk", "russiske": a lower-case word so ending is an adjective before its noun
    conjunctions: frozenset  # "og", "and": a comma part opening so starts a new subject, not an apposition
    of_places: frozenset  # "kommunikationschef i Bestseller X", "byrådet i Mariupol": not "luftvåbnet på Telegram"
    subordinators: re.Pattern | None  # "..., as JNIM claims 300 killed": the subject follows the last one
    verb_adverbs: frozenset  # "sagde tidligere på ugen": an adverb right after a speech verb is not its subject


@cache
def _speech_words(lang: str) -> SpeechWords:
    d = lexicon(lang).data
    return SpeechWords(
        person_pronouns=frozenset(d["person_pronouns"]),
        thing_pronouns=frozenset(d["thing_pronouns"]),
        pronouns=frozenset(d["person_pronouns"] + d["thing_pronouns"] + list(d["object_pronouns"])),
        object_pronouns=d["object_pronouns"],
        group_pronouns=frozenset(d["group_pronouns"]),
        anaphoric=frozenset(d["anaphoric_subjects"]),
        relative=frozenset(d["relative"]),
        inverted=words_re(d["inverted_verbs"]) if "inverted_verbs" in d else None,
        citing=words_re(d["citing"]),
        citing_word=d["citing"].split()[0],
        strip_start=frozenset(d["np_strip_start"].split("|")),
        strip_end=frozenset(d["np_strip_end"].split("|")),
        complementizer=d["complementizer"],
        complementizer_re=re.compile(rf"\b{re.escape(d['complementizer'])}\b"),
        not_name_words=_DETERMINERS | {w for w in f"{d['np_strip_start']}|{d['np_stop']}".split("|") if w.isalpha()},
        titles=frozenset(d["titles"]),
        adverbial_openers=frozenset(d["adverbial_openers"]),
        document_nouns=frozenset(d["document_nouns"]),
        document_stems=tuple(d["document_nouns"]),
        generic_heads=frozenset(d["generic_heads"]),
        apposition_openers=tuple(f"{w} " for w in d["apposition_openers"]),
        name_memo={},
        trim_memo={},
        np_memo={},
        v2_auxiliaries=frozenset(d.get("v2_auxiliaries", ())),
        same_source=frozenset(d.get("same_source", ())),
        agent_words=tuple(d.get("agent_words", ())),
        inverted_subjects=frozenset(d.get("inverted_subjects", ())),
        verb_adverbs=frozenset(d.get("verb_adverbs", ())),
        of_places=frozenset(d.get("of_places", ())),
        conjunctions=frozenset(w for w in d.get("conjunction", "").split("|") if " " not in w),
        adjective_endings=tuple(d.get("adjective_endings", ())) or ("\0",),
        subordinators=words_re(d["subordinators"]) if d.get("subordinators") else None,
    )


class Attribution:
    """Speakers of the sentences of one document, computed lazily and cached."""

    def __init__(self, text: str, sentences: list[Sentence], lex: Lexicon, gazetteer: Gazetteer,
                 speech: list[int] | None = None, low: str | None = None,
                 entities: list[tuple[int, int, str]] | None = None):
        """``speech``: sorted offsets of the words a speech verb can begin with (lexeme flags); None: regex scan.
        ``low``: ``fold(text)`` if the caller has it. ``entities``: (start, end, "person"/"organisation") of the
        names a trained pipeline's NER found, when one is installed: they add single-word names ("Hamas",
        "Mohammed") and their kind to the capitalised runs found here."""
        self.text, self.sentences, self.lex, self.gaz, self.speech = text, sentences, lex, gazetteer, speech
        self.entities = entities or []
        self.low = fold(text) if low is None else low
        self._speakers: dict[int, list[Speaker]] = {}
        self._resolved: dict[tuple[str, str], Who] = {}
        self._names: list[Named] | None = None
        self._person_mentions: list[tuple[int, Named]] | None = None
        self._starts: list[int] | None = None  # of the sentences, for ``_sentence_index``
        self.words = _speech_words(lex.lang)  # the language's closed word classes, shared by all documents

    # --- the document's named people and organisations -------------------------------------------------------
    @property
    def names(self) -> list[Named]:
        """Multi-word capitalised names in order of first mention (sentence-initial words and titles dropped)."""
        if self._names is None:
            self._names = []
            seen: dict[str, Named] = {}
            text, memo = self.text, self.words.name_memo
            for m in _NAME.finditer(text):
                start = m.start()
                if start and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
                    continue  # inside a word: the regex has no look-behind so that it can skip ahead fast
                found = m.group()
                name = memo.get(found)  # ``_name_in``'s memo read here: one call less per capitalised run
                if name is None:
                    name = self._name_in(found)
                if not name:
                    continue
                if name in seen:
                    seen[name].ends.append(m.end())
                else:
                    seen[name] = Named(name, m.end() - len(name), [m.end()])
                    self._names.append(seen[name])
            for start, end, kind in self.entities:
                name = text[start:end]
                if name in seen:
                    seen[name].entity_kind = seen[name].entity_kind or kind
                    if end not in seen[name].ends:
                        seen[name].ends.append(end)
                elif name[:1].isupper():
                    seen[name] = Named(name, start, [end], entity_kind=kind)
                    self._names.append(seen[name])
            if self.entities:
                self._names.sort(key=lambda named: named.start)
        return self._names

    def _name_in(self, found: str) -> str:
        """The name in a run of capitalised words, or "": sentence-openers and titles dropped (memoised per
        language: the same runs recur from article to article)."""
        memo = self.words.name_memo
        if found not in memo:
            if len(memo) > 50_000:
                memo.clear()
            words = found.split()
            while words and words[0].lower() in self.words.not_name_words:
                words.pop(0)
            if len(words) > 2 and self._is_common_noun(words[0]):
                words.pop(0)  # "Kaptajnen Jens Holm": a sentence-initial definite noun is a title, not a name
            while len(words) > 2 and words[0].lower() in self.words.titles:
                words.pop(0)  # "Police Director General Leon Charles" is Leon Charles, a person
            last_title = max((k for k, w in enumerate(words[:-2]) if w.lower() in self.words.titles), default=-1)
            if last_title >= 0:  # "Orlando Police Chief John Mina", "Hawaii Governor Josh Green": the person
                words = words[last_title + 1:]
            memo[found] = " ".join(words) if len(words) >= 2 else ""
        return memo[found]

    def described(self, named: Named) -> Named:
        """``named`` with its party (apposition, gazetteer or a place in the name) and kind filled in."""
        if not named.resolved:
            actor = self.gaz.find(named.name)
            named.party = next(filter(None, map(self._apposition_party, named.ends)), None) or (
                actor.party if actor else None) or places().party_in(named.name)
            named.kind = actor.kind if actor else named.entity_kind or (
                "organisation" if _org_words_in(named.name) else "person")
            named.resolved = True
        return named

    def _is_common_noun(self, word: str) -> bool:
        suffixes = tuple(x for x in self.lex.data["definite_suffixes"] if len(x) > 1)
        return len(word) > 5 and word.lower().endswith(suffixes)

    def _apposition_party(self, pos: int) -> str | None:
        """The side named in an apposition right after ``pos``: "X, der er leder af Y" -> Y's party."""
        m = self.lex.apposition.match(self.text, pos)
        if not m:
            return None
        return self.party_of_phrase(next(g for g in m.groups() if g))

    def party_of_phrase(self, phrase: str) -> str | None:
        actor = self.gaz.find(phrase)
        if actor:
            return actor.party or actor.name
        m = self.lex.party_after.search(phrase)
        if m:
            group = next(g for g in m.groups() if g)
            name = _NAME.search(group) or re.match(r"[A-ZÆØÅ]\w+", group)
            if name:
                return name.group()
        return None

    def person_before(self, pos: int) -> Named | None:
        """The person mentioned last before ``pos`` (full name or surname alone)."""
        if self._person_mentions is None:
            persons = [n for n in self.names if self.described(n).kind == "person"]
            people = {n.surname: n for n in persons}
            mentions = [(n.start, n) for n in persons]
            if people:
                rx = words_re(list(people), flags=0)
                mentions += [(m.start(), people[m.group()]) for m in rx.finditer(self.text)]
            self._person_mentions = sorted(mentions, key=lambda x: x[0])
        k = bisect.bisect_left(self._person_mentions, pos, key=lambda x: x[0])
        return self._person_mentions[k - 1][1] if k else None

    # --- resolving what a sentence calls its speaker ----------------------------------------------------------
    def resolve(self, written: str, pos: int, apposition: str = "") -> Who:
        """Resolve a claimant as written at ``pos`` to its fullest name, party and kind.

        Names and gazetteer actors resolve the same way wherever they stand, so they are cached per document;
        pronouns and descriptions ("han", "ministeriet") depend on what came before and are not.
        """
        key = (written, apposition)
        if key in self._resolved:
            return self._resolved[key]
        who = self._resolve(written, pos, apposition)
        if who.name != written or who.party or written[:1].isupper():
            if written.lower() not in self.words.pronouns:
                self._resolved[key] = who
        return who

    def _resolve(self, written: str, pos: int, apposition: str) -> Who:
        low = written.lower()
        # "ifølge dem", "according to him": an object pronoun is never the claimant, its antecedent is
        low = self.words.object_pronouns.get(low, low)
        if low in self.words.person_pronouns:  # the last person quoted, else the last person named
            speaker = self.last_speaker_before(pos, written, kind="person")
            if speaker:
                return speaker
            named = self.person_before(pos)
            if named:
                return Who(written, named.name, named.party, "person")
            return self.last_speaker_before(pos, written) or Who(written, OUTLET, None, "outlet")
        if next((w for w in low.split() if w not in _DETERMINERS), "") in self.words.same_source:  # "samme kilde"
            same = self._last_read_speaker(pos, ("outlet",))
            if same:
                return same
        if low in self.words.group_pronouns:  # "de", "they": the last organisation or group quoted, if any
            group = self.last_speaker_before(pos, written, kind="group")
            if group:
                return group
        if low in self.words.thing_pronouns:  # unresolved ("an election they say was rigged"): no claimant
            return self.last_speaker_before(pos, written) or Who(written, OUTLET, None, "outlet")
        party = self.party_of_phrase(apposition) if apposition else None
        # "Politiet", "FN": an organisation's one-word alias is no surname, so the names need not be collected
        known = " " not in written and getattr(self.gaz.find(written), "kind", "person") not in (
            "person", "government")
        parts = written.split()
        # A name is two capitalised words or more, a surname one: "De lokale myndigheder" can hold neither.
        capitalised = not known and bool(parts) and (parts[-1][:1].isupper() or sum(w[:1].isupper() for w in parts) > 1)
        for named in self.names if capitalised else ():
            if named.start < pos + len(written) and (named.name in written or written == named.surname
                                                      or written.endswith(" " + named.surname)):
                named = self.described(named)
                return Who(written, named.name, party or named.party, named.kind)
        actor = self.gaz.find(written)
        if actor:
            return Who(written, written, party or actor.party or actor.name, actor.kind)
        qualified = len(parts) > 1 and parts[0].lower().endswith(self.words.adjective_endings)  # "spanske myndigheder"
        if not qualified and not any(w[:1].isupper() for w in written.split()[1:]):  # "ministeriet", "the ministry"
            earlier = self._description_antecedent(written, pos)
            if earlier:
                return Who(written, earlier.name, party or earlier.party, earlier.kind)
        return Who(written, written, party or places().party_in(written), "organisation")

    def _description_antecedent(self, written: str, pos: int) -> Who | None:
        """"ministeriet", "the ministry", "borgmesteren" -> the last earlier speaker with that head word.

        Only speakers of sentences already looked at count (those with claims, and their neighbours).
        """
        head = written.split()[-1].lower()
        for suffix in self.lex.data["definite_suffixes"]:
            if head.endswith(suffix) and len(head) - len(suffix) >= 4:
                head = head[: -len(suffix)]
                break
        if len(head) < 4:
            return None
        here = self._sentence_index(pos)
        for i in range(here - 1, max(-1, here - ANTECEDENT_REACH), -1):
            for sp in reversed(self._speakers.get(i, ())):  # only sentences already read: no cascade
                if head in sp.who.written.lower() or head in sp.who.name.lower():
                    return sp.who
        # "rapporten", "the agency", not "netværkets udtalelse" or "the interior ministry" (complete in themselves)
        bare = len(written.split()) == 1 or len(written.split()) == 2 and written.split()[0].lower() in _DETERMINERS
        if bare and head in self.words.document_nouns:  # "ifølge rapporten", "the report": the last source cited
            return self._last_read_speaker(pos, ("outlet",))
        if bare and head in self.words.generic_heads:  # "the agency", "organisationen": the last organisation quoted
            return self._last_read_speaker(pos, ("person", "outlet"))
        return None

    def _last_read_speaker(self, pos: int, not_kinds: tuple[str, ...]) -> Who | None:
        """The last speaker before ``pos``, not of ``not_kinds``: in the sentence before it if in the same paragraph,
        else among the three before it already read (no cascade through sentences without claims)."""
        here = self._sentence_index(pos)
        for i in range(here - 1, max(-1, here - 4), -1):
            same = i == here - 1 and self.sentences[i].paragraph == self.sentences[here].paragraph
            for sp in reversed(self.speakers(i) if same else self._speakers.get(i, ())):
                if sp.who.kind not in not_kinds and sp.who.written.lower() not in self.words.pronouns:
                    return sp.who
        return None

    def last_speaker_before(self, pos: int, written: str = "", kind: str | None = None) -> Who | None:
        """The claimant of the nearest attribution before ``pos`` (looking back a few sentences), of ``kind`` if
        given ("person": "he said" points back to a person quoted, not to one merely mentioned)."""
        i = self._sentence_index(pos)
        for j in range(i, max(-1, i - SPEAKER_REACH), -1):
            for sp in reversed(self.speakers(j)):
                if sp.end <= pos and sp.who.written.lower() not in self.words.pronouns and \
                        (kind is None or sp.who.kind == kind or kind == "person" and _personal(sp.who)
                         or kind == "group" and sp.who.kind not in ("person", "outlet") and not _personal(sp.who)):
                    return Who(written or sp.who.written, sp.who.name, sp.who.party, sp.who.kind)
        return None

    def _sentence_index(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    # --- finding speakers -----------------------------------------------------------------------------------
    def speakers(self, i: int) -> list[Speaker]:
        """Attributions in sentence ``i``, in text order."""
        if i in self._speakers:
            return self._speakers[i]
        s = self.sentences[i]
        text = self.text[s.start:s.end]
        found: list[Speaker] = []
        # Seen while it grows: guards against recursion, and "X said 11 ..., who he said ..." finds X for "he".
        self._speakers[i] = found
        head = _HEADLINE_SOURCE.match(text) if ":" in text[:42] and self.lex.data.get("headline_colon") else None
        if head and len(head.group(1).split()) <= 4 and all(  # "Amnesty: Mindst 106 dræbt ...", not "Nepal crash:"
                w[:1].isupper() or w.lower() in _JOINERS for w in head.group(1).split()):
            found.append(Speaker(s.start, s.start + head.end(1), self.resolve(head.group(1), s.start)))
        low = self.low[s.start:s.end]
        if self.speech is None:
            matches = self.lex.attribution.finditer(low)
        else:  # anchored at the words the lexeme flags marked, as for triggers
            k, stop = bisect.bisect_left(self.speech, s.start), bisect.bisect_left(self.speech, s.end)
            matches = filter(None, (self.lex.attribution_at(low, p - s.start, len(low)) for p in self.speech[k:stop]))
        for m in matches:
            sp = self._speaker(text, s.start, m, self.lex.mode_by_group[m.lastgroup])
            if sp:
                found.append(sp)
        found.sort(key=lambda sp: sp.start)
        return found

    def _speaker(self, text: str, offset: int, m: re.Match, mode: str) -> Speaker | None:
        before = text[max(0, m.start() - REACH): m.start()]  # a subject is near its verb: long texts stay linear
        if mode in ("genitive", "agent"):
            subject = self._genitive(before) if mode == "genitive" else self._agent(before)
            if not subject:
                return None
            pos = offset + m.start() - len(before) + before.rfind(subject.split()[0])
            return Speaker(pos, offset + m.end(), self.resolve(subject, pos), False, True)
        agent = _BY_AGENT.match(text, m.end())
        if agent:  # "The toll, announced by ministry spokesman Anees al-Asbahi, was ...": the one after "by"
            stop = _PUNCT_END.search(text, agent.end(), agent.end() + 80)
            phrase = text[agent.end():stop.start() if stop else agent.end() + 80]
            name = _NAME.search(phrase)
            words = phrase.split()
            cut = next((k for k, w in enumerate(words) if k and self.lex.np_stop.fullmatch(w.lower())), len(words))
            by = name.group() if name else self._trim(" ".join(words[:cut])) if cut <= 4 else ""
            if by and by.lower() not in self.words.pronouns:
                pos = offset + agent.end()
                return Speaker(pos, offset + m.end(), self.resolve(by, pos), False, True)
        if before.endswith(_PASSIVE_END) or (before.rsplit(None, 1) or [""])[-1] in _ARTICLES:
            return None  # "had been counted twice", "the confirmed death toll": no speaker's verb
        clause = before[_clause_start(before):]
        if self.words.subordinators:  # "Death toll disputed after attack as JNIM claims": JNIM
            cuts = [m.end() for m in self.words.subordinators.finditer(clause)]
            if cuts and clause[cuts[-1]:].strip():
                clause = clause[cuts[-1]:]
        if self.words.complementizer in clause:  # the cheap test first: most clauses have no "at", "that"
            clause = self.words.complementizer_re.split(clause)[-1]
        if _DIGIT.search(clause):  # "when Ukraine said 230 had come home and Russia said 248 ...": Russia
            parts = _COORDINATION.split(clause)
            if len(parts) > 1 and parts[-1][:1].isupper() and len(parts[-1].split()) <= 4 and \
                    _DIGIT.search(parts[-2]):
                clause = parts[-1]
        subject, apposition = "", ""
        bare = clause.strip(" \"'«»“”")
        anaphoric = bare.lower() in self.words.anaphoric  # "Det oplyser X", "Det fremgår af X"
        if mode != "after":
            stripped = self._trim(bare)
            words = stripped.split()
            if len(words) > 1 and words[-1].lower() in self.words.pronouns and words[-2].lower() not in _DETERMINERS:
                stripped, words = words[-1], words[-1:]  # "demanding that X step down after an election they say"
            if words and words[0].lower() in self.words.relative:
                # "..., who he said ...": the pronoun; "X, der fungerer som ..., oplyser": past the apposition
                stripped = words[1] if len(words) == 2 and words[1].lower() in self.words.pronouns else ""
            elif mode == "either" and words and (words[0].lower() in self.words.adverbial_openers or
                                                 bare.split()[0].lower() in self.words.adverbial_openers):
                stripped = ""  # "Tidligere på ugen skrev OCHA": an adverbial first, the subject after the verb
            if stripped and len(words) > 1:
                stripped = " ".join(self._after_auxiliary(stripped.split()))
            subject = stripped
        if not subject and mode == "either" and before.rstrip().endswith(",") and \
                before.rstrip()[:-1].rsplit(",", 1)[-1].split()[:1] in ([w] for w in self.words.relative):
            subject, apposition = self._before_apposition(before)  # "X, som stod bag marchen, opgør tallet"
            if len(subject.split()) > 6 or not subject[:1].isupper() or any(c.isdigit() for c in subject):
                subject, apposition = "", ""  # "Mindst 20 er dræbt ved skælvet, der ramte X, meddeler Y": Y
        if not subject and (mode != "before" or (self.words.inverted and self.words.inverted.fullmatch(m.group()))):
            subject = self._np_after(text, m.end())
            first = subject.split()[0] if subject else ""
            if first.lower() == self.words.complementizer or mode == "before" and not (
                    first[:1].isupper() or first.lower() in _DETERMINERS or first.lower().rstrip(".,")
                    in self.words.inverted_subjects or any(
                        w[:1].isupper() for w in subject.split()[1:])):  # "said head of Unicef Catherine Russell"
                subject = ""  # "said two of his fighters ...": not an inverted subject
        if not subject and mode != "after":
            subject, apposition = self._before_apposition(before)
        trigger = self._trigger_in(subject) if subject.count(" ") > 1 else None
        if trigger:  # "ifølge det spanske indenrigsministerium reddet ...": up to the trigger
            subject = subject[:trigger].rstrip(" ,")
            if subject.lower() in _DETERMINERS:  # "a figure Western officials said": no subject left
                subject = ""
        if subject and len(subject.split()) > 3 and any(c.isdigit() for c in subject) or trigger and (
                not subject or _is_number_word(subject.split()[0], self.lex.lang)):
            # A clause with a count is no speaker ("At least 40 children were killed, said ..."), but a headline's
            # actor opening it is ("Indonesia cuts stadium toll to 125, says ...")
            first = subject.split()[0] if subject else ""
            subject = first if first[:1].isupper() and not _is_number_word(first, self.lex.lang) else ""
        dead = self.lex.trigger_at(subject.lower(), 0, len(subject)) if subject and " " not in subject else None
        if dead and self.lex.trigger_of(dead).by_class.get("person") == "killed":
            subject = ""  # "after bodies counted twice": the dead are no speakers (survivors are)
        first = subject[:subject.find(" ")].lower() if " " in subject else subject.lower()
        speech_words, speech_prefixes = self.lex.attribution_flags  # the flags' cheap test before the regex
        if first and (first in speech_words or first.startswith(speech_prefixes)) and \
                self.lex.attribution_at(subject.lower(), 0, len(subject)):
            subject = ""  # "..., says some victims counted twice": a speech verb opens no subject
        if not subject:
            return None
        subject = self._document_source(text, m.end(), subject)
        rest = text[m.end():m.end() + REACH]
        cite = self.words.citing.search(rest) if self.words.citing_word in rest.lower() else None
        if cite and cite.start() < len(subject) + 40:
            named = _NAME.search(rest, cite.end())
            if named:
                subject = named.group()
        pos = offset + m.start()
        return Speaker(pos, offset + m.end(), self.resolve(subject, pos, apposition), anaphoric, mode == "after")

    def _trigger_in(self, phrase: str) -> int:
        """Where the first trigger after the first word of ``phrase`` starts, or 0: tried only at words the lexeme
        flags would mark (a search with the whole trigger regex costs more than the rest of speaker finding)."""
        words, prefixes = self.lex.trigger_flags
        low = phrase.lower()
        for m in _WORD_START.finditer(low, low.find(" ") + 1):
            w = m.group()
            found = (w in words or w.startswith(prefixes)) and self.lex.trigger_at(low, m.start(), len(low))
            trigger = self.lex.trigger_of(found) if found else None
            if trigger and not (trigger.priority < 0 and "killed" in trigger.by_class.values()):
                return m.start()  # (a noun for the dead does not cut: "relatives of the victims" names someone)
        return 0

    def _genitive(self, before: str) -> str:
        """"politiets tal", "the ministry's figures": the owner of the figures, as a noun phrase ("politiet")."""
        words = before.split()
        if not words:
            return ""
        last = words[-1]
        if last.endswith(("'s", "’s")):
            owner = last[:-2]
        elif self.lex.lang == "da" and len(last) > 4 and last.endswith("s") and last[:-1].lower().endswith(
                ("et", "en", "ne", "ene", "erne")) or last[:1].isupper() and last.endswith("s") and len(last) > 4 \
                and self.lex.lang == "da":
            owner = last[:-1]
        else:
            return ""
        if not owner.isalpha() and not owner.replace("-", "").isalpha():
            return ""
        if len(words) > 1 and words[-2].lower() in _DETERMINERS:
            owner = f"{words[-2]} {owner}"
        return owner

    def _after_auxiliary(self, words: list[str]) -> list[str]:
        """"Indtil da havde myndighederne (opgjort)": after a fronted adverbial the subject follows the auxiliary;
        "Politiet har i nat (anholdt)": an adverbial after the auxiliary leaves the subject before it."""
        if not self.words.v2_auxiliaries:
            return words
        k = max((k for k, w in enumerate(words) if w.lower() in self.words.v2_auxiliaries), default=0)
        if not k:
            return words
        tail = self._trim(" ".join(words[k + 1:])).split()
        first = tail[0].lower() if tail else ""
        if tail and not self.lex.np_stop.fullmatch(first) and first not in self.lex.prepositions and \
                not any(c.isdigit() for w in tail for c in w):
            return tail
        return self._trim(" ".join(words[:k])).split()

    def _agent(self, before: str) -> str:
        """"Politiet har anholdt", "Police later arrested": the arresting authority, when the subject is one."""
        tail = before[-80:].lower()
        if not any(w in tail for w in self.words.agent_words):  # the cheap test first: most subjects are none
            return ""
        clause = before[_clause_start(before):]
        words = self._trim(clause.strip(" \"'«»“”")).split()
        words = self._after_auxiliary(words)
        subject = " ".join(words)
        low = subject.lower()
        if not subject or len(words) > 5 or any(c.isdigit() for c in subject) or \
                not any(w in low for w in self.words.agent_words):
            return ""
        return subject

    def _trim(self, phrase: str) -> str:
        """``phrase`` without leading conjunctions and adverbials and trailing auxiliaries ("but earlier on Sunday
        the mayor" -> "the mayor", "Israel had earlier" -> "Israel"). Memoised per language: a pure function of the
        phrase, and the subjects before speech verbs recur from article to article."""
        memo = self.words.trim_memo
        trimmed = memo.get(phrase)
        if trimmed is None:
            if len(memo) > 50_000:
                memo.clear()
            trimmed = memo[phrase] = self._trimmed(phrase)
        return trimmed

    def _trimmed(self, phrase: str) -> str:
        """``_trim`` without the memo. Word lists, not regexes: this runs for every speech verb."""
        words = phrase.replace(",", " ").split()
        low = [w.lower() for w in words]
        i, j = 0, len(words)
        while i < j:
            if " ".join(low[i:i + 2]) in self.words.strip_start and i + 1 < j:
                i += 2
            elif low[i] in self.words.strip_start:
                i += 1
            else:
                break
        while j > i:
            if j - i > 1 and " ".join(low[j - 2:j]) in self.words.strip_end:
                j -= 2
            elif low[j - 1] in self.words.strip_end:
                j -= 1
            else:
                break
        return " ".join(words[i:j])

    def _np_after(self, text: str, pos: int) -> str:
        """The noun phrase starting at ``pos``: a capitalised name, a determiner phrase or one (genitive) word.
        Memoised per language on the words up to the first punctuation mark, of which it is a pure function."""
        rest = text[pos:pos + REACH]
        stop = _PUNCT_END.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        memo = self.words.np_memo
        found = memo.get(phrase)
        if found is None:
            if len(memo) > 50_000:
                memo.clear()
            found = memo[phrase] = self._np_of(phrase.split()[:7])
        return found

    def _np_of(self, words: list[str]) -> str:
        """``_np_after`` of the (at most seven) words after ``pos``, without the memo."""
        def is_stop(word: str) -> bool:
            return bool(self.lex.np_stop.fullmatch(word.lower()))

        if not words or is_stop(words[0]) or words[0].lower() in self.words.verb_adverbs:
            # "sagde tidligere på ugen, at": an adverb after the verb, the subject stood before it
            return ""
        out = words[:1]
        if words[0].lower() in _DETERMINERS:  # "de lokale sundhedsmyndigheder"
            for w in words[1:5]:
                if is_stop(w):
                    break
                out.append(w)
            capital = next((k for k, w in enumerate(out) if k and w[0].isupper()), None)
            if capital is not None:  # "den tidligere parlamentariker Serhij Taruta": the name
                name = list(itertools.takewhile(lambda w: w[0].isupper() or w.lower() in _JOINERS, out[capital:]))
                # "the Hamburg police", "the Kremlin's spokesman": a name before the head noun keeps the noun
                out = out[:] if len(name) < len(out) - capital and len(out) - capital - len(name) <= 1 else name
        elif words[0][0].isupper():  # a name, possibly "Ruslands Frivillige Korps", "Læger uden Grænser"
            for w in words[1:]:
                if not (w[0].isupper() or w.lower() in _JOINERS):
                    break
                out.append(w)
            while len(out) > 1 and out[-1].lower() in _JOINERS:
                out.pop()
            for w in words[len(out):len(out) + 3]:  # "Israeli officials", "Palestinian health authorities"
                if is_stop(w) or w[0].isupper() or w.lower() in self.words.verb_adverbs:  # not "... sent torsdag"
                    break
                out.append(w)
        elif len(words) > 1 and words[1][0].isupper():  # a title before a name: "hospitalsdirektør Ahmed Saleh"
            out += [w for w in itertools.takewhile(lambda w: w[0].isupper(), words[1:])]
        elif len(words) > 2 and words[1].lower() in self.lex.prepositions and words[2][0].isupper() and \
                words[1].lower() in self.words.of_places:
            # "kommunikationschef i Bestseller Jesper Stubkier", "head of Unicef": the title and whose it is
            out += words[1:2] + [w for w in itertools.takewhile(lambda w: w[0].isupper(), words[2:])]
        elif words[0].lower().endswith(self.words.adjective_endings) and len(words) > 1 and not is_stop(words[1]):
            out.append(words[1])  # "ifølge svensk politi", "russiske myndigheder": an adjective and its noun
        elif words[0].endswith("s") and len(words) > 1 and not is_stop(words[1]):
            out.append(words[1])  # a genitive: "netværkets udtalelse"
        return " ".join(out).strip(" \"'«»“”")

    def _document_source(self, text: str, pos: int, subject: str) -> str:
        """"en opdatering fra FN's kontor" -> "FN's kontor": a report speaks for whoever made it."""
        head = subject.split()[-1].lower() if subject else ""
        if not head.startswith(self.words.document_stems):
            return subject
        k = text.find(subject, pos) if subject in text[pos:pos + REACH] else -1
        after = text[k + len(subject):k + len(subject) + 40] if k >= 0 else ""
        m = re.match(r"\s+(?:fra|from|by|af|of)\s+", after)
        source = self._np_after(after, m.end()) if m else ""
        return source if source[:1].isupper() else subject

    def _before_apposition(self, before: str) -> tuple[str, str]:
        """"Birte Schramm, der fungerer som førstehjælper, oplyser" -> ("Birte Schramm", the apposition)."""
        parts = [p.strip() for p in re.split(r",(?!\d)", before)]
        while parts and not parts[-1]:
            parts.pop()
        apposition = []
        while parts:
            part = parts.pop()
            first = part.split()[0].lower() if part.split() else ""
            if first in self.words.conjunctions and len(part.split()) > 1:  # "..., and Ukrainian media, citing
                return self._trim(part).strip(" \"'«»“”-–"), ", ".join(reversed(apposition))  # officials, said"
            if first in self.words.relative or (first in _DETERMINERS or part[:1].islower() and first not in
                    self.words.pronouns or part.lower().startswith(self.words.apposition_openers)
                    or _GENITIVE_DESCRIPTION.search(part)) and parts:
                # "X, one of the oldest armed groups, said", "X, head of the committee, gave a figure"
                apposition.append(part)
                continue
            if first in self.lex.prepositions and apposition and apposition[-1].split()[0].lower() in _DETERMINERS:
                part = apposition.pop()  # "In the east, the Karen National Union, one of ..., said": the subject
            cleaned = self._trim(part).strip(" \"'«»“”-–")
            return cleaned, ", ".join(reversed(apposition))
        return "", ""
