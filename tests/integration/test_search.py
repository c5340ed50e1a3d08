"""newsclaims.search: ranked full-text search on PostgreSQL (Danish and English), word matching on SQLite."""

import pytest
from django.db import connection

from newsclaims import services
from newsclaims.models import Article, Claim, Claimant
from newsclaims.search import search_articles, search_claims, search_indexes

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")


def article(text, language, title=""):
    return services.article_ingest(text=text, language=language, title=title).article


def claim(article, sentence, low=1, claimant=None, victims=""):
    start = article.text.index(sentence)
    return Claim.objects.create(
        article=article, category="killed", low=low, evidence=sentence, evidence_start=start,
        evidence_end=start + len(sentence), claimant=claimant, victims=victims,
    )


@pytest.fixture
def corpus(db):
    da = article(
        "Rusland siger, at mere end 70 ukrainske soldater blev dræbt ved Belgorod. Kapustin afviser tallet.",
        "da", title="Angreb i Belgorod",
    )
    en = article(
        "Russia said more than 600 Ukrainian soldiers were killed in the strikes on Kramatorsk. Kyiv denied it.",
        "en", title="Strikes on Kramatorsk",
    )
    kapustin = Claimant.objects.create(name="Denis Kapustin")
    return {
        "da_article": da,
        "en_article": en,
        "da": claim(da, "Rusland siger, at mere end 70 ukrainske soldater blev dræbt ved Belgorod.", 70),
        "en": claim(en, "Russia said more than 600 Ukrainian soldiers were killed in the strikes on Kramatorsk.", 600),
        "kapustin": claim(da, "Kapustin afviser tallet.", 2, claimant=kapustin, victims="hans mænd"),
    }


def ids(queryset):
    return [obj.pk for obj in queryset]


def test_empty_query_returns_everything_unchanged(corpus):
    assert set(ids(search_claims(Claim.objects.all(), "   "))) == set(ids(Claim.objects.all()))


def test_every_word_must_match_somewhere(corpus):
    assert ids(search_claims(Claim.objects.all(), "Kramatorsk soldiers")) == [corpus["en"].pk]
    assert ids(search_claims(Claim.objects.all(), "Kramatorsk Belgorod")) == []


def test_claimant_name_and_headline_are_searched(corpus):
    assert ids(search_claims(Claim.objects.all(), "Denis")) == [corpus["kapustin"].pk]
    # "Angreb" is only in the Danish article's headline: its claims are found by it.
    assert set(ids(search_claims(Claim.objects.all(), "angreb"))) == {corpus["da"].pk, corpus["kapustin"].pk}


def test_search_keeps_the_callers_filters(corpus):
    only_big = Claim.objects.filter(low__gte=100)
    assert ids(search_claims(only_big, "soldater")) == []


def test_search_articles_finds_text_and_headline(corpus):
    assert ids(search_articles(Article.objects.all(), "Kramatorsk")) == [corpus["en_article"].pk]
    assert ids(search_articles(Article.objects.all(), "Angreb")) == [corpus["da_article"].pk]


def test_hostile_queries_are_harmless(corpus):
    for query in ["'; DROP TABLE newsclaims_claim; --", "a & | ! (", '"unclosed', "x" * 5000, "-", "or or"]:
        list(search_claims(Claim.objects.all(), query))
        list(search_articles(Article.objects.all(), query))
    assert Claim.objects.count() == 3


@postgres_only
def test_danish_stemming_finds_other_forms_of_a_word(corpus):
    # "dræbte" and "soldaten" are not in the text; their stems are.
    assert ids(search_claims(Claim.objects.all(), "soldaten dræbte")) == [corpus["da"].pk]
    assert ids(search_articles(Article.objects.all(), "soldaten")) == [corpus["da_article"].pk]


@postgres_only
def test_english_stemming_and_web_search_syntax(corpus):
    assert ids(search_claims(Claim.objects.all(), "kill strike")) == [corpus["en"].pk]
    assert ids(search_claims(Claim.objects.all(), '"Ukrainian soldiers" -Belgorod')) == [corpus["en"].pk]
    either = set(ids(search_claims(Claim.objects.all(), "Kramatorsk or Belgorod")))
    assert either == {corpus["en"].pk, corpus["da"].pk, corpus["kapustin"].pk}  # Kapustin's by its headline


@postgres_only
def test_results_are_ranked_best_first(corpus):
    best = article("Belgorod. Belgorod, Belgorod: angrebet på Belgorod fortsatte i Belgorod.", "da")
    strong = claim(best, "Belgorod, Belgorod: angrebet på Belgorod fortsatte i Belgorod.")
    found = list(search_claims(Claim.objects.all(), "Belgorod"))
    assert found[0].pk == strong.pk
    assert found[0].search_rank > found[-1].search_rank


@postgres_only
def test_gin_indexes_exist_and_the_claim_search_uses_one():
    with connection.cursor() as cursor:
        names = [index.name for _, index in search_indexes()]
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [names])
        found = dict(cursor.fetchall())
    assert set(found) == {index.name for _, index in search_indexes()}
    assert all("USING gin" in definition for definition in found.values())
    queryset = search_claims(Claim.objects.all(), "Belgorod")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "newsclaims_claim_fts" in plan
    articles = search_articles(Article.objects.all(), "Belgorod")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = articles.explain()
    assert "nc_article_fts_da" in plan and "nc_article_fts_en" in plan
