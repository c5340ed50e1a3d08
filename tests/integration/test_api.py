"""The read-only JSON API: the same claims and comparisons as the pages, filtered and paginated the same way."""

import pytest
from django.conf import settings
from django.test import Client

from newsclaims import selectors
from newsclaims.forms import ClaimFilterForm
from newsclaims.models import Article, Claim, Claimant, ClaimLink, Event, Party

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"


@pytest.fixture
def api(demo_data):
    return Client()


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def all_items(client, url, **params):
    """Every item of a paginated list, following `next` links."""
    items, page = [], get(client, url, page_size=settings.NEWSCLAIMS_MAX_PAGE_SIZE, **params)
    items += page["items"]
    while page["next"]:
        response = client.get(page["next"])
        page = response.json()
        items += page["items"]
    return items


def reject(claim):
    claim.status = Claim.Status.REJECTED
    claim.save()
    return claim


# --- Claims list -----------------------------------------------------------------------------------------------


def test_claims_list_is_the_claims_page_selection_in_the_same_order(api):
    expected = [c.pk for c in selectors.claim_list()]
    assert [c["id"] for c in all_items(api, "/api/claims")] == expected
    assert len(expected) >= 8


@pytest.mark.parametrize(
    "params",
    [
        {"event": BELGOROD},
        {"category": "killed"},
        {"language": "da"},
        {"q": "Kapustin"},
        {"status": "confirmed"},
        {"date_from": "2023-05-24", "date_to": "2023-05-31"},
    ],
)
def test_claims_filters_select_what_the_claim_filter_form_selects(api, params):
    form = ClaimFilterForm(data=params)
    assert form.is_valid(), form.errors
    expected = [c.pk for c in selectors.claim_list(**form.filter_kwargs())]
    got = [c["id"] for c in all_items(api, "/api/claims", **params)]
    assert got == expected
    assert got, f"the demo should have claims for {params}"


def test_claims_filter_by_claimant_and_party_ids(api):
    kapustin = Claimant.objects.get(name="Denis Kapustin")
    russia = Party.objects.get(name="Russia")
    by_claimant = all_items(api, "/api/claims", claimant=kapustin.pk)
    by_party = all_items(api, "/api/claims", party=russia.pk)
    assert by_claimant and {c["claimant"]["id"] for c in by_claimant} == {kapustin.pk}
    assert by_party and {c["claimant_party"]["id"] for c in by_party} == {russia.pk}


def test_every_claims_page_filter_is_an_api_query_parameter(api):
    schema = get(api, "/api/openapi.json")
    parameters = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert set(ClaimFilterForm.base_fields) <= parameters
    assert {"include_rejected", "page", "page_size"} <= parameters


def test_rejected_claims_are_left_out_unless_asked_for(api):
    rejected = reject(Claim.objects.filter(event__slug=BELGOROD).first())
    default = {c["id"] for c in all_items(api, "/api/claims")}
    included = {c["id"] for c in all_items(api, "/api/claims", include_rejected="true")}
    only_rejected = all_items(api, "/api/claims", status="rejected")
    assert rejected.pk not in default
    assert rejected.pk in included and included - default == {rejected.pk}
    assert [c["id"] for c in only_rejected] == [rejected.pk]
    assert only_rejected[0]["status"] == "rejected"


def test_an_invalid_filter_is_a_422_naming_the_parameter(api):
    unknown_event = api.get("/api/claims", {"event": "no-such-event"})
    backwards = api.get("/api/claims", {"date_from": "2023-06-01", "date_to": "2023-05-01"})
    bad_category = api.get("/api/claims", {"category": "eaten"})
    assert unknown_event.status_code == 422 and "event" in str(unknown_event.json()["detail"])
    assert backwards.status_code == 422 and "date_to" in str(backwards.json()["detail"])
    assert bad_category.status_code == 422


