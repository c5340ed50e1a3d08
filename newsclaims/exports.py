"""CSV export of a filtered claims list: `/claims.csv` takes the list page's query string.

The file is streamed row by row from a database iterator, so a large export neither loads every claim into memory
nor keeps the client waiting for the first byte. It is written for spreadsheets as much as for scripts:

- UTF-8 with a byte-order mark, so Excel shows "dræbte" rather than "drÃ¦bte";
- no formula injection: a text cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets
  skip before looking for a formula) gets a leading apostrophe, so an article quoting "=HYPERLINK(...)" stays text.
  Numbers (low, high, id) are written as numbers; they are never negative.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from newsclaims.models import Claim

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500

COLUMNS = (
    "id",
    "claimant",
    "claimant party",
    "category",
    "subtype",
    "low",
    "high",
    "qualifier",
    "vague",
    "number as written",
    "victims",
    "victims party",
    "event",
    "article title",
    "outlet",
    "published",
    "url",
    "evidence",
    "status",
    "tags",
    "claim page URL",
)


def cell(value: object) -> object:
    """A value as a spreadsheet should store it: text that could start a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def claim_row(claim: Claim, *, absolute: Callable[[str], str]) -> list:
    article = claim.article
    return [
        cell(value)
        for value in (
            claim.pk,
            claim.claimant.name if claim.claimant else claim.claimant_text,
            claim.claimant_party.name if claim.claimant_party else "",
            claim.category,
            claim.subtype,
            claim.low,
            claim.high,
            claim.qualifier,
            claim.vague,
            claim.number_text,
            claim.victims,
            claim.victims_party.name if claim.victims_party else "",
            claim.event.name if claim.event else "",
            article.title,
            article.outlet.name if article.outlet else "",
            article.published_display,
            article.url or "",
            claim.evidence,
            claim.status,
            "; ".join(tag.name for tag in claim.tags.all()),
            absolute(claim.get_absolute_url()),
        )
    ]


class _Line:
    """A file-like object for csv.writer that hands back each written line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: Iterable[Claim], *, absolute: Callable[[str], str] = str) -> Iterator[str]:
    """The CSV text, one line at a time: the BOM and header first, then a row per claim."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow(COLUMNS)
    for claim in claims:
        yield writer.writerow(claim_row(claim, absolute=absolute))


def export_queryset(claims: QuerySet) -> Iterator[Claim]:
    """Every column's relations fetched with the claims, in chunks from a database cursor."""
    return (
        claims.select_related("claimant", "claimant_party", "victims_party", "event", "article__outlet")
        .prefetch_related("tags")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def claims_csv_response(claims: QuerySet, *, request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(export_queryset(claims), absolute=request.build_absolute_uri),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"newsclaims-claims-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def claims_csv(request: HttpRequest) -> HttpResponse:
    """`/claims.csv?<the claims list's query string>`: the claims that list shows, every one of them, as CSV."""
    from ninja.errors import ValidationError

    from newsclaims.api import claims_from_query

    try:
        claims = claims_from_query(request.GET)
    except ValidationError as exc:
        problems = "; ".join(f"{error['loc'][-1]}: {error['msg']}" for error in exc.errors)
        return HttpResponseBadRequest(f"Invalid filter: {problems}", content_type="text/plain; charset=utf-8")
    return claims_csv_response(claims, request=request)
