"""Extraction speed against the bare spaCy tokenizer on the same generated text, in one run.

    python -m newsclaims.extraction.bench [--words N] [--seed S]

The text is varied news-like prose in Danish and English from templates below: mostly background sentences, some
with dates, times and force sizes, and about one in six with an attributed casualty figure, as in real reports.
Names of people and places are made up per article, as new names keep appearing in real reports (the tokenizer
caches the words it has seen, so a corpus of a few hundred repeated words would flatter it). Times are CPU times of
this process, best of six runs of each, alternating (on a shared machine the best run is the least disturbed). The
last line is ``extraction_words_per_s=N tokenizer_words_per_s=M ratio=R`` (ratio = tokenizer speed / extraction
speed; extraction includes tokenizing).
"""

from __future__ import annotations

import argparse
import random
import time

import spacy

from . import build_pipeline
from .components import make_doc

VOCAB = {
    "da": {
        "who": ["Forsvarsministeriet", "Politiet", "De lokale myndigheder", "Hæren", "Amnesty International",
                "Borgmester Jens Holm", "Talsmanden Omar Said", "FN", "Røde Kors", "Militæret"],
        "verb": ["siger", "oplyser", "meddeler", "hævder", "skriver", "fastslår"],
        "qual": ["", "mindst ", "mere end ", "omkring ", "op mod ", "næsten "],
        "num": ["to", "fem", "ti", "tolv", "17", "43", "120", "1.300", "snesevis af", "flere hundrede"],
        "victims": ["soldater", "civile", "betjente", "demonstranter", "mennesker", "børn"],
        "event": ["dræbt", "såret", "anholdt", "savnet", "fordrevet", "taget til fange"],
        "place": ["Kharkiv", "Gaza", "Khartoum", "Belgorod", "København", "Aleppo"],
        "claim": ["{who} {verb}, at {qual}{num} {victims} er blevet {event} i {place}.",
                  "{qual}{num} {victims} blev {event} under angrebet, {verb} {who}.",
                  "Ifølge {who} er {qual}{num} {victims} {event} siden mandag."],
        "filler": ["Regeringen i {place} har indkaldt til et hastemøde om situationen ved grænsen, hvor spændingerne "
                   "er vokset markant i løbet af den seneste uge.",
                   "Den 8. januar klokken 14 mødtes delegationerne i {place} for at drøfte en mulig våbenhvile, men "
                   "forhandlingerne endte uden en aftale, og parterne forlod mødet hver for sig.",
                   "Over 100.000 soldater er ifølge vestlige analytikere samlet i området omkring {place}, hvilket "
                   "har skabt frygt for en ny offensiv i løbet af foråret.",
                   "Journalisterne spurgte flere gange ministeren om, hvornår den humanitære hjælp kunne nå frem til "
                   "byen, men hun ville ikke give en præcis dato for konvojen.",
                   "Det er fortsat uklart, hvem der står bag angrebet på infrastrukturen, og {who} ønsker ikke at "
                   "kommentere sagen yderligere, før undersøgelserne er afsluttet.",
                   "Vejret har gjort redningsarbejdet svært i de seneste fem dage, og flere af de vigtigste veje ind "
                   "til {place} er stadig lukkede for al trafik.",
                   "- Vi gør alt, hvad vi kan, for at hjælpe de berørte familier, og vi beder om forståelse for, at "
                   "det tager tid, siger en talsperson for kommunen.",
                   "Konflikten har stået på siden 2019 og har ramt økonomien i hele regionen hårdt, især landbruget og "
                   "de små virksomheder langs floden.",
                   "Oppositionen kritiserer regeringen for at have reageret for langsomt på advarslerne, som ifølge "
                   "flere eksperter var kendt i ugevis før udbruddet af kampene.",
                   "Nabolandene har lovet at åbne grænserne for civile, der ønsker at forlade området, men i praksis "
                   "har køerne ved grænseovergangene været mange kilometer lange."],
    },
    "en": {
        "who": ["The defence ministry", "Police", "Local officials", "The army", "Amnesty International",
                "Mayor John Miller", "Spokesman Omar Said", "The UN", "The Red Cross", "The military"],
        "verb": ["said", "says", "claimed", "reported", "told reporters"],
        "qual": ["", "at least ", "more than ", "about ", "up to ", "nearly "],
        "num": ["two", "five", "ten", "twelve", "17", "43", "120", "1,300", "dozens of", "hundreds of"],
        "victims": ["soldiers", "civilians", "police officers", "protesters", "people", "children"],
        "event": ["killed", "wounded", "arrested", "missing", "displaced", "captured"],
        "place": ["Kharkiv", "Gaza", "Khartoum", "Belgorod", "London", "Aleppo"],
        "claim": ["{who} {verb} that {qual}{num} {victims} had been {event} in {place}.",
                  "{qual}{num} {victims} were {event} in the attack, {who} {verb}.",
                  "According to {who}, {qual}{num} {victims} have been {event} since Monday."],
        "filler": ["The government in {place} has called an emergency meeting about the situation on the border, "
                   "where tensions have risen sharply over the past week.",
                   "On January 8 at 14:00 the delegations met in {place} to discuss a possible ceasefire, but the "
                   "talks ended without an agreement and both sides left the meeting separately.",
                   "More than 100,000 troops have massed in the area around {place}, according to Western analysts, "
                   "raising fears of a new offensive in the spring.",
                   "Reporters asked the minister several times when humanitarian aid could reach the city, but she "
                   "declined to give a date for the convoy.",
                   "It remains unclear who was behind the attack on the infrastructure, and {who} declined to comment "
                   "further until the investigation is complete.",
                   "The weather has made the rescue work difficult over the past five days, and several of the main "
                   "roads into {place} are still closed to all traffic.",
                   '"We are doing everything we can to help the families affected, and we ask for patience because '
                   'this takes time," a spokesperson for the municipality said.',
                   "The conflict has been going on since 2019 and has hit the economy of the whole region hard, "
                   "especially farming and the small businesses along the river.",
                   "The opposition accuses the government of reacting too slowly to the warnings, which several "
                   "experts say had been known for weeks before the fighting broke out.",
                   "Neighbouring countries have promised to open their borders to civilians who want to leave the "
                   "area, but in practice the queues at the crossings have stretched for kilometres."],
    },
}


