"""Selectors: the reads that pages and the API share."""

from datetime import date

import pytest

from newsclaims import selectors
from newsclaims.forms import ClaimFilterForm
from newsclaims.models import Article, Claim, ClaimLink, Event, Outlet, Party, Story, Tag

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"


def make_article(text="Tekst om et angreb.", **kwargs):
    n = Article.objects.count()
    defaults = {"language": "da", "content_hash": f"hash-{n}-{kwargs.get('title', '')}", "published": date(2023, 5, 24)}
    return Article.objects.create(text=text, **{**defaults, **kwargs})


def make_claim(article, **kwargs):
    defaults = {"category": "killed", "low": 2, "evidence": article.text, "evidence_start": 0,
                "evidence_end": len(article.text)}
    return Claim.objects.create(article=article, **{**defaults, **kwargs})


def test_claim_list_leaves_out_rejected_claims_unless_asked(demo_data):
    claim = Claim.objects.filter(event__slug=BELGOROD).first()
    claim.status = Claim.Status.REJECTED
    claim.save()
    assert claim not in selectors.claim_list()
    assert claim in selectors.claim_list(include_rejected=True)
    assert list(selectors.claim_list(status="rejected")) == [claim]


def test_claim_list_filters_by_the_claimants_party(demo_data):
    russia = Party.objects.get(name="Russia")
    claims = list(selectors.claim_list(party=russia.pk))
    assert claims and all(c.claimant_party_id == russia.pk for c in claims)
    assert len(claims) < Claim.objects.count()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"event": BELGOROD}, lambda c: c.event.slug == BELGOROD),
        ({"category": "wounded"}, lambda c: c.category == "wounded"),
        ({"language": "en"}, lambda c: c.article.language == "en"),
        ({"tag": "kramatorsk"}, lambda c: "Kramatorsk" in {t.name for t in c.tags.all()}),
        ({"date_to": date(2023, 1, 31)}, lambda c: c.article.published <= date(2023, 1, 31)),
        ({"date_from": date(2023, 5, 1)}, lambda c: c.article.published >= date(2023, 5, 1)),
        ({"q": "Kapustin"}, lambda c: c.claimant.name == "Denis Kapustin"),
    ],
)
def test_claim_list_filters_narrow_the_list(demo_data, kwargs, expected):
    everything = Claim.objects.exclude(status="rejected").count()
    claims = list(selectors.claim_list(**kwargs))
    assert claims, kwargs
    assert len(claims) < everything
    assert all(expected(c) for c in claims)


def test_claim_list_filters_by_claimant_and_status(demo_data):
    kapustin = Claim.objects.get(article__language="da", category="killed", low=2).claimant
    claims = list(selectors.claim_list(claimant=kapustin.pk, status="confirmed"))
    assert [(c.claimant_id, c.status) for c in claims] == [(kapustin.pk, "confirmed")]


def test_claim_list_renders_without_further_queries(demo_data, django_assert_num_queries):
    with django_assert_num_queries(2):  # claims with their joins, then tags
        for claim in selectors.claim_list():
            (claim.article.outlet, claim.claimant, claim.claimant_party, claim.victims_party, claim.event,
             list(claim.tags.all()))


def test_filter_form_turns_parameters_into_selector_arguments(demo_data):
    russia = Party.objects.get(name="Russia")
    form = ClaimFilterForm({"event": BELGOROD, "party": str(russia.pk), "category": "killed", "date_from": "2023-05-01",
                            "q": "  moskva  "})
    assert form.is_valid(), form.errors
    assert form.filter_kwargs() == {"event": BELGOROD, "party": russia.pk, "category": "killed",
                                    "date_from": date(2023, 5, 1), "q": "moskva"}


def test_filter_form_reports_bad_values_as_errors(demo_data):
    form = ClaimFilterForm({"event": "no-such-event", "party": "abc", "category": "eaten", "date_from": "2023-13-45",
                            "language": "fr", "tag": "nope", "claimant": "999999"})
    assert not form.is_valid()
    assert set(form.errors) == {"event", "party", "category", "date_from", "language", "tag", "claimant"}
    assert form.filter_kwargs() == {}


def test_filter_form_refuses_an_end_date_before_the_start(db):
    form = ClaimFilterForm({"date_from": "2023-05-02", "date_to": "2023-05-01"})
    assert not form.is_valid()
    assert "date_to" in form.errors


