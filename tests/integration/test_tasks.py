"""newsclaims.tasks: extraction through django.tasks, immediate in development and tests."""

import json

import pytest
from django.tasks import TaskResultStatus

from newsclaims import services
from newsclaims.models import Claim
from newsclaims.tasks import extract_article, extract_articles
from tests.integration import test_ingest

gold_extractor = test_ingest.gold_extractor  # the fixture: dev.jsonl's gold claims as extraction output
pytestmark = pytest.mark.django_db


def stored(dev_path, n):
    records = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines()[:n]]
    return [
        services.article_ingest(
            text=r["text"], language=r["language"], title=r["title"], published=r["published"]
        ).article
        for r in records
    ]


def test_extract_article_runs_now_and_returns_the_claims_it_made(gold_extractor, dev_path):
    [article] = stored(dev_path, 1)
    result = extract_article.enqueue(article.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == article.claims.count() > 0
    article.refresh_from_db()
    assert article.extracted_at is not None and article.extractor_version == "gold-1"
    assert not article.claims.filter(event=None).exists()  # grouped into an event as part of the task


def test_extract_articles_batches_one_pipe_per_language(gold_extractor, dev_path):
    articles = stored(dev_path, 13)
    result = extract_articles.enqueue([a.pk for a in articles])
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == Claim.objects.count()
    assert sorted(c for c in gold_extractor.calls) == [("extract_many", "da", 6), ("extract_many", "en", 7)]


def test_a_deleted_article_is_not_an_error(gold_extractor):
    result = extract_article.enqueue(987654)
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 0