RUNS = 6  # of each, alternating: on a noisy shared machine four left the ratio swinging by 0.3
CLAIM_SHARE = 0.22  # of sentences: about one claim per 100 words, as in wire reports of wars and disasters
SYLLABLES = [c + v for c in ("b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kr")
             for v in ("a", "e", "i", "o", "u", "ar", "en", "ov", "ik")]


def pseudo_word(rng: random.Random) -> str:
    """A new proper name: real reports name people and places the tokenizer has not cached."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def article(lang: str, rng: random.Random, sentences: int = 40) -> str:
    v = VOCAB[lang]
    places = [pseudo_word(rng) for _ in range(4)] + v["place"]
    people = [f"{pseudo_word(rng)} {pseudo_word(rng)}" for _ in range(3)]
    out = []
    for i in range(sentences):
        template = rng.choice(v["claim"] if rng.random() < CLAIM_SHARE else v["filler"])
        fields = {k: rng.choice(v[k]) for k in ("who", "verb", "qual", "num", "victims", "event")}
        fields["place"] = rng.choice(places)
        if rng.random() < 0.3:
            fields["who"] = rng.choice(people)
        if rng.random() < 0.5:
            fields["num"] = str(rng.randint(2, 400))
        s = template.format(**fields)
        out.append(s[0].upper() + s[1:])
        if i % 3 == 2:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def corpus(words: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    texts: dict[str, list[str]] = {"da": [], "en": []}
    count = 0
    while count < words:
        for lang in texts:
            a = article(lang, rng)
            texts[lang].append(a)
            count += len(a.split())
    return texts


def measure(texts: dict[str, list[str]]) -> tuple[float, float, int, int]:
    """(extraction seconds, tokenizer seconds, words, claims), best of ``RUNS`` runs of each, in both orders.

    Every run uses fresh pipelines and fresh copies of the texts, so extraction and the bare tokenizer both start
    with an empty tokenizer cache and strings whose UTF-8 form Python has not cached yet; the order alternates so
    that neither profits from running second.
    """
    words = sum(len(t.split()) for ts in texts.values() for t in ts)
    times: dict[str, float] = {"extraction": float("inf"), "tokenizer": float("inf")}
    claims = 0

    def extraction(fresh: dict[str, list[str]], pipelines: dict) -> int:
        return sum(len(d._.newsclaims_claims) for lang, ts in fresh.items()
                   for d in pipelines[lang].pipe(make_doc(pipelines[lang], t) for t in ts))

    def tokenizer(fresh: dict[str, list[str]], pipelines: dict) -> int:
        for lang, ts in fresh.items():
            for _doc in pipelines[lang].tokenizer.pipe(ts):
                pass
        return 0

    for order in (("extraction", "tokenizer"), ("tokenizer", "extraction")) * (RUNS // 2):
        for name in order:  # pipelines are built before the clock starts
            pipelines = {lang: build_pipeline.__wrapped__(lang) if name == "extraction" else spacy.blank(lang)
                         for lang in texts}
            fresh = {lang: [t.encode("utf-8").decode("utf-8") for t in ts] for lang, ts in texts.items()}
            start = time.process_time()
            claims = max(claims, (extraction if name == "extraction" else tokenizer)(fresh, pipelines))
            times[name] = min(times[name], time.process_time() - start)
    return times["extraction"], times["tokenizer"], words, claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsclaims.extraction.bench")
    parser.add_argument("--words", type=int, default=300_000, help="words of generated text (both languages)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    texts = corpus(args.words, args.seed)
    extraction, tokenizer, words, claims = measure(texts)
    ext_wps, tok_wps = words / extraction, words / tokenizer
    print(f"articles={sum(map(len, texts.values()))} words={words} claims={claims}")
    print(f"extraction_words_per_s={ext_wps:.0f} tokenizer_words_per_s={tok_wps:.0f} ratio={tok_wps / ext_wps:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
