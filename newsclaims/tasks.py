"""Background work with Django's tasks framework (`django.tasks`).

Development and tests run tasks immediately (ImmediateBackend); production settings queue them in the database
(django-tasks-db) for a worker started with `manage.py db_worker`. Task arguments are ids, not objects: a queued
task may run in another process, after the article changed.
"""

from django.tasks import task

from newsclaims import services
from newsclaims.models import Article


@task()
def extract_article(article_id: int) -> int:
    """Extract one article's claims and group them into events; returns how many claims were created."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return 0  # deleted since it was queued
    return services.articles_extract(articles=[article])


@task()
def extract_articles(article_ids: list[int]) -> int:
    """Extract a batch of articles with one spaCy pipe per language; the ingest command queues these."""
    articles = list(Article.objects.filter(pk__in=article_ids).order_by("pk"))
    return services.articles_extract(articles=articles) if articles else 0
