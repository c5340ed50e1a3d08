"""Stories and events: wire copies recognised as one story, claims grouped into events, an editor's regrouping.

Wire copies. The same Ritzau or Reuters text runs in several outlets with a different headline, a paragraph cut or
a sentence added. An article's text becomes a set of word 3-grams and a MinHash signature (stored on the article);
MinHash LSH finds the stored articles whose estimated Jaccard similarity is at least WIRE_THRESHOLD, and the new
article joins their story. Byte-identical text is one article already (content hash).

Events. Claims are grouped article by article: an article's claims belong to the event it reports. A new article
joins the best-scoring candidate event when the score reaches EVENT_THRESHOLD, else it starts a new event. The
score weighs what identifies an incident across languages and outlets:
  - dates: the article's publication period must lie within EVENT_WINDOW_DAYS of the event's (a hard gate);
  - names: capitalised words (places, people, groups) shared with the event's articles, weighted so that a
    country everybody writes about counts less than "Belgorod" or "Kapustin";
  - parties: the sides of the claimants;
  - wording: shared content words of the same language.
Editors have the last word: a claim an editor placed (`Claim.event_locked`) is never moved, an event an editor
curated (`Event.locked`) is never renamed, merged, split or emptied by the system. New claims may still join a
curated event, as adding reports of an incident undoes nothing an editor decided.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Min, Q

from newsclaims.models import Article, Claim, Event, Story

# --- wire copies --------------------------------------------------------------------------------------------------

WIRE_THRESHOLD = 0.7
NUM_PERM = 128
MINHASH_SCHEME = "affine32"
SHINGLE_WORDS = 3
WIRE_WINDOW_DAYS = 7
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def text_shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def text_minhash(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    minhash.update_batch(list(text_shingles(text)))
    return minhash


def minhash_to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype("<u4").tobytes()


def minhash_from_bytes(data: bytes | memoryview) -> MinHash:
    values = np.frombuffer(bytes(data), dtype="<u4").astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=MINHASH_SCHEME)


class WireIndex:
    """An in-memory LSH over stored signatures; one per ingest run, so each article is not re-read per lookup."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=WIRE_THRESHOLD, num_perm=NUM_PERM)
        self.minhashes: dict[int, MinHash] = {}

    @classmethod
    def from_db(cls, articles=None) -> WireIndex:
        index = cls()
        rows = (articles if articles is not None else Article.objects.all()).filter(minhash__isnull=False)
        for pk, data in rows.values_list("pk", "minhash").iterator(chunk_size=2000):
            index.add(pk, minhash_from_bytes(data))
        return index

    @classmethod
    def around(cls, article: Article) -> WireIndex:
        """Signatures of articles published near `article` (or undated): enough for a single article."""
        articles = Article.objects.exclude(pk=article.pk)
        if article.published:
            window = timedelta(days=WIRE_WINDOW_DAYS + 31)
            articles = articles.filter(
                Q(published__isnull=True) | Q(published__range=(article.published - window, article.published + window))
            )
        return cls.from_db(articles)

    def add(self, pk: int, minhash: MinHash) -> None:
        if pk not in self.minhashes:
            self.lsh.insert(pk, minhash)
            self.minhashes[pk] = minhash

    def similar(self, minhash: MinHash, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """Stored articles at least WIRE_THRESHOLD alike, most alike first."""
        found = []
        for pk in self.lsh.query(minhash):
            if pk == exclude:
                continue
            similarity = minhash.jaccard(self.minhashes[pk])
            if similarity >= WIRE_THRESHOLD:
                found.append((pk, similarity))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


@transaction.atomic
def article_assign_story(*, article: Article, index: WireIndex | None = None) -> Story | None:
    """Sign the article and put it in the story of its wire copies (creating the story for the first pair)."""
    minhash = text_minhash(article.text)
    article.minhash = minhash_to_bytes(minhash)
    index = index if index is not None else WireIndex.around(article)
    matches = index.similar(minhash, exclude=article.pk)
    index.add(article.pk, minhash)
    story = article.story
    if story is None and matches:
        copies = Article.objects.filter(pk__in=[pk for pk, _ in matches]).select_related("story")
        by_pk = {a.pk: a for a in copies}
        best = next((by_pk[pk] for pk, _ in matches if pk in by_pk), None)
        if best is not None:
            story = best.story or Story.objects.create(title=best.title or article.title)
            if best.story_id is None:
                Article.objects.filter(pk=best.pk).update(story=story)
    article.story = story
    article.save(update_fields=["minhash", "story", "updated_at"])
    return story


# --- events: features -------------------------------------------------------------------------------------------

EVENT_THRESHOLD = 0.25
EVENT_WINDOW_DAYS = 7
EVENT_SAMPLE_ARTICLES = 8
NAME_WEIGHT, WORD_WEIGHT, PARTY_WEIGHT = 0.6, 0.25, 0.15

CAPITALISED = re.compile(r"(?<![\w'’-])([A-ZÆØÅÄÖÜ][\w’'-]*\w|[A-ZÆØÅ]{2,})")
SENTENCE_START = re.compile(r"(?:^|[.!?:»«\"“”\n])\s*(?:[-–—]\s*)?$")
# Names in the news every day: they say little about which incident an article reports.
COMMON_NAMES = {
    "russia", "rusland", "ukraine", "israel", "gaza", "iran", "usa", "us", "eu", "nato", "fn", "un", "kyiv", "kiev",
    "moscow", "moskva", "danmark", "denmark", "europe", "europa", "tyskland", "germany", "reuters", "ritzau", "afp",
    "ap", "dpa", "bbc", "cnn", "palestinian", "palestinians", "russian", "russians", "ukrainian", "ukrainians",
    "israeli", "israelis", "american", "hamas", "putin", "zelensky", "zelenskyj", "biden", "trump",
}
NOT_NAMES = {
    # weekdays, months, pronouns and sentence-internal capitals that are not names
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "i", "mr", "mrs",
    "ms", "dr", "the", "a", "an", "in", "on", "it", "he", "she", "they", "we", "but", "and", "de", "den", "det",
    "der", "han", "hun", "vi", "jeg", "men", "og", "på", "til", "en", "et", "som", "ifølge", "according",
}
EXONYMS = {"rusland": "russia", "moskva": "moscow", "tyskland": "germany", "danmark": "denmark", "europa": "europe"}
STOPWORDS = set(
    """the a an and or of to in on at for from by with as is are was were be been has have had that this these those
    it its he she they them his her their we our you not no but if than then there here which who whom whose what
    when where while after before over under into about against between during since also said says say told would
    could should will can may might more most other some such only very just been being one two three four five
    og i at det en den til er som på de med han af for ikke der var et har om vi men ud sig efter ved fra hun
    blev kan skal være have nu hans hendes deres sin sine sit også eller da når hvor hvis end efter siger sagde
    oplyser ifølge mere mindst over under mod flere blandt""".split()
)


def _normalise_name(word: str) -> str:
    name = word.casefold().replace("’", "'")
    name = re.sub(r"'s?$", "", name)
    if len(name) > 4 and name.endswith("s") and not name.endswith("ss"):
        name = name[:-1]  # Danish genitive: Belgorods, Ruslands
    return EXONYMS.get(name, name)


def text_names(text: str) -> Counter[str]:
    """Capitalised words that are not the first word of a sentence: places, people, groups."""
    names: Counter[str] = Counter()
    for match in CAPITALISED.finditer(text):
        before = text[max(0, match.start() - 4) : match.start()]
        if SENTENCE_START.search(before) or match.start() == 0:
            continue
        name = _normalise_name(match.group(1))
        if len(name) >= 2 and name not in NOT_NAMES and not name.isdigit():
            names[name] += 1
    return names


def text_words(text: str) -> Counter[str]:
    return Counter(w for w in (m.casefold() for m in WORD.findall(text)) if len(w) > 3 and w not in STOPWORDS)


@dataclass
class Profile:
    """What identifies an incident in one article or a group of them."""

    names: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)
    parties: set = field(default_factory=set)
    languages: set = field(default_factory=set)
    start: date | None = None
    end: date | None = None

    def add(self, other: Profile) -> None:
        self.names.update(other.names)
        self.words.update(other.words)
        self.parties |= other.parties
        self.languages |= other.languages
        self.start = min(filter(None, [self.start, other.start]), default=None)
        self.end = max(filter(None, [self.end, other.end]), default=None)


