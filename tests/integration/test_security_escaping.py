"""Hostile content is shown as text everywhere: pages, htmx partials, the admin, the API and the CSV export.

Every text field a record has is filled with markup that would run script if it reached the page unescaped. Each
page must show that markup as literal text (so the test cannot pass by hiding the data), and its DOM must hold no
script, event handler or `javascript:` link that came from the data.
"""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, ClaimLink, Event, Outlet, Party, Tag


def payload(field: str) -> str:
    return f'{field} "><script>document.title="pwned {field}"</script><img src=x onerror="window.__pwned=1">'


RAW_MARKERS = ['<script>document.title="pwned', "<img src=x onerror"]


def make_hostile_records() -> dict:
    """Two claims on one event and article, with every text field of every record hostile."""
    party = Party.objects.create(name=payload("party"), short_name=payload("short")[:40])
    other = Party.objects.create(name="Other side")
    claimant = Claimant.objects.create(name=payload("claimant"), kind="person", party=party)
    ClaimantAlias.objects.create(claimant=claimant, alias=payload("alias"))
    event = Event.objects.create(name=payload("event"), slug="hostile-event", place=payload("place"),
                                 description=payload("description"))
    outlet = Outlet.objects.create(name=payload("outlet"))
    text = f"{payload('text')} Mere end 70 blev dræbt, siger {payload('speaker')}."
    article = Article.objects.create(
        title=payload("title"), text=text, url='https://example.org/a?b="><script>document.title="pwned url"</script>',
        outlet=outlet, language="da", wire_credit=payload("wire")[:200], content_hash="h" * 64,
    )
    number_at = text.index("70")
    claim = Claim.objects.create(
        article=article, claimant=claimant, claimant_text=payload("claimant_text"), claimant_party=party,
        event=event, category="killed", low=70, qualifier="more_than", number_text=payload("number")[:200],
        victims=payload("victims"), victims_party=other, evidence=text, evidence_start=0, evidence_end=len(text),
        number_start=number_at, number_end=number_at + 2,
    )
    contra = Claim.objects.create(
        article=article, claimant_text=payload("other_claimant"), claimant_party=other, event=event,
        category="killed", low=2, victims=payload("victims2"), victims_party=other, evidence=text,
        evidence_start=0, evidence_end=len(text),
    )
    tag = Tag.objects.create(name=payload("tag"), slug="hostile-tag")
    claim.tags.add(tag)
    link = ClaimLink.objects.create(from_claim=claim, to_claim=contra, kind="contradicts", note=payload("note"))
    return {"claim": claim, "contra": contra, "article": article, "event": event, "claimant": claimant,
            "party": party, "tag": tag, "outlet": outlet, "link": link}


@pytest.fixture
def hostile(db):
    return make_hostile_records()


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", password="pw-for-tests-only")
    client.force_login(user)
    return client


def assert_escaped(response, *fields: str) -> BeautifulSoup:
    """No markup from the data in the DOM, and the data itself visible as text."""
    assert response.status_code == 200, response.content[:500]
    body = response.content.decode()
    for marker in RAW_MARKERS:
        assert marker not in body, f"unescaped data in {response.request['PATH_INFO']}"
    soup = BeautifulSoup(body, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # data, and still whole: nothing closed the element early
        else:
            src = script.get("src", "")
            assert src.startswith("/") and not src.startswith("//"), script  # our own files only
            assert not (script.string or "").strip()
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), tag
            if attribute in {"href", "src", "action", "formaction"}:
                assert not str(value).strip().lower().startswith("javascript:"), tag
    assert not soup.find("img", src="x")
    text = soup.get_text(" ")
    for field in fields:
        assert payload(field) in text or payload(field)[:40] in text, f"{field} is not shown"
    return soup


def strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []


def test_home_page_shows_hostile_names_as_text(client, hostile):
    assert_escaped(client.get("/"), "event")


