"""An editor at the desk: log in, tag a claim, link two claims as contradicting, see the link on the public page."""

import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsclaims.models import Claim, ClaimLink

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-editor-7"


def editors_group() -> Group:
    """The Editors group as migration 0002 makes it: a live-server test's flush has removed migration data."""
    from django.contrib.auth.models import Permission

    groups = importlib.import_module("newsclaims.migrations.0002_groups")
    group, created = Group.objects.get_or_create(name="Editors")
    if created:
        codenames = [f"{action}_{model}" for model, actions in groups.EDITOR_PERMISSIONS.items() for action in actions]
        group.permissions.set(Permission.objects.filter(content_type__app_label="newsclaims", codename__in=codenames))
    return group


@pytest.fixture
def editor(demo_live):
    user = get_user_model().objects.create_user("redaktør", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def log_in(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "redaktør")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def run_action(page, action: str, claims: list[Claim]):
    for claim in claims:
        page.check(f"input.action-select[value='{claim.pk}']")
    page.select_option("select[name=action]", action)
    page.locator("button[name=index]").first.click()


def test_an_editor_tags_and_links_claims_and_the_public_page_shows_the_link(page, demo_live, editor):
    base = demo_live.url
    kramatorsk = "kramatorsk-strike-2023-01"
    moscow = Claim.objects.get(event__slug=kramatorsk, claimant_party__name="Russia")
    mayor = Claim.objects.get(event__slug=kramatorsk, claimant_party__name="Ukraine")
    assert not ClaimLink.objects.filter(from_claim__in=[moscow, mayor]).exists()

    log_in(page, base)
    page.goto(f"{base}/admin/newsclaims/claim/?event={moscow.event_id}")
    assert page.locator("#result_list mark.nc-number").count() == 2

    run_action(page, "tag", [mayor])
    page.wait_for_selector("form input[name=new_tags]")
    assert page.locator("form .select2").count() == 1  # the tag autocomplete came up (admin JS ran under the CSP)
    page.fill("input[name=new_tags]", "disputed toll")
    page.locator("form input[type=submit]").click()
    page.wait_for_selector(".messagelist .success")
    assert "1 claim(s) tagged" in page.inner_text(".messagelist")
    assert f"event={moscow.event_id}" in page.url  # back to the list as the editor left it

    run_action(page, "link_contradicting", [moscow, mayor])
    page.wait_for_selector(".messagelist .success")
    assert "1 link(s) made" in page.inner_text(".messagelist")

    page.goto(f"{base}/admin/newsclaims/claim/{mayor.pk}/change/")
    assert page.locator(".field-evidence_highlighted mark.nc-number").inner_text() == "ingen"
    page.goto(f"{base}/admin/newsclaims/claim/{mayor.pk}/history/")
    assert "redaktør" in page.inner_text("#change-history")
    assert page.console_errors == []  # no CSP violations or script errors anywhere in the admin

    page.goto(f"{base}{mayor.get_absolute_url()}")
    related = page.locator("section[aria-labelledby=links-heading]")
    assert re.search(r"contradict", related.inner_text(), re.I)
    assert related.locator(f"a[href='{moscow.get_absolute_url()}']").count() == 1
    assert page.locator("a.chip.tag", has_text="disputed toll").count() == 1
    assert "redaktør" in page.locator("section[aria-labelledby=history-heading]").inner_text()
