"""Reads shared by the pages and the JSON API: which claims, and how an event's claims line up against each other.

Every function here runs a fixed number of queries however many claims match: pages and API endpoints render
their results without touching the database again (related rows are joined or prefetched here).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Case, Count, F, Min, Q, QuerySet, Value, When
from django.db.models.functions import Trim
from django.urls import reverse

from newsclaims.intervals import Bounds, disagreement, wants_log_scale
from newsclaims.models import Article, Claim, Claimant, ClaimLink, Event, Party, Tag
from newsclaims.search import search_claims

CHART_MAX_MARKS = 24
CLAIM_RELATED = ("article__outlet", "claimant", "claimant_party", "victims_party", "event")


def claim_list(
    *,
    event: str | None = None,
    claimant: int | None = None,
    party: int | None = None,
    category: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    language: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: str | None = None,
    include_rejected: bool = False,
) -> QuerySet[Claim]:
    """Claims matching every given filter, newest article first.

    event: event slug; claimant: claimant id; party: id of the party the claimant speaks for (`claimant_party`);
    category/status: `Claim.Category`/`Claim.Status` values; tag: tag slug; language: the article's language;
    date_from/date_to: the article's publication date, inclusive; q: free text via `search.search_claims`.
    Rejected claims are left out unless `include_rejected` is set or `status="rejected"` asks for them.

    Article, outlet, claimant, both parties and event are joined and tags prefetched, so rendering any slice of
    the result costs two queries (plus one for a count).
    """
    qs = Claim.objects.all()
    if event:
        qs = qs.filter(event__slug=event)
    if claimant is not None:
        qs = qs.filter(claimant_id=claimant)
    if party is not None:
        qs = qs.filter(claimant_party_id=party)
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    elif not include_rejected:
        qs = qs.exclude(status=Claim.Status.REJECTED)
    if tag:
        qs = qs.filter(tags__slug=tag)
    if language:
        qs = qs.filter(article__language=language)
    if date_from:
        qs = qs.filter(article__published__gte=date_from)
    if date_to:
        qs = qs.filter(article__published__lte=date_to)
    if q and q.strip():
        qs = search_claims(qs, q)
    return (
        qs.select_related(*CLAIM_RELATED)
        .prefetch_related("tags")
        .order_by("-article__published", "-article_id", "evidence_start", "id")
    )


def events_matching(*, text: str, limit: int = 12) -> list[Event]:
    """Events for the list's event box: the slug or name starting with `text` first, then the name or place
    containing it; newest first within each. Without text, the newest events. One query."""
    events = Event.objects.all()
    if text:
        starts = Q(slug__istartswith=text) | Q(name__istartswith=text)
        events = events.filter(starts | Q(name__icontains=text) | Q(place__icontains=text)).annotate(
            starts=Case(When(starts, then=Value(0)), default=Value(1))
        ).order_by("starts", F("start_date").desc(nulls_last=True), "name", "pk")
    else:
        events = events.order_by(F("start_date").desc(nulls_last=True), "name", "pk")
    return list(events[:limit])


def claimants_matching(*, text: str, limit: int = 12) -> list[Claimant]:
    """Claimants for the list's claimant box: name or alias containing `text`, names starting with it first.
    One query."""
    claimants = Claimant.objects.select_related("party")
    if text:
        starts = Q(name__istartswith=text)
        matching = Claimant.objects.filter(Q(name__icontains=text) | Q(aliases__alias__icontains=text)).values("pk")
        claimants = claimants.filter(pk__in=matching).annotate(
            starts=Case(When(starts, then=Value(0)), default=Value(1))
        ).order_by("starts", "name")
    else:
        claimants = claimants.order_by("name")
    return list(claimants[:limit])


# --- The event comparison ---------------------------------------------------------------------------------------


@dataclass
class ClaimEntry:
    """One claim in a comparison cell. Wire copies of it (same story, same figure, same claimant) are folded in:
    `claims` holds them all, `outlets` names every outlet that carried it. What the page shows of it is computed
    once (`cached_property`): the page, its chart and the chart's text alternative each show it."""

    claim: Claim
    claims: list[Claim]
    outlets: list[str]
    bounds: Bounds
    count: int = 0  # claims this entry stands for: its wire copies, or every report of a figure in a crowded cell

    def __post_init__(self):
        self.count = self.count or len(self.claims)

    @property
    def other_reports(self) -> int:
        """Further claims of this claimant with this figure that are not listed (crowded cells only)."""
        return self.count - len(self.claims)

    @cached_property
    def number_text(self) -> str:
        """The figure as written, e.g. 'mere end 70'."""
        return self.claim.number_text or self.display_value

    @cached_property
    def display_value(self) -> str:
        """The figure as a number, e.g. '>70'."""
        return self.claim.display_value

    @cached_property
    def claimant(self) -> str:
        return str(self.claim.claimant or self.claim.claimant_text or "unnamed source")

    @cached_property
    def published(self) -> str:
        return self.claim.article.published_display

    @property
    def published_date(self) -> date | None:
        return self.claim.article.published

    @cached_property
    def evidence_url(self) -> str:
        """The evidence sentence, highlighted in its article."""
        return f"{reverse('article-detail', args=[self.claim.article_id])}#claim-{self.claim.pk}"

    @cached_property
    def url(self) -> str:
        return self.claim.get_absolute_url()

    @property
    def is_wire_copy(self) -> bool:
        return len(self.claims) > 1


