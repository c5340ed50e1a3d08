"""The database itself refuses impossible claims, not only the forms."""

import pytest
from django.db import IntegrityError, transaction

from newsclaims.models import Article, Claim, ClaimLink
from newsclaims.services import article_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return article_ingest(text="Tre mennesker blev dræbt, siger politiet.", language="da", title="Test").article


def make_claim(article, **overrides):
    fields = dict(article=article, category="killed", low=3, qualifier="exact", evidence=article.text,
                  evidence_start=0, evidence_end=len(article.text))
    fields.update(overrides)
    return Claim.objects.create(**fields)


def test_high_below_low_is_refused_by_the_database(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, low=300, high=100, qualifier="range")


def test_negative_count_is_refused_by_the_database(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, low=-1)


def test_high_is_only_stored_for_ranges(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, low=100, high=300, qualifier="exact")
    assert make_claim(article, low=100, high=300, qualifier="range").high == 300


def test_empty_evidence_span_is_refused(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, evidence_start=5, evidence_end=5)


def test_a_claim_cannot_link_to_itself(article):
    claim = make_claim(article)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(from_claim=claim, to_claim=claim, kind="contradicts")


def test_article_url_is_unique_when_present():
    Article.objects.create(text="a", language="en", content_hash="1" * 64, url="https://example.org/a")
    Article.objects.create(text="b", language="en", content_hash="2" * 64, url=None)
    Article.objects.create(text="c", language="en", content_hash="3" * 64, url=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="d", language="en", content_hash="4" * 64, url="https://example.org/a")


def test_content_hash_is_unique():
    Article.objects.create(text="a", language="en", content_hash="5" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="a again", language="en", content_hash="5" * 64)


def test_ingesting_the_same_text_twice_returns_the_stored_article():
    first = article_ingest(text="Two people died,  police said.\r\n", language="en")
    again = article_ingest(text="Two people died,  police said.", language="en")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_imprecise_publication_date_keeps_its_precision():
    article = article_ingest(text="Ti sårede.", language="da", published="2023-05").article
    assert article.published.isoformat() == "2023-05-01"
    assert article.published_display == "2023-05"
