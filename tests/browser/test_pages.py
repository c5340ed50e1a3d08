"""The pages in a real browser (Debian's Chromium): the conflict row, htmx filtering, evidence in the article."""

import re

import pytest
from playwright.sync_api import expect

from newsclaims.models import Claim, Party

pytestmark = pytest.mark.browser

BELGOROD = "/events/belgorod-incursion-2023-05/"


def test_belgorod_event_shows_russia_and_the_volunteer_corps_in_one_conflict_row(demo_live, page):
    page.goto(demo_live.url + BELGOROD)
    row = page.locator("table.comparison tbody tr.conflict")
    assert row.count() == 1
    assert row.locator("th").inner_text().startswith("Russian Volunteer Corps killed")
    russia = row.locator("td", has_text="Russian Ministry of Defence")
    corps = row.locator("td", has_text="Denis Kapustin")
    assert russia.locator("a.figure", has_text=">70").count() >= 1
    assert corps.locator("a.figure").first.inner_text() == "2"
    assert "at least 35×" in row.locator(".disagreement").inner_text()
    assert row.locator("svg.range-chart").is_visible()
    assert page.console_errors == []


def test_filtering_the_list_by_party_swaps_the_results_and_updates_the_url(demo_live, page):
    page.goto(demo_live.url + "/claims/")
    items = page.locator("li.claim-item")
    before = items.count()
    page.evaluate("window.noReloadMarker = 'still here'")
    russia = Party.objects.get(name="Russia")
    with page.expect_response(lambda r: "/claims/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.select_option("#id_party", label="Russia")
    page.wait_for_url(re.compile(rf"party={russia.pk}"))
    expected = Claim.objects.filter(claimant_party=russia).exclude(status="rejected").count()
    assert 0 < expected < before
    expect(items).to_have_count(expected)
    assert page.evaluate("window.noReloadMarker") == "still here"  # no full page load happened
    assert "Claimant's side: Russia" in page.locator(".active-filters").inner_text()
    page.go_back()
    page.wait_for_url(re.compile(r"/claims/$"))
    expect(items).to_have_count(before)
    assert page.console_errors == []


def test_following_a_claim_leads_to_its_highlighted_sentence(demo_live, page):
    claim = Claim.objects.get(article__language="da", low=70)
    page.goto(demo_live.url + BELGOROD)
    page.locator(f'a[href="/claims/{claim.pk}/"]').first.click()
    page.wait_for_url(f"**/claims/{claim.pk}/")
    page.get_by_role("link", name="Read it in the article").click()
    page.wait_for_url(f"**/articles/{claim.article_id}/#claim-{claim.pk}")
    target = page.locator("mark.evidence:target")
    assert target.get_attribute("id") == f"claim-{claim.pk}"
    assert target.inner_text() == claim.evidence
    assert target.is_visible()
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert target.evaluate("el => el.closest('[lang]').lang") == "da"
    assert page.console_errors == []


def test_pages_are_keyboard_usable_and_fit_a_phone(demo_live, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    errors = []
    phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    for path in ["/", "/claims/", BELGOROD, "/analyse/"]:
        phone.goto(demo_live.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    phone.goto(demo_live.url + "/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    context.close()
    assert errors == []


def test_typing_a_search_filters_the_list_as_you_type(demo_live, page):
    page.goto(demo_live.url + "/claims/")
    page.evaluate("window.noReloadMarker = 1")
    page.fill("#id_q", "Kramatorsk")
    page.wait_for_url(re.compile(r"q=Kramatorsk"))
    kramatorsk = Claim.objects.filter(event__slug="kramatorsk-strike-2023-01").count()
    expect(page.locator("li.claim-item")).to_have_count(kramatorsk)
    assert page.evaluate("window.noReloadMarker") == 1
    assert page.console_errors == []


def test_the_event_box_suggests_events_as_you_type_and_filters_the_list(demo_live, page):
    page.goto(demo_live.url + "/claims/")
    page.evaluate("window.noReloadMarker = 1")
    items = page.locator("li.claim-item")
    before = items.count()
    with page.expect_response(lambda r: "/suggest/events/" in r.url):
        page.fill("#id_event", "belgo")
    option = page.locator("datalist#id_event-suggestions option")
    expect(option).to_have_count(1)
    assert option.get_attribute("value") == "belgorod-incursion-2023-05"
    assert "/claims/" in page.url and "event=" not in page.url  # suggesting neither pushes the URL nor filters
    expect(items).to_have_count(before)
    page.fill("#id_event", option.get_attribute("value"))  # what picking the suggestion does
    page.press("#id_event", "Enter")
    page.wait_for_url(re.compile(r"event=belgorod-incursion-2023-05"))
    expected = Claim.objects.filter(event__slug="belgorod-incursion-2023-05").exclude(status="rejected").count()
    expect(items).to_have_count(expected)
    assert "Event: Belgorod incursion" in page.locator(".active-filters").inner_text()
    assert page.evaluate("window.noReloadMarker") == 1
    assert page.console_errors == []
