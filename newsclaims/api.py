"""The read-only JSON API at /api/ (django-ninja): articles, claims, claimants, parties, events and comparisons.

Claims are chosen by the same `ClaimFilterForm` and `selectors.claim_list` as the claims page, and an event's
comparison comes from `selectors.event_comparison`, so the API never disagrees with what the pages show.
Rejected claims are left out of lists unless `include_rejected=true` (or `status=rejected`) asks for them.

Articles are described (title, outlet, date, link) but their full text is not republished: it belongs to the
outlets. Each claim carries its evidence sentence, a short quotation. Interactive docs: /api/docs.
"""

import re
from datetime import date, datetime
from math import ceil
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase, paginate
from pydantic import BeforeValidator

from newsclaims import selectors
from newsclaims.forms import ClaimFilterForm
from newsclaims.models import Article, Claim, Claimant, Event, Party

api = NinjaAPI(
    title="newsclaims open data",
    version="1",
    description=(
        "Numeric claims (above all casualty counts) extracted from news articles: who said it, about whom, the "
        "figure as an interval with its qualifier, and the exact sentence. Read-only. Rejected claims are excluded "
        "unless `include_rejected=true`. The same data as CSV: `/claims.csv` with the claims list's filters."
    ),
    urls_namespace="api",
)

CategoryName = Literal[tuple(Claim.Category.values)]  # type: ignore[valid-type]
QualifierName = Literal[tuple(Claim.Qualifier.values)]  # type: ignore[valid-type]
StatusName = Literal[tuple(Claim.Status.values)]  # type: ignore[valid-type]
LanguageCode = Literal[tuple(Article.Language.values)]  # type: ignore[valid-type]

# Bounded so that no request can reach the database with a number it cannot store or a NUL it cannot compare.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")]
Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]


def _iso_date(value: Any) -> Any:
    # pydantic would also read "0" or "1700000000" as a timestamp; the schema promises YYYY-MM-DD only.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _absolute(context: dict | None, path: str) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request is not None else path


# --- Pagination ---------------------------------------------------------------------------------------------------


class Pagination(PaginationBase):
    """Numbered pages of at most settings.NEWSCLAIMS_MAX_PAGE_SIZE items, with links to the neighbours."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int = Field(settings.NEWSCLAIMS_PAGE_SIZE, ge=1, le=settings.NEWSCLAIMS_MAX_PAGE_SIZE)

    class Output(Schema):
        count: int = Field(description="Items matching, on all pages.")
        page: int
        page_size: int
        pages: int
        next: str | None = Field(description="URL of the next page, or null on the last.")
        previous: str | None
        items: list[Any]

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        count = queryset.count()
        size = pagination.page_size
        offset = (pagination.page - 1) * size

        def link(page: int) -> str:
            query = request.GET.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "pages": ceil(count / size),
            "next": link(pagination.page + 1) if offset + size < count else None,
            "previous": link(pagination.page - 1) if pagination.page > 1 else None,
            "items": queryset[offset : offset + size],
        }


# --- Schemas --------------------------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: Any


class PartyRef(Schema):
    id: int
    name: str
    short_name: str


class PartyOut(PartyRef):
    aliases: list[str]
    description: str


class ClaimantRef(Schema):
    id: int
    name: str
    kind: str


class ClaimantOut(ClaimantRef):
    party: PartyRef | None
    aliases: list[str]
    description: str

    @staticmethod
    def resolve_aliases(obj: Claimant) -> list[str]:
        return [a.alias for a in obj.aliases.all()]


class OutletOut(Schema):
    name: str
    url: str


class ArticleOut(Schema):
    id: int
    title: str
    url: str | None = Field(description="The original article.")
    outlet: OutletOut | None
    language: str
    published: str | None = Field(description="YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known.")
    published_precision: str
    wire_credit: str
    story: int | None = Field(description="Articles of the same story are copies of one wire story.")
    page_url: str

    @staticmethod
    def resolve_published(obj: Article) -> str | None:
        return obj.published_display or None

    @staticmethod
    def resolve_story(obj: Article) -> int | None:
        return obj.story_id

    @staticmethod
    def resolve_page_url(obj: Article, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class EventRef(Schema):
    slug: str
    name: str


class EventOut(EventRef):
    place: str
    start_date: date | None
    end_date: date | None
    description: str
    claim_count: int = Field(description="Claims not rejected.")
    page_url: str

    @staticmethod
    def resolve_claim_count(obj: Event) -> int:
        count = getattr(obj, "claim_count", None)
        return count if count is not None else obj.claims.exclude(status=Claim.Status.REJECTED).count()

    @staticmethod
    def resolve_page_url(obj: Event, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class BoundsOut(Schema):
    lo: int = Field(description="The smallest whole number the claim allows.")
    hi: int | None = Field(description="The largest, or null when open-ended ('more than 70').")


class ClaimOut(Schema):
    id: int
    claimant: ClaimantRef | None
    claimant_text: str = Field(description="The claimant as written in the article.")
    claimant_party: PartyRef | None = Field(description="The side the claimant speaks for.")
    category: CategoryName
    subtype: str
    low: int = Field(description="The figure as stated.")
    high: int | None = Field(description="Upper end, only for a range.")
    qualifier: QualifierName
    vague: bool = Field(description="'dozens', 'hundreds': a conventional value.")
    display_value: str = Field(description="Compact figure: '>70', '100–300'.")
    bounds: BoundsOut
    number_text: str = Field(description="The number as written: 'mere end 70'.")
    victims: str
    victims_party: PartyRef | None
    evidence: str = Field(description="The sentence stating the claim, exactly as in the article.")
    evidence_start: int
    evidence_end: int
    status: StatusName
    tags: list[str]
    event: EventRef | None
    article: ArticleOut
    extractor_version: str
    reviewed_at: datetime | None
    page_url: str

    @staticmethod
    def resolve_bounds(obj: Claim) -> dict:
        b = obj.bounds
        return {"lo": b.lo, "hi": b.hi}

    @staticmethod
    def resolve_tags(obj: Claim) -> list[str]:
        return [t.slug for t in obj.tags.all()]

    @staticmethod
    def resolve_page_url(obj: Claim, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class ClaimLinkOut(Schema):
    kind: str
    phrase: str = Field(description="From this claim's side: 'contradicts', 'is contradicted by' ...")
    status: str
    claim: int
    note: str


class ClaimDetailOut(ClaimOut):
    links: list[ClaimLinkOut]


class ArticleDetailOut(ArticleOut):
    claims: list[ClaimOut]

    @staticmethod
    def resolve_claims(obj: Article) -> list[Claim]:
        return obj.visible_claims


class ComparisonEntryOut(Schema):
    claim: ClaimOut = Field(description="The claim; for wire copies, the first of them.")
    claim_ids: list[int] = Field(description="Every claim folded into this entry (wire copies of one story).")
    outlets: list[str]
    claimant: str
    display_value: str
    number_text: str
    bounds: BoundsOut
    published: str


class ComparisonCellOut(Schema):
    party: PartyRef | None = Field(description="The column: a claimant party, or null for no known side.")
    entries: list[ComparisonEntryOut]


class ComparisonRowOut(Schema):
    key: str
    label: str
    category: CategoryName
    victims_party: PartyRef | None
    conflict: bool = Field(description="Two parties' figures cannot both be true.")
    disagreement: str = Field(description="The widest gap, e.g. '>70 vs 2 — at least 35×'.")
    cells: list[ComparisonCellOut]


class ComparisonColumnOut(Schema):
    party: PartyRef | None
    label: str
    name: str


class ComparisonOut(Schema):
    event: EventOut
    columns: list[ComparisonColumnOut]
    rows: list[ComparisonRowOut]
    claim_count: int
    article_count: int
    conflict_count: int


# --- Filters ----------------------------------------------------------------------------------------------------


class ClaimFilters(Schema):
    """The claims page's filters (`ClaimFilterForm`), plus `include_rejected`."""

    q: Text | None = Field(None, description="Words in the sentence, claimant, victims or title.")
    event: Slug | None = Field(None, description="Event slug.")
    claimant: Id | None = Field(None, description="Claimant id.")
    party: Id | None = Field(None, description="Id of the party the claimant speaks for.")
    category: CategoryName | None = None
    status: StatusName | None = Field(None, description="Default: any status but rejected.")
    tag: Slug | None = Field(None, description="Tag slug.")
    language: LanguageCode | None = Field(None, description="The article's language.")
    date_from: IsoDate | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    date_to: IsoDate | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    include_rejected: bool = Field(False, description="Include claims an editor rejected.")


