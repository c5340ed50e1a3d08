"""Open data in a real browser: JSON-LD that stays inert, the CSV download, and the API docs under the strict CSP."""

import csv
import json

import pytest

from newsclaims.models import Claim, Claimant

pytestmark = pytest.mark.browser

HOSTILE = "</script><script>alert(1)</script>"
BELGOROD = "belgorod-incursion-2023-05"


def test_hostile_claim_text_runs_nothing_and_the_json_ld_reads_back(demo_live, page):
    claim = Claim.objects.filter(event__slug=BELGOROD, claimant__isnull=False).first()
    claim.evidence = f"Han sagde {HOSTILE} <img src=x onerror=alert(2)>"
    claim.status = Claim.Status.CONFIRMED
    claim.save()
    Claimant.objects.filter(pk=claim.claimant_id).update(name=HOSTILE)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{demo_live.url}/claims/{claim.pk}/")
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    document = json.loads(blocks.first.text_content())
    assert document["@type"] == "ClaimReview"
    assert document["itemReviewed"]["text"] == claim.evidence
    assert document["itemReviewed"]["author"]["name"] == HOSTILE
    assert page.evaluate("document.scripts.length") == page.locator("script").count()
    assert dialogs == []
    assert page.console_errors == []
    page.screenshot(path="/tmp/nc8-claim-hostile.png", full_page=True)


def test_csv_download_from_the_claims_list(demo_live, page, tmp_path):
    page.goto(f"{demo_live.url}/claims/?event={BELGOROD}")
    with page.expect_download() as info:
        page.locator(".downloads a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("newsclaims-claims-") and download.suggested_filename.endswith(".csv")
    path = tmp_path / "claims.csv"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    expected = Claim.objects.filter(event__slug=BELGOROD).exclude(status="rejected").count()
    assert len(rows) == expected and {r["event"] for r in rows} == {"Belgorod incursion"}
    assert any("æ" in r["evidence"] or "å" in r["evidence"] or "ø" in r["evidence"] for r in rows)
    page.locator(".downloads").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/nc8-claims-list-desktop.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".downloads").scroll_into_view_if_needed()
    assert page.locator(".downloads a", has_text="CSV").is_visible()
    page.screenshot(path="/tmp/nc8-claims-list-phone.png")


def test_api_docs_render_offline_under_the_content_security_policy(demo_live, page):
    outside = []
    page.on("request", lambda r: None if r.url.startswith((demo_live.url, "data:")) else outside.append(r.url))
    page.goto(f"{demo_live.url}/api/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() == 11
    assert outside == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    page.screenshot(path="/tmp/nc8-api-docs.png", full_page=False)
