"""The scale benchmark: ingest-plus-extract throughput, and page times with a million claims in PostgreSQL.

    python bench/scale.py                      # 10,000 articles through `manage.py ingest`, then 1,000,000 claims
    python bench/scale.py --articles 1000 --claims 0
    python bench/scale.py --articles 0 --claims 1000000 --keep
    python bench/scale.py --articles 0 --keep --pages events,list --requests 60   # only time pages, on nc_bench

It works in its own PostgreSQL database (`nc_bench` on DATABASE_URL's server, recreated unless --keep), never in
the project's. Part 1 writes a generated corpus as JSON lines — Danish and English articles from varied templates
about many events, claimants and numbers, a tenth of them wire copies of another — and times `manage.py ingest`
on it: reading, storing, wire-copy signatures, extraction in batches (`extract_many`) and event grouping.
Part 2 bulk-loads articles and claims with PostgreSQL COPY (psycopg's `cursor.copy`, rows streamed from a
generator; the claim text index is rebuilt once afterwards rather than maintained row by row) up to --claims rows,
then times the event comparison page (random events, and the five biggest apart), the claims list (by party, by
party and category, later pages, free text) and the event box's suggestions with Django's test client (in
process, no network), reporting p50/p95.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SYLLABLES = [
    "bel",
    "go",
    "rod",
    "kra",
    "ma",
    "tor",
    "sk",
    "za",
    "po",
    "ri",
    "zhia",
    "khar",
    "kiv",
    "du",
    "ne",
    "lu",
    "hansk",
    "mar",
    "iu",
    "pol",
    "sev",
    "ero",
    "do",
    "net",
    "ka",
    "fa",
    "sher",
    "kor",
    "dan",
    "el",
    "nya",
]
PARTIES = [
    (
        "Russia",
        "Rusland",
        ["Russiske myndigheder", "Ruslands forsvarsministerium"],
        ["the Russian Defence Ministry", "Moscow"],
    ),
    ("Ukraine", "Ukraine", ["Ukraines hær", "Ukraines luftvåben"], ["Ukraine's military", "Ukraine's air force"]),
    ("Israel", "Israel", ["Israels hær", "Israels regering"], ["the Israeli military", "Israel's government"]),
    ("Hamas", "Hamas", ["Gazas sundhedsministerium"], ["the Gaza health ministry"]),
    ("Rapid Support Forces", "RSF", ["RSF-militsen"], ["the RSF"]),
    ("Sudanese Armed Forces", "Sudans hær", ["Sudans hær"], ["the Sudanese army"]),
    ("Amnesty International", "Amnesty", ["Amnesty International"], ["Amnesty International"]),
    ("United Nations", "FN", ["FN", "FN's nødhjælpskontor"], ["the United Nations", "the UN humanitarian office"]),
    ("Police", "Politiet", ["Politiet", "Den lokale politimester"], ["Police", "The local police chief"]),
    ("Red Cross", "Røde Kors", ["Røde Kors"], ["the Red Cross"]),
]
DA_TEMPLATES = [
    "{who} oplyser, at mindst {n} mennesker blev dræbt ved {what} i {place}.",
    "Ifølge {who} blev {n} personer såret, da {what} ramte {place} {day}.",
    "{who} siger, at mere end {n} soldater er dræbt i kampene om {place}.",
    "{who} meddeler, at omkring {n} mennesker er flygtet fra {place} efter {what}.",
    "Op til {n} civile kan have mistet livet i {place}, siger {who}.",
    "{who} oplyser {day}, at {n} er anholdt efter urolighederne i {place}.",
]
EN_TEMPLATES = [
    "{who} said at least {n} people were killed in the {what} on {place}.",
    "According to {who}, {n} people were wounded when the {what} hit {place} {day}.",
    "{who} said more than {n} soldiers had been killed in the fighting for {place}.",
    "About {n} people have fled {place} after the {what}, {who} said.",
    "Up to {n} civilians may have died in {place}, {who} said.",
    "{who} said {day} that {n} people had been arrested after the unrest in {place}.",
]
DA_WHAT = ["et droneangreb", "et missilangreb", "et angreb", "eksplosionen", "beskydningen", "oversvømmelsen"]
EN_WHAT = ["drone strike", "missile attack", "attack", "explosion", "shelling", "flood"]
DA_DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
EN_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]
DA_FILLER = [
    "Oplysningerne kan ikke bekræftes af uafhængige kilder.",
    "Redningsarbejdet fortsatte hele natten.",
    "Myndighederne har indledt en undersøgelse af forløbet.",
    "Det er ikke første gang, at området bliver ramt.",
]
EN_FILLER = [
    "The figures could not be independently verified.",
    "Rescue work continued through the night.",
    "Officials have opened an investigation.",
    "It was not the first time the area had been hit.",
]
OUTLETS = [
    "Politiken (Ritzau)",
    "Jyllands-Posten (Ritzau)",
    "DR",
    "Berlingske",
    "Reuters",
    "AFP",
    "AP",
    "BBC",
    "The Guardian",
    "Al Jazeera",
    "Kyiv Independent",
    "Information",
    "Ekstra Bladet",
    "TV 2",
]


def place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_events(rng: random.Random, n: int) -> list[dict]:
    start = date(2022, 1, 1)
    return [
        {
            "place": place_name(rng),
            "date": start + timedelta(days=rng.randint(0, 1200)),
            "kind": rng.randrange(6),
            "parties": rng.sample(range(len(PARTIES)), 2),
        }
        for _ in range(n)
    ]


def make_article(rng: random.Random, event: dict, i: int) -> dict:
    language = "da" if rng.random() < 0.5 else "en"
    templates, fillers = (DA_TEMPLATES, DA_FILLER) if language == "da" else (EN_TEMPLATES, EN_FILLER)
    what, days = (DA_WHAT, DA_DAYS) if language == "da" else (EN_WHAT, EN_DAYS)
    paragraphs = []
    for _ in range(rng.randint(2, 5)):
        party = PARTIES[rng.choice(event["parties"])]
        who = rng.choice(party[2] if language == "da" else party[3])
        sentence = rng.choice(templates).format(
            who=who,
            n=rng.choice([rng.randint(2, 30), rng.randint(30, 400), rng.randint(400, 5000)]),
            what=what[event["kind"]],
            place=event["place"],
            day=rng.choice(days),
        )
        paragraphs.append(sentence[0].upper() + sentence[1:] + " " + rng.choice(fillers))
    published = event["date"] + timedelta(days=rng.randint(0, 3))
    title = (f"Angreb i {event['place']}" if language == "da" else f"Attack in {event['place']}") + f" ({i})"
    return {
        "id": f"bench-{i}",
        "language": language,
        "title": title,
        "published": published.isoformat(),
        "outlet": rng.choice(OUTLETS),
        "url": f"https://bench.example/{i}",
        "text": "\n\n".join(paragraphs),
    }


def corpus(rng: random.Random, n_articles: int, n_events: int):
    events = make_events(rng, n_events)
    made = []
    for i in range(n_articles):
        if made and rng.random() < 0.1:  # a wire copy: another outlet, the last paragraph cut
            original = rng.choice(made)
            paragraphs = original["text"].split("\n\n")
            text = (
                "\n\n".join(paragraphs[:-1] if len(paragraphs) > 3 else paragraphs)
                + "\n\n"
                + rng.choice(DA_FILLER if original["language"] == "da" else EN_FILLER)
            )
            article = dict(
                original, id=f"bench-{i}", url=f"https://copy.example/{i}", outlet=rng.choice(OUTLETS), text=text
            )
        else:
            article = make_article(rng, rng.choice(events), i)
        made.append(article)
        yield article


# --- setup --------------------------------------------------------------------------------------------------------


def setup_database(name: str, keep: bool) -> None:
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    server = base.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or not keep:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"{server}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsclaims.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- part 1: ingest + extract -----------------------------------------------------------------------------------


def bench_ingest(n_articles: int, seed: int, batch_size: int) -> None:
    from django.core.management import call_command

    from newsclaims.models import Article, Claim, Event, Story

    rng = random.Random(seed)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for article in corpus(rng, n_articles, max(10, n_articles // 20)):
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
        path = f.name
    before = Article.objects.count()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("ingest", path, "--batch-size", str(batch_size), verbosity=0)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    os.unlink(path)
    stored = Article.objects.count() - before
    print(
        f"ingest+extract: {n_articles:,} articles ({stored:,} stored) in {elapsed:.1f} s = "
        f"{n_articles / elapsed:.1f} articles/s; {Claim.objects.count():,} claims, "
        f"{Event.objects.count():,} events, {Story.objects.count():,} wire stories"
    )
    print(
        f"  10,000 articles would take {10_000 / (n_articles / elapsed) / 60:.1f} min at this rate; "
        f"this process used {cpu:.1f} s of CPU ({n_articles / cpu:.1f} articles per CPU-second), "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


# --- part 2: a million claims -------------------------------------------------------------------------------------

CLAIMS_PER_ARTICLE = 10
CATEGORIES = ["killed", "wounded", "displaced", "captured", "missing", "destroyed_equipment"]
QUALIFIERS = ["exact", "more_than", "at_least", "about", "up_to"]


def bulk_load(n_claims: int, seed: int) -> None:
    from django.db import connection

    from newsclaims.models import Article, Claim, Claimant, Event, Outlet, Party
    from newsclaims.search import search_indexes

    have = Claim.objects.count()
    if have >= n_claims:
        print(f"bulk load: {have:,} claims present already")
        return
    rng = random.Random(seed)
    started = time.perf_counter()
    parties = [Party.objects.get_or_create(name=p[0], defaults={"short_name": p[1][:40]})[0] for p in PARTIES]
    claimants = [
        Claimant.objects.get_or_create(name=name, defaults={"party": party})[0]
        for party, p in zip(parties, PARTIES, strict=True)
        for name in p[3]
    ]
    outlets = [Outlet.objects.get_or_create(name=name)[0] for name in OUTLETS]
    n_articles = (n_claims - have) // CLAIMS_PER_ARTICLE
    n_events = max(10, n_articles // 10)
    first_event = (Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_article = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_claim = (Claim.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    events = make_events(rng, n_events)
    now = datetime.now(UTC)
    claim_index = next(index for model, index in search_indexes() if model == "claim")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {claim_index.name}")
        raw = cursor.cursor
        with raw.copy(
            "COPY newsclaims_event (id, name, slug, place, start_date, end_date, description, "
            "created_by_system, locked, created_at) FROM STDIN"
        ) as copy:
            for i, e in enumerate(events):
                pk = first_event + i
                copy.write_row(
                    (
                        pk,
                        f"Attack in {e['place']}",
                        f"bench-{pk}",
                        e["place"],
                        e["date"],
                        e["date"],
                        "",
                        True,
                        False,
                        now,
                    )
                )
        # Event sizes are skewed, as in the news: a few wars, many incidents.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(n_events)]
        article_events = rng.choices(range(n_events), weights=weights, k=n_articles)
        with raw.copy(
            "COPY newsclaims_article (id, title, text, url, outlet_id, language, published, "
            "published_precision, wire_credit, content_hash, source, external_id, extractor_version, "
            "ingested_at, updated_at, extracted_at) FROM STDIN"
        ) as copy:
            for i, e_index in enumerate(article_events):
                pk, e = first_article + i, events[e_index]
                text = f"Bench article {pk} about {e['place']}."
                copy.write_row(
                    (
                        pk,
                        f"Attack in {e['place']} ({pk})",
                        text,
                        None,
                        rng.choice(outlets).pk,
                        rng.choice(["da", "en"]),
                        e["date"],
                        "day",
                        "",
                        f"bench{pk:059d}",
                        "bench",
                        f"bench-{pk}",
                        "bench",
                        now,
                        now,
                        now,
                    )
                )
        with raw.copy(
            "COPY newsclaims_claim (id, article_id, claimant_id, claimant_text, claimant_party_id, "
            "event_id, event_locked, category, subtype, low, high, qualifier, vague, number_text, victims, "
            "victims_party_id, evidence, evidence_start, evidence_end, status, edited, extractor_version, "
            "version, created_at, updated_at) FROM STDIN"
        ) as copy:
            pk = first_claim
            for i, e_index in enumerate(article_events):
                e = events[e_index]
                for _ in range(CLAIMS_PER_ARTICLE):
                    party_index = rng.choice(e["parties"])
                    claimant = claimants[min(party_index * 2, len(claimants) - 1)]
                    low = rng.randint(0, 5000)
                    qualifier = rng.choice(QUALIFIERS)
                    category = rng.choice(CATEGORIES)
                    sentence = f"{claimant.name} said {low} people were {category} in {e['place']}."
                    copy.write_row(
                        (
                            pk,
                            first_article + i,
                            claimant.pk,
                            claimant.name,
                            parties[party_index].pk,
                            first_event + e_index,
                            False,
                            category,
                            "",
                            low,
                            None,
                            qualifier,
                            False,
                            str(low),
                            "",
                            parties[rng.choice(e["parties"])].pk,
                            sentence,
                            0,
                            len(sentence),
                            rng.choice(["extracted"] * 8 + ["confirmed", "rejected"]),
                            False,
                            "bench",
                            1,
                            now - timedelta(seconds=pk),
                            now,
                        )
                    )
                    pk += 1
        loaded = time.perf_counter() - started
        for table in ("newsclaims_event", "newsclaims_article", "newsclaims_claim"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    with connection.schema_editor() as editor:
        editor.add_index(Claim, claim_index)
    with connection.cursor() as cursor:
        # VACUUM as well: it marks the freshly written pages all-visible, as autovacuum would soon on a live
        # database, so that index-only scans (the comparison's covering index) need not visit the table.
        cursor.execute("VACUUM ANALYZE")
    total = time.perf_counter() - started
    print(
        f"bulk load: {n_events:,} events, {n_articles:,} articles, {n_articles * CLAIMS_PER_ARTICLE:,} claims by "
        f"COPY in {loaded:.1f} s; with the text index rebuilt and VACUUM ANALYZE {total:.1f} s "
        f"({Claim.objects.count():,} claims in all)"
    )


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (n={len(samples)})"


PAGE_KINDS = ("events", "list", "search", "suggest")


def bench_pages(requests: int, seed: int, kinds: tuple[str, ...] = PAGE_KINDS) -> None:
    """p50/p95 of each page kind: the event page (a random sample of events, and the five biggest apart: they are
    what grows with the data), the claims list by party, by party and category, later pages, free text, and the
    suggestions of the list's event box."""
    from django.db.models import Count
    from django.test import Client

    from newsclaims.models import Claim, Event, Party

    rng = random.Random(seed)
    client = Client()
    biggest = list(Event.objects.annotate(n=Count("claims")).order_by("-n").values_list("slug", "n")[:5])
    sample = list(Event.objects.order_by("?").values_list("slug", flat=True)[:requests])
    parties = list(Party.objects.values_list("pk", flat=True))

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    def report(label: str, urls: list[str]) -> None:
        print(f"  {label:<44} {percentiles([timed(url) for url in urls])}", flush=True)

    for url in [f"/events/{biggest[0][0]}/", f"/claims/?party={parties[0]}", "/suggest/events/?q=ka"]:
        timed(url)  # warm-up: templates, connections
    print(
        f"pages with {Claim.objects.count():,} claims (biggest events: "
        + ", ".join(f"{n:,}" for _, n in biggest)
        + f" claims; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
    )
    if "events" in kinds:
        report("event page /events/<slug>/, random events", [f"/events/{slug}/" for slug in sample])
        big_times = [timed(f"/events/{slug}/") for _ in range(4) for slug, _ in biggest]
        print(
            f"  {'event page, the 5 biggest events x 4':<44} {percentiles(big_times)}; first round: "
            + ", ".join(f"{t * 1000:.0f}" for t in big_times[: len(biggest)])
            + " ms",
            flush=True,
        )
    if "list" in kinds:
        report("claims list /claims/?party=<id>", [f"/claims/?party={rng.choice(parties)}" for _ in range(requests)])
        report(
            "claims list ?party=<id>&category=<c>",
            [f"/claims/?party={rng.choice(parties)}&category={rng.choice(CATEGORIES)}" for _ in range(requests)],
        )
        report(
            "claims list ?party=<id>&page=<2-40>",
            [f"/claims/?party={rng.choice(parties)}&page={rng.randint(2, 40)}" for _ in range(requests)],
        )
    if "search" in kinds:
        words = ["Belgorod", "killed", "wounded", "Gaza", "police", "displaced"]
        report("claims list /claims/?q=<word>", [f"/claims/?q={rng.choice(words)}" for _ in range(requests)])
    if "suggest" in kinds:
        report(
            "event box suggestions /suggest/events/?q=<ab>",
            [f"/suggest/events/?q={rng.choice(SYLLABLES)}" for _ in range(requests)],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles to ingest and extract (0: skip)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims to bulk-load for page times (0: skip)")
    parser.add_argument("--requests", type=int, default=100, help="requests per page kind")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--database", default="nc_bench")
    parser.add_argument("--keep", action="store_true", help="reuse the benchmark database instead of recreating it")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--pages", default=",".join(PAGE_KINDS), help=f"page kinds to time, comma-separated: {', '.join(PAGE_KINDS)}"
    )
    args = parser.parse_args()
    setup_database(args.database, args.keep)
    if args.articles:
        bench_ingest(args.articles, args.seed, args.batch_size)
    if args.claims:
        bulk_load(args.claims, args.seed)
        bench_pages(args.requests, args.seed, tuple(args.pages.split(",")))


if __name__ == "__main__":
    main()
