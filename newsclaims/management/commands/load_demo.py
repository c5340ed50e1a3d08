"""Load the demo set: a few articles written for this project, with the Belgorod conflict at the top.

Loading twice changes nothing: articles are keyed by content hash, everything else by name or slug.
"""

import json
import re
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from newsclaims import services
from newsclaims.models import Claim, Claimant, ClaimLink, Event, Party, Tag

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo.json"
DEMO_EDITOR = ("editor", "newsclaims-demo")


class Command(BaseCommand):
    help = "Load the demo data (idempotent). With DEBUG on, also a demo editor account."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEMO_FILE))

    def handle(self, *args, **options):
        data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        counts = load_demo(data)
        self.stdout.write(self.style.SUCCESS("demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items())))
        if settings.DEBUG:
            username, password = demo_editor()
            self.stdout.write(f"admin: http://127.0.0.1:8000/admin/  user {username!r}  password {password!r}")


def demo_editor() -> tuple[str, str]:
    """A known login for a local demo only; never created with DEBUG off."""
    username, password = DEMO_EDITOR
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    if created:
        user.set_password(password)
        user.save()
    group = Group.objects.filter(name="Editors").first()
    if group:
        user.groups.add(group)
    return username, password


@transaction.atomic
def load_demo(data: dict) -> dict[str, int]:
    counts = dict.fromkeys(["articles", "claims", "links"], 0)
    for p in data["parties"]:
        # get_or_create: loading the demo again never undoes an editor's change to a party.
        Party.objects.get_or_create(name=p["name"], defaults={"short_name": p["short_name"], "aliases": p["aliases"]})
    for c in data["claimants"]:
        claimant, _ = Claimant.objects.get_or_create(
            name=c["name"], defaults={"kind": c["kind"], "party": Party.objects.get(name=c["party"])}
        )
        services.claimant_add_aliases(claimant=claimant, aliases=c["aliases"])
    for name in data["tags"]:
        Tag.objects.get_or_create(name=name, defaults={"slug": services.unique_slug(Tag, name)})
    for e in data["events"]:
        Event.objects.get_or_create(
            slug=e["slug"],
            defaults={
                "name": e["name"],
                "place": e["place"],
                "start_date": date.fromisoformat(e["start_date"]),
                "end_date": date.fromisoformat(e["end_date"]),
                "description": e["description"],
                "locked": True,
            },
        )
    articles = {}
    for a in data["articles"]:
        result = services.article_ingest(
            text=a["text"], language=a["language"], title=a["title"], url=a["url"], outlet=a["outlet"],
            published=a["published"], wire_credit=a["wire_credit"], source="demo",
        )
        articles[a["key"]] = result.article
        counts["articles"] += result.created
    claims = {}
    for c in data["claims"]:
        article = articles[c["article"]]
        start = article.text.index(c["quote"])
        # A whole word: Danish "ti" (ten) must not be found inside "aktionen".
        number_start = re.compile(rf"\b{re.escape(c['number'])}\b").search(article.text, start).start()
        claim, created = Claim.objects.get_or_create(
            article=article,
            category=c["category"],
            low=c["low"],
            evidence_start=start,
            defaults={
                "claimant": Claimant.objects.get(name=c["claimant"]),
                "claimant_text": c["claimant_text"],
                "claimant_party": Party.objects.get(name=c["party"]),
                "event": Event.objects.get(slug=c["event"]),
                "event_locked": True,
                "high": c.get("high"),
                "qualifier": c["qualifier"],
                "number_text": c["number"],
                "victims": c["victims"],
                "victims_party": Party.objects.get(name=c["victims_party"]),
                "evidence": c["quote"],
                "evidence_end": start + len(c["quote"]),
                "number_start": number_start,
                "number_end": number_start + len(c["number"]),
                "status": c["status"],
                "extractor_version": "demo",
            },
        )
        if created:
            claim.tags.set(Tag.objects.filter(name__in=c.get("tags", [])))
        claims[(c["article"], c["number"])] = claim
        counts["claims"] += created
    for link in data["links"]:
        _, created = ClaimLink.objects.get_or_create(
            from_claim=claims[tuple(link["from"])],
            to_claim=claims[tuple(link["to"])],
            kind=link["kind"],
            defaults={"note": link["note"], "status": ClaimLink.Status.ACCEPTED},
        )
        counts["links"] += created
    return counts
