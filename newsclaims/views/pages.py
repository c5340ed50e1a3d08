"""Home and the event comparison page."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsclaims import selectors
from newsclaims.models import Event


@require_GET
def home(request):
    return render(
        request,
        "home.html",
        {"events": selectors.events_by_conflict(limit=10), "claims": selectors.claims_newest(limit=12)},
    )


@require_GET
def event_detail(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    comparison = selectors.event_comparison(event=event, per_cell=selectors.CELL_MAX_ENTRIES)
    return render(request, "events/detail.html", {"event": event, "comparison": comparison})