def claims_filtered(values: dict) -> QuerySet[Claim]:
    """Claims as the claims page would list them for these filters; raises ValidationError (422) when invalid.

    Also used by the CSV export, which passes the list page's query string.
    """
    include_rejected = bool(values.pop("include_rejected", False))
    form = ClaimFilterForm(data={k: v for k, v in values.items() if v not in (None, "")})
    if not form.is_valid():
        raise ValidationError(
            [{"loc": ["query", field], "msg": " ".join(messages), "type": "value_error"}
             for field, messages in form.errors.items()]
        )
    kwargs = form.filter_kwargs()
    kwargs.setdefault("include_rejected", include_rejected)
    return selectors.claim_list(**kwargs)


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def claims_from_query(query) -> QuerySet[Claim]:
    """`claims_filtered` for a raw query string (QueryDict), as the list page and the CSV link send it."""
    values = {name: query.get(name) for name in ClaimFilterForm.base_fields if query.get(name) not in (None, "")}
    values["include_rejected"] = _truthy(query.get("include_rejected"))
    return claims_filtered(values)


NOT_FOUND = {404: ErrorOut, 422: ErrorOut}  # 422: a malformed id or slug
INVALID = {422: ErrorOut}


# --- Claims -----------------------------------------------------------------------------------------------------


@api.get("/claims", response={200: list[ClaimOut], **INVALID}, tags=["claims"])
@paginate(Pagination)
def list_claims(request, filters: Query[ClaimFilters]):
    """Claims matching the claims page's filters, in the page's order (newest article first)."""
    return claims_filtered(filters.model_dump(mode="json"))


@api.get("/claims/{claim_id}", response={200: ClaimDetailOut, **NOT_FOUND}, tags=["claims"])
def get_claim(request, claim_id: Path[Id]):
    """One claim, rejected or not, with its links to other claims."""
    try:
        claim = selectors.claim_detail(pk=claim_id)
    except Claim.DoesNotExist:
        return Status(404, {"detail": "No claim with this id."})
    links = [
        {"kind": linked.link.kind, "phrase": linked.phrase, "status": linked.link.status, "claim": linked.other.pk,
         "note": linked.link.note}
        for group in selectors.claim_links(claim=claim).values()
        for linked in group
    ]
    claim.links = links
    return claim


# --- Events -------------------------------------------------------------------------------------------------------


@api.get("/events", response={200: list[EventOut], **INVALID}, tags=["events"])
@paginate(Pagination)
def list_events(request):
    """Every event, latest first, with how many claims (not rejected) each holds."""
    return Event.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__status=Claim.Status.REJECTED))
    ).order_by("-start_date", "name", "pk")


@api.get("/events/{slug}", response={200: EventOut, **NOT_FOUND}, tags=["events"])
def get_event(request, slug: Path[Slug]):
    return get_object_or_404(Event, slug=slug)


def _party(party: Party | None) -> dict | None:
    return {"id": party.pk, "name": party.name, "short_name": party.short_name} if party else None


