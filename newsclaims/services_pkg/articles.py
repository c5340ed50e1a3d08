"""Writes. Views, admin actions, management commands and tasks all call these."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, Outlet, Party


class IngestError(ValueError):
    """Input that cannot become an article; the message says why, for a person to read."""


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
    precision = Article.DatePrecision.DAY if day else Article.DatePrecision.MONTH if month else Article.DatePrecision.YEAR
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
        claimant = Claimant.objects.create(name=name, kind=kind if kind in kinds else Claimant.Kind.ORGANISATION, party=party)
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
) -> IngestResult:
    """Store an article once: the same text (by content hash) or the same URL returns the stored article."""
    from django.conf import settings

    text = normalise_text(text or "")
    if not text:
        raise IngestError("the article has no text")
    limit = max_chars or settings.NEWSCLAIMS_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(f"the article has {len(text):,} characters; the limit is {limit:,}")
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes: is this a binary file?")
    language = (language or "").strip().lower()[:2]
    if not language:
        from newsclaims.extraction import detect_language

        language = detect_language(text)
    if language not in {c for c, _ in Article.Language.choices}:
        raise IngestError(f"language {language!r} is not supported (da or en)")
    url = (url or "").strip() or None
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first() or (
        Article.objects.filter(url=url).first() if url else None
    )
    if existing is not None:
        return IngestResult(existing, False)
    published_date, precision = parse_published(published)
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
        external_id=external_id[:200],
    )
    return IngestResult(article, True)


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


@transaction.atomic
def article_extract_claims(*, article: Article, gazetteer: Sequence | None = None, extracted: list | None = None) -> list[Claim]:
    """(Re-)extract an article's claims. Unreviewed extracted claims are replaced; an editor's claims stay.

    `extracted` lets a batch caller pass results computed with `extract_many`.
    """
    from newsclaims.extraction import EXTRACTOR_VERSION, extract

    if extracted is None:
        extracted = extract(article.text, article.language, gazetteer=gazetteer if gazetteer is not None else gazetteer_from_db())
    kept = [c for c in article.claims.all() if claim_is_protected(c)]
    article.claims.filter(status=Claim.Status.EXTRACTED, edited=False).delete()
    kept_keys = {(c.category, c.low, c.high, c.evidence_start) for c in kept}
    created = []
    for x in extracted:
        if (x.category, x.low, x.high, x.start) in kept_keys:
            continue  # an editor already decided on this one
        party = party_resolve(x.claimant_party)
        claimant = claimant_resolve(name=x.claimant_name or x.claimant, kind=x.claimant_kind, party=party)
        if claimant is not None and x.claimant and x.claimant != claimant.name:
            claimant_add_aliases(claimant=claimant, aliases=[x.claimant])
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
                victims_party=party_resolve(x.victims_party),
                evidence=x.sentence,
                evidence_start=x.start,
                evidence_end=x.end,
                number_start=x.number_start if x.number_end else None,
                number_end=x.number_end or None,
                extractor_version=x.extractor_version or EXTRACTOR_VERSION,
            )
        )
    for claim in created:
        claim.save()
    article.extracted_at = timezone.now()
    article.extractor_version = EXTRACTOR_VERSION
    article.save(update_fields=["extracted_at", "extractor_version", "updated_at"])
    return created


def unique_slug(model, text: str, *, max_length: int = 100) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug
