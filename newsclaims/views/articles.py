"""The article page: its text with every claim's evidence highlighted."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from newsclaims import selectors
from newsclaims.models import Article


@require_GET
def article_detail(request, pk: int):
    try:
        article, claims = selectors.article_detail(pk=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article") from exc
    return render(request, "articles/detail.html", {"article": article, "claims": claims})
