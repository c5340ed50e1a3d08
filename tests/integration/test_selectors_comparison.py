"""The event page's summarised comparison (`event_comparison(per_cell=n)`): figures computed in SQL, crowded cells
capped, and everything else exactly as the full comparison the API serves."""

import random
from datetime import date

import pytest

from newsclaims import selectors
from newsclaims.intervals import bounds
from newsclaims.models import Article, Claim, Event, Outlet, Party, Story

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"
QUALIFIERS = ["exact", "more_than", "at_least", "about", "up_to", "fewer_than", "range"]


def article(i: int, **kwargs) -> Article:
    text = f"Artikel {i}: mange blev dræbt."
    defaults = {"language": "da", "content_hash": f"cmp-{i}", "published": date(2023, 5, 1 + i % 28),
                "outlet": Outlet.objects.get_or_create(name=f"Avis {i % 4}")[0]}
    return Article.objects.create(text=text, **{**defaults, **kwargs})


def claim(art: Article, **kwargs) -> Claim:
    defaults = {"category": "killed", "low": 2, "evidence": art.text, "evidence_start": 0,
                "evidence_end": len(art.text)}
    return Claim(article=art, **{**defaults, **kwargs})


def as_data(comparison) -> dict:
    return {
        "columns": [c.label for c in comparison.columns],
        "rows": [
            (row.key, row.label, row.conflict, row.disagreement, row.chart.log, row.chart.max_value,
             row.chart.not_drawn, [[(e.claim.pk, e.display_value, e.count, tuple(e.outlets)) for e in cell.entries]
                                   for cell in row.cells])
            for row in comparison.rows
        ],
        "counts": (comparison.claim_count, comparison.article_count, comparison.conflict_count),
    }


def test_sql_bounds_are_the_intervals_bounds(db):
    art = article(0)
    figures = [(low, q, vague) for low in (0, 1, 2, 3, 9, 10, 11, 29, 30, 31, 70, 99, 1000, 12345)
               for q in QUALIFIERS for vague in (False, True)]
    Claim.objects.bulk_create(
        claim(art, low=low, high=low * 3 if q == "range" else None, qualifier=q, vague=vague,
              claimant_party=Party.objects.get_or_create(name=f"P{i}")[0],
              event=Event.objects.get_or_create(name="Bounds", slug="bounds")[0])
        for i, (low, q, vague) in enumerate(figures)
    )
    rows = selectors._figure_rows([Event.objects.get(slug="bounds").pk], 1)
    assert len(rows) == len(figures)
    claims = Claim.objects.in_bulk([row.id for row in rows])
    for row in rows:
        c = claims[row.id]
        expected = bounds(c.low, c.high, c.qualifier, c.vague)
        assert (row.lo, row.hi) == (expected.lo, expected.hi), (c.low, c.qualifier, c.vague)


def test_belgorod_summary_is_the_full_comparison(demo_data):
    event = Event.objects.get(slug=BELGOROD)
    full = selectors.event_comparison(event=event)
    summary = selectors.event_comparison(event=event, per_cell=selectors.CELL_MAX_ENTRIES)
    assert as_data(summary) == as_data(full)
    assert summary.conflict_count == 1


@pytest.mark.parametrize("seed", range(6))
def test_summary_of_small_cells_is_the_full_comparison(db, seed):
    """Random events whose cells fit: the summary lists the same entries, conflicts, labels and chart axes."""
    rng = random.Random(seed)
    event = Event.objects.create(name=f"Random {seed}", slug=f"random-{seed}")
    parties = [Party.objects.create(name=f"Side {i}") for i in range(3)] + [None]
    story = Story.objects.create(title="wire")
    claims = []
    for i in range(rng.randint(5, 25)):
        art = article(i, story=story if rng.random() < 0.3 else None)
        q = rng.choice(QUALIFIERS)
        low = rng.choice([0, 1, 2, 5, 10, 70, 300, 5000])
        claims.append(claim(
            art, event=event, category=rng.choice(["killed", "wounded", "other"]), subtype=rng.choice(["", "arrested"]),
            low=low, high=low + rng.randint(0, 50) if q == "range" else None, qualifier=q,
            vague=rng.random() < 0.1, claimant_party=rng.choice(parties), victims_party=rng.choice(parties),
            victims=rng.choice(["", "civilians", "soldiers"]), claimant_text=rng.choice(["Moskva", "Kyiv"]),
            status=rng.choice(["extracted"] * 4 + ["rejected"]),
        ))
    Claim.objects.bulk_create(claims)
    full = selectors.event_comparison(event=event)
    summary = selectors.event_comparison(event=event, per_cell=100)
    assert as_data(summary) == as_data(full)
    # The home page counts conflicting quantities from each side's extremes alone: the same count.
    (listed,) = selectors.events_by_conflict()
    assert listed.conflict_rows == full.conflict_count


