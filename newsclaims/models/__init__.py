"""The data model: who claimed what about whom, in which article, about which event."""

from .articles import Article, Outlet, Story
from .claims import Claim, ClaimLink, Tag
from .events import Event
from .sources import Claimant, ClaimantAlias, Party

__all__ = [
    "Article",
    "Claim",
    "ClaimLink",
    "Claimant",
    "ClaimantAlias",
    "Event",
    "Outlet",
    "Party",
    "Story",
    "Tag",
]
