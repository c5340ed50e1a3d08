"""Propose "contradicts" links between claims that cannot both be true; editors accept or dismiss them."""

from django.core.management.base import BaseCommand, CommandError

from newsclaims import services
from newsclaims.models import Event


class Command(BaseCommand):
    help = "Suggest contradicting claims (same event and quantity, different sides, figures that cannot overlap)."

    def add_arguments(self, parser):
        parser.add_argument("--event", metavar="SLUG", help="only this event (default: every event)")

    def handle(self, *args, **options):
        event = None
        if options["event"]:
            event = Event.objects.filter(slug=options["event"]).first()
            if event is None:
                raise CommandError(f"no event with the slug {options['event']!r}")
        made = services.links_suggest(event=event)
        self.stdout.write(self.style.SUCCESS(f"{len(made)} new suggested link(s)"))
