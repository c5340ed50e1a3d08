"""In a real browser: hostile records run no script, and no page (admin included) breaks its Content-Security-Policy.

The hostile data would set `window.__pwned`, change `document.title` or open a dialog if any of it ran. A
`securitypolicyviolation` listener, installed before any page script, collects what the CSP blocked: an inline
style or script in a template, or a handler from the data, shows up there even though the browser refused it.
"""

import pytest
from django.contrib.auth import get_user_model

from tests.integration.test_security_escaping import make_hostile_records, payload

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


@pytest.fixture
def hostile_live(live_server, transactional_db):
    records = make_hostile_records()
    get_user_model().objects.create_superuser("boss", password="pw-for-tests-only")
    return live_server, records


@pytest.fixture
def watched(page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH_CSP)
    page.dialogs = dialogs
    return page


def assert_nothing_ran(page, *, status: int = 200) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert not page.title().startswith("pwned")  # the data would set it to exactly "pwned <field>"
    assert page.dialogs == []
    assert page.evaluate("window.__cspViolations") == [], page.url
    expected = [] if status == 200 else [f"Failed to load resource: the server responded with a status of {status}"]
    assert [e.split(" (")[0] for e in page.console_errors] == expected, page.url


def test_hostile_article_claim_and_event_pages_show_the_markup_as_text_and_run_none_of_it(hostile_live, watched):
    server, records = hostile_live
    page = watched
    for path, field in [
        (f"/articles/{records['article'].pk}/", "text"),
        (f"/claims/{records['claim'].pk}/", "claimant"),
        ("/events/hostile-event/", "event"),
        ("/claims/", "claimant"),
        ("/", "event"),
    ]:
        page.goto(server.url + path)
        assert_nothing_ran(page)
        assert page.get_by_text(payload(field)[:40]).count() >= 1, path  # shown, as text
        assert page.locator("img[src='x']").count() == 0


def test_htmx_swapped_results_with_hostile_text_run_none_of_it(hostile_live, watched):
    server, _ = hostile_live
    page = watched
    page.goto(server.url + "/claims/")
    with page.expect_response(lambda r: "/claims/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.fill("#id_q", "pwned")
        page.keyboard.press("Enter")
    assert_nothing_ran(page)
    assert page.locator("li.claim-item").count() >= 1


def test_analysing_a_hostile_text_runs_none_of_it(hostile_live, watched):
    server, _ = hostile_live
    page = watched
    page.goto(server.url + "/analyse/")
    page.fill("textarea[name=text]", f"{payload('pasted')} Mindst 12 blev dræbt, siger {payload('speaker')}.")
    page.click("button[name=analyse]")
    assert_nothing_ran(page)
    assert page.get_by_text(payload("pasted")[:40]).count() >= 1


def test_admin_pages_with_hostile_records_run_no_script_and_break_no_csp_rule(hostile_live, watched):
    server, records = hostile_live
    page = watched
    page.goto(server.url + "/admin/login/")
    assert_nothing_ran(page)
    page.fill("#id_username", "boss")
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_url(server.url + "/admin/")
    assert_nothing_ran(page)
    for model, key in [("claim", "claim"), ("article", "article"), ("claimant", "claimant"), ("event", "event"),
                       ("tag", "tag"), ("party", "party"), ("claimlink", "link")]:
        pk = records[key].pk
        for path in (f"/admin/newsclaims/{model}/", f"/admin/newsclaims/{model}/{pk}/change/",
                     f"/admin/newsclaims/{model}/{pk}/history/"):
            page.goto(server.url + path)
            assert_nothing_ran(page)
    for model in ("event", "claimant", "tag", "claimlink", "party"):  # claims and articles: extraction, ingest
        page.goto(server.url + f"/admin/newsclaims/{model}/add/")
        assert_nothing_ran(page)
    page.goto(server.url + "/admin/newsclaims/claim/?status__exact=extracted&q=pwned")
    assert_nothing_ran(page)


def test_the_api_docs_page_breaks_no_csp_rule(hostile_live, watched):
    server, _ = hostile_live
    page = watched
    page.goto(server.url + "/api/docs")
    assert_nothing_ran(page)
    assert page.locator(".swagger-ui").count() == 1


def test_error_pages_keep_the_csp(live_server, transactional_db, watched):
    page = watched
    response = page.goto(live_server.url + "/claims/999999/")
    assert response.status == 404
    assert_nothing_ran(page, status=404)
    assert page.get_by_role("heading", name="Page not found").is_visible()


def test_a_filter_change_while_the_database_is_down_shows_the_503_page_not_nothing(
    hostile_live, watched, monkeypatch
):
    """Hostile conditions too: the database goes away under an open list page. htmx swaps no error response, so
    the 503 asks for a reload (HX-Refresh) and the reader sees why nothing changed."""
    from django.db import OperationalError

    from newsclaims import selectors

    server, _ = hostile_live
    page = watched
    page.goto(server.url + "/claims/")
    assert page.locator("li.claim-item").count() >= 1

    def unreachable(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors, "claim_list", unreachable)
    page.select_option("#id_category", "killed")
    heading = page.get_by_role("heading", name="newsclaims is temporarily unavailable")
    heading.wait_for(timeout=10_000)
    assert page.evaluate("window.__cspViolations") == []
