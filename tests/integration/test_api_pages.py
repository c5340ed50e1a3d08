"""The API says what the pages show: an event's comparison and a filtered claims list, read from the rendered HTML
and from the JSON, must agree row for row and claim for claim."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command

from newsclaims.models import Article, Claim

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"


def claim_id(href: str) -> int:
    return int(re.search(r"/claims/(\d+)/", href).group(1))


def comparison_on_page(client, slug: str) -> dict:
    """The event page's comparison table, as data: columns, and per row its flags and each cell's claims."""
    response = client.get(f"/events/{slug}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.comparison")
    columns = [th.get_text(" ", strip=True).removesuffix(" says") for th in table.select("thead th")[1:-1]]
    rows = []
    for tr in table.select("tbody tr.quantity"):
        disagreement = tr.select_one(".disagreement")
        rows.append({
            "key": tr["id"].removeprefix("row-"),
            "label": tr.select_one(".quantity-label").get_text(strip=True),
            "conflict": "conflict" in tr["class"],
            "disagreement": disagreement.get_text(strip=True) if disagreement else "",
            "cells": [
                [(claim_id(entry.select_one("a.figure")["href"]), entry.select_one("a.figure").get_text(strip=True),
                  entry.select_one(".who").get_text(strip=True)) for entry in td.select(".entry")]
                for td in tr.select("td.cell")
            ],
        })
    return {"columns": columns, "rows": rows}


def comparison_in_api(client, slug: str) -> dict:
    response = client.get(f"/api/events/{slug}/comparison")
    assert response.status_code == 200
    data = response.json()
    return {
        "columns": [c["label"] for c in data["columns"]],
        "rows": [
            {
                "key": row["key"],
                "label": row["label"],
                "conflict": row["conflict"],
                "disagreement": row["disagreement"],
                "cells": [[(e["claim"]["id"], e["display_value"], e["claimant"]) for e in cell["entries"]]
                          for cell in row["cells"]],
            }
            for row in data["rows"]
        ],
    }


def test_belgorod_comparison_in_the_api_is_the_event_page(demo_data, client):
    page = comparison_on_page(client, BELGOROD)
    assert comparison_in_api(client, BELGOROD) == page
    assert any(row["conflict"] for row in page["rows"]), "the demo's Belgorod event has a conflict"


def test_seed_article_event_comparison_in_the_api_is_the_event_page(client, seed_path):
    call_command("ingest", str(seed_path), verbosity=0)
    article = Article.objects.get()
    events = {c.event for c in article.claims.select_related("event") if c.event}
    assert article.claims.exists(), "extraction found no claims in the seed article"
    assert events, "the seed article's claims were not grouped into an event"
    for event in events:
        page = comparison_on_page(client, event.slug)
        assert comparison_in_api(client, event.slug) == page
        assert page["rows"]


def claims_on_list_page(client, query: str) -> list[int]:
    """Every claim id the claims list shows for `query`, following its pages."""
    ids, page = [], 1
    while True:
        response = client.get(f"/claims/?{query}&size={settings.NEWSCLAIMS_MAX_PAGE_SIZE}&page={page}")
        soup = BeautifulSoup(response.content, "html.parser")
        ids += [int(li["data-claim"]) for li in soup.select("li.claim-item")]
        if not soup.select_one("nav.pagination a[rel=next]"):
            return ids
        page += 1


def claims_in_api(client, query: str) -> list[int]:
    ids, url = [], f"/api/claims?{query}&page_size={settings.NEWSCLAIMS_MAX_PAGE_SIZE}"
    while url:
        data = client.get(url).json()
        ids += [c["id"] for c in data["items"]]
        url = data["next"]
    return ids


@pytest.mark.parametrize("query", [f"event={BELGOROD}", "category=killed&language=da", "status=rejected", ""])
def test_claims_in_the_api_are_the_claims_list_page(demo_data, client, query):
    Claim.objects.filter(event__slug=BELGOROD, category="wounded").update(status=Claim.Status.REJECTED)
    assert claims_in_api(client, query) == claims_on_list_page(client, query)
