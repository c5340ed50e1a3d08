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

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

CONFIGS = {"da": "danish", "en": "english"}
MAX_WORDS = 10
MAX_QUERY_CHARS = 200

ARTICLE_TABLE = "newsclaims_article"
CLAIM_TABLE = "newsclaims_claim"
ARTICLE_CONFIG_SQL = "CASE WHEN language = 'da' THEN 'danish'::regconfig ELSE 'english'::regconfig END"
ARTICLE_VECTOR_SQL = f"to_tsvector({ARTICLE_CONFIG_SQL}, title || ' ' || text)"
ARTICLE_TITLE_VECTOR_SQL = f"to_tsvector({ARTICLE_CONFIG_SQL}, title)"
CLAIM_DOCUMENT_SQL = "evidence || ' ' || claimant_text || ' ' || victims"
CLAIM_VECTOR_SQL = (
    f"(to_tsvector('danish'::regconfig, {CLAIM_DOCUMENT_SQL})"
    f" || to_tsvector('english'::regconfig, {CLAIM_DOCUMENT_SQL}))"
)
BOTH_QUERIES_SQL = "(websearch_to_tsquery('danish'::regconfig, %s) || websearch_to_tsquery('english'::regconfig, %s))"

# name, table, expression: created by migration 0003 on PostgreSQL only.
INDEXES = [
    ("newsclaims_article_fts", ARTICLE_TABLE, ARTICLE_VECTOR_SQL),
    ("newsclaims_article_title_fts", ARTICLE_TABLE, ARTICLE_TITLE_VECTOR_SQL),
    ("newsclaims_claim_fts", CLAIM_TABLE, CLAIM_VECTOR_SQL),
]


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def clean_query(query: str) -> str:
    return " ".join((query or "")[:MAX_QUERY_CHARS].split()[:MAX_WORDS])


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
    from newsclaims.models import Article, Claimant

    words = Q()
    for word in query.split():
        words &= Q(name__icontains=word.strip('"-'))
    claimants = Claimant.objects.filter(words).values("pk")
    headlines = Article.objects.filter(_article_match(ARTICLE_TITLE_VECTOR_SQL, query)).values("pk")
    rank = RawSQL(
        f"ts_rank({_qualified_claim_vector()}, {BOTH_QUERIES_SQL})", [query, query], output_field=FloatField()
    )
    evidence = RawSQL(f"{_qualified_claim_vector()} @@ {BOTH_QUERIES_SQL}", [query, query], output_field=BooleanField())
    return (
        queryset.filter(Q(evidence) | Q(claimant__in=claimants) | Q(article__in=headlines))
        .annotate(search_rank=rank)
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
    rank = RawSQL(
        f"ts_rank({_qualified(ARTICLE_VECTOR_SQL, ARTICLE_TABLE, ('language', 'title', 'text'))}, "
        f"websearch_to_tsquery({_qualified(ARTICLE_CONFIG_SQL, ARTICLE_TABLE, ('language',))}, %s))",
        [query],
        output_field=FloatField(),
    )
    return (
        queryset.filter(_article_match(ARTICLE_VECTOR_SQL, query))
        .annotate(search_rank=rank)
        .order_by("-search_rank", *queryset.query.order_by or ("-published", "-ingested_at"))
    )


def _article_match(vector_sql: str, query: str) -> RawSQL:
    # One branch per language, each with a constant query, so that the planner can use the expression index.
    vector = _qualified(vector_sql, ARTICLE_TABLE, ("language", "title", "text"))
    language = f"{ARTICLE_TABLE}.language"
    return RawSQL(
        f"(({language} = 'da' AND {vector} @@ websearch_to_tsquery('danish'::regconfig, %s)) OR "
        f"({language} <> 'da' AND {vector} @@ websearch_to_tsquery('english'::regconfig, %s)))",
        [query, query],
        output_field=BooleanField(),
    )


def _qualified_claim_vector() -> str:
    return _qualified(CLAIM_VECTOR_SQL, CLAIM_TABLE, ("evidence", "claimant_text", "victims"))


def _qualified(sql: str, table: str, columns: tuple[str, ...]) -> str:
    """Qualify bare column names with their table: a joined table may have columns of the same name."""
    return re.sub(rf"(?<![\w.'])({'|'.join(columns)})(?![\w'])", rf"{table}.\1", sql)


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