def article_period(article: Article) -> tuple[date | None, date | None]:
    """The days an article may have been published: a month-precise date is the whole month."""
    if not article.published:
        return None, None
    start = article.published
    match article.published_precision:
        case Article.DatePrecision.YEAR:
            return start, date(start.year, 12, 31)
        case Article.DatePrecision.MONTH:
            next_month = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, next_month - timedelta(days=1)
    return start, start


def article_profile(article: Article, *, parties: Iterable[int] = ()) -> Profile:
    headline_and_text = f"{article.title}\n\n{article.text}"
    names = text_names(headline_and_text)
    # A name in the headline counts twice, if the text has it too: English headlines capitalise every word.
    names.update({n: 1 for n in text_names(article.title) if n in names and names[n] > 1})
    start, end = article_period(article)
    return Profile(
        names=names,
        words=text_words(headline_and_text),
        parties=set(parties),
        languages={article.language},
        start=start,
        end=end,
    )


def dates_compatible(a: Profile, b: Profile, *, window_days: int = EVENT_WINDOW_DAYS) -> bool:
    if not (a.start and b.start):
        return True
    window = timedelta(days=window_days)
    return a.start - window <= (b.end or b.start) and b.start - window <= (a.end or a.start)


def _weight(name: str) -> float:
    return 0.15 if name in COMMON_NAMES else 1.0


