"""The claims list with its filters, and the claim page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from newsclaims import selectors
from newsclaims.forms import ClaimFilterForm, page_size
from newsclaims.models import Claim


def wants_partial(request) -> bool:
    """An htmx swap, but not htmx restoring a page from history (that needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def claim_list(request):
    form = ClaimFilterForm(request.GET)
    form.is_valid()  # invalid fields are reported in the page; the valid ones still filter
    claims = selectors.claim_list(**form.filter_kwargs())
    paginator = Paginator(claims, page_size(request.GET.get("size")))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "claims/list.html#results" if wants_partial(request) else "claims/list.html"
    response = render(request, template, {"form": form, "page": page, "query": query.urlencode()})
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
