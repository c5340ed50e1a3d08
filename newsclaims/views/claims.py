"""The claims list with its filters, and the claim page."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from newsclaims import selectors
from newsclaims.forms import ClaimFilterForm, page_size
from newsclaims.models import Claim

from .paging import CappedPaginator

LIST_COUNT_CAP = 10_000  # the list counts its matches up to here, then says "more than 10,000"


def wants_partial(request) -> bool:
    """An htmx swap, but not htmx restoring a page from history (that needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def claim_list(request):
    form = ClaimFilterForm(request.GET)
    form.is_valid()  # invalid fields are reported in the page; the valid ones still filter
    claims = selectors.claim_list(**form.filter_kwargs())
    paginator = CappedPaginator(claims, page_size(request.GET.get("size")), cap=LIST_COUNT_CAP)
    page = paginator.get_page(request.GET.get("page"))
    # Links (pages, downloads) carry the filters in use as the API takes them: an event by slug, a claimant by id.
    query = form.canonical_query()
    if "size" in request.GET:
        query["size"] = str(paginator.per_page)
    template = "claims/list.html#results" if wants_partial(request) else "claims/list.html"
    response = render(request, template, {"form": form, "page": page, "query": urlencode(query)})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def claim_detail(request, pk: int):
    try:
        claim = selectors.claim_detail(pk=pk)
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim") from exc
    history = selectors.claim_history(claim=claim)
    return render(
        request,
        "claims/detail.html",
        {"claim": claim, "links": selectors.claim_links(claim=claim), "history": history},
    )
