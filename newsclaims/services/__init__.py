"""Writes, one module per domain. Views, admin actions, management commands and tasks all call these.

articles.py  ingest an article, (re-)extract its claims, resolve claimants and parties
review.py    an editor's decisions: confirm, reject, tag, link, merge claimants, suggested links
events.py    grouping claims into events, wire-copy stories
"""

from .articles import (
    IngestError,
    IngestResult,
    article_extract_claims,
    article_ingest,
    claim_is_protected,
    claimant_add_aliases,
    claimant_resolve,
    content_hash,
    gazetteer_from_db,
    normalise_text,
    outlet_get_or_create,
    parse_published,
    party_resolve,
    unique_slug,
)

__all__ = [
    "IngestError",
    "IngestResult",
    "article_extract_claims",
    "article_ingest",
    "claim_is_protected",
    "claimant_add_aliases",
    "claimant_resolve",
    "content_hash",
    "gazetteer_from_db",
    "normalise_text",
    "outlet_get_or_create",
    "parse_published",
    "party_resolve",
    "unique_slug",
]