def test_claim_json_carries_figure_interval_qualifier_and_evidence(api):
    russia = Claim.objects.get(event__slug=BELGOROD, category="killed", claimant_party__name="Russia",
                               article__language="da")
    item = next(c for c in all_items(api, "/api/claims", event=BELGOROD) if c["id"] == russia.pk)
    assert (item["low"], item["high"], item["qualifier"]) == (70, None, "more_than")
    assert item["bounds"] == {"lo": 71, "hi": None}
    assert item["display_value"] == ">70"
    assert item["number_text"] == "mere end 70"
    assert item["evidence"] == russia.evidence
    assert item["article"]["id"] == russia.article_id and item["article"]["outlet"]["name"]
    assert item["event"] == {"slug": BELGOROD, "name": "Belgorod incursion"}
    assert item["page_url"] == f"http://testserver/claims/{russia.pk}/"


# --- Pagination ------------------------------------------------------------------------------------------------


def test_pages_are_bounded_and_linked(api):
    total = Claim.objects.exclude(status="rejected").count()
    first = get(api, "/api/claims", page_size=3)
    assert (first["count"], first["page"], first["page_size"], len(first["items"])) == (total, 1, 3, 3)
    assert first["pages"] == -(-total // 3) and first["previous"] is None
    second = api.get(first["next"]).json()
    assert second["page"] == 2 and second["previous"]
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}
    too_big = api.get("/api/claims", {"page_size": settings.NEWSCLAIMS_MAX_PAGE_SIZE + 1})
    assert too_big.status_code == 422


def test_page_links_keep_the_filters(api):
    first = get(api, "/api/claims", event=BELGOROD, page_size=1)
    assert "event=" + BELGOROD in first["next"]
    assert all(c["event"]["slug"] == BELGOROD for c in api.get(first["next"]).json()["items"])


def test_claims_list_runs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = get(api, "/api/claims", page_size=100)
    assert len(page["items"]) >= 8


# --- One claim, article, claimant, party -------------------------------------------------------------------------


def test_claim_detail_includes_links_both_ways(api):
    link = ClaimLink.objects.select_related("from_claim", "to_claim").first()
    assert link is not None, "the demo has links"
    source = get(api, f"/api/claims/{link.from_claim_id}")
    target = get(api, f"/api/claims/{link.to_claim_id}")
    outgoing = [{"kind": x["kind"], "claim": x["claim"]} for x in source["links"]]
    assert {"kind": link.kind, "claim": link.to_claim_id} in outgoing
    assert any(x["claim"] == link.from_claim_id and x["phrase"].startswith("is ") for x in target["links"])


def test_a_rejected_claim_is_still_readable_by_id(api):
    claim = reject(Claim.objects.first())
    assert get(api, f"/api/claims/{claim.pk}")["status"] == "rejected"