@dataclass
class Column:
    """A claimant party, or None for claims whose claimant speaks for no known side."""

    party: Party | None

    @property
    def key(self) -> int | None:
        return self.party.pk if self.party else None

    @property
    def label(self) -> str:
        return self.party.label if self.party else "Other sources"

    @property
    def name(self) -> str:
        return self.party.name if self.party else "Sources without a known side"


@dataclass
class Cell:
    column: Column
    entries: list[ClaimEntry] = field(default_factory=list)
    claim_count: int = 0  # every claim of this side for this quantity, shown or not
    list_url: str = ""  # the claims list filtered to this event, side and category

    def __post_init__(self):
        self.claim_count = self.claim_count or sum(e.count for e in self.entries)

    @property
    def more(self) -> int:
        """Claims of this cell that no entry stands for (a crowded cell shows only its main figures)."""
        return self.claim_count - sum(e.count for e in self.entries)


@dataclass
class ChartMark:
    """One entry drawn on a row's range chart. `x1`/`x2` are positions in [0, 1] on the row's axis.

    shape: "point" (an exact figure), "bar" (an interval), "arrow" (open upwards: more than / at least).
    """

    entry: ClaimEntry
    column_index: int
    shape: str
    x1: float
    x2: float
    lo: int
    hi: int | None


@dataclass
class RowChart:
    log: bool
    max_value: int
    marks: list[ChartMark]  # at most CHART_MAX_MARKS; the axis covers every entry of the row
    ticks: list[tuple[float, int]]  # (position in [0, 1], value)
    not_drawn: int = 0  # entries left off the chart to keep it readable

    @property
    def description(self) -> str:
        """A text alternative for the chart."""
        scale = "logarithmic" if self.log else "linear"
        parts = [f"{m.entry.claimant} ({m.entry.claim.claimant_party or 'no known side'}): {m.entry.display_value}"
                 for m in self.marks]
        more = f" And {self.not_drawn:,} more not drawn." if self.not_drawn else ""
        return f"Range chart on a {scale} scale from 0 to {self.max_value:,}. " + "; ".join(parts) + "." + more


@dataclass
class ComparisonRow:
    """One quantity (a category of casualties of one side), with each claimant party's figures side by side."""

    key: str
    label: str
    category: str
    victims_party: Party | None
    cells: list[Cell]
    conflict: bool = False
    disagreement: str = ""  # e.g. ">70 vs 2 — at least 35×": the largest gap between parties in this row
    chart: RowChart | None = None

    @property
    def entries(self) -> list[ClaimEntry]:
        return [e for cell in self.cells for e in cell.entries]


@dataclass
class EventComparison:
    event: Event
    columns: list[Column]
    rows: list[ComparisonRow]
    claim_count: int
    article_count: int

    @property
    def conflict_count(self) -> int:
        return sum(row.conflict for row in self.rows)


def _victims_label(claims: list[Claim]) -> str:
    """The commonest victims text of a row without a victims party: 'attackers' (a tie goes to the first stored)."""
    texts: dict[str, list[int]] = {}
    for c in claims:
        if c.victims.strip():
            texts.setdefault(c.victims.strip(), []).append(c.pk)
    return min(texts, key=lambda t: (-len(texts[t]), min(texts[t]))) if texts else ""


def _row_label(category_label: str, victims_party: Party | None, victims: str, subtype: str) -> str:
    what = subtype.replace("_", " ") if subtype else category_label
    if victims_party is not None:
        return f"{victims_party.name} {what}"
    return f"{victims} {what}" if victims else f"{what} (whose not stated)"


def _fold_wire_copies(claims: list[Claim]) -> list[ClaimEntry]:
    """Claims of one story with the same claimant and figure are one claim carried by several outlets."""
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        origin = ("story", c.article.story_id) if c.article.story_id else ("article", c.article_id, c.pk)
        who = c.claimant_id or c.claimant_text.casefold()
        groups.setdefault((origin, who, c.category, c.low, c.high, c.qualifier), []).append(c)
    entries = []
    for group in groups.values():
        outlets = list(dict.fromkeys(str(c.article.outlet) for c in group if c.article.outlet))
        entries.append(ClaimEntry(claim=group[0], claims=group, outlets=outlets, bounds=group[0].bounds))
    return entries


def _axis(value: int, max_value: int, log: bool) -> float:
    if max_value <= 0:
        return 0.0
    if log:
        return math.log10(value + 1) / math.log10(max_value + 1)
    return value / max_value


def _nice_ticks(max_value: int, log: bool) -> list[int]:
    """Axis labels: powers of ten on a log scale, otherwise 1-2-5 steps, at most six of them."""
    if max_value < 1:
        return [0]
    if log:
        return [0] + [10**k for k in range(0, int(math.log10(max_value)) + 1)]
    magnitude = 10 ** int(math.log10(max_value))
    step = next(s * m for m in (magnitude // 10 or 1, magnitude) for s in (1, 2, 5) if max_value / (s * m) <= 5)
    return list(range(0, max_value + 1, step))


@dataclass
class _Spread:
    """What a row's chart axis must cover: its largest figure, its smallest positive one, any open interval."""

    top: int = 0
    min_positive: int | None = None
    has_open: bool = False

    @classmethod
    def of_entries(cls, entries: list[ClaimEntry]) -> _Spread:
        values = [v for e in entries for v in (e.bounds.lo, e.bounds.hi) if v is not None]
        positive = [v for v in values if v > 0]
        return cls(max(values, default=0), min(positive, default=None), any(e.bounds.hi is None for e in entries))

    def merge(self, other: _Spread) -> _Spread:
        lows = [v for v in (self.min_positive, other.min_positive) if v is not None]
        return _Spread(max(self.top, other.top), min(lows, default=None), self.has_open or other.has_open)


def _row_chart(row: ComparisonRow, spread: _Spread, entry_total: int) -> RowChart:
    """The row's chart: the axis spans every claim of the row (`spread`), the marks are its listed entries.

    `entry_total`: how many entries the row would list uncapped, so that the chart can say how many it leaves out.
    """
    top = max(spread.top, 1)
    # Orders of magnitude apart (`intervals.wants_log_scale`): a linear axis would flatten the small figures.
    log = spread.min_positive is not None and wants_log_scale([spread.min_positive, spread.top])
    # Room to the right so that an open interval's arrow visibly continues past its start.
    max_value = math.ceil(top * (4 if log else 1.5)) if spread.has_open else top
    marks = []
    # A big row draws a share of each side's entries, so that every side stays on the chart.
    quota = max(1, CHART_MAX_MARKS // max(1, sum(1 for cell in row.cells if cell.entries)))
    for index, cell in enumerate(row.cells):
        for e in cell.entries[:quota]:
            lo, hi = e.bounds.lo, e.bounds.hi
            if hi is None:
                shape, x2 = "arrow", 1.0
            elif lo == hi:
                shape, x2 = "point", _axis(hi, max_value, log)
            else:
                shape, x2 = "bar", _axis(hi, max_value, log)
            marks.append(ChartMark(e, index, shape, _axis(lo, max_value, log), x2, lo, hi))
    ticks = [(_axis(v, max_value, log), v) for v in _nice_ticks(max_value, log)]
    return RowChart(log=log, max_value=max_value, marks=marks, ticks=ticks, not_drawn=entry_total - len(marks))


@dataclass
class _Extremes:
    """One side's figures in a row that a conflict is measured from: the highest lower bound and the lowest
    finite upper bound (None when every figure is open-ended). Anything with `bounds` and `display_value`."""

    party: int | None
    highest: object
    lowest: object | None


def _widest_gap(extremes: list[_Extremes]) -> tuple | None:
    """(gap, bigger figure, smaller figure) of the widest gap between two parties' figures, or None (no conflict).

    The widest gap between two parties is always between one party's highest lower bound and the other's lowest
    upper bound, so only those two figures per party are compared (linear in the row's size, not quadratic).
    """
    worst = None
    for a in extremes:
        for b in extremes:
            small = b.lowest
            if a.party == b.party or small is None:
                continue
            big = a.highest
            gap = disagreement(big.bounds, small.bounds)
            if gap is not None and (worst is None or gap.ratio > worst[0].ratio):
                worst = (gap, big, small) if small.bounds.hi < big.bounds.lo else (gap, small, big)
    return worst


def _disagreement(extremes: list[_Extremes]) -> tuple[bool, str]:
    """Conflict when two parties' figures cannot both be true; the text describes the widest such gap."""
    worst = _widest_gap(extremes)
    if worst is None:
        return False, ""
    gap, big, small = worst
    return True, f"{big.display_value} vs {small.display_value} — {gap}"


def _entry_extremes(cell: Cell) -> _Extremes:
    """A cell's extremes among its entries; ties go to the first stored claim, as in `_figure_rows`."""

    def first(e: ClaimEntry) -> int:
        return min(c.pk for c in e.claims)

    highest = max(cell.entries, key=lambda e: (e.bounds.lo, -first(e)))
    bounded = [e for e in cell.entries if e.bounds.hi is not None]
    lowest = min(bounded, key=lambda e: (e.bounds.hi, first(e))) if bounded else None
    return _Extremes(cell.column.key, highest, lowest)


def _row_disagreement(row: ComparisonRow) -> tuple[bool, str]:
    return _disagreement([_entry_extremes(cell) for cell in row.cells if cell.entries])


CELL_MAX_ENTRIES = 5


def event_comparison(*, event: Event, per_cell: int | None = None) -> EventComparison:
    """An event's claims laid out for comparison: a row per quantity, a column per claimant party.

    A quantity is a category of casualties (or other subtype) of one victims party; claims whose victims party is
    unknown share a row per category, labelled from their commonest victims text. Rejected claims are left out.
    Wire copies (articles of the same `story` carrying the same claimant, category and figure) count once and list
    every outlet. Rows come in category order, conflicts first, then by label; columns by how many claims they hold.

    Without `per_cell`, every claim is listed: one query, whose size grows with the event.
    With `per_cell=n` (the event page), a cell of more than n claims lists at most n entries, one per claimant and
    figure with how many claims report it: the figures its side's conflict is measured from, then the most
    reported; `Cell.more` counts the rest. Conflicts, counts and chart axes still cover every claim: they are
    computed in SQL, so the queries (five at most) and what Python handles stay bounded however big the event is.
    """
    if per_cell is None:
        claims = list(_comparison_claims().filter(event=event))
        return _comparison(event, claims)
    return _summarised_comparison(event, per_cell)


def _comparison_claims() -> QuerySet[Claim]:
    return (
        Claim.objects.exclude(status=Claim.Status.REJECTED)
        .select_related("article__outlet", "claimant", "claimant_party", "victims_party")
        .order_by("article__published", "article_id", "evidence_start", "id")
    )


def _columns(counts: Counter, parties: dict) -> list[Column]:
    keys = sorted(counts, key=lambda k: (k is None, -counts[k], str(parties[k] or "")))
    return [Column(parties[k]) for k in keys]


def _sorted_rows(rows: list[ComparisonRow]) -> list[ComparisonRow]:
    category_order = {value: i for i, (value, _) in enumerate(Claim.Category.choices)}
    return sorted(rows, key=lambda r: (category_order.get(r.category, 99), not r.conflict, r.label.casefold()))


def _row_key(category: str, subtype: str, victims_party_id: int | None) -> str:
    return f"{category}-{subtype or 'all'}-{victims_party_id or 'unknown'}"


def _comparison(event: Event, claims: list[Claim]) -> EventComparison:
    column_counts: Counter = Counter(c.claimant_party_id for c in claims)
    parties = {c.claimant_party_id: c.claimant_party for c in claims}
    columns = _columns(column_counts, parties)

    by_row: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_row[(c.category, c.subtype if c.category == Claim.Category.OTHER else "", c.victims_party_id)].append(c)

    category_labels = dict(Claim.Category.choices)
    rows = []
    for (category, subtype, victims_party_id), row_claims in by_row.items():
        victims_party = row_claims[0].victims_party
        by_column: dict[int | None, list[Claim]] = defaultdict(list)
        for c in row_claims:
            by_column[c.claimant_party_id].append(c)
        cells = [Cell(col, _fold_wire_copies(by_column.get(col.key, []))) for col in columns]
        row = ComparisonRow(
            key=_row_key(category, subtype, victims_party_id),
            label=_row_label(category_labels.get(category, category), victims_party,
                             "" if victims_party else _victims_label(row_claims), subtype),
            category=category,
            victims_party=victims_party,
            cells=cells,
        )
        row.conflict, row.disagreement = _row_disagreement(row)
        entries = row.entries
        row.chart = _row_chart(row, _Spread.of_entries(entries), len(entries))
        rows.append(row)
    return EventComparison(
        event=event,
        columns=columns,
        rows=_sorted_rows(rows),
        claim_count=len(claims),
        article_count=len({c.article_id for c in claims}),
    )


# The whole numbers a claim allows, as SQL: `intervals.bounds` (which the tests hold these to) on the claim table.
_SLACK_SQL = "(CASE WHEN (low + 9) / 10 < 1 THEN 1 ELSE (low + 9) / 10 END)"  # ceil(10%), at least 1
_LO_SQL = f"""CASE
    WHEN vague THEN (CASE WHEN low = 0 THEN 0 WHEN low < 2 THEN 1 ELSE low / 2 END)
    WHEN qualifier = 'more_than' THEN low + 1
    WHEN qualifier IN ('up_to', 'fewer_than') THEN 0
    WHEN qualifier = 'about' THEN (CASE WHEN low < {_SLACK_SQL} THEN 0 ELSE low - {_SLACK_SQL} END)
    ELSE low END"""
_HI_SQL = f"""CASE
    WHEN vague THEN low * 5
    WHEN qualifier = 'range' THEN COALESCE(high, low)
    WHEN qualifier IN ('more_than', 'at_least') THEN NULL
    WHEN qualifier = 'up_to' THEN low
    WHEN qualifier = 'fewer_than' THEN (CASE WHEN low < 1 THEN 0 ELSE low - 1 END)
    WHEN qualifier = 'about' THEN low + {_SLACK_SQL}
    ELSE low END"""

# Two passes over an event's claims, both read from the covering index `nc_claim_comparison` (migration 0004)
# without visiting the table and grouped by hashing (no sort of every claim or figure, which for a big event would
# spill to disk): each cell's size, spread and extremes (cell: event, quantity, claimant party); then the figures a
# page may list (one row per claimant's figure in a cell: how many claims state it, the first of them, its bounds)
# — every figure of a cell of at most _RANK_ALL claims, and in bigger cells the figures stated more than once and
# those at the cell's extremes. Python ranks those few.
_SUB_SQL = "CASE WHEN category = 'other' THEN subtype ELSE '' END"
_CELLS_SQL = f"""
SELECT event_id, category, victims_party_id, claimant_party_id, {_SUB_SQL},
       COUNT(*), MAX(lo), MIN(hi), MAX(COALESCE(hi, lo)), MIN(CASE WHEN lo > 0 THEN lo WHEN hi > 0 THEN hi END),
       MAX(CASE WHEN hi IS NULL THEN 1 ELSE 0 END)
FROM (SELECT c.*, {_LO_SQL} AS lo, {_HI_SQL} AS hi FROM {{claim}} c
      WHERE event_id IN ({{events}}) AND status <> 'rejected') AS claims
GROUP BY event_id, category, victims_party_id, claimant_party_id, {_SUB_SQL}
"""
_FIGURES_SQL = f"""
SELECT event_id, category, victims_party_id, claimant_party_id, {_SUB_SQL}, COUNT(*), MIN(id), {_LO_SQL}, {_HI_SQL}
FROM {{claim}}
WHERE event_id IN ({{events}}) AND status <> 'rejected'
GROUP BY event_id, category, victims_party_id, claimant_party_id, {_SUB_SQL}, claimant_id, low, high, qualifier, vague
HAVING {{wanted}}
"""
_RANK_ALL = 200  # a cell of up to this many claims ranks all its figures; a bigger one only its repeated ones


@dataclass
class _Figure:
    """A claimant's figure in a cell, with its cell's size, spread and extremes (`_figure_rows`)."""

    id: int
    event_id: int
    category: str
    subtype: str
    victims_party_id: int | None
    claimant_party_id: int | None
    lo: int
    hi: int | None
    figure_n: int  # claims of this claimant with this figure in the cell; `id` is the first of them
    cell_n: int
    cell_top: int
    cell_min_positive: int | None
    cell_open: int
    highest_id: int  # the cell's first claim with its highest lower bound
    lowest_id: int | None  # ... and with its lowest finite upper bound (None: every figure is open-ended)
    claim: Claim | None = None  # the claim `id`, read afterwards: how the figure is written

    def __post_init__(self):
        self.cell_n = int(self.cell_n)  # a SUM: PostgreSQL returns a Decimal

    @property
    def is_highest(self) -> bool:
        return self.id == self.highest_id

    @property
    def is_lowest(self) -> bool:
        return self.id == self.lowest_id

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.lo, self.hi)

    @property
    def display_value(self) -> str:
        return self.claim.display_value

    @property
    def row(self) -> tuple:
        return (self.category, self.subtype, self.victims_party_id)

    @property
    def spread(self) -> _Spread:
        return _Spread(self.cell_top, self.cell_min_positive, bool(self.cell_open))


def _cell_stats(event_ids: list[int]) -> dict[tuple, tuple]:
    """(event id, category, victims party id, claimant party id, subtype) → (claims, highest lower bound, lowest
    finite upper bound or None, largest figure, smallest positive figure or None, any open interval 0/1).
    One query (none without events)."""
    if not event_ids:
        return {}
    sql = _CELLS_SQL.format(
        claim=connection.ops.quote_name(Claim._meta.db_table), events=", ".join(["%s"] * len(event_ids))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, event_ids)
        return {tuple(row[:5]): row[5:] for row in cursor.fetchall()}


def _figure_rows(event_ids: list[int], per_cell: int) -> list[_Figure]:
    """The figures of these events' cells that a page may list, each with its cell's size, spread and extremes:
    every figure of a cell of at most `per_cell` claims; in a bigger one its extremes and its `per_cell` most
    reported figures (ties: first stored; a cell over _RANK_ALL claims ranks only figures stated more than once).
    Two queries, whatever the events' size."""
    cells = _cell_stats(event_ids)
    if not cells:
        return []
    claim_table = connection.ops.quote_name(Claim._meta.db_table)
    events = ", ".join(["%s"] * len(event_ids))
    with connection.cursor() as cursor:
        lows = sorted({stats[1] for stats in cells.values()})
        highs = sorted({stats[2] for stats in cells.values() if stats[2] is not None})
        wanted, params = [f"{_LO_SQL} IN ({', '.join(['%s'] * len(lows))})"], list(lows)
        if highs:
            wanted.append(f"{_HI_SQL} IN ({', '.join(['%s'] * len(highs))})")
            params += highs
        if per_cell > 0:
            wanted.append("COUNT(*) > 1")
            for (event_id, category, vp, cp, sub), stats in cells.items():
                if stats[0] <= _RANK_ALL:
                    wanted.append(
                        f"(event_id = %s AND category = %s AND {_SUB_SQL} = %s"
                        f" AND victims_party_id {'= %s' if vp else 'IS NULL'}"
                        f" AND claimant_party_id {'= %s' if cp else 'IS NULL'})"
                    )
                    params += [event_id, category, sub] + [v for v in (vp, cp) if v]
        sql = _FIGURES_SQL.format(claim=claim_table, events=events, wanted=" OR ".join(wanted))
        cursor.execute(sql, [*event_ids, *params])
        by_cell: dict[tuple, list[tuple]] = defaultdict(list)
        for row in cursor.fetchall():
            by_cell[tuple(row[:5])].append(row[5:])
    figures = []
    for key, rows in by_cell.items():
        event_id, category, victims_party_id, claimant_party_id, subtype = key
        n, cell_lo, cell_hi, top, min_positive, has_open = cells[key]
        highest_id = min(first for _, first, lo, _ in rows if lo == cell_lo)
        lowest_id = min((first for _, first, _, hi in rows if hi is not None and hi == cell_hi), default=None)
        ranked = sorted(rows, key=lambda r: (-r[0], r[1]))
        for rank, (count, first, lo, hi) in enumerate(ranked, start=1):
            if n <= per_cell or first in (highest_id, lowest_id) or rank <= per_cell:
                figures.append(_Figure(
                    first, event_id, category, subtype, victims_party_id, claimant_party_id, lo, hi, count, n, top,
                    min_positive, has_open, highest_id, lowest_id,
                ))
    return figures


def _cell_extremes(figures: list[_Figure]) -> dict[tuple, _Extremes]:
    """(event id, row, claimant party) → that cell's extremes, from `_figure_rows`."""
    out: dict[tuple, _Extremes] = {}
    for f in figures:
        key = (f.event_id, f.row, f.claimant_party_id)
        extremes = out.setdefault(key, _Extremes(f.claimant_party_id, None, None))
        if f.is_highest:
            extremes.highest = f
        if f.is_lowest:
            extremes.lowest = f
    return out


def _summarised_comparison(event: Event, per_cell: int) -> EventComparison:
    per_cell = max(1, per_cell)
    figures = _figure_rows([event.pk], per_cell)
    listed = _comparison_claims().filter(_listed_claims(event, figures, per_cell)).defer(*_NOT_SHOWN)
    claims = {c.pk: c for c in listed}
    for f in figures:
        f.claim = claims[f.id]
    totals = Claim.objects.filter(event=event).exclude(status=Claim.Status.REJECTED).aggregate(
        articles=Count("article", distinct=True)
    )
    extremes = _cell_extremes(figures)

    cells: dict[tuple, list[_Figure]] = defaultdict(list)  # (row, claimant party) → its figures
    for f in figures:
        cells[(f.row, f.claimant_party_id)].append(f)
    cell_size = {key: fs[0].cell_n for key, fs in cells.items()}
    column_counts: Counter = Counter()
    for (_, party), n in cell_size.items():
        column_counts[party] += n
    parties = {f.claimant_party_id: claims[f.id].claimant_party for f in figures}
    columns = _columns(column_counts, parties)

    victims_labels = _victims_labels(event, [row for row, _ in cells if row[2] is None])
    category_labels = dict(Claim.Category.choices)
    list_url = reverse("claim-list")
    rows = []
    for row_key in dict.fromkeys(row for row, _ in cells):
        category, subtype, victims_party_id = row_key
        row_cells, row_extremes, spread, entry_total = [], [], _Spread(), 0
        victims_party = None
        for column in columns:
            figs = cells.get((row_key, column.key), [])
            if not figs:
                row_cells.append(Cell(column))
                continue
            victims_party = claims[figs[0].id].victims_party
            entries = _cell_entries(figs, claims, per_cell)
            query = {"event": event.slug, "category": category}
            if column.key is not None:
                query["party"] = column.key
            cell = Cell(column, entries, claim_count=figs[0].cell_n, list_url=f"{list_url}?{urlencode(query)}")
            row_cells.append(cell)
            row_extremes.append(extremes[(event.pk, row_key, column.key)])
            spread = spread.merge(figs[0].spread)
            entry_total += len(entries) + cell.more
        row = ComparisonRow(
            key=_row_key(category, subtype, victims_party_id),
            label=_row_label(category_labels.get(category, category), victims_party,
                             victims_labels.get((category, subtype), ""), subtype),
            category=category,
            victims_party=victims_party,
            cells=row_cells,
        )
        row.conflict, row.disagreement = _disagreement(row_extremes)
        row.chart = _row_chart(row, spread, entry_total)
        rows.append(row)
    return EventComparison(
        event=event,
        columns=columns,
        rows=_sorted_rows(rows),
        claim_count=sum(cell_size.values()),
        article_count=totals["articles"],
    )


# What the comparison page never shows of a listed claim's related rows: not read (an article's text can be long).
_NOT_SHOWN = (
    "article__text", "claimant__description", "claimant_party__aliases", "claimant_party__description",
    "victims_party__aliases", "victims_party__description",
)


def _claim_row(claim: Claim) -> tuple:
    return (claim.category, claim.subtype if claim.category == Claim.Category.OTHER else "", claim.victims_party_id)


def _listed_claims(event: Event, figures: list[_Figure], per_cell: int) -> Q:
    """The claims the page lists: every claim of a small cell, the first claim of each figure a crowded cell shows.

    A figure row stands for all its claims when it has one (`figure_n == 1`); a small cell holding a figure stated
    more than once is asked for whole, by the leading columns of the covering index."""
    ids, whole = [], {}
    for f in figures:
        if f.cell_n <= per_cell and f.figure_n > 1:
            whole[(f.row, f.claimant_party_id)] = f
        else:
            ids.append(f.id)
    wanted = Q(pk__in=ids)
    for f in whole.values():
        cell = Q(event=event, category=f.category)
        cell &= Q(victims_party_id=f.victims_party_id) if f.victims_party_id else Q(victims_party__isnull=True)
        cell &= Q(claimant_party_id=f.claimant_party_id) if f.claimant_party_id else Q(claimant_party__isnull=True)
        if f.category == Claim.Category.OTHER:
            cell &= Q(subtype=f.subtype)
        wanted |= cell
    return wanted


def _cell_entries(figures: list[_Figure], claims: dict[int, Claim], per_cell: int) -> list[ClaimEntry]:
    """A small cell lists every claim (wire copies folded), a crowded one its extremes and most reported figures.

    `claims` is in the page's order (`_comparison_claims`), which a small cell keeps."""
    if figures[0].cell_n <= per_cell:
        f = figures[0]
        cell = (f.row, f.claimant_party_id)
        return _fold_wire_copies([c for c in claims.values() if (_claim_row(c), c.claimant_party_id) == cell])
    extremes = [f for f in figures if f.is_highest or f.is_lowest]
    others = sorted((f for f in figures if f not in extremes), key=lambda f: (-f.figure_n, f.id))
    chosen = sorted(extremes + others[: max(0, per_cell - len(extremes))], key=lambda f: (-f.figure_n, f.id))
    entries = []
    for f in chosen:
        claim = claims[f.id]
        outlets = [str(claim.article.outlet)] if claim.article.outlet else []
        entries.append(ClaimEntry(claim=claim, claims=[claim], outlets=outlets, bounds=f.bounds, count=f.figure_n))
    return entries


def _victims_labels(event: Event, rows: list[tuple]) -> dict[tuple, str]:
    """(category, subtype) → the commonest victims text of that row without a victims party; ties: first stored."""
    if not rows:
        return {}
    subtype = Case(When(category=Claim.Category.OTHER, then=F("subtype")), default=Value(""))
    counts = (
        Claim.objects.filter(event=event, victims_party__isnull=True)
        .exclude(status=Claim.Status.REJECTED)
        .annotate(row_subtype=subtype, text=Trim("victims"))
        .exclude(text="")
        .values("category", "row_subtype", "text")
        .annotate(n=Count("id"), first=Min("id"))
        .order_by("-n", "first")
    )
    labels: dict[tuple, str] = {}
    for c in counts:
        labels.setdefault((c["category"], c["row_subtype"]), c["text"])
    return labels


# --- Home page ----------------------------------------------------------------------------------------------------


@dataclass
class _BoundsOnly:
    bounds: Bounds


RECENT_CLAIMS = 5000


def events_by_conflict(*, limit: int = 10, candidates: int = 50) -> list[Event]:
    """Events with the most conflicts first. Each carries `contradiction_count` (`contradicts` links from its claims
    that an editor has not dismissed), `conflict_rows` (quantities whose figures from different sides cannot both
    be true, as on the event page) and `claim_count` (claims not rejected).

    Among the events of the newest claims and contradictions, the `candidates` with the most contradictions and
    claims are compared, then ranked by contradictions plus conflicting rows. Two queries.
    """
    contradictions = Count(
        "claims__links_from",
        filter=Q(claims__links_from__kind=ClaimLink.Kind.CONTRADICTS)
        & ~Q(claims__links_from__status=ClaimLink.Status.DISMISSED),
        distinct=True,
    )
    live_claims = Count("claims", filter=~Q(claims__status=Claim.Status.REJECTED), distinct=True)
    # Ranking every event would count every claim (a second at a million claims); the events that matter on a
    # front page are those with the newest claims or the newest contradictions, found through primary keys.
    recent = Claim.objects.filter(event__isnull=False).order_by("-id").values("event_id")[:RECENT_CLAIMS]
    disputed = (
        ClaimLink.objects.filter(kind=ClaimLink.Kind.CONTRADICTS, from_claim__event__isnull=False)
        .exclude(status=ClaimLink.Status.DISMISSED)
        .order_by("-id")
        .values("from_claim__event_id")[:RECENT_CLAIMS]
    )
    events = list(
        Event.objects.filter(Q(pk__in=recent) | Q(pk__in=disputed))
        .annotate(contradiction_count=contradictions, claim_count=live_claims)
        .filter(claim_count__gt=0)
        .order_by("-contradiction_count", "-claim_count", "-start_date", "name")[:candidates]
    )
    # Whether a quantity is in conflict depends only on each side's highest lower bound and lowest upper bound:
    # two sides disagree exactly when one's highest lower bound is above the other's lowest upper bound.
    by_row: dict[tuple, list[_Extremes]] = defaultdict(list)
    for (event_id, category, victims_party_id, party, subtype), stats in _cell_stats([e.pk for e in events]).items():
        _, highest, lowest = stats[:3]
        by_row[(event_id, (category, subtype, victims_party_id))].append(_Extremes(
            party, _BoundsOnly(Bounds(highest, None)), _BoundsOnly(Bounds(0, lowest)) if lowest is not None else None
        ))
    conflicts = Counter(event_id for (event_id, _), sides in by_row.items() if _widest_gap(sides) is not None)
    for event in events:
        event.conflict_rows = conflicts[event.pk]
    events.sort(key=lambda e: -(e.contradiction_count + e.conflict_rows))  # stable: SQL order breaks ties
    return events[:limit]


def claims_newest(*, limit: int = 10) -> list[Claim]:
    """The most recently stored claims that are not rejected.

    Ids grow with every insert, so the primary key orders by storage time without a sort over all claims.
    """
    return list(
        Claim.objects.exclude(status=Claim.Status.REJECTED)
        .select_related(*CLAIM_RELATED)
        .order_by("-id")[:limit]
    )


# --- Claim and article pages ----------------------------------------------------------------------------------


def claim_detail(*, pk: int) -> Claim:
    """A claim with everything its page shows; raises Claim.DoesNotExist."""
    return Claim.objects.select_related(*CLAIM_RELATED, "reviewed_by").prefetch_related("tags").get(pk=pk)


@dataclass
class LinkedClaim:
    link: ClaimLink
    other: Claim
    outgoing: bool  # this claim is the link's `from_claim`

    @property
    def phrase(self) -> str:
        """'contradicts' from this side, 'is contradicted by' from the other."""
        if self.outgoing:
            return self.link.get_kind_display()
        return {
            ClaimLink.Kind.CONTRADICTS: "is contradicted by",
            ClaimLink.Kind.SUPPORTS: "is supported by",
            ClaimLink.Kind.REPEATS: "is repeated by",
            ClaimLink.Kind.UPDATES: "is updated by",
        }.get(self.link.kind, self.link.kind)


def claim_links(*, claim: Claim) -> dict[str, list[LinkedClaim]]:
    """The claim's links in both directions, not dismissed ones, grouped by kind in `ClaimLink.Kind` order.
    Two queries."""
    other_related = [f"{{}}__{r}" for r in ("article__outlet", "claimant", "claimant_party")]
    outgoing = ClaimLink.objects.filter(from_claim=claim).select_related(
        "to_claim", *[r.format("to_claim") for r in other_related]
    )
    incoming = ClaimLink.objects.filter(to_claim=claim).select_related(
        "from_claim", *[r.format("from_claim") for r in other_related]
    )
    grouped: dict[str, list[LinkedClaim]] = {kind: [] for kind, _ in ClaimLink.Kind.choices}
    for link in outgoing.exclude(status=ClaimLink.Status.DISMISSED):
        grouped[link.kind].append(LinkedClaim(link, link.to_claim, True))
    for link in incoming.exclude(status=ClaimLink.Status.DISMISSED):
        grouped[link.kind].append(LinkedClaim(link, link.from_claim, False))
    return {kind: items for kind, items in grouped.items() if items}


def article_detail(*, pk: int) -> tuple[Article, list[Claim]]:
    """An article and its claims in text order (rejected ones included: the page marks them). Two queries."""
    article = Article.objects.select_related("outlet", "story").get(pk=pk)
    claims = list(
        article.claims.select_related("claimant", "claimant_party", "victims_party", "event").order_by(
            "evidence_start", "number_start", "id"
        )
    )
    return article, claims


@dataclass
class HistoryEntry:
    """One saved version of a claim: who saved it, when, and which fields changed from the version before."""

    when: datetime
    who: str
    action: str  # "created", "changed", "deleted"
    reason: str
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)


_HISTORY_SKIP = {"id", "created_at", "updated_at", "version"}
_HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def claim_history(*, claim: Claim, limit: int = 50) -> list[HistoryEntry]:
    """The claim's last `limit` versions, newest first, each with the fields it changed.

    Uses django-simple-history's records; foreign keys and tags are shown by name. Queries: the records, two per
    version for its tags (simple-history reads m2m history per record), one per kind of related object changed.
    """
    records = list(claim.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    fields = {f.name: f for f in Claim._meta.concrete_fields if f.name not in _HISTORY_SKIP}
    fields["tags"] = Claim._meta.get_field("tags")  # tracked by simple-history as m2m: lists of {"tag": id}
    raw = []
    for newer, older in zip(records[:limit], records[1:] + [None], strict=False):
        delta = [] if older is None else newer.diff_against(older, included_fields=list(fields)).changes
        raw.append((newer, [(c.field, c.old, c.new) for c in delta]))
    # Foreign keys come back as ids: look the names up in one query per related model.
    wanted: dict = defaultdict(set)
    for _, changes in raw:
        for name, old, new in changes:
            if name == "tags":
                wanted[Tag].update(row["tag"] for row in [*(old or []), *(new or [])])
            elif fields[name].is_relation:
                wanted[fields[name].related_model].update(v for v in (old, new) if v is not None)
    names = {
        (model, obj.pk): str(obj) for model, ids in wanted.items() for obj in model._default_manager.filter(pk__in=ids)
    }

    def show(name: str, value) -> str:
        field = fields[name]
        if value in (None, "", []):
            return "—"
        if name == "tags":
            return ", ".join(sorted(names.get((Tag, row["tag"]), f"#{row['tag']}") for row in value))
        if field.is_relation:
            return names.get((field.related_model, value), f"#{value} (deleted)")
        if field.choices:
            return str(dict(field.choices).get(value, value))
        return str(value)

    return [
        HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "the system",
            action=_HISTORY_ACTIONS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "",
            changes=[(str(fields[n].verbose_name), show(n, old), show(n, new)) for n, old, new in changes],
        )
        for record, changes in raw
    ]
