"""Ingest articles: files, directories (recursively) or `-` for standard input; text, JSON lines or HTML.

    manage.py ingest ../shared/seeds ../shared/eval/dev.jsonl
    cat feed.jsonl | manage.py ingest -

Each article is stored in its own transaction and then extracted through the `extract_articles` task, a batch at a
time (immediately in development, by `manage.py db_worker` in production). A bad file or line is reported with its
reason and the run goes on; the exit status is 1 if anything failed. Running it twice on the same input adds nothing.
"""

import logging
import sys
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError
from django.tasks import TaskResultStatus
from tqdm import tqdm

from newsclaims import readers, services
from newsclaims.middleware import is_database_unavailable
from newsclaims.tasks import extract_article, extract_articles


class Command(BaseCommand):
    help = "Ingest articles from files, directories or stdin (-): seed-format text, JSON lines, HTML."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for standard input")
        parser.add_argument("--no-extract", action="store_true", help="store only; extract later")
        parser.add_argument("--no-update", action="store_true", help="keep stored texts that changed")
        parser.add_argument("--batch-size", type=int, default=32, help="articles per extraction task (default 32)")
        parser.add_argument("--language", choices=["da", "en"], help="for inputs that do not say")
        parser.add_argument("--outlet", help="outlet of inputs that do not say")
        parser.add_argument("--encoding", help="read text files in this encoding instead of UTF-8, e.g. cp1252")

    def handle(self, *args, paths, **options):
        try:
            self.ingest(paths, options)
        except (OperationalError, InterfaceError) as exc:
            # Each article is stored in its own transaction, so what was stored is whole and the rest is not there.
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not is_database_unavailable(exc):
                raise CommandError(f"database error: {reason} (has `manage.py migrate` been run?)") from exc
            raise CommandError(
                f"the database cannot be reached ({reason}). Articles stored before this are complete, nothing is "
                "half-written; when the database is back, run the same command again (it skips what is stored), "
                "then `manage.py extract` for articles stored but not yet extracted."
            ) from exc

    def ingest(self, paths, options) -> None:
        self.counts = Counter({"new": 0, "updated": 0, "duplicate": 0, "failed": 0})
        self.extract = not options["no_extract"]
        self.batch_size = max(1, options["batch_size"])
        self.pending: list[int] = []
        self.claims = 0
        self.queued = 0
        max_bytes = settings.NEWSCLAIMS_MAX_INGEST_FILE_BYTES
        # Task start/finish lines would bury the per-file reports; the summary counts what the tasks did.
        logging.getLogger("django.tasks").setLevel(logging.WARNING)
        wire_index = services.WireIndex.from_db()
        sources = list(readers.iter_sources(paths))
        progress = tqdm(sources, unit="file", file=sys.stderr, disable=not sys.stderr.isatty(), dynamic_ncols=True)
        self.progress = progress
        for source in progress:
            for item in readers.read_source(source, max_bytes=max_bytes, encoding=options["encoding"]):
                if isinstance(item, readers.ReadProblem):
                    self.report(item.source, item.reason, warning=item.warning)
                    continue
                item.language = item.language or options["language"]
                item.outlet = item.outlet or options["outlet"]
                self.store(item, update=not options["no_update"], wire_index=wire_index)
            progress.set_postfix(self.counts, refresh=False)
        self.flush()
        progress.close()
        self.summary()
        if self.counts["failed"]:
            raise CommandError(f"{self.counts['failed']} input(s) failed; the reasons are above")

    def store(self, item: readers.RawArticle, *, update: bool, wire_index) -> None:
        try:
            result = services.article_ingest(**item.ingest_kwargs(), update=update, wire_index=wire_index)
        except services.IngestError as exc:
            self.report(item.source, str(exc))
            return
        self.counts[result.status] += 1
        if self.extract and result.status != "duplicate":
            self.pending.append(result.article.pk)
            if len(self.pending) >= self.batch_size:
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        ids, self.pending = self.pending, []
        result = extract_article.enqueue(ids[0]) if len(ids) == 1 else extract_articles.enqueue(ids)
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.claims += result.return_value
        elif result.status == TaskResultStatus.FAILED:
            error = result.errors[-1] if result.errors else None
            reason = error.traceback.strip().splitlines()[-1] if error else "unknown error"
            self.report(f"extraction of articles {ids}", f"{reason} (the articles are stored; run `manage.py extract`)")
        else:
            self.queued += len(ids)

    def report(self, source: str, reason: str, *, warning: bool = False) -> None:
        if not warning:
            self.counts["failed"] += 1
        line = f"{'warning' if warning else 'skipped'}: {source}: {reason}"
        if self.progress.disable:
            self.stderr.write(line)
        else:
            self.progress.write(line, file=sys.stderr)

    def summary(self) -> None:
        parts = [f"{self.counts[k]} {k}" for k in ("new", "updated", "duplicate", "failed")]
        if self.extract:
            parts.append(f"{self.claims} claims extracted")
            if self.queued:
                parts.append(f"{self.queued} articles queued for extraction (manage.py db_worker runs them)")
        else:
            parts.append("extraction skipped")
        style = self.style.WARNING if self.counts["failed"] else self.style.SUCCESS
        self.stdout.write(style("ingest: " + ", ".join(parts)))