def test_unknown_ids_are_404_json(api):
    for url in ("/api/claims/999999", "/api/articles/999999", "/api/claimants/999999", "/api/parties/999999",
                "/api/events/no-such-event", "/api/events/no-such-event/comparison"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


def test_article_detail_lists_its_claims_in_text_order_but_not_its_text(api):
    article = Article.objects.filter(claims__isnull=False).distinct().first()
    data = get(api, f"/api/articles/{article.pk}")
    starts = [c["evidence_start"] for c in data["claims"]]
    assert starts == sorted(starts) and len(starts) == article.claims.exclude(status="rejected").count()
    assert "text" not in data
    assert data["title"] == article.title and data["published"] == article.published_display


def test_article_detail_leaves_out_rejected_claims_unless_asked(api):
    claim = reject(Claim.objects.first())
    url = f"/api/articles/{claim.article_id}"
    assert claim.pk not in [c["id"] for c in get(api, url)["claims"]]
    assert claim.pk in [c["id"] for c in get(api, url, include_rejected="true")["claims"]]


def test_articles_filter_by_language_and_event(api):
    danish = all_items(api, "/api/articles", language="da")
    about_belgorod = all_items(api, "/api/articles", event=BELGOROD)
    assert danish and {a["language"] for a in danish} == {"da"}
    expected = set(Article.objects.filter(claims__event__slug=BELGOROD).values_list("pk", flat=True))
    assert {a["id"] for a in about_belgorod} == expected


def test_claimants_carry_party_and_aliases_and_can_be_searched_by_alias(api):
    found = all_items(api, "/api/claimants", q="White Rex")
    assert [c["name"] for c in found] == ["Denis Kapustin"]
    assert "Kapustin" in found[0]["aliases"]
    assert found[0]["party"]["short_name"] == "RDK"


def test_parties_list_and_detail(api):
    parties = all_items(api, "/api/parties")
    assert {"Russia", "Russian Volunteer Corps"} <= {p["name"] for p in parties}
    rdk = next(p for p in parties if p["short_name"] == "RDK")
    assert get(api, f"/api/parties/{rdk['id']}") == rdk


# --- Events and comparisons --------------------------------------------------------------------------------------


def test_events_list_counts_claims_that_are_not_rejected(api):
    reject(Claim.objects.filter(event__slug=BELGOROD).first())
    events = {e["slug"]: e for e in all_items(api, "/api/events")}
    belgorod = Event.objects.get(slug=BELGOROD)
    assert events[BELGOROD]["claim_count"] == belgorod.claims.exclude(status="rejected").count()
    assert get(api, f"/api/events/{BELGOROD}") == events[BELGOROD]


def comparison_as_data(comparison):
    """What the event page shows, reduced to comparable data: rows, their cells' claims and figures, conflicts."""
    return [
        {
            "label": row.label,
            "conflict": row.conflict,
            "disagreement": row.disagreement,
            "cells": [
                [(e.claim.pk, e.display_value, e.number_text, e.claimant, tuple(e.outlets)) for e in cell.entries]
                for cell in row.cells
            ],
        }
        for row in comparison.rows
    ]


def api_comparison_as_data(data):
    return [
        {
            "label": row["label"],
            "conflict": row["conflict"],
            "disagreement": row["disagreement"],
            "cells": [
                [(e["claim"]["id"], e["display_value"], e["number_text"], e["claimant"], tuple(e["outlets"]))
                 for e in cell["entries"]]
                for cell in row["cells"]
            ],
        }
        for row in data["rows"]
    ]


def test_belgorod_comparison_equals_the_event_page_selection(api):
    event = Event.objects.get(slug=BELGOROD)
    expected = selectors.event_comparison(event=event)
    data = get(api, f"/api/events/{BELGOROD}/comparison")
    assert api_comparison_as_data(data) == comparison_as_data(expected)
    assert [c["label"] for c in data["columns"]] == [c.label for c in expected.columns]
    assert (data["claim_count"], data["article_count"]) == (expected.claim_count, expected.article_count)


def test_belgorod_comparison_shows_the_killed_conflict(api):
    data = get(api, f"/api/events/{BELGOROD}/comparison")
    assert data["conflict_count"] >= 1
    killed = [r for r in data["rows"] if r["category"] == "killed" and r["conflict"]]
    assert killed, "Russia's >70 killed and Kapustin's 2 killed cannot both be true"
    figures = {e["display_value"] for r in killed for cell in r["cells"] for e in cell["entries"]}
    assert {">70", "2"} <= figures
    assert "35" in killed[0]["disagreement"]


def test_comparison_leaves_out_rejected_claims(api):
    claim = reject(Claim.objects.filter(event__slug=BELGOROD, category="wounded").first())
    data = get(api, f"/api/events/{BELGOROD}/comparison")
    shown = {e["claim"]["id"] for r in data["rows"] for cell in r["cells"] for e in cell["entries"]}
    assert claim.pk not in shown


# --- Docs and method safety ---------------------------------------------------------------------------------------


def test_openapi_schema_lists_every_resource(api):
    paths = set(get(api, "/api/openapi.json")["paths"])
    assert {
        "/api/claims", "/api/claims/{claim_id}", "/api/articles", "/api/articles/{article_id}", "/api/claimants",
        "/api/claimants/{claimant_id}", "/api/parties", "/api/parties/{party_id}", "/api/events",
        "/api/events/{slug}", "/api/events/{slug}/comparison",
    } <= paths


def test_docs_page_is_served_without_a_cdn_or_inline_script(api):
    response = api.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn." not in html and "unpkg" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html


def test_the_api_is_read_only(api):
    assert api.post("/api/claims", {}).status_code == 405
    assert api.delete(f"/api/claims/{Claim.objects.first().pk}").status_code == 405


def test_comparison_runs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        data = get(api, f"/api/events/{BELGOROD}/comparison")
    assert data["claim_count"] >= 6


def test_article_detail_runs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    article = Article.objects.filter(claims__isnull=False).distinct().first()
    with django_assert_max_num_queries(4):
        data = get(api, f"/api/articles/{article.pk}")
    assert len(data["claims"]) >= 2
