"""Thin views: parse the request, call one selector or service, render.

pages.py     home, event comparison
claims.py    claims list (htmx filters), claim page
articles.py  article page
analyse.py   paste or upload a text, see its claims, save it as an article
suggest.py   suggestions for the claims list's event and claimant boxes
paging.py    a paginator that counts at most 10,001 rows
errors.py    error handlers
"""

from .analyse import analyse
from .articles import article_detail
from .claims import claim_detail, claim_list
from .pages import event_detail, home
from .suggest import suggest_claimants, suggest_events

__all__ = [
    "analyse", "article_detail", "claim_detail", "claim_list", "event_detail", "home", "suggest_claimants",
    "suggest_events",
]
