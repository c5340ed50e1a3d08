"""schema.org markup for a claim page: a `Claim`, and a `ClaimReview` once an editor has decided on it.

The markup describes what was *reported*: who asserted which figure, in which article. An editor's review says
whether the article really reports the claim as extracted ("Confirmed as reported") or not ("Rejected"); it is
not a verdict on whether the figure is true, and `ratingExplanation` says so to any machine that reads it.

`claim_jsonld()` builds plain dicts; `dumps_for_script()` serialises them so that they are safe inside
`<script type="application/ld+json">` whatever the article says (`</script>` in a quote stays inert).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest

from newsclaims.models import Article, Claim, Claimant

SCHEMA_CONTEXT = "https://schema.org"

# json.dumps leaves these as they are; inside a <script> element they could end it or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}

REVIEW_RATINGS = {
    Claim.Status.CONFIRMED: (1, "Confirmed as reported"),
    Claim.Status.REJECTED: (0, "Rejected"),
}
RATING_EXPLANATION = (
    "An editor checked this claim against the article it was extracted from. 'Confirmed as reported' means the "
    "article attributes this figure to this claimant; 'Rejected' means it does not (an extraction error). "
    "Neither is a judgement on whether the figure itself is true."
)

_AUTHOR_TYPES = {
    Claimant.Kind.PERSON: "Person",
    Claimant.Kind.GOVERNMENT: "GovernmentOrganization",
    Claimant.Kind.OUTLET: "NewsMediaOrganization",
}


def dumps_for_script(data: dict) -> str:
    """JSON that cannot close or confuse the `<script>` element it is embedded in."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def _absolute(request: HttpRequest | None) -> Callable[[str], str]:
    return request.build_absolute_uri if request is not None else (lambda path: path)


def _organisation(name: str, url: str = "") -> dict:
    node = {"@type": "Organization", "name": name}
    if url:
        node["url"] = url
    return node


def newsroom() -> dict:
    """The organisation that publishes this site and reviews the claims (settings.NEWSCLAIMS_NEWSROOM_*)."""
    return _organisation(settings.NEWSCLAIMS_NEWSROOM_NAME, settings.NEWSCLAIMS_NEWSROOM_URL)


def claimant_node(claim: Claim) -> dict | None:
    """The claimant as a Person or an Organization, with the side it speaks for."""
    claimant = claim.claimant
    if claimant is None:
        # Unresolved: only the words of the article are known, not what kind of speaker it is.
        return {"@type": "Organization", "name": claim.claimant_text} if claim.claimant_text else None
    node: dict = {"@type": _AUTHOR_TYPES.get(claimant.kind, "Organization"), "name": claimant.name}
    party = claim.claimant_party or claimant.party
    if party is not None and party.name != claimant.name:
        node["affiliation" if node["@type"] == "Person" else "parentOrganization"] = _organisation(party.name)
    return node


def article_node(article: Article, *, absolute: Callable[[str], str]) -> dict:
    """The article a claim appeared in, as a NewsArticle."""
    node: dict = {
        "@type": "NewsArticle",
        "@id": absolute(article.get_absolute_url()),
        "url": article.url or absolute(article.get_absolute_url()),
        "headline": article.title or str(article)[:110],
        "inLanguage": article.language,
    }
    if article.published:
        # ISO 8601 reduced precision ("2023-05") when only the month is known: no invented day.
        node["datePublished"] = article.published_display
    if article.outlet is not None:
        node["publisher"] = {"@type": "NewsMediaOrganization", "name": article.outlet.name}
        if article.outlet.url:
            node["publisher"]["url"] = article.outlet.url
    if article.wire_credit:
        node["creditText"] = article.wire_credit
    return node


def claim_node(claim: Claim, *, absolute: Callable[[str], str]) -> dict:
    """A schema.org Claim: the sentence, its claimant, and the article it appeared in."""
    who = claim.claimant.name if claim.claimant else claim.claimant_text or "Unattributed"
    node: dict = {
        "@type": "Claim",
        "@id": absolute(claim.get_absolute_url()) + "#claim",
        "url": absolute(claim.get_absolute_url()),
        "name": f"{who}: {claim.number_text or claim.display_value} {claim.get_category_display()}",
        "text": claim.evidence,
        "inLanguage": claim.article.language,
        "appearance": article_node(claim.article, absolute=absolute),
    }
    author = claimant_node(claim)
    if author is not None:
        node["author"] = author
    if claim.article.published:
        node["datePublished"] = claim.article.published_display
    if claim.event is not None:
        event: dict = {"@type": "Event", "name": claim.event.name, "url": absolute(claim.event.get_absolute_url())}
        if claim.event.start_date:
            event["startDate"] = claim.event.start_date.isoformat()
        if claim.event.end_date:
            event["endDate"] = claim.event.end_date.isoformat()
        if claim.event.place:
            event["location"] = {"@type": "Place", "name": claim.event.place}
        node["about"] = event
    return node


def claim_review_node(claim: Claim, *, claim_item: dict, absolute: Callable[[str], str]) -> dict | None:
    """An editor's decision on the claim, or None while it is only extracted."""
    if claim.status not in REVIEW_RATINGS:
        return None
    value, label = REVIEW_RATINGS[claim.status]
    node: dict = {
        "@type": "ClaimReview",
        "url": absolute(claim.get_absolute_url()),
        "claimReviewed": claim.evidence,
        "itemReviewed": claim_item,
        "author": newsroom(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 1,
            "worstRating": 0,
            "alternateName": label,
            "ratingExplanation": RATING_EXPLANATION,
        },
    }
    if claim.reviewed_at:
        node["datePublished"] = claim.reviewed_at.date().isoformat()
    return node


def claim_jsonld(claim: Claim, *, request: HttpRequest | None = None) -> dict:
    """The JSON-LD document for a claim page: the ClaimReview (embedding the Claim) if reviewed, else the Claim."""
    absolute = _absolute(request)
    item = claim_node(claim, absolute=absolute)
    review = claim_review_node(claim, claim_item=item, absolute=absolute)
    return {"@context": SCHEMA_CONTEXT, **(review or item)}