def test_comparison_puts_russias_figure_and_the_corps_figure_in_one_conflict_row(demo_data):
    comparison = selectors.event_comparison(event=Event.objects.get(slug=BELGOROD))
    assert {c.label for c in comparison.columns} == {"Russia", "RDK"}
    killed = next(r for r in comparison.rows if r.category == "killed")
    assert killed.label == "Russian Volunteer Corps killed"
    figures = {cell.column.label: {e.display_value for e in cell.entries} for cell in killed.cells}
    assert figures == {"Russia": {">70"}, "RDK": {"2"}}
    assert killed.conflict
    assert killed.disagreement == ">70 vs 2 — at least 35×"
    wounded = next(r for r in comparison.rows if r.category == "wounded")
    assert not wounded.conflict and wounded.disagreement == ""


def test_comparison_entry_carries_what_the_page_shows(demo_data):
    comparison = selectors.event_comparison(event=Event.objects.get(slug=BELGOROD))
    killed = next(r for r in comparison.rows if r.category == "killed")
    russia = next(c for c in killed.cells if c.column.label == "Russia")
    danish = next(e for e in russia.entries if e.claim.article.language == "da")
    assert danish.number_text == "mere end 70"
    assert danish.claimant == "Russian Ministry of Defence"
    assert danish.outlets == ["Nordlys Nyt"]
    assert danish.published == "2023-05-24"
    assert danish.evidence_url == f"/articles/{danish.claim.article_id}/#claim-{danish.claim.pk}"
    assert (danish.bounds.lo, danish.bounds.hi) == (71, None)


def test_comparison_chart_uses_a_log_scale_for_figures_orders_apart(demo_data):
    comparison = selectors.event_comparison(event=Event.objects.get(slug=BELGOROD))
    killed = next(r for r in comparison.rows if r.category == "killed")
    assert killed.chart.log
    shapes = {m.entry.display_value: m.shape for m in killed.chart.marks}
    assert shapes == {">70": "arrow", "2": "point"}
    assert all(0 <= m.x1 <= m.x2 <= 1 for m in killed.chart.marks)
    assert "2" in killed.chart.description and ">70" in killed.chart.description
    wounded = next(r for r in comparison.rows if r.category == "wounded")
    assert not wounded.chart.log


def test_comparison_draws_a_range_as_a_bar(db):
    event = Event.objects.create(name="Flood", slug="flood")
    party = Party.objects.create(name="Red Cross")
    make_claim(make_article(), event=event, low=100, high=300, qualifier="range", claimant_party=party)
    row = selectors.event_comparison(event=event).rows[0]
    (mark,) = row.chart.marks
    assert mark.shape == "bar" and mark.x1 < mark.x2


def test_wire_copies_of_one_story_count_once_and_list_every_outlet(db):
    event = Event.objects.create(name="Raid", slug="raid")
    story = Story.objects.create(title="wire")
    russia, rdk = Party.objects.create(name="Russia"), Party.objects.create(name="RDK")
    for outlet in ("A-avisen", "B-bladet"):
        article = make_article(title=outlet, outlet=Outlet.objects.create(name=outlet), story=story)
        make_claim(article, event=event, low=70, qualifier="more_than", claimant_party=russia, claimant_text="Moskva")
    make_claim(make_article(title="other"), event=event, low=2, claimant_party=rdk, victims_party=rdk)
    comparison = selectors.event_comparison(event=event)
    assert comparison.claim_count == 3
    entries = [e for row in comparison.rows for e in row.entries if e.claim.claimant_party == russia]
    assert len(entries) == 1
    assert entries[0].outlets == ["A-avisen", "B-bladet"]
    assert entries[0].is_wire_copy


def test_same_figure_in_unrelated_articles_is_not_folded(demo_data):
    comparison = selectors.event_comparison(event=Event.objects.get(slug=BELGOROD))
    killed = next(r for r in comparison.rows if r.category == "killed")
    rdk = next(c for c in killed.cells if c.column.label == "RDK")
    assert len(rdk.entries) == 2  # Nordlys and Harbour are separate stories in the demo


def test_comparison_leaves_out_rejected_claims(demo_data):
    event = Event.objects.get(slug=BELGOROD)
    Claim.objects.filter(event=event, claimant_party__name="Russia").update(status="rejected")
    comparison = selectors.event_comparison(event=event)
    assert [c.label for c in comparison.columns] == ["RDK"]
    assert not any(r.conflict for r in comparison.rows)


def test_row_without_victims_party_is_labelled_from_the_victims_text(db):
    event = Event.objects.create(name="Attack", slug="attack")
    a, b = Party.objects.create(name="A"), Party.objects.create(name="B")
    make_claim(make_article(title="1"), event=event, low=5, claimant_party=a, victims="attackers")
    make_claim(make_article(title="2"), event=event, low=50, claimant_party=b, victims="attackers")
    (row,) = selectors.event_comparison(event=event).rows
    assert row.label == "attackers killed"
    assert row.conflict and row.disagreement == "50 vs 5 — 10×"


