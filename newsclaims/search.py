"""Free-text search over claims and articles: PostgreSQL full-text search, ranked; word matching on SQLite.

On PostgreSQL an article is indexed with the text search configuration of its language ('danish' or 'english'),
and a query is run through the same configuration for each language, so "dræbte" finds "dræbt" in Danish articles
and "killed" finds "kill" in English ones. A claim's evidence sentence is indexed with both configurations: the
person searching may type in either language and claims of both languages sit side by side on one page, while a
claim carries no language column of its own (it is its article's) that an index could use.

The SQL expressions below are the exact expressions of the GIN indexes in migration 0003; PostgreSQL only uses an
expression index when the query repeats the expression, so both sides import them from here.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, When

CONFIGS = {"da": "danish", "en": "english"}
MAX_WORDS = 10
MAX_QUERY_CHARS = 200
MAX_ID_MATCHES = 2000
CLAIM_FIELDS = ("evidence", "claimant_text", "victims")


# The expressions below are both the GIN indexes of migration 0003 and what queries filter on: PostgreSQL uses an
# expression index only when the query repeats its expression, so both are built here and nowhere else.


def article_vector(config: str, *fields: str):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*(fields or ("title", "text")), config=config)


def claim_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*CLAIM_FIELDS, config="danish") + SearchVector(*CLAIM_FIELDS, config="english")


def search_indexes() -> list[tuple[str, object]]:
    """(model name, index) pairs: one partial index per article language, one claim index with both stemmers."""
    from django.contrib.postgres.indexes import GinIndex

    indexes = [("claim", GinIndex(claim_vector(), name="newsclaims_claim_fts"))]
    for language, config in CONFIGS.items():
        only = Q(language=language)
        indexes += [
            ("article", GinIndex(article_vector(config), name=f"nc_article_fts_{language}", condition=only)),
            ("article", GinIndex(article_vector(config, "title"), name=f"nc_article_title_{language}", condition=only)),
        ]
    return indexes


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def clean_query(query: str) -> str:
    return " ".join((query or "")[:MAX_QUERY_CHARS].split()[:MAX_WORDS])


def _query(query: str, config: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config=config, search_type="websearch")


def _article_match(query: str, *fields: str, prefix: str = "") -> Q:
    """One branch per language, each a constant query against that language's partial index."""
    from django.contrib.postgres.search import SearchVectorExact

    match = Q()
    for language, config in CONFIGS.items():
        vector = article_vector(config, *(f"{prefix}{f}" for f in (fields or ("title", "text"))))
        match |= Q(**{f"{prefix}language": language}) & Q(SearchVectorExact(vector, _query(query, config)))
    return match


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    """Claims matching `query` in their evidence, claimant, victims or article headline, best match first.

    On PostgreSQL the query understands web-search syntax ("quoted phrase", -excluded, or) and the result carries
    `search_rank`; elsewhere every word must occur somewhere (case-insensitive) and the order is left as it was.
    """
    query = clean_query(query)
    if not query:
        return queryset
    if not uses_full_text_search():
        return _claims_by_words(queryset, query)
    from django.contrib.postgres.search import SearchRank, SearchVectorExact

    from newsclaims.models import Article, Claimant

    both = _query(query, "danish") | _query(query, "english")
    names = Q()
    for word in query.split():
        names &= Q(name__icontains=word.strip('"-'))
    # Ids, not subqueries: with constant lists PostgreSQL combines the GIN index and the foreign-key indexes in a
    # bitmap OR; a subquery in one branch of the OR would make it read every claim. A word in thousands of
    # headlines (e.g. "Gaza") is in their claims' evidence too, so the newest MAX_ID_MATCHES suffice.
    claimants = list(Claimant.objects.filter(names).values_list("pk", flat=True)[:MAX_ID_MATCHES])
    headlines = list(
        Article.objects.filter(_article_match(query, "title"))
        .order_by("-ingested_at")
        .values_list("pk", flat=True)[:MAX_ID_MATCHES]
    )
    return (
        queryset.filter(
            Q(SearchVectorExact(claim_vector(), both)) | Q(claimant__in=claimants) | Q(article__in=headlines)
        )
        .annotate(search_rank=SearchRank(claim_vector(), both))
        .order_by("-search_rank", *queryset.query.order_by or ("-created_at", "-id"))
    )


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    """Articles whose headline or text match `query`, best match first (`search_rank` on PostgreSQL)."""
    query = clean_query(query)
    if not query:
        return queryset
    if not uses_full_text_search():
        for word in query.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(text__icontains=word))
        return queryset
    from django.contrib.postgres.search import SearchRank

    rank = Case(
        *(
            When(language=language, then=SearchRank(article_vector(config), _query(query, config)))
            for language, config in CONFIGS.items()
        ),
        default=0.0,
        output_field=FloatField(),
    )
    return (
        queryset.filter(_article_match(query))
        .annotate(search_rank=rank)
        .order_by(F("search_rank").desc(), *queryset.query.order_by or ("-published", "-ingested_at"))
    )


def _claims_by_words(queryset: QuerySet, query: str) -> QuerySet:
    for word in query.split():
        queryset = queryset.filter(
            Q(evidence__icontains=word)
            | Q(claimant__name__icontains=word)
            | Q(claimant_text__icontains=word)
            | Q(victims__icontains=word)
            | Q(article__title__icontains=word)
        )
    return queryset
