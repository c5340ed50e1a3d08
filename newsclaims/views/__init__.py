"""Thin views: parse the request, call one selector, render."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsclaims.models import Article, Claim, Event


@require_GET
def home(request):
    claims = Claim.objects.select_related("claimant", "claimant_party", "article__outlet", "event").exclude(
        status=Claim.Status.REJECTED
    )[:50]
    return render(request, "home.html", {"claims": claims, "events": Event.objects.all()[:20]})


@require_GET
def claim_list(request):
    claims = Claim.objects.select_related("claimant", "claimant_party", "article__outlet", "event")[:100]
    return render(request, "home.html", {"claims": claims, "events": []})


@require_GET
def claim_detail(request, pk: int):
    claim = get_object_or_404(Claim.objects.select_related("claimant", "article"), pk=pk)
    return render(request, "home.html", {"claims": [claim], "events": []})


@require_GET
def event_detail(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    return render(request, "home.html", {"claims": event.claims.all(), "events": [event]})


@require_GET
def article_detail(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    return render(request, "home.html", {"claims": article.claims.all(), "events": []})