def _cosine(a: Counter, b: Counter, weight=lambda key: 1.0) -> float:
    common = a.keys() & b.keys()
    if not common:
        return 0.0
    dot = sum(math.sqrt(a[k] * b[k]) * weight(k) for k in common)
    norm_a = math.sqrt(sum(math.sqrt(v) * weight(k) for k, v in a.items()))
    norm_b = math.sqrt(sum(math.sqrt(v) * weight(k) for k, v in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def profile_similarity(a: Profile, b: Profile) -> float:
    """0 (different incidents) to 1; 0 whenever the dates are too far apart."""
    if not dates_compatible(a, b):
        return 0.0
    names = _cosine(a.names, b.names, _weight)
    words = _cosine(a.words, b.words) if a.languages & b.languages else 0.0
    parties = len(a.parties & b.parties) / len(a.parties | b.parties) if a.parties and b.parties else 0.0
    return NAME_WEIGHT * names + WORD_WEIGHT * words + PARTY_WEIGHT * parties


# --- events: grouping ---------------------------------------------------------------------------------------------


# Event profiles outlive one grouper: an ingest run makes a grouper per batch, and rebuilding the profile of every
# event near the batch's dates each time cost more than extraction itself (10,000 articles: 2 of 8 minutes).
# A profile is reused while its event's claims (count, newest id), name, place and dates are as they were.
_PROFILE_CACHE: dict[int, tuple[tuple, Profile]] = {}
PROFILE_CACHE_SIZE = 20_000


def _event_stamp(event: Event, claims: tuple[int, int] | None) -> tuple:
    return (claims or (0, 0), event.name, event.place, event.start_date, event.end_date)


def _claim_stamps(event_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = Claim.objects.filter(event__in=event_ids).values("event").annotate(n=Count("pk"), last=Max("pk"))
    return {row["event"]: (row["n"], row["last"]) for row in rows.order_by()}


class EventGrouper:
    """Places the unplaced claims of articles into events.

    For the length of a run it keeps the profiles of the events near the articles' dates and an index from
    distinctive names to events, so that an article is scored only against events it shares a name with.
    """

    def __init__(self) -> None:
        self.profiles: dict[int, Profile] = {}
        self.events: dict[int, Event] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.loaded_months: set[tuple[int, int]] = set()
        self.loaded_undated = False

    def remember(self, event: Event, profile: Profile) -> None:
        self.events[event.pk] = event
        self.profiles[event.pk] = profile
        for name in profile.names:
            self.by_name[name].add(event.pk)

    def event_profile(self, event: Event) -> Profile:
        profile = Profile()
        articles = (
            Article.objects.filter(claims__event=event)
            .annotate(n=Count("claims"))
            .order_by("-n", "pk")[:EVENT_SAMPLE_ARTICLES]
        )
        for article in articles:
            claims = list(article.claims.all())
            mine = [c for c in claims if c.event_id == event.pk]
            parties = {c.claimant_party_id for c in mine if c.claimant_party_id}
            if len(mine) == len(claims):
                profile.add(article_profile(article, parties=parties))
            else:
                # An editor split this article's claims between events: only its claims' sentences speak for this one.
                start, end = article_period(article)
                sentences = "\n".join(c.evidence for c in mine)
                profile.add(
                    Profile(text_names(sentences), text_words(sentences), parties, {article.language}, start, end)
                )
        profile.names.update(text_names(f". {event.name}. {event.place}"))
        if event.start_date:
            profile.start = min(filter(None, [profile.start, event.start_date]))
            profile.end = max(filter(None, [profile.end, event.end_date or event.start_date]))
        return profile

    def load_near(self, profile: Profile) -> None:
        """Load the events whose dates come within the window of the profile's (and, once, the undated ones)."""
        window = timedelta(days=EVENT_WINDOW_DAYS)
        query = Q()
        if not self.loaded_undated:
            query |= Q(start_date__isnull=True)
            self.loaded_undated = True
        if profile.start:
            first, last = profile.start - window, (profile.end or profile.start) + window
            month = date(first.year, first.month, 1)
            while month <= last:
                if (month.year, month.month) not in self.loaded_months:
                    self.loaded_months.add((month.year, month.month))
                    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
                    query |= Q(start_date__lte=month_end) & (
                        Q(end_date__gte=month) | Q(end_date__isnull=True, start_date__gte=month)
                    )
                month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if query:
            events = list(Event.objects.filter(query).exclude(pk__in=list(self.events)))
            stamps = _claim_stamps([e.pk for e in events])
            if len(_PROFILE_CACHE) > PROFILE_CACHE_SIZE:
                _PROFILE_CACHE.clear()
            for event in events:
                stamp = _event_stamp(event, stamps.get(event.pk))
                cached = _PROFILE_CACHE.get(event.pk)
                profile = cached[1] if cached and cached[0] == stamp else self.event_profile(event)
                _PROFILE_CACHE[event.pk] = (stamp, profile)
                self.remember(event, profile)

    def best_event(self, profile: Profile) -> tuple[Event | None, float]:
        self.load_near(profile)
        candidates = set().union(*(self.by_name.get(n, ()) for n in profile.names if n not in COMMON_NAMES))
        scored = [(profile_similarity(profile, self.profiles[pk]), pk) for pk in candidates]
        score, pk = max(scored, key=lambda pair: (pair[0], -pair[1]), default=(0.0, None))
        return (self.events[pk], score) if pk is not None and score >= EVENT_THRESHOLD else (None, score)

    @transaction.atomic
    def group_article(self, article: Article) -> Event | None:
        claims = list(article.claims.filter(event__isnull=True, event_locked=False))
        if not claims:
            return None
        profile = article_profile(article, parties={c.claimant_party_id for c in claims if c.claimant_party_id})
        # Claims re-extracted from an article already grouped stay with the article's event.
        # Claims an editor placed elsewhere say nothing about where the rest belong.
        placed = (
            article.claims.filter(event__isnull=False, event_locked=False)
            .values("event")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        if placed:
            event = Event.objects.get(pk=placed["event"])
        else:
            event, _score = self.best_event(profile)
            if event is None:
                event = event_create_for_article(article=article)
                self.remember(event, Profile())
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(event=event)
        if event.pk in self.profiles:
            self.profiles[event.pk].add(profile)
            for name in profile.names:
                self.by_name[name].add(event.pk)
        if not event.locked:
            event_refresh_dates(event=event, article=article)
        cached = _PROFILE_CACHE.get(event.pk)
        if cached is not None and cached[1] is self.profiles.get(event.pk):
            # The cached profile is the one just extended: record the claims it now accounts for.
            count, last = cached[0][0]
            claims_stamp = (count + len(claims), max(last, *(c.pk for c in claims)))
            _PROFILE_CACHE[event.pk] = (_event_stamp(event, claims_stamp), cached[1])
        return event


def claims_group_into_events(*, articles: Sequence[Article], grouper: EventGrouper | None = None) -> dict[int, int]:
    """Group the unplaced, unlocked claims of `articles`; returns {article id: event id} for those it placed."""
    grouper = grouper or EventGrouper()
    placed = {}
    for article in articles:
        event = grouper.group_article(article)
        if event is not None:
            placed[article.pk] = event.pk
    return placed


def event_create_for_article(*, article: Article) -> Event:
    """A new system event named after the article's headline; an editor renames it and fills in the place."""
    from newsclaims.services.articles import unique_slug

    name = (article.title or article.text.split("\n", 1)[0])[:300]
    slug_base = f"{name[:80]} {article.published:%Y-%m}" if article.published else name[:80]
    return Event.objects.create(
        name=name,
        slug=unique_slug(Event, slug_base, max_length=110),
        start_date=article.published,
        end_date=article.published,
        created_by_system=True,
    )


def event_refresh_dates(*, event: Event, article: Article) -> None:
    """Widen a system event's dates to include the article's publication date."""
    if not article.published:
        return
    start = min(filter(None, [event.start_date, article.published]))
    end = max(filter(None, [event.end_date, event.start_date, article.published]))
    if (start, end) != (event.start_date, event.end_date):
        event.start_date, event.end_date = start, end
        Event.objects.filter(pk=event.pk).update(start_date=start, end_date=end)


def events_regroup(*, everything: bool = False) -> dict[int, int]:
    """Group every unplaced claim; with `everything`, first dissolve the system's unlocked events.

    Dissolving frees only claims the system placed: editor-placed claims and curated events stay as they are, and
    an event that still holds an editor-placed claim is kept.
    """
    if everything:
        with transaction.atomic():
            system = Event.objects.filter(created_by_system=True, locked=False)
            Claim.objects.filter(event__in=system, event_locked=False).update(event=None)
            system.filter(claims__isnull=True).delete()
    articles = Article.objects.filter(claims__event__isnull=True, claims__event_locked=False).distinct()
    return claims_group_into_events(articles=list(articles.order_by("published", "pk")))


# --- events: an editor's decisions --------------------------------------------------------------------------------


def _require(user, *perms: str) -> None:
    if user is None or not user.is_active or not user.has_perms([f"newsclaims.{p}" for p in perms]):
        raise PermissionDenied(f"you need the permission(s) {', '.join(perms)} to do this")


def _move_claims(*, ids: Sequence[int], event: Event, user) -> None:
    """Through the review service, so each move is versioned, recorded in history and marked as the editor's."""
    from .review import MAX_BATCH, claims_assign_event

    for i in range(0, len(ids), MAX_BATCH):
        claims_assign_event(claims=ids[i : i + MAX_BATCH], event=event, user=user)


@transaction.atomic
def event_merge(*, into: Event, others: Iterable[Event], user) -> Event:
    """Move every claim of `others` into `into`, delete `others`, and mark `into` as curated.

    The claims' placement becomes an editor's choice (`event_locked`), so regrouping cannot pull them apart again.
    The merged events' history stays in their historical records.
    """
    _require(user, "change_event", "change_claim")
    others = [e for e in others if e.pk != into.pk]
    if not others:
        raise ValueError("choose at least one other event to merge into this one")
    # The editor decided on the merged whole: its own claims become the editor's choice too.
    ids = sorted(
        Claim.objects.filter(Q(event__in=others) | Q(event=into, event_locked=False)).values_list("pk", flat=True)
    )
    if ids:
        _move_claims(ids=ids, event=into, user=user)
    dates = [d for e in [into, *others] for d in (e.start_date, e.end_date) if d]
    if dates:
        into.start_date, into.end_date = min(dates), max(dates)
    into.locked = True
    into._history_user = user
    into.save()
    for other in others:
        other._history_user = user
        other.delete()
    return into


@transaction.atomic
def event_split(*, event: Event, claims: Iterable[Claim] | Iterable[int], name: str, user, place: str = "") -> Event:
    """Move `claims` out of `event` into a new curated event called `name`; both keep the editor's choice."""
    from newsclaims.services.articles import unique_slug

    _require(user, "add_event", "change_event", "change_claim")
    name = (name or "").strip()
    if not name:
        raise ValueError("the new event needs a name")
    wanted = [c.pk if isinstance(c, Claim) else int(c) for c in claims]
    ids = sorted(Claim.objects.filter(event=event, pk__in=wanted).values_list("pk", flat=True))
    if not ids:
        raise ValueError("none of the claims to split off belong to this event")
    span = Article.objects.filter(claims__in=ids).aggregate(first=Min("published"), last=Max("published"))
    new = Event(
        name=name[:300],
        slug=unique_slug(Event, name, max_length=110),
        place=place.strip()[:200],
        start_date=span["first"],
        end_date=span["last"],
        locked=True,
    )
    new._history_user = user
    new.save()
    _move_claims(ids=ids, event=new, user=user)
    if not event.locked:
        event.locked = True
        event._history_user = user
        event.save(update_fields=["locked"])
    return new
