"""Reads shared by the pages and the JSON API: which claims, and how an event's claims line up against each other.

Every function here runs a fixed number of queries however many claims match: pages and API endpoints render
their results without touching the database again (related rows are joined or prefetched here).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from newsclaims.intervals import Bounds, disagreement, wants_log_scale
from newsclaims.models import Article, Claim, ClaimLink, Event, Party, Tag
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


# --- The event comparison ---------------------------------------------------------------------------------------


@dataclass
class ClaimEntry:
    """One claim in a comparison cell. Wire copies of it (same story, same figure, same claimant) are folded in:
    `claims` holds them all, `outlets` names every outlet that carried it."""

    claim: Claim
    claims: list[Claim]
    outlets: list[str]
    bounds: Bounds

    @property
    def number_text(self) -> str:
        """The figure as written, e.g. 'mere end 70'."""
        return self.claim.number_text or self.display_value

    @property
    def display_value(self) -> str:
        """The figure as a number, e.g. '>70'."""
        return self.claim.display_value

    @property
    def claimant(self) -> str:
        return str(self.claim.claimant or self.claim.claimant_text or "unnamed source")

    @property
    def published(self) -> str:
        return self.claim.article.published_display

    @property
    def published_date(self) -> date | None:
        return self.claim.article.published

    @property
    def evidence_url(self) -> str:
        """The evidence sentence, highlighted in its article."""
        return f"{reverse('article-detail', args=[self.claim.article_id])}#claim-{self.claim.pk}"

    @property
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
    """The commonest victims text of a row without a victims party: 'attackers'."""
    texts = Counter(c.victims.strip() for c in claims if c.victims.strip())
    return texts.most_common(1)[0][0] if texts else ""


def _row_label(category_label: str, victims_party: Party | None, claims: list[Claim], subtype: str) -> str:
    what = subtype.replace("_", " ") if subtype else category_label
    if victims_party is not None:
        return f"{victims_party.name} {what}"
    victims = _victims_label(claims)
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


def _row_chart(row: ComparisonRow) -> RowChart:
    values = []
    for e in row.entries:
        values.append(e.bounds.lo)
        if e.bounds.hi is not None:
            values.append(e.bounds.hi)
    log = wants_log_scale(values)
    top = max(values + [1])
    has_open = any(e.bounds.hi is None for e in row.entries)
    # Room to the right so that an open interval's arrow visibly continues past its start.
    max_value = math.ceil(top * (4 if log else 1.5)) if has_open else top
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
    return RowChart(log=log, max_value=max_value, marks=marks, ticks=ticks, not_drawn=len(row.entries) - len(marks))


def _row_disagreement(row: ComparisonRow) -> tuple[bool, str]:
    """Conflict when two parties' figures cannot both be true; the text describes the widest such gap.

    The widest gap between two parties is always between one party's highest lower bound and the other's lowest
    upper bound, so only those two entries per party are compared (linear in the row's size, not quadratic).
    """
    extremes = []  # (party key, entry with the highest lower bound, entry with the lowest finite upper bound)
    for cell in row.cells:
        if cell.entries:
            highest = max(cell.entries, key=lambda e: e.bounds.lo)
            bounded = [e for e in cell.entries if e.bounds.hi is not None]
            lowest = min(bounded, key=lambda e: e.bounds.hi) if bounded else None
            extremes.append((cell.column.key, highest, lowest))
    worst = None
    for party_a, big, _ in extremes:
        for party_b, _, small in extremes:
            if party_a == party_b or small is None:
                continue
            gap = disagreement(big.bounds, small.bounds)
            if gap is not None and (worst is None or gap.ratio > worst[0].ratio):
                worst = (gap, big, small) if small.bounds.hi < big.bounds.lo else (gap, small, big)
    if worst is None:
        return False, ""
    gap, big, small = worst
    return True, f"{big.display_value} vs {small.display_value} — {gap}"


def event_comparison(*, event: Event) -> EventComparison:
    """An event's claims laid out for comparison: a row per quantity, a column per claimant party.

    A quantity is a category of casualties (or other subtype) of one victims party; claims whose victims party is
    unknown share a row per category, labelled from their commonest victims text. Rejected claims are left out.
    Wire copies (articles of the same `story` carrying the same claimant, category and figure) count once and list
    every outlet. Rows come in category order, conflicts first, then by label; columns by how many claims they hold.
    One query, however many claims the event has.
    """
    claims = list(_comparison_claims().filter(event=event))
    return _comparison(event, claims)


def _comparison_claims() -> QuerySet[Claim]:
    return (
        Claim.objects.exclude(status=Claim.Status.REJECTED)
        .select_related("article__outlet", "claimant", "claimant_party", "victims_party")
        .order_by("article__published", "article_id", "evidence_start", "id")
    )


def _comparison(event: Event, claims: list[Claim]) -> EventComparison:
    column_counts: Counter = Counter(c.claimant_party_id for c in claims)
    parties = {c.claimant_party_id: c.claimant_party for c in claims}
    column_keys = sorted(column_counts, key=lambda k: (k is None, -column_counts[k], str(parties[k] or "")))
    columns = [Column(parties[k]) for k in column_keys]

    by_row: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_row[(c.category, c.subtype if c.category == Claim.Category.OTHER else "", c.victims_party_id)].append(c)

    category_order = {value: i for i, (value, _) in enumerate(Claim.Category.choices)}
    category_labels = dict(Claim.Category.choices)
    rows = []
    for (category, subtype, victims_party_id), row_claims in by_row.items():
        victims_party = row_claims[0].victims_party
        by_column: dict[int | None, list[Claim]] = defaultdict(list)
        for c in row_claims:
            by_column[c.claimant_party_id].append(c)
        cells = [Cell(col, _fold_wire_copies(by_column.get(col.key, []))) for col in columns]
        row = ComparisonRow(
            key=f"{category}-{subtype or 'all'}-{victims_party_id or 'unknown'}",
            label=_row_label(category_labels.get(category, category), victims_party, row_claims, subtype),
            category=category,
            victims_party=victims_party,
            cells=cells,
        )
        row.conflict, row.disagreement = _row_disagreement(row)
        row.chart = _row_chart(row)
        rows.append(row)
    rows.sort(key=lambda r: (category_order.get(r.category, 99), not r.conflict, r.label.casefold()))
    return EventComparison(
        event=event,
        columns=columns,
        rows=rows,
        claim_count=len(claims),
        article_count=len({c.article_id for c in claims}),
    )


# --- Home page ----------------------------------------------------------------------------------------------------


def events_by_conflict(*, limit: int = 10, candidates: int = 50) -> list[Event]:
    """Events with the most conflicts first. Each carries `contradiction_count` (`contradicts` links from its claims
    that an editor has not dismissed), `conflict_rows` (quantities whose figures from different sides cannot both
    be true, as on the event page) and `claim_count` (claims not rejected).

    The `candidates` events with the most contradictions and claims are compared, then ranked by contradictions
    plus conflicting rows. Two queries.
    """
    contradictions = Count(
        "claims__links_from",
        filter=Q(claims__links_from__kind=ClaimLink.Kind.CONTRADICTS)
        & ~Q(claims__links_from__status=ClaimLink.Status.DISMISSED),
        distinct=True,
    )
    live_claims = Count("claims", filter=~Q(claims__status=Claim.Status.REJECTED), distinct=True)
    events = list(
        Event.objects.annotate(contradiction_count=contradictions, claim_count=live_claims)
        .filter(claim_count__gt=0)
        .order_by("-contradiction_count", "-claim_count", "-start_date", "name")[:candidates]
    )
    by_event: dict[int, list[Claim]] = defaultdict(list)
    for claim in _comparison_claims().filter(event__in=[e.pk for e in events]):
        by_event[claim.event_id].append(claim)
    for event in events:
        event.conflict_rows = _comparison(event, by_event[event.pk]).conflict_count
    events.sort(key=lambda e: -(e.contradiction_count + e.conflict_rows))  # stable: SQL order breaks ties
    return events[:limit]


def claims_newest(*, limit: int = 10) -> list[Claim]:
    """The most recently stored claims that are not rejected."""
    return list(
        Claim.objects.exclude(status=Claim.Status.REJECTED)
        .select_related(*CLAIM_RELATED)
        .order_by("-created_at", "-id")[:limit]
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