@api.get("/events/{slug}/comparison", response={200: ComparisonOut, **NOT_FOUND}, tags=["events"])
def get_event_comparison(request, slug: Path[Slug]):
    """The event page's comparison: a row per quantity, a cell per claimant party, conflicts marked.

    Rejected claims are never part of it. Wire copies are folded into one entry that lists every outlet.
    """
    event = get_object_or_404(Event, slug=slug)
    comparison = selectors.event_comparison(event=event)
    # The comparison's claims lack what ClaimOut adds to the page (tags, the event): fetch tags at once, not per claim.
    claims = [entry.claim for row in comparison.rows for entry in row.entries]
    for claim in claims:
        claim.event = event
    prefetch_related_objects(claims, "tags")
    return {
        "event": event,
        "columns": [{"party": _party(c.party), "label": c.label, "name": c.name} for c in comparison.columns],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "category": row.category,
                "victims_party": _party(row.victims_party),
                "conflict": row.conflict,
                "disagreement": row.disagreement,
                "cells": [
                    {
                        "party": _party(cell.column.party),
                        "entries": [
                            {
                                "claim": entry.claim,
                                "claim_ids": [c.pk for c in entry.claims],
                                "outlets": entry.outlets,
                                "claimant": entry.claimant,
                                "display_value": entry.display_value,
                                "number_text": entry.number_text,
                                "bounds": {"lo": entry.bounds.lo, "hi": entry.bounds.hi},
                                "published": entry.published,
                            }
                            for entry in cell.entries
                        ],
                    }
                    for cell in row.cells
                ],
            }
            for row in comparison.rows
        ],
        "claim_count": comparison.claim_count,
        "article_count": comparison.article_count,
        "conflict_count": comparison.conflict_count,
    }


# --- Articles, claimants, parties ---------------------------------------------------------------------------------
# Plain lookups the pages have no selector for; the querysets are simple enough to live here.


class ArticleFilters(Schema):
    language: LanguageCode | None = None
    event: Slug | None = Field(None, description="Event slug: articles with a claim about this event.")
    outlet: Text | None = Field(None, description="Outlet name, exactly (any case).")


@api.get("/articles", response={200: list[ArticleOut], **INVALID}, tags=["articles"])
@paginate(Pagination)
def list_articles(request, filters: Query[ArticleFilters]):
    """Articles, newest first. Their text is not included: it belongs to the outlets."""
    articles = Article.objects.select_related("outlet")
    if filters.language:
        articles = articles.filter(language=filters.language)
    if filters.event:
        articles = articles.filter(pk__in=Claim.objects.filter(event__slug=filters.event).values("article"))
    if filters.outlet:
        articles = articles.filter(outlet__name__iexact=filters.outlet)
    return articles.order_by("-published", "-ingested_at", "-pk")


@api.get("/articles/{article_id}", response={200: ArticleDetailOut, **NOT_FOUND, **INVALID}, tags=["articles"])
def get_article(request, article_id: Path[Id], include_rejected: bool = False):
    """An article and its claims in text order."""
    try:
        article, claims = selectors.article_detail(pk=article_id)
    except Article.DoesNotExist:
        return Status(404, {"detail": "No article with this id."})
    article.visible_claims = [c for c in claims if include_rejected or c.status != Claim.Status.REJECTED]
    prefetch_related_objects(article.visible_claims, "tags")
    return article


class ClaimantFilters(Schema):
    party: Id | None = Field(None, description="Party id.")
    q: Text | None = Field(None, description="Part of the name or an alias.")


@api.get("/claimants", response={200: list[ClaimantOut], **INVALID}, tags=["claimants"])
@paginate(Pagination)
def list_claimants(request, filters: Query[ClaimantFilters]):
    claimants = Claimant.objects.select_related("party").prefetch_related("aliases")
    if filters.party is not None:
        claimants = claimants.filter(party_id=filters.party)
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        claimants = claimants.filter(Q(name__icontains=q) | Q(aliases__alias__icontains=q)).distinct()
    return claimants.order_by("name", "pk")


@api.get("/claimants/{claimant_id}", response={200: ClaimantOut, **NOT_FOUND}, tags=["claimants"])
def get_claimant(request, claimant_id: Path[Id]):
    return get_object_or_404(Claimant.objects.select_related("party").prefetch_related("aliases"), pk=claimant_id)


@api.get("/parties", response={200: list[PartyOut], **INVALID}, tags=["parties"])
@paginate(Pagination)
def list_parties(request):
    return Party.objects.order_by("name", "pk")


@api.get("/parties/{party_id}", response={200: PartyOut, **NOT_FOUND}, tags=["parties"])
def get_party(request, party_id: Path[Id]):
    return get_object_or_404(Party, pk=party_id)
