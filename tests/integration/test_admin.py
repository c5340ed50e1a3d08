"""The editors' desk through the Django admin: pages, actions posted as a browser would, permissions, stale saves."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, ClaimLink, Event, Tag
from tests.conftest import ensure_role

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsclaims/claim/"


def login(group: str, username: str) -> tuple[Client, object]:
    user = get_user_model().objects.create_user(username, password="pw-for-tests", is_staff=True)
    user.groups.add(ensure_role(group))
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def editor():
    return login("Editors", "edith")


@pytest.fixture
def viewer():
    return login("Viewers", "vera")


@pytest.fixture
def belgorod(demo_data):
    event = Event.objects.get(slug="belgorod-incursion-2023-05")
    russia = event.claims.get(category="killed", claimant_party__name="Russia", article__language="da")
    kapustin = event.claims.filter(category="killed", claimant__name="Denis Kapustin").order_by("pk").first()
    return event, russia, kapustin


def post_action(client, action, claims, url=CHANGELIST, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in claims], "index": "0", **extra}
    return client.post(url, data)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


# Pages ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "viewer"])
def test_every_list_and_change_page_opens_for_editors_and_viewers(who, request, demo_data):
    client, _ = request.getfixturevalue(who)
    for model in (Article, Claim, ClaimLink, Claimant, ClaimantAlias, Event, Tag):
        opts = model._meta
        assert client.get(reverse(f"admin:newsclaims_{opts.model_name}_changelist")).status_code == 200, model
        obj = model.objects.first()
        url = reverse(f"admin:newsclaims_{opts.model_name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, model
    claim = Claim.objects.first()
    assert client.get(reverse("admin:newsclaims_claim_history", args=[claim.pk])).status_code == 200


def test_the_queue_highlights_the_number_in_its_sentence(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    page = soup(client.get(CHANGELIST))
    marks = [m.get_text() for m in page.select("td.field-evidence_in_context mark.nc-number")]
    assert "mere end 70" in marks
    detail = soup(client.get(reverse("admin:newsclaims_claim_change", args=[russia.pk])))
    highlighted = detail.select_one(".field-evidence_highlighted mark.nc-number")
    assert highlighted.get_text() == "mere end 70"
    assert highlighted.parent.get_text().strip() == russia.evidence  # the whole sentence, nothing lost


def test_a_claim_links_to_its_public_pages(editor, belgorod):
    client, _ = editor
    event, russia, _ = belgorod
    page = soup(client.get(reverse("admin:newsclaims_claim_change", args=[russia.pk])))
    hrefs = {a["href"] for a in page.select(".field-public a")}
    assert {f"/claims/{russia.pk}/", f"/events/{event.slug}/"} <= hrefs
    row_links = {a["href"] for a in soup(client.get(CHANGELIST)).select("td.field-public a")}
    assert f"/events/{event.slug}/" in row_links


def test_hostile_text_in_a_claim_is_shown_escaped(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    Claim.objects.filter(pk=russia.pk).update(claimant_text='<script>alert("x")</script>', claimant=None,
                                              evidence='<img src=x onerror=alert(1)> ' + russia.evidence)
    for url in (CHANGELIST, reverse("admin:newsclaims_claim_change", args=[russia.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;" in body or "&lt;img src=x" in body


def test_the_queue_takes_a_bounded_number_of_queries_however_many_claims(
    editor, belgorod, django_assert_max_num_queries
):
    client, _ = editor
    _, russia, _ = belgorod
    template = Claim.objects.get(pk=russia.pk)
    for _ in range(120):
        template.pk = None
        template.save()
    with django_assert_max_num_queries(20):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(soup(response).select("#result_list tbody tr")) == 50


def test_the_queue_finds_a_claim_by_number_and_by_words(editor, belgorod):
    client, _ = editor
    _, russia, kapustin = belgorod
    rows = soup(client.get(CHANGELIST, {"q": f"#{kapustin.pk}"})).select("#result_list tbody tr")
    assert len(rows) == 1
    found = soup(client.get(CHANGELIST, {"q": "Forsvarsministeriet"})).select(".field-id")
    assert str(russia.pk) in {td.get_text(strip=True) for td in found}


def test_an_articles_claims_are_inline_but_limited(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    template = Claim.objects.get(pk=russia.pk)
    for _ in range(60):
        template.pk = None
        template.save()
    page = soup(client.get(reverse("admin:newsclaims_article_change", args=[russia.article_id])))
    rows = page.select("#claims-group tbody tr.form-row.has_original")
    assert len(rows) == 50
    queue = page.select_one(".field-claims_overview a")["href"]
    assert queue.endswith(f"?article__id__exact={russia.article_id}")
    listed = soup(client.get(queue)).select("#result_list tbody tr")
    assert len(listed) == 50  # the first page of all of them


def test_the_event_filter_shows_one_events_claims(editor, belgorod):
    client, _ = editor
    event, _, _ = belgorod
    ids = {int(td.get_text()) for td in soup(client.get(CHANGELIST, {"event": event.pk})).select(".field-id")}
    assert ids == set(event.claims.values_list("pk", flat=True))


# Actions: permissions ---------------------------------------------------------------------------------------------


def snapshot():
    return (
        sorted(Claim.objects.values_list("pk", "status", "version", "event_id", "edited")),
        sorted(Claim.tags.through.objects.values_list("claim_id", "tag_id")),
        sorted(ClaimLink.objects.values_list("pk", "status", "kind")),
    )


@pytest.mark.parametrize(
    "action, extra",
    [
        ("confirm", {}),
        ("reject", {}),
        ("tag", {"apply": "yes", "new_tags": "viewer-tag"}),
        ("link_contradicting", {}),
        ("link_supporting", {}),
        ("assign_event", {"apply": "yes"}),
    ],
)
def test_a_viewer_cannot_review_tag_or_link_and_nothing_changes(viewer, belgorod, action, extra):
    client, _ = viewer
    event, russia, kapustin = belgorod
    if action == "assign_event":
        extra["event"] = Event.objects.exclude(pk=event.pk).first().pk
    before = snapshot()
    response = post_action(client, action, [russia, kapustin], **extra)
    assert response.status_code == 403
    assert snapshot() == before
    assert not Tag.objects.filter(name="viewer-tag").exists()


def test_a_viewer_cannot_save_a_claim_form(viewer, belgorod):
    client, _ = viewer
    _, russia, _ = belgorod
    url = reverse("admin:newsclaims_claim_change", args=[russia.pk])
    response = client.post(url, {"low": 1, "qualifier": "exact", "category": "killed", "status": "confirmed",
                                 "expected_version": russia.version})
    assert response.status_code == 403
    russia.refresh_from_db()
    assert russia.low == 70


def test_a_viewer_sees_no_actions(viewer, belgorod):
    client, _ = viewer
    page = soup(client.get(CHANGELIST))
    assert not page.select("select[name=action]")


def test_an_editor_confirms_and_rejects_from_the_queue(editor, belgorod):
    client, user = editor
    _, russia, kapustin = belgorod
    Claim.objects.filter(pk=kapustin.pk).update(status="extracted")
    response = post_action(client, "confirm", [kapustin])
    assert response.status_code == 302
    kapustin.refresh_from_db()
    assert (kapustin.status, kapustin.reviewed_by) == ("confirmed", user)
    post_action(client, "reject", [russia])
    russia.refresh_from_db()
    assert russia.status == "rejected"
    assert russia.history.order_by("-history_date").first().history_user == user


def test_an_editor_confirms_from_the_claim_page(editor, belgorod):
    client, user = editor
    _, _, kapustin = belgorod
    Claim.objects.filter(pk=kapustin.pk).update(status="extracted")
    url = reverse("admin:newsclaims_claim_change", args=[kapustin.pk])
    response = client.post(url, {"CHANGE_FORM-action": "confirm", "_selected_action": [kapustin.pk]})
    assert response.status_code == 302
    kapustin.refresh_from_db()
    assert kapustin.status == "confirmed"


def test_an_editor_tags_claims_through_the_intermediate_page(editor, belgorod):
    client, user = editor
    _, russia, kapustin = belgorod
    existing = Tag.objects.first()
    page = post_action(client, "tag", [russia, kapustin])
    assert page.status_code == 200
    form = soup(page).select_one("form[action='/admin/newsclaims/claim/']")
    assert {i["value"] for i in form.select("input[name=_selected_action]")} == {str(russia.pk), str(kapustin.pk)}
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    response = client.post(CHANGELIST, {"action": "tag", "apply": "yes", "_selected_action": [russia.pk, kapustin.pk],
                                        "tags": [existing.pk], "new_tags": "casualty figures, disputed"})
    assert response.status_code == 302
    for claim in (russia, kapustin):
        assert {existing.name, "casualty figures", "disputed"} <= set(claim.tags.values_list("name", flat=True))
        assert claim.history.order_by("-history_date").first().history_user == user


def test_the_tag_page_asks_again_when_no_tag_is_given(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    response = client.post(CHANGELIST, {"action": "tag", "apply": "yes", "_selected_action": [russia.pk]})
    assert response.status_code == 200
    assert "Choose a tag" in response.content.decode()


def test_an_editor_assigns_claims_to_an_event(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    other = Event.objects.exclude(pk=russia.event_id).first()
    response = client.post(CHANGELIST, {"action": "assign_event", "apply": "yes", "_selected_action": [russia.pk],
                                        "event": other.pk})
    assert response.status_code == 302
    russia.refresh_from_db()
    assert russia.event == other and russia.event_locked


def test_an_editor_links_two_claims_as_contradicting(editor, belgorod):
    client, user = editor
    _, russia, kapustin = belgorod
    ClaimLink.objects.all().delete()
    response = post_action(client, "link_contradicting", [russia, kapustin])
    assert response.status_code == 302
    link = ClaimLink.objects.get()
    assert {link.from_claim_id, link.to_claim_id} == {russia.pk, kapustin.pk}
    assert (link.kind, link.status, link.created_by) == ("contradicts", "accepted", user)


def test_linking_one_claim_is_refused_with_a_message(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    before = ClaimLink.objects.count()
    response = post_action(client, "link_supporting", [russia])
    assert ClaimLink.objects.count() == before
    assert any("at least two" in m for m in messages_of(client.get(response["Location"])))


def test_an_editor_accepts_and_dismisses_suggested_links(editor, belgorod):
    client, user = editor
    _, russia, kapustin = belgorod
    ClaimLink.objects.all().delete()
    link = ClaimLink.objects.create(from_claim=russia, to_claim=kapustin, kind="contradicts", status="suggested",
                                    created_by_system=True)
    post_action(client, "dismiss", [link], url="/admin/newsclaims/claimlink/")
    link.refresh_from_db()
    assert link.status == "dismissed"
    post_action(client, "accept", [link], url="/admin/newsclaims/claimlink/")
    link.refresh_from_db()
    assert link.status == "accepted"
    assert link.history.order_by("-history_date").first().history_user == user


def test_an_editor_merges_duplicate_claimants_and_no_claim_is_lost(editor, belgorod):
    client, _ = editor
    _, _, kapustin = belgorod
    kept = kapustin.claimant
    duplicate = Claimant.objects.create(name="D. Kapustin", kind="person")
    moved = Claim.objects.filter(pk=kapustin.pk)
    moved.update(claimant=duplicate)
    claims_before = Claim.objects.count()
    url = "/admin/newsclaims/claimant/"
    page = post_action(client, "merge", [kept, duplicate], url=url)
    assert page.status_code == 200
    assert len(soup(page).select("input[name=keep][type=radio]")) == 2
    response = client.post(url, {"action": "merge", "apply": "yes", "_selected_action": [kept.pk, duplicate.pk],
                                 "keep": kept.pk})
    assert response.status_code == 302
    assert Claim.objects.count() == claims_before
    assert Claim.objects.get(pk=kapustin.pk).claimant == kept
    assert not Claimant.objects.filter(pk=duplicate.pk).exists()
    assert kept.aliases.filter(alias="D. Kapustin").exists()


def test_a_viewer_cannot_merge_claimants(viewer, belgorod):
    client, _ = viewer
    first, second = Claimant.objects.all()[:2]
    response = client.post("/admin/newsclaims/claimant/", {"action": "merge", "apply": "yes", "index": "0",
                                                           "_selected_action": [first.pk, second.pk], "keep": first.pk})
    assert response.status_code == 403
    assert Claimant.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


# The claim form: edits and stale saves ----------------------------------------------------------------------------


def claim_form_data(client, claim) -> dict:
    """What the browser would post: every field of the change form as loaded, inlines included."""
    page = soup(client.get(reverse("admin:newsclaims_claim_change", args=[claim.pk])))
    form = page.select_one("form#claim_form")
    data = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button") or name.startswith("CHANGE_FORM-"):
            continue
        if field.name == "select":
            values = [o["value"] for o in field.select("option[selected]")]
            data[name] = values if field.has_attr("multiple") else (values[0] if values else "")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


def test_the_claim_form_carries_the_version_it_was_loaded_with(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    data = claim_form_data(client, russia)
    assert data["expected_version"] == str(russia.version)


def test_editing_a_figure_in_the_form_marks_the_claim_edited(editor, belgorod):
    client, user = editor
    _, russia, _ = belgorod
    data = claim_form_data(client, russia) | {"low": "75", "_save": "Save"}
    response = client.post(reverse("admin:newsclaims_claim_change", args=[russia.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    russia.refresh_from_db()
    assert (russia.low, russia.edited, russia.version) == (75, True, 2)
    assert russia.history.order_by("-history_date").first().history_user == user


def test_two_editors_on_one_claim_the_stale_save_is_refused_with_a_clear_message(editor, belgorod):
    first, _ = editor
    second, _ = login("Editors", "erik")
    _, russia, _ = belgorod
    url = reverse("admin:newsclaims_claim_change", args=[russia.pk])
    form_first = claim_form_data(first, russia)
    form_second = claim_form_data(second, russia)
    assert first.post(url, form_first | {"low": "80", "_save": "Save"}).status_code == 302
    response = second.post(url, form_second | {"low": "90", "_save": "Save"})
    assert response.status_code == 200
    text = " ".join(soup(response).select_one(".errornote, .errorlist.nonfield").parent.get_text(" ").split())
    assert "changed by edith" in text and "not saved" in text
    russia.refresh_from_db()
    assert (russia.low, russia.version) == (80, 2)


def test_saving_without_changes_writes_no_new_version(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    client.post(reverse("admin:newsclaims_claim_change", args=[russia.pk]),
                claim_form_data(client, russia) | {"_save": "Save"})
    russia.refresh_from_db()
    assert russia.version == 1 and not russia.edited


def test_a_form_without_the_version_is_refused(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    data = claim_form_data(client, russia) | {"low": "75", "_save": "Save"}
    del data["expected_version"]
    response = client.post(reverse("admin:newsclaims_claim_change", args=[russia.pk]), data)
    assert response.status_code == 200
    russia.refresh_from_db()
    assert russia.low == 70


def test_the_history_page_names_the_editor(editor, belgorod):
    client, _ = editor
    _, _, kapustin = belgorod
    post_action(client, "reject", [kapustin])
    body = client.get(reverse("admin:newsclaims_claim_history", args=[kapustin.pk])).content.decode()
    assert re.search(r"\bedith\b", body)


def test_an_action_started_on_a_claims_page_returns_there(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    change_url = reverse("admin:newsclaims_claim_change", args=[russia.pk])
    page = client.post(change_url, {"CHANGE_FORM-action": "tag", "_selected_action": [russia.pk]})
    form = soup(page).select_one("form:has(input[name=apply])")
    assert form["action"] == CHANGELIST
    assert form.select_one("input[name=return_to]")["value"] == change_url
    response = client.post(CHANGELIST, {"action": "tag", "apply": "yes", "_selected_action": [russia.pk],
                                        "new_tags": "from the claim page", "return_to": change_url})
    assert response["Location"] == change_url
    assert russia.tags.filter(name="from the claim page").exists()


def test_an_action_never_redirects_off_site(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    response = client.post(CHANGELIST, {"action": "tag", "apply": "yes", "_selected_action": [russia.pk],
                                        "new_tags": "x", "return_to": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_an_editor_re_extracts_an_article_and_its_confirmed_claims_stay(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    confirmed = list(
        Claim.objects.filter(article=russia.article, status="confirmed").values_list("pk", "low", "version")
    )
    response = post_action(client, "reextract", [russia.article], url="/admin/newsclaims/article/")
    assert response.status_code == 302
    assert "re-extracted" in " ".join(messages_of(client.get(response["Location"])))
    after = Claim.objects.filter(pk__in=[pk for pk, *_ in confirmed]).values_list("pk", "low", "version")
    assert sorted(after) == sorted(confirmed)


def test_a_viewer_cannot_re_extract_articles(viewer, belgorod):
    client, _ = viewer
    _, russia, _ = belgorod
    before = sorted(Claim.objects.values_list("pk", flat=True))
    response = post_action(client, "reextract", [russia.article], url="/admin/newsclaims/article/")
    assert response.status_code == 403
    assert sorted(Claim.objects.values_list("pk", flat=True)) == before


def test_a_save_that_loses_the_race_after_the_forms_check_is_refused_too(editor, belgorod, monkeypatch):
    from newsclaims import services
    from newsclaims.admin import ClaimAdmin

    client, _ = editor
    other, other_user = login("Editors", "erik")
    _, russia, _ = belgorod
    save_model = ClaimAdmin.save_model

    def someone_else_saves_first(self, request, obj, form, change):
        # The other editor's save lands between the form's version check and this write.
        services.claim_update(claim=obj.pk, expected_version=obj.version, changes={"low": 71}, user=other_user)
        return save_model(self, request, obj, form, change)

    monkeypatch.setattr(ClaimAdmin, "save_model", someone_else_saves_first)
    url = reverse("admin:newsclaims_claim_change", args=[russia.pk])
    response = client.post(url, claim_form_data(client, russia) | {"low": "90", "_save": "Save"})
    assert response.status_code == 302 and response["Location"] == url
    assert any("changed by erik" in m for m in messages_of(client.get(url)))
    russia.refresh_from_db()
    # The simulated rival save shared the refused request's transaction, so it was rolled back with it; what
    # matters is that the stale form's figure was not written.
    assert russia.low != 90


def test_an_editor_adds_a_link_from_the_claims_page(editor, belgorod):
    client, user = editor
    _, russia, _ = belgorod
    target = Claim.objects.filter(event__slug="kramatorsk-strike-2023-01").first()
    data = claim_form_data(client, russia)
    n = int(data["links_from-TOTAL_FORMS"])
    data |= {"links_from-TOTAL_FORMS": str(n + 1), f"links_from-{n}-kind": "supports",
             f"links_from-{n}-to_claim": str(target.pk), f"links_from-{n}-status": "accepted",
             f"links_from-{n}-note": "", "_save": "Save"}
    response = client.post(reverse("admin:newsclaims_claim_change", args=[russia.pk]), data)
    assert response.status_code == 302, soup(response).select(".errorlist")
    link = ClaimLink.objects.get(from_claim=russia, to_claim=target)
    assert (link.kind, link.created_by) == ("supports", user)
    assert link.history.first().history_user == user


def test_a_tag_changed_in_the_admin_records_its_author(editor, belgorod):
    client, user = editor
    tag = Tag.objects.first()
    response = client.post(reverse("admin:newsclaims_tag_change", args=[tag.pk]),
                           {"name": "Belgorod region", "slug": tag.slug})
    assert response.status_code == 302
    assert tag.history.order_by("-history_date").first().history_user == user
    assert tag.history.order_by("-history_date").first().name == "Belgorod region"


def test_a_claim_cannot_be_reverted_past_the_stale_save_check(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    post_action(client, "reject", [russia])
    first = russia.history.order_by("history_date").first()
    url = reverse("admin:newsclaims_claim_simple_history", args=[russia.pk, first.history_id])
    assert client.get(url).status_code == 200  # past versions can be read
    response = client.post(url, claim_form_data(client, russia) | {"_save": "Revert"})
    assert response.status_code == 403
    russia.refresh_from_db()
    assert (russia.status, russia.version) == ("rejected", 2)


def test_an_editor_asks_for_suggestions_on_an_event_and_a_viewer_cannot(editor, viewer, demo_data):
    kramatorsk = Event.objects.get(slug="kramatorsk-strike-2023-01")
    viewer_client, _ = viewer
    response = post_action(viewer_client, "suggest_links", [kramatorsk], url="/admin/newsclaims/event/")
    assert response.status_code == 403 and not ClaimLink.objects.filter(status="suggested").exists()
    client, _ = editor
    post_action(client, "suggest_links", [kramatorsk], url="/admin/newsclaims/event/")
    suggestion = ClaimLink.objects.get(status="suggested")
    assert {suggestion.from_claim.display_value, suggestion.to_claim.display_value} == {">600", "0"}


def test_an_editor_merges_duplicate_events_and_no_claim_is_lost(editor, viewer, belgorod):
    event, _, _ = belgorod
    duplicate = Event.objects.create(name="Belgorod raid", slug="belgorod-raid")
    moved = list(event.claims.order_by("pk").values_list("pk", flat=True)[:2])
    Claim.objects.filter(pk__in=moved).update(event=duplicate)
    url = "/admin/newsclaims/event/"
    data = {"action": "merge", "apply": "yes", "_selected_action": [event.pk, duplicate.pk], "keep": event.pk}
    viewer_client, _ = viewer
    assert viewer_client.post(url, data).status_code == 403
    client, user = editor
    page = post_action(client, "merge", [event, duplicate], url=url)
    assert soup(page).select_one("input[name=keep][checked]")["value"] == str(event.pk)  # most claims proposed
    assert client.post(url, data).status_code == 302
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert set(Claim.objects.filter(pk__in=moved).values_list("event", flat=True)) == {event.pk}
    assert Event.history.filter(id=duplicate.pk, history_type="-").get().history_user == user


def test_an_editor_splits_claims_off_into_a_new_event(editor, belgorod):
    client, _ = editor
    event, russia, kapustin = belgorod
    response = client.post(CHANGELIST, {"action": "split_off", "apply": "yes", "_selected_action": [russia.pk],
                                        "name": "Moscow's account", "place": "Belgorod"})
    assert response.status_code == 302
    russia.refresh_from_db()
    assert russia.event.name == "Moscow's account" and russia.event_locked
    assert Claim.objects.get(pk=kapustin.pk).event == event


def test_splitting_claims_of_two_events_is_refused(editor, belgorod):
    client, _ = editor
    _, russia, _ = belgorod
    other = Claim.objects.filter(event__slug="kramatorsk-strike-2023-01").first()
    before = snapshot()
    response = post_action(client, "split_off", [russia, other])
    assert response.status_code == 302 and snapshot() == before
