"""Extract the claims of stored articles: those never extracted, by default, or all of them (--all).

Editors' claims (confirmed, rejected, edited) survive re-extraction. Work goes through the `extract_articles`
task, a batch at a time.
"""

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus

from newsclaims.models import Article
from newsclaims.tasks import extract_articles


class Command(BaseCommand):
    help = "Extract claims from articles not extracted yet (or --all, or those of an older extractor version)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-extract every article")
        parser.add_argument("--outdated", action="store_true", help="also articles of another extractor version")
        parser.add_argument("--batch-size", type=int, default=32)

    def handle(self, *args, **options):
        articles = Article.objects.all()
        if not options["all"]:
            articles = articles.filter(extracted_at__isnull=True)
            if options["outdated"]:
                from newsclaims.services.articles import extractor

                articles = Article.objects.filter(extracted_at__isnull=True) | Article.objects.exclude(
                    extractor_version=extractor().EXTRACTOR_VERSION
                )
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        size = max(1, options["batch_size"])
        claims = queued = failed = 0
        for i in range(0, len(ids), size):
            batch = ids[i : i + size]
            result = extract_articles.enqueue(batch)
            if result.status == TaskResultStatus.SUCCESSFUL:
                claims += result.return_value
            elif result.status == TaskResultStatus.FAILED:
                failed += len(batch)
                self.stderr.write(f"failed: articles {batch}: {result.errors[-1].traceback.splitlines()[-1]}")
            else:
                queued += len(batch)
        self.stdout.write(
            f"extract: {len(ids)} articles, {claims} claims extracted, {queued} queued, {failed} failed"
        )