def test_claims_list_and_its_htmx_partial_show_hostile_text_as_text(client, hostile):
    assert_escaped(client.get("/claims/"), "claimant")
    partial = client.get("/claims/", {"q": "pwned"}, headers={"HX-Request": "true"})
    soup = assert_escaped(partial, "claimant")
    assert not soup.find("html")  # only the partial came back


def test_claim_page_shows_hostile_text_as_text_and_its_json_ld_stays_data(client, hostile):
    soup = assert_escaped(client.get(f"/claims/{hostile['claim'].pk}/"), "claimant", "title", "tag")
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert payload("claimant") in strings(blocks)  # the name survives as data, markup and all


def test_event_comparison_page_shows_hostile_text_as_text(client, hostile):
    assert_escaped(client.get("/events/hostile-event/"), "event", "claimant")


def test_article_page_shows_hostile_title_and_text_as_text(client, hostile):
    assert_escaped(client.get(f"/articles/{hostile['article'].pk}/"), "title", "text", "speaker")


def test_analysing_a_hostile_text_shows_it_as_text(admin_client, hostile):
    text = f"{payload('pasted')} Mindst 12 blev dræbt, siger {payload('pasted_speaker')}."
    response = admin_client.post("/analyse/", {"text": text, "language": "da", "title": payload("pasted_title")})
    assert_escaped(response, "pasted")


ADMIN_PAGES = [
    ("claim", "claim"), ("claim", "contra"), ("article", "article"), ("event", "event"),
    ("claimant", "claimant"), ("party", "party"), ("tag", "tag"), ("outlet", "outlet"), ("claimlink", "link"),
]


@pytest.mark.parametrize(("model", "key"), ADMIN_PAGES)
def test_admin_changelist_change_and_history_pages_show_hostile_text_as_text(admin_client, hostile, model, key):
    obj = hostile[key]
    pages = [
        admin_client.get(f"/admin/newsclaims/{model}/"),
        admin_client.get(f"/admin/newsclaims/{model}/", {"q": "pwned"}),
        admin_client.get(f"/admin/newsclaims/{model}/{obj.pk}/change/"),
    ]
    for response in pages:
        assert "pwned" in assert_escaped(response).get_text(" ")  # shown, as text
    assert_escaped(admin_client.get(f"/admin/newsclaims/{model}/{obj.pk}/history/"))


def test_admin_delete_confirmation_lists_hostile_names_as_text(admin_client, hostile):
    claims = [hostile["claim"].pk, hostile["contra"].pk]
    response = admin_client.post("/admin/newsclaims/claim/", {"action": "delete_selected", "_selected_action": claims})
    assert_escaped(response)
    assert Claim.objects.filter(pk__in=claims).count() == 2


API_PATHS = [
    "/api/claims",
    "/api/claims/{claim}",
    "/api/events",
    "/api/events/hostile-event",
    "/api/events/hostile-event/comparison",
    "/api/articles",
    "/api/articles/{article}",
    "/api/claimants",
    "/api/parties",
]


@pytest.mark.parametrize("path", API_PATHS)
def test_api_returns_hostile_text_as_json_data_that_browsers_will_not_sniff_as_html(client, hostile, path):
    response = client.get(path.format(claim=hostile["claim"].pk, article=hostile["article"].pk))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert any("pwned" in s for s in strings(response.json()))  # returned as stored, as JSON strings


def test_csv_export_carries_hostile_text_as_plain_cells_in_an_attachment(client, hostile):
    response = client.get("/claims.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert any(payload("claimant") in cell for cell in cells)
    assert not any(cell[:1] in {"=", "+", "-", "@"} for cell in cells if cell and not cell.lstrip("-").isdigit())


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", " JavaScript:alert(1)", "data:text/html,<b>"])
def test_ingest_refuses_article_urls_that_pages_could_not_link_to_safely(url):
    from newsclaims.services import IngestError, article_ingest

    with pytest.raises(IngestError, match="not an http or https address"):
        article_ingest(text="Mere end 70 blev dræbt, siger ministeriet.", language="da", url=url)
    assert not Article.objects.exists()
