"""Group claims into events: the claims not in an event, or (--regroup) everything the system grouped itself.

Claims an editor placed and events an editor curated are never touched.
"""

from django.core.management.base import BaseCommand

from newsclaims import services


class Command(BaseCommand):
    help = "Group unplaced claims into events; --regroup also redoes the system's own unlocked events."

    def add_arguments(self, parser):
        parser.add_argument("--regroup", action="store_true")

    def handle(self, *args, **options):
        placed = services.events_regroup(everything=options["regroup"])
        self.stdout.write(f"group_events: {len(placed)} articles' claims placed in {len(set(placed.values()))} events")
