"""The claims list offers its selection for download: CSV and JSON links carrying the page's filters."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from newsclaims import selectors

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"


def download_links(client, query: str) -> dict[str, str]:
    response = client.get(f"/claims/?{query}")
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select(".downloads a")}


def test_csv_link_exports_what_the_list_shows(demo_data, client):
    links = download_links(client, f"event={BELGOROD}&category=killed")
    response = client.get(links["CSV"])
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == [c.pk for c in selectors.claim_list(event=BELGOROD, category="killed")]


def test_json_link_returns_the_same_claims(demo_data, client):
    links = download_links(client, f"event={BELGOROD}")
    data = client.get(links["JSON"]).json()
    assert [c["id"] for c in data["items"]] == [c.pk for c in selectors.claim_list(event=BELGOROD)][: data["page_size"]]
    assert links["API docs"] == "/api/docs"


def test_htmx_swap_of_the_results_carries_fresh_links(demo_data, client):
    response = client.get(f"/claims/?event={BELGOROD}", headers={"HX-Request": "true"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".downloads a[download]")["href"] == f"/claims.csv?event={BELGOROD}"


def test_no_download_links_while_a_filter_is_invalid(demo_data, client):
    assert download_links(client, "event=no-such-event") == {}