def crowded_event(n: int) -> tuple[Event, Party, Party]:
    """Side A reports `n` killed-figures (2 most often, then 3, ... and one 900); side B says 'more than 5,000'."""
    event = Event.objects.create(name="Crowded", slug="crowded")
    a, b = Party.objects.create(name="A"), Party.objects.create(name="B")
    art = article(1)
    lows = [2] * (n // 2) + [3] * (n // 4) + [4 + i % 20 for i in range(n - n // 2 - n // 4 - 1)] + [900]
    Claim.objects.bulk_create(
        [claim(art, event=event, low=low, claimant_party=a, claimant_text="Side A")
         for low in lows]
        + [claim(art, event=event, low=5000, qualifier="more_than", claimant_party=b, claimant_text="Side B")]
    )
    return event, a, b


def test_a_crowded_cell_lists_its_extremes_and_most_reported_figures_and_counts_the_rest(db):
    event, a, _ = crowded_event(1000)
    comparison = selectors.event_comparison(event=event, per_cell=5)
    (row,) = comparison.rows
    crowded = next(cell for cell in row.cells if cell.column.party == a)
    assert crowded.claim_count == 1000
    figures = [(e.display_value, e.count) for e in crowded.entries]
    assert len(figures) == 5
    assert figures[:2] == [("2", 500), ("3", 250)]  # the most reported first
    assert ("900", 1) in figures  # the highest figure, which the conflict is measured from
    assert crowded.more == 1000 - sum(count for _, count in figures) > 0
    assert crowded.list_url == f"/claims/?event=crowded&category=killed&party={a.pk}"
    assert row.conflict and row.disagreement == ">5,000 vs 2 — at least 2500×"
    assert comparison.claim_count == 1001 and comparison.article_count == 1
    # The chart's axis still spans every claim, and it says how much it leaves out.
    assert row.chart.log and row.chart.max_value >= 5001
    assert row.chart.not_drawn == crowded.more + len(crowded.entries) + 1 - len(row.chart.marks)


def test_the_crowded_cell_agrees_with_the_full_comparison_on_conflict_and_counts(db):
    event, _, _ = crowded_event(300)
    full = selectors.event_comparison(event=event)
    summary = selectors.event_comparison(event=event, per_cell=5)
    assert [(r.key, r.conflict, r.disagreement, r.chart.log) for r in summary.rows] == [
        (r.key, r.conflict, r.disagreement, r.chart.log) for r in full.rows]
    assert (summary.claim_count, summary.article_count) == (full.claim_count, full.article_count)


@pytest.mark.parametrize("n", [10, 1000])
def test_the_summary_runs_five_queries_whatever_the_number_of_claims(db, django_assert_num_queries, n):
    event, _, _ = crowded_event(n)
    # Cells, figures, their claims, the article count, the victims text naming a row without a victims party.
    with django_assert_num_queries(5):
        comparison = selectors.event_comparison(event=event, per_cell=5)
    assert comparison.claim_count == n + 1
    assert comparison.rows[0].label == "killed (whose not stated)"
    Claim.objects.filter(event=event, low=2).update(victims="civilians")
    with django_assert_num_queries(5):
        (row,) = selectors.event_comparison(event=event, per_cell=5).rows
    assert row.label == "civilians killed"


def test_the_event_page_shows_a_crowded_cell_capped_with_a_link_to_the_rest(client, db):
    from bs4 import BeautifulSoup

    event, a, _ = crowded_event(200)
    page = BeautifulSoup(client.get(f"/events/{event.slug}/").content, "html.parser")
    cell = page.select("table.comparison tbody tr.quantity td.cell")[0]
    assert len(cell.select(".entry")) == 5
    assert "reported 100 times" in cell.get_text(" ", strip=True)
    more = cell.select_one(".more")
    assert "of 200" in more.get_text() and more.a["href"] == f"/claims/?event=crowded&category=killed&party={a.pk}"


def test_a_middling_cell_of_one_off_figures_lists_its_extremes_and_the_first_stored(db):
    event = Event.objects.create(name="Middling", slug="middling")
    side = Party.objects.create(name="A")
    art = article(1)
    made = Claim.objects.bulk_create(claim(art, event=event, low=10 + i, claimant_party=side) for i in range(40))
    (row,) = selectors.event_comparison(event=event, per_cell=5).rows
    (cell,) = [c for c in row.cells if c.entries]
    shown = {e.claim.pk for e in cell.entries}
    assert len(shown) == 5 and cell.more == 35
    assert {made[0].pk, made[-1].pk} <= shown  # the lowest and the highest figure
    assert shown - {made[0].pk, made[-1].pk} == {c.pk for c in made[1:4]}  # then the first stored
