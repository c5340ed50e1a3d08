"""Per-language rule data (``patterns/<lang>.json``) compiled once into regular expressions.

Adding a language is adding a data file: nothing here names a Danish or English word.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import re._parser as _sre_parse  # to read a regex's literals (see ``required_strings``)
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

PATTERNS_DIR = Path(__file__).with_name("patterns")
LANGUAGES = ("da", "en")
FLAGS = re.IGNORECASE
HOT = 0  # regexes run over whole texts are case-sensitive on fold(text): IGNORECASE costs a factor of three


def fold(text: str) -> str:
    """Lower-cased ``text`` with the same length, so offsets found in it index ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lowers to two characters


def words_re(alternatives: str | list[str] | tuple[str, ...], flags: int = FLAGS) -> re.Pattern:
    """Whole-word regex for ``a|b|c`` (a string of regex fragments, or plain strings to escape, longest first)."""
    if not isinstance(alternatives, str):
        alternatives = "|".join(re.escape(a) for a in sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", flags)


def _top_level(rx: str) -> list[str]:
    """``rx`` split at its top-level ``|``."""
    parts, depth, cur = [], 0, ""
    for i, c in enumerate(rx):
        escaped = i > 0 and rx[i - 1] == "\\"
        if c in "([" and not escaped:
            depth += 1
        elif c in ")]" and not escaped:
            depth -= 1
        if c == "|" and depth == 0 and not escaped:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    return [*parts, cur]


def by_first_character(rx: str) -> str:
    """``rx`` with its top-level alternatives grouped under their first character (";|, og |, men | da " ->
    ";(?:)|,(?: og | men )| (?: da )"), in their order: the same matches, but the engine tries one group, not
    every alternative, at each space or comma of a sentence. ``rx`` itself when an alternative does not begin with
    a plain character."""
    groups: dict[str, list[str]] = {}
    for alt in _top_level(rx):
        if not alt or alt[0] in "\\.^$*+?{}[]|()" or alt[1:2] in ("*", "+", "?", "{"):
            return rx
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def word_prefixes(rx: str, size: int = 4) -> set[str]:
    """The starts (up to ``size`` letters) of the words a match of the word regex ``rx`` can begin with.

    "dræbt\\w*|kom til skade|(?:let |hårdt )?sårede?" -> {"dræb", "kom", "let", "hård", "såre"}. Lexemes are
    flagged with these once per vocabulary, so a document is scanned in Cython and the trigger regex is only tried,
    anchored, where a flagged word starts. An empty string means "any word".
    """
    return {word[:size] for word, _ in word_starts(rx)}


def flag_words(rx: str) -> tuple[frozenset, tuple[str, ...]]:
    """(whole words, word prefixes) that a match of ``rx`` can begin with: "in custody|kill(?:ed|s)?" ->
    ({"in"}, ("kill",)). A lexeme flag that tests these is far more selective than four-letter prefixes ("in" no
    longer flags "into" and "international")."""
    starts = word_starts(rx)
    return frozenset(w for w, whole in starts if whole), tuple(sorted(w for w, whole in starts if not whole))


def word_starts(rx: str) -> set[tuple[str, bool]]:
    """The literal first words of the alternatives of ``rx``, and whether each is a whole word (else a prefix)."""
    out: set[tuple[str, bool]] = set()
    for alt in _top_level(rx):
        if alt.startswith(("(?<=", "(?<!")):  # "(?<=to )safety" begins at "safety"
            depth, end = 0, 0
            for end, c in enumerate(alt):
                depth += (c == "(" and alt[end - 1:end] != "\\") - (c == ")" and alt[end - 1:end] != "\\")
                if depth == 0:
                    break
            alt = alt[end + 1:]
        if alt.startswith("(?:"):
            depth, end = 0, 0
            for end, c in enumerate(alt):
                depth += (c == "(" and alt[end - 1:end] != "\\") - (c == ")" and alt[end - 1:end] != "\\")
                if depth == 0:
                    break
            out |= word_starts(alt[3:end])
            if alt[end + 1:end + 2] in ("?", "*"):
                out |= word_starts(alt[end + 2:])
            continue
        m = re.match(r"[^\W\d_]+", alt)
        if not m:
            out.add(("", False))
            continue
        word, rest = m.group(), alt[m.end():]
        if rest[:1] in ("?", "*", "{"):  # "deaths?": the last letter is optional
            out.add((word[:-1], False))
        else:
            out.add((word, rest == "" or rest[:1] == " " or rest.startswith(("\\s", "\\W"))))
    return out


_MAX_STRINGS = 64  # more alternatives than this in one required piece: no cheaper test than the regex itself
_FEW = 8  # required pieces with more strings than this are taken only when there is nothing else


def required_strings(rx: str) -> tuple[str, ...]:
    """Strings one of which every match of the (case-sensitive) regex ``rx`` contains, or () when none can be told.

    "(?:af|blandt) (?:hans|vores) \\w+|på din side|\\bvores" -> ("vores", "af hans ", ...): a substring
    test with these rules out a regex search that finds nothing (``in`` is many times faster than a regex whose
    alternatives open with no common letter, which the engine must try at every character). Read from the parsed
    regex, so the test cannot drift from the data: of the literal runs every match of an alternative must contain,
    the longest of few strings is kept.
    """
    try:
        parsed = _sre_parse.parse(rx)
    except re.error:
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    need = _required(list(parsed))
    out: list[str] = []
    for text in sorted(need or (), key=len):  # a text holding "af vores" holds "vores": keep the shorter
        if not any(o in text for o in out):
            out.append(text)
    return tuple(out)


def _finite(items: list) -> set[str] | None:
    """The strings the parsed regex ``items`` matches, when they are few and literal (zero-width assertions match
    ""), else None."""
    out = {""}
    for op, av in items:
        if op is _sre_parse.LITERAL:
            options = {chr(av)}
        elif op in (_sre_parse.AT, _sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
            continue  # zero-width: leaving out a condition only lets the test pass more often
        elif op is _sre_parse.BRANCH:
            parts = [_finite(list(sub)) for sub in av[1]]
            if any(part is None for part in parts):
                return None
            options = set().union(*parts)
        elif op is _sre_parse.SUBPATTERN and not av[1] and not av[2]:
            options = _finite(list(av[3]))
            if options is None:
                return None
        else:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _required(items: list) -> set[str] | None:
    """The best set of strings one of which every match of the parsed regex ``items`` contains (see
    ``required_strings``), or None."""
    options: list[set[str]] = []
    run: list[set[str]] = []  # consecutive literal pieces: any stretch of them is required

    def close() -> None:
        for i, j in itertools.combinations(range(len(run) + 1), 2):
            texts = {""}
            for piece in run[i:j]:
                texts = {a + b for a in texts for b in piece}
                if len(texts) > _MAX_STRINGS:
                    break
            if len(texts) <= _MAX_STRINGS and "" not in texts:
                options.append(texts)
        run.clear()

    for op, av in items:
        piece = _finite([(op, av)])
        if piece is not None:
            if piece != {""}:
                run.append(piece)
            continue
        close()
        if op is _sre_parse.BRANCH:  # one alternative or another: what each requires
            parts = [_required(list(sub)) for sub in av[1]]
            if all(parts):
                options.append(set().union(*parts))
        elif op is _sre_parse.SUBPATTERN and not av[1] and not av[2]:
            inner = _required(list(av[3]))
            if inner:
                options.append(inner)
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and av[0] >= 1:  # its first repetition
            inner = _required(list(av[2]))
            if inner:
                options.append(inner)
    close()
    if not options:
        return None
    # The longest of at most eight strings: a short one is inside many words (" side" in "siden", "my" in "army").
    return min(options, key=lambda t: (len(t) > _FEW, -min(map(len, t)), len(t)))


def prefix_index(alternatives: list[tuple[str, str]]) -> dict[str, re.Pattern]:
    """{first-word prefix: regex of the named alternatives that can begin with it}, longest alternatives first."""
    grouped: dict[str, list[str]] = {}
    for name, alt in sorted(alternatives, key=lambda x: -len(x[1])):
        for prefix in word_prefixes(alt):
            grouped.setdefault(prefix, []).append(f"(?P<{name}>{alt})")
    return {prefix: words_re("|".join(alts), HOT) for prefix, alts in grouped.items()}


def chain_of(index: dict[str, re.Pattern], key: str, chains: dict | None = None) -> tuple[re.Pattern, ...]:
    """The regexes of ``index`` for the prefixes of ``key`` (a word's first four characters), longest first, and
    kept in the memo ``chains`` (callers look there first: a word then costs one lookup instead of five slices and
    lookups, and this runs for every flagged word of every text)."""
    chain = tuple(rx for size in (4, 3, 2, 1, 0) if (rx := index.get(key[:size])))
    if chains is not None:
        if len(chains) > 50_000:
            chains.clear()
        chains[key] = chain
    return chain


def match_at(index: dict[str, re.Pattern], low: str, pos: int, end: int, chains: dict | None = None) -> re.Match | None:
    """The match starting at ``pos`` of folded text among the alternatives whose first word starts like the word
    at ``pos``: a dictionary lookup and one small anchored regex instead of a scan with all alternatives.

    ``chains``: the memo of ``chain_of``.
    """
    key = low[pos:pos + 4]
    chain = chains.get(key) if chains is not None else None
    if chain is None:
        chain = chain_of(index, key, chains)
    for rx in chain:
        m = rx.match(low, pos, end)
        if m:
            return m
    return None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A casualty/affected word and the category it gives to a number, by the class of the number's noun."""

    by_class: dict  # noun class ("person", "equipment", "target") -> "category" or "other/subtype"
    priority: int = 0
    zero_parts: tuple = ()  # "dræbte og sårede": with a zero, one claim per category ("ingen dræbt eller såret")


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows about one language, compiled."""

    lang: str
    data: dict
    triggers: tuple[Trigger, ...]
    # Run on fold(text) (compiled without IGNORECASE): any_trigger ... framing, units ... year_nouns
    any_trigger: re.Pattern  # all trigger words, group "t<i>_<j>" for an alternative of triggers[i]
    trigger_prefixes: tuple[str, ...]  # a word starting with one of these may begin a trigger
    trigger_flags: tuple  # (whole words, prefixes): the selective test lexeme flags use (see ``flag_words``)
    attribution_flags: tuple
    by_prefix: dict  # first-word prefix -> regex of the trigger alternatives that begin so (groups as any_trigger)
    attribution_by_prefix: dict  # the same for the speech verbs (groups "a<i>_<n>")
    attribution_prefixes: tuple[str, ...]
    noun_classes: re.Pattern  # matched at a word start; the group name is the class (equipment, target, nonclaim)
    attribution: re.Pattern  # speech verbs and "ifølge"/"according to"; group "a<i>" has attribution_modes[i]
    attribution_modes: tuple[str, ...]  # where the subject is: "before", "after" or "either" the verb
    trigger_by_group: dict  # regex group name ("t3_0") -> its Trigger: a lookup, not a parse, per trigger word
    mode_by_group: dict  # regex group name ("a2", "a2_1") -> attribution mode
    strong: re.Pattern
    weak: re.Pattern
    np_stop: re.Pattern
    victim_stop: re.Pattern
    own_side: re.Pattern
    own_side_stems: tuple  # one of these is in every own_side match (``required_strings``; () if none can be told)
    framing: re.Pattern
    partitive: re.Pattern  # "af dem", "of them": the noun is in an earlier clause
    partitive_words: frozenset
    part_before: re.Pattern  # "heraf", "of whom" right before a count: a part of the count before it
    passive: re.Pattern  # "was", "blev": between a thing and its verb, the thing suffered it
    force_nouns: re.Pattern  # "soldater", "troops": gathered, they are a force size, not a crowd
    coordinated: re.Pattern  # between two counts joined by "og"/"and" ("14 students and a teacher")
    part_opening: re.Pattern  # "Blandt dem er 60 børn": a sentence opening so counts part of the claim before it
    framing_gate: re.Pattern  # a word every framing contains: the cheap test before the framing regex
    framing_stems: tuple  # one of these is in every framing_gate match: a substring test cheaper still
    agent_before: re.Pattern
    apposition: re.Pattern
    party_after: re.Pattern
    units: re.Pattern
    months: re.Pattern
    time_before: re.Pattern
    time_after: re.Pattern
    year_nouns: re.Pattern
    year_before: re.Pattern  # "i 2023", "since 2019": a four-digit number after these is a year
    count_before: re.Pattern  # "dødstallet lød på 2012", "the toll rose to 2012": a four-digit number is a count
    articles_equipment: re.Pattern
    person_article: re.Pattern  # "en syvårig pige", "a 23-year-old man": one person (matched at an article)
    partitive_between: re.Pattern  # "71 of the 103 missiles": the second count is the whole the first is part of
    prepositions: frozenset  # "henviser til en 35-årig mand": a person after one is no count of victims
    relative: frozenset  # "der", "who": a trigger after one is in a relative clause of the count's noun
    zero_gap: frozenset
    zero_blocked: frozenset  # words that make "no ... killed" no zero claim ("no reports of deaths", "no one knows")
    zero_join: re.Pattern  # "no injuries or deaths": a second trigger joined to the first
    trigger_chains: dict = field(default_factory=dict, compare=False)  # memos of ``chain_of``
    attribution_chains: dict = field(default_factory=dict, compare=False)

    def __hash__(self) -> int:
        return hash(self.lang)

    def trigger_at(self, low: str, pos: int, end: int) -> re.Match | None:
        """The longest trigger starting at ``pos`` of folded text (see ``match_at``)."""
        return match_at(self.by_prefix, low, pos, end, self.trigger_chains)

    def attribution_at(self, low: str, pos: int, end: int) -> re.Match | None:
        """The speech verb or "ifølge"/"according to" starting at ``pos`` of folded text (see ``match_at``)."""
        return match_at(self.attribution_by_prefix, low, pos, end, self.attribution_chains)

    def trigger_of(self, m: re.Match) -> Trigger:
        """The trigger whose alternative ``any_trigger`` matched."""
        return self.trigger_by_group[m.lastgroup]


def lemma_forms(lang: str, lemmas: set[str]) -> dict[str, list[str]]:
    """{lemma: its word forms} from the lookup lemmatizer's table in spacy-lookups-data (form -> lemma), read once when
    the lexicon is built: the casualty words are listed by lemma ("dræbe", "injure") and every inflected form the table
    knows is matched, while the running pipeline pays nothing per token. {} without the package."""
    if not lemmas:
        return {}
    try:
        table = resources.files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
        raw = gzip.decompress(table.read_bytes()).decode("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    # The entries of the wanted lemmas picked out of the JSON text ('"form": "lemma"', one a line) with one regex:
    # parsing all 550,000 Danish entries and walking them cost a second of start-up; this costs a third of one.
    # A form with a JSON escape in it is never a casualty word and is passed over.
    entry = re.compile(r'"([^"\\]+)": ?"(' + "|".join(map(re.escape, sorted(lemmas, key=len, reverse=True))) + r')"')
    forms: dict[str, list[str]] = {}
    for form, lemma in entry.findall(raw):
        forms.setdefault(lemma, []).append(form)
    return forms


def lemma_triggers(lang: str, d: dict) -> list[dict]:
    """Trigger entries for the forms of ``d["trigger_lemmas"]`` ({category: [lemma, ...]}) that no hand-written
    trigger already matches. A form must begin like its lemma (the table also maps "dice" to "die") and not be
    listed in ``d["lemma_form_exclusions"]`` (forms that are mostly other words: "dør" is a door)."""
    wanted = d.get("trigger_lemmas", {})
    if not wanted:
        return []
    known = re.compile("|".join(f"(?:{t['re']})" for t in d["triggers"]))
    excluded = set(d.get("lemma_form_exclusions", ()))
    forms = lemma_forms(lang, {lemma for lemmas in wanted.values() for lemma in lemmas})
    out = []
    for category, lemmas in wanted.items():
        new = sorted({f for lemma in lemmas for f in forms.get(lemma, ()) if f.isalpha() and f[:3] == lemma[:3]
                      and f not in excluded and not known.fullmatch(f)}, key=len, reverse=True)
        if new:
            out.append({"re": "|".join(map(re.escape, new)), "person": category})
    return out


def load_json(name: str) -> dict:
    with open(PATTERNS_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon for ``lang`` ("da" or "en"); raises KeyError for other languages."""
    if lang not in LANGUAGES:
        raise KeyError(f"no patterns for language {lang!r}")
    d = load_json(f"{lang}.json")
    d["triggers"] = [*d["triggers"], *lemma_triggers(lang, d)]
    triggers = tuple(
        Trigger({k: v for k, v in t.items() if k in ("person", "equipment", "target")}, t.get("priority", 0),
                tuple(t.get("zero_parts", ())))
        for t in d["triggers"]
    )
    # "(?![\w'’])": "the group's staff" is staff, not a group
    classes = re.compile("|".join(f"(?P<{name}>{rx})(?![\\w'’])" for name, rx in d["noun_classes"].items()), HOT)
    articles = "|".join(map(re.escape, d["articles"]))
    # Every alternative in a group of its own, "t<trigger>_<n>" / "a<attribution>_<n>", longest first.
    alternatives = sorted(((f"t{i}_{j}", alt) for i, t in enumerate(d["triggers"])
                           for j, alt in enumerate(_top_level(t["re"]))), key=lambda x: -len(x[1]))
    speech = [(f"a{i}_{j}", alt) for i, a in enumerate(d["attribution"]) for j, alt in enumerate(_top_level(a["re"]))]
    by_prefix, attribution_by_prefix = prefix_index(alternatives), prefix_index(speech)
    return Lexicon(
        lang=lang,
        data=d,
        triggers=triggers,
        any_trigger=words_re("|".join(f"(?P<{name}>{alt})" for name, alt in alternatives), HOT),
        by_prefix=by_prefix,
        trigger_prefixes=tuple(sorted(by_prefix)),
        trigger_flags=flag_words("|".join(alt for _, alt in alternatives)),
        attribution_flags=flag_words("|".join(alt for _, alt in speech)),
        attribution_by_prefix=attribution_by_prefix,
        attribution_prefixes=tuple(sorted(attribution_by_prefix)),
        noun_classes=classes,
        attribution=words_re("|".join(f"(?P<a{i}>{a['re']})" for i, a in enumerate(d["attribution"])), HOT),
        attribution_modes=tuple(a["subject"] for a in d["attribution"]),
        trigger_by_group={name: triggers[int(name[1:].partition("_")[0])] for name, _ in alternatives},
        mode_by_group={name: d["attribution"][int(name[1:].partition("_")[0])]["subject"]
                       for name in [f"a{i}" for i in range(len(d["attribution"]))] + [name for name, _ in speech]},
        strong=re.compile(by_first_character(d["boundaries"]["strong"])),  # searched in every sentence with a count
        weak=re.compile(by_first_character(d["boundaries"]["weak"])),
        np_stop=words_re(d["np_stop"], HOT),
        victim_stop=words_re(d["victim_stop"], HOT),
        own_side=re.compile(d["own_side"], HOT),
        own_side_stems=required_strings(d["own_side"]),
        framing=re.compile(d["framing"], HOT),
        partitive=re.compile(rf"(?:{d['partitive']})(?![\w])", HOT),
        partitive_words=frozenset(p.split()[0] for p in d["partitive"].split("|")),
        part_before=re.compile(rf"(?<![\w-])(?:{d['part_before']})\s+$", HOT),
        # "14 students and a teacher": a count's noun, then "og"/"and" right before the next count
        force_nouns=words_re(d["force_nouns"], HOT),
        passive=words_re(d["passive_auxiliaries"], HOT),
        coordinated=re.compile(rf"\s+[\w-]+(?:\s+[\w-]+)?,?\s+(?:{d['conjunction']})\s+", HOT),
        part_opening=re.compile(
            rf"[\"'«»“”\-–—\s]*(?:{d['part_before']}|[\w-]+\s+(?:{d['partitive_opening']}))(?![\w])", HOT),
        framing_gate=words_re(d["framing_gate"], HOT),
        framing_stems=required_strings(d["framing_gate"]),
        agent_before=re.compile(rf"\b(?:{d['agent_before']})\s+$", HOT),
        apposition=re.compile(d["apposition"]),
        party_after=re.compile(d["party_after"], FLAGS),
        units=re.compile(rf"\s*(?:{d['units']})(?![\w])", HOT),
        months=words_re(d["months"], HOT),
        time_before=re.compile(rf"(?<![\w-])(?:{d['time_before']})\s*$", HOT),
        time_after=re.compile(rf"\s*(?:{d['time_after']})(?![\w])", HOT),
        year_nouns=re.compile(rf"\s+(?:{d['year_nouns']})\b", HOT),
        year_before=re.compile(rf"(?<![\w-])(?:{d['year_before']})\s+$", HOT),
        count_before=re.compile(rf"(?<![\w-])(?:{d['count_before']})\s+$", HOT),
        articles_equipment=re.compile(
            # "en pansret mandskabsvogn", not "et lager med våben": no preposition between article and noun
            rf"(?<![\w-])({articles})\s+(?:(?!(?:{'|'.join(d['prepositions'])})\s)[\w-]+\s+){{0,2}}?"
            rf"(?={d['noun_classes']['equipment']})", HOT
        ),
        person_article=re.compile(
            rf"(?<![\w-])(?:{articles})\s+(?:[\w-]+\s+){{0,2}}?(?:{d['person_nouns']})(?![\w])", HOT),
        prepositions=frozenset(d["prepositions"]),
        relative=frozenset(d["relative"]),
        partitive_between=re.compile(rf"\s+(?:{d['partitive_between']})\s+", HOT),
        zero_gap=frozenset(d["zero_gap"]),
        zero_blocked=frozenset(d["zero_blocked"]),
        zero_join=re.compile(rf"\s*(?:{d['zero_join']})\s+$", HOT),
    )


@dataclass(frozen=True)
class Places:
    """Words that name a side (country, people, "civilians"), from ``patterns/gazetteer.json``."""

    parties: tuple[str, ...]
    regex: re.Pattern  # group "p<i>" names parties[i]
    memo: dict = field(default_factory=dict, compare=False, hash=False)  # victims repeat from article to article

    def party_in(self, text: str) -> str | None:
        """The side named first in ``text``, or None."""
        if text not in self.memo:
            if len(self.memo) > 50_000:
                self.memo.clear()
            m = self.regex.search(text)
            self.memo[text] = self.parties[int(m.lastgroup[1:])] if m else None
        return self.memo[text]


@cache
def places() -> Places:
    items = list(load_json("gazetteer.json")["places"].items())
    return Places(tuple(p for p, _ in items), words_re("|".join(f"(?P<p{i}>{rx})" for i, (_, rx) in enumerate(items))))