def test_same_party_figures_are_not_a_conflict(db):
    event = Event.objects.create(name="Attack", slug="attack")
    a = Party.objects.create(name="A")
    make_claim(make_article(title="1"), event=event, low=5, claimant_party=a)
    make_claim(make_article(title="2"), event=event, low=50, claimant_party=a)
    (row,) = selectors.event_comparison(event=event).rows
    assert not row.conflict


def bulk_claims(event, n, parties):
    article = make_article(title=f"bulk-{n}", outlet=Outlet.objects.get_or_create(name="Bulk")[0])
    Claim.objects.bulk_create(
        Claim(article=article, event=event, category=["killed", "wounded"][i % 2], low=i + 1,
              claimant_party=parties[i % len(parties)], victims_party=parties[(i + 1) % len(parties)],
              evidence=article.text, evidence_start=0, evidence_end=len(article.text))
        for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_comparison_runs_one_query_whatever_the_number_of_claims(db, django_assert_num_queries, n):
    event = Event.objects.create(name="Big", slug="big")
    bulk_claims(event, n, [Party.objects.create(name=f"P{i}") for i in range(3)])
    with django_assert_num_queries(1):
        comparison = selectors.event_comparison(event=event)
    assert comparison.claim_count == n


def test_events_by_conflict_puts_contradicted_events_first(demo_data):
    events = selectors.events_by_conflict()
    assert events[0].slug == BELGOROD
    assert (events[0].contradiction_count, events[0].conflict_rows) == (1, 1)
    ClaimLink.objects.update(status=ClaimLink.Status.DISMISSED)
    assert selectors.events_by_conflict()[0].contradiction_count == 0


def test_events_by_conflict_counts_conflicting_rows_without_links(demo_data, django_assert_num_queries):
    ClaimLink.objects.all().delete()
    kramatorsk = Event.objects.get(slug="kramatorsk-strike-2023-01")  # >600 vs none: a conflict row, no link
    Claim.objects.filter(event__slug=BELGOROD, claimant_party__name="Russia").update(status="rejected")
    with django_assert_num_queries(2):
        events = selectors.events_by_conflict()
    assert [(e.slug, e.conflict_rows) for e in events] == [(kramatorsk.slug, 1), (BELGOROD, 0)]


def test_claim_links_read_both_directions_with_phrases(demo_data):
    kapustin = Claim.objects.get(article__language="da", category="killed", low=2)
    links = selectors.claim_links(claim=kapustin)
    assert set(links) == {"contradicts", "supports"}
    (contra,) = links["contradicts"]
    assert contra.phrase == "is contradicted by" and contra.other.low == 70
    assert "35 times" in contra.link.note


def test_claim_history_names_who_changed_what(demo_data, django_user_model):
    claim = Claim.objects.get(article__language="da", category="killed", low=70)
    claim.status = Claim.Status.REJECTED
    claim.victims_party = Party.objects.get(name="Ukraine")
    claim._history_user = django_user_model.objects.create(username="redaktør")
    claim.save()
    claim.tags.add(Tag.objects.get(name="Kramatorsk"))
    history = selectors.claim_history(claim=claim)
    assert history[-1].action == "created"
    change = next(h for h in history if any(label == "status" for label, _, _ in h.changes))
    assert change.who == "redaktør"
    assert ("status", "confirmed", "rejected") in change.changes
    assert ("victims party", "Russian Volunteer Corps", "Ukraine") in change.changes
    tag_change = history[0]
    assert tag_change.changes[0][0] == "tags" and "Kramatorsk" in tag_change.changes[0][2]


def test_a_big_row_draws_every_side_but_not_every_claim(db):
    event = Event.objects.create(name="Big", slug="big")
    bulk_claims(event, 300, [Party.objects.create(name=f"P{i}") for i in range(3)])
    for row in selectors.event_comparison(event=event).rows:
        drawn_sides = {m.column_index for m in row.chart.marks}
        assert drawn_sides == {i for i, cell in enumerate(row.cells) if cell.entries}
        assert len(row.chart.marks) <= selectors.CHART_MAX_MARKS
        assert row.chart.not_drawn == len(row.entries) - len(row.chart.marks) > 0
        assert f"{row.chart.not_drawn} more not drawn" in row.chart.description


def test_conflict_text_names_the_widest_gap_between_sides(db):
    event = Event.objects.create(name="Gap", slug="gap")
    a, b = Party.objects.create(name="A"), Party.objects.create(name="B")
    for low, party in [(10, a), (500, a), (40, a), (3, b), (8, b), (2, b)]:
        make_claim(make_article(title=f"{low}"), event=event, low=low, claimant_party=party)
    (row,) = selectors.event_comparison(event=event).rows
    assert row.disagreement == "500 vs 2 — 250×"
