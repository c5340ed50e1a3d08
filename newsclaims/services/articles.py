"""Articles in, claims out: ingest an article once, (re-)extract its claims, resolve claimants and parties.

Views, admin actions, management commands and tasks all call these.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, Event, Outlet, Party


class IngestError(ValueError):
    """Input that cannot become an article; the message says why, for a person to read."""


def extractor():
    """The extraction package, imported late: it loads spaCy, which a page that never extracts should not pay for."""
    from newsclaims import extraction

    return extraction


def normalise_text(text: str) -> str:
    """NFC, unified line endings, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_published(value: str | None) -> tuple[date | None, str]:
    """'2023-05' -> (2023-05-01, 'month'); '2023-11-10' -> day; '2023' -> year. Raises IngestError if malformed."""
    if not value:
        return None, Article.DatePrecision.DAY
    value = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?", value)
    if not m:
        raise IngestError(f"published date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        parsed = date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise IngestError(f"published date {value!r} is not a real date") from exc
    precision = (
        Article.DatePrecision.DAY if day else Article.DatePrecision.MONTH if month else Article.DatePrecision.YEAR
    )
    return parsed, precision


def outlet_get_or_create(*, name: str | None) -> Outlet | None:
    name = (name or "").strip()[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.create(name=name)


def party_resolve(name: str | None, *, create: bool = True) -> Party | None:
    """A party by name, short name or alias (case-insensitive); created when unknown and `create` is set."""
    name = (name or "").strip()
    if not name:
        return None
    folded = name.casefold()
    for party in Party.objects.all():
        if folded in {party.name.casefold(), party.short_name.casefold(), *(a.casefold() for a in party.aliases)}:
            return party
    return Party.objects.create(name=name[:200]) if create else None


def claimant_resolve(*, name: str, kind: str | None = None, party: Party | None = None) -> Claimant | None:
    """A claimant by name or alias; created (with the party it speaks for) when unknown."""
    name = (name or "").strip()[:200]
    if not name:
        return None
    claimant = (
        Claimant.objects.filter(name__iexact=name).first()
        or Claimant.objects.filter(pk__in=ClaimantAlias.objects.filter(alias__iexact=name).values("claimant")).first()
    )
    if claimant is None:
        kinds = {k for k, _ in Claimant.Kind.choices}
        kind = kind if kind in kinds else Claimant.Kind.ORGANISATION
        claimant = Claimant.objects.create(name=name, kind=kind, party=party)
    elif claimant.party is None and party is not None:
        claimant.party = party
        claimant.save(update_fields=["party"])
    return claimant


def claimant_add_aliases(*, claimant: Claimant, aliases: Iterable[str]) -> None:
    taken = {a.casefold() for a in ClaimantAlias.objects.annotate(f=Lower("alias")).values_list("f", flat=True)}
    for alias in aliases:
        alias = alias.strip()[:200]
        if alias and alias.casefold() not in taken and alias.casefold() != claimant.name.casefold():
            ClaimantAlias.objects.create(claimant=claimant, alias=alias)
            taken.add(alias.casefold())


@dataclass
class IngestResult:
    article: Article
    created: bool
    updated: bool = False

    @property
    def status(self) -> str:
        """new, updated or duplicate: the words of the ingest summary."""
        return "new" if self.created else "updated" if self.updated else "duplicate"


@transaction.atomic
def article_ingest(
    *,
    text: str,
    language: str | None = None,
    title: str = "",
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    wire_credit: str = "",
    source: str = "",
    external_id: str = "",
    max_chars: int | None = None,
    update: bool = False,
    wire_index=None,
) -> IngestResult:
    """Store an article once, in one transaction, and put it in the story of its wire copies.

    The same text (by content hash) returns the stored article. So does the same URL, or the same outlet's
    `external_id` — unless `update` is set and the text changed: then the stored article takes the new text and
    metadata (an outlet corrected its story), keeping its id, and must be extracted again. An update is refused
    when a claim an editor reviewed quotes a sentence the new text no longer has.
    """
    from django.conf import settings

    from .events import article_assign_story

    text = normalise_text(text or "")
    if not text:
        raise IngestError("the article has no text")
    limit = max_chars or settings.NEWSCLAIMS_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(f"the article has {len(text):,} characters; the limit is {limit:,}")
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes: is this a binary file?")
    # Neither can be stored (PostgreSQL refuses NUL; no database encodes a lone surrogate, which a JSON line's
    # "\ud800" escape produces), so say so here rather than fail in the middle of the INSERT.
    for name, value in {"text": text, "title": title, "URL": url, "outlet": outlet, "wire credit": wire_credit,
                        "source": source, "external id": external_id}.items():
        if value and "\x00" in value:
            raise IngestError(f"the {name} contains a NUL character")
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as exc:
            raise IngestError(f"the {name} is not valid Unicode: a lone surrogate at character {exc.start}") from exc
    language = (language or "").strip().lower()[:2]
    if not language:
        language = extractor().detect_language(text)
    if language not in {c for c, _ in Article.Language.choices}:
        raise IngestError(f"language {language!r} is not supported (da or en)")
    url = (url or "").strip() or None
    if url and not url.lower().startswith(("http://", "https://")):  # pages link to it: no javascript: or data:
        raise IngestError(f"the URL {url[:100]!r} is not an http or https address")
    external_id = (external_id or "").strip()[:200]
    published_date, precision = parse_published(published)
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestResult(existing, False)
    same = Article.objects.filter(url=url).first() if url else None
    if same is None and external_id:
        outlet_name = (outlet or "").strip()
        same_outlet = Q(outlet__name__iexact=outlet_name) if outlet_name else Q(outlet__isnull=True)
        same = Article.objects.filter(same_outlet, external_id=external_id).first()
    if same is not None:
        if not update:
            return IngestResult(same, False)
        article_replace_text(article=same, text=text, digest=digest)
        same.title = (title or "").strip()[:500] or same.title
        same.url = url or same.url
        same.language = language
        same.published, same.published_precision = (published_date, precision) if published_date else (
            same.published, same.published_precision
        )
        same.wire_credit = wire_credit.strip()[:200] or same.wire_credit
        same.source = source[:500] or same.source
        same.extracted_at = None
        same.save()
        article_assign_story(article=same, index=wire_index)
        return IngestResult(same, False, updated=True)
    article = Article.objects.create(
        title=(title or "").strip()[:500],
        text=text,
        url=url,
        outlet=outlet_get_or_create(name=outlet),
        language=language,
        published=published_date,
        published_precision=precision,
        wire_credit=wire_credit.strip()[:200],
        content_hash=digest,
        source=source[:500],
        external_id=external_id,
    )
    article_assign_story(article=article, index=wire_index)
    return IngestResult(article, True)


def article_replace_text(*, article: Article, text: str, digest: str) -> None:
    """Give an article a corrected text, moving the offsets of the claims editors kept to where their sentence now is.

    Unreviewed claims are left for re-extraction to replace. Raises IngestError when a kept claim's sentence is gone.
    """
    kept = [c for c in article.claims.all() if claim_is_protected(c)]
    lost = [c for c in kept if c.evidence not in text]
    if lost:
        raise IngestError(
            f"the text changed and {len(lost)} reviewed claim(s) (#{', #'.join(str(c.pk) for c in lost)}) quote "
            "sentences it no longer has; not updated — review them first"
        )
    for claim in kept:
        candidates = [m.start() for m in re.finditer(re.escape(claim.evidence), text)]
        start = min(candidates, key=lambda pos: abs(pos - claim.evidence_start))
        shift = start - claim.evidence_start
        claim.evidence_start, claim.evidence_end = start, start + len(claim.evidence)
        if claim.number_start is not None and claim.number_end is not None:
            claim.number_start, claim.number_end = claim.number_start + shift, claim.number_end + shift
        claim.save(update_fields=["evidence_start", "evidence_end", "number_start", "number_end", "updated_at"])
    article.text = text
    article.content_hash = digest


def gazetteer_from_db() -> list:
    """The editors' gazetteer (claimants, their aliases and parties) in the extraction package's terms."""
    from newsclaims.extraction.types import Actor

    actors = []
    for c in Claimant.objects.select_related("party").prefetch_related("aliases"):
        if c.kind == Claimant.Kind.OUTLET:
            continue
        actors.append(
            Actor(
                name=c.name,
                kind=c.kind,
                party=c.party.name if c.party else None,
                aliases=tuple(a.alias for a in c.aliases.all()),
            )
        )
    return actors


def claim_is_protected(claim: Claim) -> bool:
    """An editor's work: confirmed, rejected or edited claims survive re-extraction."""
    return claim.status != Claim.Status.EXTRACTED or claim.edited


class Resolver:
    """Parties and claimants by name for the length of a batch: one query per new name, not several per claim."""

    def __init__(self) -> None:
        self.parties: dict[str, Party | None] = {}
        self.claimants: dict[tuple, Claimant | None] = {}
        self.aliases: set[str] | None = None

    def party(self, name: str | None) -> Party | None:
        key = (name or "").strip().casefold()
        if not key:
            return None
        if key not in self.parties:
            self.parties[key] = party_resolve(name)
        return self.parties[key]

    def claimant(self, *, name: str, kind: str | None, party: Party | None, written: str) -> Claimant | None:
        key = ((name or "").strip().casefold(), party.pk if party else None)
        if key not in self.claimants:
            self.claimants[key] = claimant_resolve(name=name, kind=kind, party=party)
        claimant = self.claimants[key]
        if claimant is not None and written and written != claimant.name:
            if self.aliases is None:
                self.aliases = {a.casefold() for a in ClaimantAlias.objects.values_list("alias", flat=True)}
            if written.strip()[:200].casefold() not in self.aliases:
                claimant_add_aliases(claimant=claimant, aliases=[written])
                self.aliases.add(written.strip()[:200].casefold())
        return claimant


@transaction.atomic
def article_extract_claims(
    *,
    article: Article,
    gazetteer: Sequence | None = None,
    extracted: list | None = None,
    resolver: Resolver | None = None,
) -> list[Claim]:
    """(Re-)extract an article's claims. Unreviewed extracted claims are replaced; an editor's claims stay.

    `extracted` lets a batch caller pass results computed with `extract_many`, and `resolver` its name cache.
    """
    extraction = extractor()
    version = extraction.EXTRACTOR_VERSION
    if extracted is None:
        gazetteer = gazetteer if gazetteer is not None else gazetteer_from_db()
        extracted = extraction.extract(article.text, article.language, gazetteer=gazetteer)
    resolver = resolver or Resolver()
    kept = [c for c in article.claims.all() if claim_is_protected(c)]
    if len(kept) < article.claims.count():
        article.claims.filter(status=Claim.Status.EXTRACTED, edited=False).delete()
    # An editor's claim stands for the number it was read from, whatever figure the editor corrected it to.
    kept_figures = {(c.category, c.low, c.high, c.evidence_start) for c in kept}
    kept_numbers = {(c.category, c.evidence_start, c.number_start) for c in kept if c.number_start is not None}
    created = []
    for x in extracted:
        number = (x.category, x.start, x.number_start) if x.number_end else None
        if (x.category, x.low, x.high, x.start) in kept_figures or number in kept_numbers:
            continue  # an editor already decided on this one
        party = resolver.party(x.claimant_party)
        claimant = resolver.claimant(
            name=x.claimant_name or x.claimant, kind=x.claimant_kind, party=party, written=x.claimant
        )
        created.append(
            Claim(
                article=article,
                claimant=claimant,
                claimant_text=(x.claimant or "")[:300],
                claimant_party=party or (claimant.party if claimant else None),
                category=x.category,
                subtype=(x.subtype or "")[:40],
                low=x.low,
                high=x.high,
                qualifier=x.qualifier,
                vague=x.vague,
                number_text=(x.number_text or "")[:200],
                victims=(x.victims or "")[:300],
                victims_party=resolver.party(x.victims_party),
                evidence=x.sentence,
                evidence_start=x.start,
                evidence_end=x.end,
                number_start=x.number_start if x.number_end else None,
                number_end=x.number_end or None,
                extractor_version=x.extractor_version or version,
            )
        )
    if created:
        # One INSERT for the claims and one for their historical records, instead of two per claim.
        created = bulk_create_with_history(created, Claim, batch_size=500)
    article.extracted_at = timezone.now()
    article.extractor_version = version
    article.save(update_fields=["extracted_at", "extractor_version", "updated_at"])
    return created


def articles_extract(*, articles: Sequence[Article], gazetteer: Sequence | None = None, group: bool = True) -> int:
    """Extract many articles with one `extract_many` call per language (spaCy's `nlp.pipe`), then group their
    claims into events. Each article's claims are written in their own transaction. Returns the claims created."""
    from .events import EventGrouper, claims_group_into_events

    gazetteer = gazetteer if gazetteer is not None else gazetteer_from_db()
    resolver = Resolver()
    created = 0
    for language in sorted({a.language for a in articles}):
        batch = [a for a in articles if a.language == language]
        results = extractor().extract_many([a.text for a in batch], language, gazetteer=gazetteer)
        for article, extracted in zip(batch, results, strict=True):
            claims = article_extract_claims(
                article=article, gazetteer=gazetteer, extracted=list(extracted), resolver=resolver
            )
            created += len(claims)
    if group:
        claims_group_into_events(articles=articles, grouper=EventGrouper())
        from .review import links_suggest

        # Conflicts among the new claims are proposed to editors at once, not only when one asks.
        for event in Event.objects.filter(claims__article__in=articles).distinct():
            links_suggest(event=event)
    return created


def unique_slug(model, text: str, *, max_length: int = 100) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug
