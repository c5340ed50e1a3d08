"""An editor's decisions: confirm, reject, tag, group and link claims; merge claimants; accept or dismiss links.

Every function takes the acting `user`, checks that user's permissions itself (the admin checks them too, but a
management command or a view must not be able to skip them) and records the user as the author of each
historical record. Every write to a claim bumps `Claim.version`, so an edit form opened before the write is refused
when it is saved (see `claim_update`).

An editor's work must survive re-extraction, which replaces every claim that is still `extracted` and not
`edited`. So a decision about an extracted claim (its event, tags or links) also marks it `edited`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, ClaimLink, Event, Tag

from .articles import articles_extract, claim_is_protected, unique_slug

# A batch action touches every selected claim one by one (so that each change has its own historical record
# with its tags); beyond this a mistaken "select all" would hold locks for minutes.
MAX_BATCH = 1000
# Linking is pairwise: 12 claims already make 66 links.
MAX_LINKED_CLAIMS = 12
MAX_REEXTRACT_ARTICLES = 200

# The fields an editor may change on a claim. Evidence and its offsets are the article's words: not editable.
EDITABLE_FIELDS = frozenset(
    {
        "claimant", "claimant_text", "claimant_party", "category", "subtype", "low", "high", "qualifier", "vague",
        "number_text", "victims", "victims_party", "event", "event_locked", "status", "tags",
    }
)
OPPOSITE_KIND = {
    ClaimLink.Kind.CONTRADICTS: ClaimLink.Kind.SUPPORTS,
    ClaimLink.Kind.SUPPORTS: ClaimLink.Kind.CONTRADICTS,
}


class ReviewError(ValueError):
    """A decision that cannot be carried out; the message says why, for an editor to read."""


class StaleClaimError(ReviewError):
    """The claim was saved by someone else after the editor loaded it."""

    def __init__(self, claim_id: int, expected_version: int, current_version: int | None, changed_by: str = ""):
        self.claim_id, self.expected_version, self.current_version = claim_id, expected_version, current_version
        if current_version is None:
            message = f"Claim #{claim_id} was deleted while you were editing it; your changes were not saved."
        else:
            by = f" by {changed_by}" if changed_by else ""
            message = (
                f"Claim #{claim_id} was changed{by} while you were editing it (you loaded version {expected_version}, "
                f"it is now version {current_version}). Your changes were not saved: reload the claim to see the "
                "current version, then make your changes again."
            )
        super().__init__(message)


def _require(user, *perms: str) -> None:
    if user is None or not user.is_active or not user.has_perms([f"newsclaims.{p}" for p in perms]):
        raise PermissionDenied(f"you need the permission(s) {', '.join(perms)} to do this")


def _locked_claims(claims: Iterable[Claim] | Any) -> list[Claim]:
    """The claims, fresh from the database and locked for this transaction, in id order."""
    ids = sorted({c.pk if isinstance(c, Claim) else int(c) for c in claims})
    if not ids:
        raise ReviewError("no claims were selected")
    if len(ids) > MAX_BATCH:
        raise ReviewError(f"{len(ids):,} claims were selected; act on at most {MAX_BATCH:,} at a time")
    return list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _save_claim(claim: Claim, user, *, protect: bool = False) -> None:
    """Write a claim the service changed: the version moves on, the user is the author of the historical record."""
    if protect and not claim_is_protected(claim):
        claim.edited = True
    claim.version += 1
    claim._history_user = user
    claim.save()


@transaction.atomic
def claims_protect(*, claims: Iterable[Claim | int], user) -> int:
    """Mark extracted claims an editor worked on (linked, tagged, grouped) as edited: re-extraction keeps them."""
    ids = sorted({c.pk if isinstance(c, Claim) else int(c) for c in claims})
    changed = 0
    for claim in Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if not claim_is_protected(claim):
            _save_claim(claim, user, protect=True)
            changed += 1
    return changed


def latest_author(claim_id: int) -> str:
    record = Claim.history.filter(id=claim_id).select_related("history_user").order_by("-history_date").first()
    return str(record.history_user) if record and record.history_user else ""


# Claims ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def claims_review(*, claims: Iterable[Claim], status: str, user) -> int:
    """Confirm or reject claims (or send them back to `extracted`); records who reviewed them and when."""
    _require(user, "change_claim")
    if status not in Claim.Status.values:
        raise ReviewError(f"unknown status {status!r}")
    now, changed = timezone.now(), 0
    for claim in _locked_claims(claims):
        if claim.status == status:
            continue
        claim.status = status
        claim.reviewed_by, claim.reviewed_at = (user, now) if status != Claim.Status.EXTRACTED else (None, None)
        _save_claim(claim, user)
        changed += 1
    return changed


def claims_confirm(*, claims: Iterable[Claim], user) -> int:
    return claims_review(claims=claims, status=Claim.Status.CONFIRMED, user=user)


def claims_reject(*, claims: Iterable[Claim], user) -> int:
    return claims_review(claims=claims, status=Claim.Status.REJECTED, user=user)


@transaction.atomic
def claims_assign_event(*, claims: Iterable[Claim], event: Event, user) -> int:
    """Put claims under an event chosen by an editor; `event_locked` keeps automatic grouping from moving them."""
    _require(user, "change_claim")
    if event is None or not Event.objects.filter(pk=event.pk).exists():
        raise ReviewError("choose an existing event")
    changed = 0
    for claim in _locked_claims(claims):
        if claim.event_id == event.pk and claim.event_locked:
            continue
        claim.event, claim.event_locked = event, True
        _save_claim(claim, user, protect=True)
        changed += 1
    return changed


def tags_get_or_create(*, names: Iterable[str], user) -> list[Tag]:
    """Tags by name (case-insensitive); unknown names become new tags if the user may add tags."""
    found, seen = [], set()
    for name in (n.strip()[:100] for n in names if n and n.strip()):
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            _require(user, "add_tag")
            if not slugify(name):
                raise ReviewError(f"the tag {name!r} needs at least one letter or digit")
            tag = Tag(name=name, slug=unique_slug(Tag, name))
            tag._history_user = user
            tag.save()
        found.append(tag)
    return found


@transaction.atomic
def claims_tag(*, claims: Iterable[Claim], tags: Sequence[Tag], user) -> int:
    """Add tags to claims. Returns how many claims gained a tag."""
    _require(user, "change_claim")
    tags = list(tags)
    if not tags:
        raise ReviewError("choose at least one tag")
    return _claims_change_tags(claims, tags, user, add=True)


@transaction.atomic
def claims_untag(*, claims: Iterable[Claim], tags: Sequence[Tag], user) -> int:
    """Remove tags from claims. Returns how many claims lost a tag."""
    _require(user, "change_claim")
    return _claims_change_tags(claims, list(tags), user, add=False)


def _claims_change_tags(claims: Iterable[Claim], tags: list[Tag], user, *, add: bool) -> int:
    changed = 0
    for claim in _locked_claims(claims):
        present = set(claim.tags.values_list("pk", flat=True))
        affected = [t for t in tags if (t.pk not in present) == add]
        if not affected:
            continue
        # One historical record per claim, written by the save below with the new tags, not one per m2m signal.
        claim.skip_history_when_saving = True
        try:
            (claim.tags.add if add else claim.tags.remove)(*affected)
        finally:
            del claim.skip_history_when_saving
        _save_claim(claim, user, protect=True)
        changed += 1
    return changed


@transaction.atomic
def claim_update(*, claim: Claim | int, expected_version: int, changes: Mapping[str, Any], user) -> Claim:
    """Apply an editor's changes to a claim, unless someone saved it since the editor loaded `expected_version`.

    The check and the write are one conditional UPDATE ... WHERE version = expected, so two editors saving at the
    same moment cannot both win, on PostgreSQL or SQLite. Changing anything but the status marks the claim
    `edited` (re-extraction leaves it alone); changing the status records the reviewer; choosing an event locks it.
    Raises StaleClaimError, ValidationError (invalid figures) or PermissionDenied.
    """
    _require(user, "change_claim")
    claim_id = claim.pk if isinstance(claim, Claim) else int(claim)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ReviewError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    if not Claim.objects.filter(pk=claim_id, version=expected_version).update(version=expected_version + 1):
        current = Claim.objects.filter(pk=claim_id).values_list("version", flat=True).first()
        raise StaleClaimError(claim_id, expected_version, current, latest_author(claim_id))
    fresh = Claim.objects.select_for_update().get(pk=claim_id)
    changes = dict(changes)
    tags = changes.pop("tags", None)
    for name, value in changes.items():
        setattr(fresh, name, value)
    if "status" in changes:
        reviewed = fresh.status != Claim.Status.EXTRACTED
        fresh.reviewed_by, fresh.reviewed_at = (user, timezone.now()) if reviewed else (None, None)
    if "event" in changes and "event_locked" not in changes:
        fresh.event_locked = True
    if (set(changes) - {"status"}) or tags is not None:
        fresh.edited = True
    fresh.full_clean(validate_unique=False)
    fresh.version = expected_version + 1  # already written by the UPDATE above
    if tags is not None:
        fresh.skip_history_when_saving = True
        try:
            fresh.tags.set(tags)
        finally:
            del fresh.skip_history_when_saving
    fresh._history_user = user
    fresh.save()
    return fresh


# Links ----------------------------------------------------------------------------------------------------------


def _pair_links(a: Claim, b: Claim) -> list[ClaimLink]:
    return list(
        ClaimLink.objects.select_for_update().filter(
            Q(from_claim=a, to_claim=b) | Q(from_claim=b, to_claim=a)
        )
    )


@transaction.atomic
def claims_link(*, claims: Iterable[Claim], kind: str, user, note: str = "") -> list[ClaimLink]:
    """Link every pair of the claims as `kind`, as an editor's accepted decision.

    A suggestion between a pair becomes accepted; a pair cannot both contradict and support each other, so linking
    it one way dismisses an opposite link. Returns the links created or changed.
    """
    _require(user, "add_claimlink", "change_claimlink", "change_claim")
    if kind not in ClaimLink.Kind.values:
        raise ReviewError(f"unknown kind of link {kind!r}")
    claims = _locked_claims(claims)
    if len(claims) < 2:
        raise ReviewError("select at least two claims to link")
    if len(claims) > MAX_LINKED_CLAIMS:
        raise ReviewError(f"link at most {MAX_LINKED_CLAIMS} claims at a time ({len(claims)} were selected)")
    touched = []
    for a, b in combinations(claims, 2):
        existing = _pair_links(a, b)
        same = next((link for link in existing if link.kind == kind), None)
        if same is None:
            same = ClaimLink(from_claim=a, to_claim=b, kind=kind, created_by=user, note=note[:5000])
        if same.pk is None or same.status != ClaimLink.Status.ACCEPTED or (note and same.note != note):
            same.status = ClaimLink.Status.ACCEPTED
            if note:
                same.note = note
            same._history_user = user
            same.save()
            touched.append(same)
        for link in existing:
            if link.kind == OPPOSITE_KIND.get(kind) and link.status != ClaimLink.Status.DISMISSED:
                link.status = ClaimLink.Status.DISMISSED
                link._history_user = user
                link.save()
                touched.append(link)
    claims_protect(claims=claims, user=user)
    return touched


@transaction.atomic
def links_decide(*, links: Iterable[ClaimLink], status: str, user) -> int:
    """Accept or dismiss links (usually the system's suggestions). The decision is the editor's: never re-suggested."""
    _require(user, "change_claimlink", "change_claim")
    if status not in (ClaimLink.Status.ACCEPTED, ClaimLink.Status.DISMISSED):
        raise ReviewError("a link can be accepted or dismissed")
    ids = sorted({link.pk for link in links})
    if len(ids) > MAX_BATCH:
        raise ReviewError(f"{len(ids):,} links were selected; decide on at most {MAX_BATCH:,} at a time")
    changed, claim_ids = 0, set()
    for link in ClaimLink.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        claim_ids |= {link.from_claim_id, link.to_claim_id}
        if link.status == status:
            continue
        link.status = status
        link._history_user = user
        link.save()
        changed += 1
    claims_protect(claims=claim_ids, user=user)
    return changed


def links_accept(*, links: Iterable[ClaimLink], user) -> int:
    return links_decide(links=links, status=ClaimLink.Status.ACCEPTED, user=user)


def links_dismiss(*, links: Iterable[ClaimLink], user) -> int:
    return links_decide(links=links, status=ClaimLink.Status.DISMISSED, user=user)


def quantity_key(claim: Claim) -> tuple | None:
    """What a claim counts: the same key means two claims can be compared. None when it cannot be told."""
    if claim.event_id is None or claim.victims_party_id is None or claim.claimant_party_id is None:
        return None
    return (claim.event_id, claim.category, claim.subtype, claim.victims_party_id)


def _day(claim: Claim) -> int:
    published = claim.article.published
    return (published or claim.created_at.date()).toordinal()


def _nearest_conflict(claim: Claim, theirs: list[Claim], days: list[int]) -> Claim | None:
    """Of the other side's claims (sorted by day), the one nearest in time whose figure cannot be true with this one."""
    own, day = claim.bounds, _day(claim)
    right = bisect_left(days, day)
    left = right - 1
    while left >= 0 or right < len(theirs):
        if right >= len(theirs) or (left >= 0 and day - days[left] <= days[right] - day):
            candidate, left = theirs[left], left - 1
        else:
            candidate, right = theirs[right], right + 1
        if not own.overlaps(candidate.bounds):
            return candidate
    return None


@transaction.atomic
def links_suggest(*, event: Event | None = None) -> list[ClaimLink]:
    """Propose "contradicts" links between claims that cannot both be true.

    Two claims qualify when they are about the same event and the same quantity (category, subtype and whose
    casualties), come from claimants speaking for different parties, and the numbers they allow do not overlap.
    Rejected claims are left out.

    A claim gets at most one suggestion per other side, against that side's conflicting claim nearest in time:
    an event with hundreds of updates of one toll would otherwise drown editors in every pairing. A claim already
    linked to a claim of that side (by an editor or an earlier suggestion, accepted or dismissed, of any kind)
    gets none: an editor's decision is never overwritten or suggested again. Returns the new suggestions.
    """
    claims = Claim.objects.exclude(status=Claim.Status.REJECTED).filter(
        event__isnull=False, victims_party__isnull=False, claimant_party__isnull=False
    )
    if event is not None:
        claims = claims.filter(event=event)
    groups: dict[tuple, dict[int, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims.select_related("article").only(
        "pk", "event", "category", "subtype", "victims_party", "claimant_party", "low", "high", "qualifier", "vague",
        "created_at", "article__published",
    ):
        groups[quantity_key(claim)][claim.claimant_party_id].append(claim)
    groups = {key: sides for key, sides in groups.items() if len(sides) > 1}
    if not groups:
        return []
    ids = claims.values("pk")
    related: dict[int, set[int]] = defaultdict(set)
    for a, b in ClaimLink.objects.filter(Q(from_claim__in=ids) | Q(to_claim__in=ids)).values_list(
        "from_claim_id", "to_claim_id"
    ):
        related[a].add(b)
        related[b].add(a)
    new = []
    for sides in groups.values():
        for members in sides.values():
            members.sort(key=lambda c: (_day(c), c.pk))
        for party, own in sides.items():
            for other, theirs in sides.items():
                if other == party:
                    continue
                their_ids, days = {c.pk for c in theirs}, [_day(c) for c in theirs]
                for claim in own:
                    if related[claim.pk] & their_ids:
                        continue
                    match = _nearest_conflict(claim, theirs, days)
                    if match is None:
                        continue
                    first, second = sorted((claim, match), key=lambda c: c.pk)
                    new.append(
                        ClaimLink(
                            from_claim_id=first.pk,
                            to_claim_id=second.pk,
                            kind=ClaimLink.Kind.CONTRADICTS,
                            status=ClaimLink.Status.SUGGESTED,
                            created_by_system=True,
                        )
                    )
                    related[claim.pk].add(match.pk)
                    related[match.pk].add(claim.pk)
    return bulk_create_with_history(new, ClaimLink, batch_size=500) if new else []


def events_of_articles(articles: Iterable[Article]) -> list[Event]:
    return list(Event.objects.filter(claims__article__in=[a.pk for a in articles]).distinct())


# Claimants ------------------------------------------------------------------------------------------------------


@dataclass
class MergeResult:
    kept: Claimant
    merged_names: list[str] = field(default_factory=list)
    claims_moved: int = 0
    aliases_moved: int = 0
    aliases_added: int = 0


@transaction.atomic
def claimants_merge(*, keep: Claimant, others: Iterable[Claimant], user) -> MergeResult:
    """Merge duplicate claimants into `keep`: it gets their claims, their aliases and their names as aliases.

    Nothing is lost: every claim that pointed at a merged claimant points at the kept one, and every name it was
    known by resolves to the kept one at the next extraction. The merged claimants are then deleted.
    """
    _require(user, "change_claimant", "change_claim", "add_claimantalias", "change_claimantalias")
    keep = Claimant.objects.select_for_update().get(pk=keep.pk)
    other_ids = sorted({o.pk for o in others} - {keep.pk})
    if not other_ids:
        raise ReviewError("select at least one claimant besides the one to keep")
    others = list(Claimant.objects.select_for_update().filter(pk__in=other_ids).order_by("pk"))
    result = MergeResult(kept=keep)
    for other in others:
        for alias in ClaimantAlias.objects.select_for_update().filter(claimant=other):
            alias.claimant = keep
            alias._history_user = user
            alias.save()
            result.aliases_moved += 1
        for claim in Claim.objects.select_for_update().filter(claimant=other).order_by("pk"):
            claim.claimant = keep
            _save_claim(claim, user)
            result.claims_moved += 1
        if keep.party_id is None and other.party_id is not None:
            keep.party_id = other.party_id
        if not keep.description and other.description:
            keep.description = other.description
        result.merged_names.append(other.name)
    for other in others:
        other._history_user = user
        other.delete()
    taken = {a.casefold() for a in ClaimantAlias.objects.values_list("alias", flat=True)}
    for name in result.merged_names:
        if name.casefold() != keep.name.casefold() and name.casefold() not in taken:
            alias = ClaimantAlias(claimant=keep, alias=name)
            alias._history_user = user
            alias.save()
            taken.add(name.casefold())
            result.aliases_added += 1
    keep._history_user = user
    keep.save()
    return result


# Articles -------------------------------------------------------------------------------------------------------


@dataclass
class ReextractResult:
    articles: int = 0
    claims_created: int = 0
    links_suggested: int = 0


def articles_reextract(*, articles: Iterable[Article], user) -> ReextractResult:
    """Run extraction again on articles. Confirmed, rejected and edited claims stay exactly as they are.

    Each article is its own transaction (one bad article does not undo the others); new claims are grouped into
    events, and the events the articles' claims belong to get fresh link suggestions.
    """
    _require(user, "change_article", "change_claim")
    articles = list(articles)
    if len(articles) > MAX_REEXTRACT_ARTICLES:
        raise ReviewError(f"re-extract at most {MAX_REEXTRACT_ARTICLES} articles at a time")
    result = ReextractResult(articles=len(articles))
    result.claims_created = articles_extract(articles=articles)  # extraction, then grouping into events
    for event in events_of_articles(articles):
        result.links_suggested += len(links_suggest(event=event))
    return result
