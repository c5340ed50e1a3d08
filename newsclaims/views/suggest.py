"""Suggestions for the claims list's event and claimant boxes: <option>s that htmx puts into the box's <datalist>.

There are thousands of events, too many to send as a <select> with every list page; the box asks for the dozen
that match what has been typed so far. The typed text comes as `q`, or under the box's own name (htmx sends the
input's value as `event=` or `claimant=`).
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from newsclaims import selectors

SUGGESTIONS = 12


def _typed(request, name: str) -> str:
    return (request.GET.get("q") or request.GET.get(name) or "").strip()[:200]


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


@require_GET
def suggest_events(request):
    options = [
        (event.slug, " · ".join(filter(None, [event.name, event.place, _day(event.start_date)])))
        for event in selectors.events_matching(text=_typed(request, "event"), limit=SUGGESTIONS)
    ]
    return render(request, "claims/_suggestions.html", {"options": options})


@require_GET
def suggest_claimants(request):
    options = [
        (claimant.name, f"{claimant.name} ({claimant.party})" if claimant.party else claimant.name)
        for claimant in selectors.claimants_matching(text=_typed(request, "claimant"), limit=SUGGESTIONS)
    ]
    return render(request, "claims/_suggestions.html", {"options": options})
