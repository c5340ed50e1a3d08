"""services/review.py: an editor's decisions, who may make them, and what they leave in the history."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from newsclaims import services
from newsclaims.models import Article, Claim, Claimant, ClaimantAlias, ClaimLink, Event, Party, Tag
from tests.conftest import ensure_role

pytestmark = pytest.mark.django_db


def member(group: str, username: str):
    user = get_user_model().objects.create_user(username, password="pw-for-tests", is_staff=True)
    user.groups.add(ensure_role(group))
    return get_user_model().objects.get(pk=user.pk)  # a fresh object: no cached permissions


@pytest.fixture
def editor():
    return member("Editors", "edith")


@pytest.fixture
def second_editor():
    return member("Editors", "erik")


@pytest.fixture
def viewer():
    return member("Viewers", "vera")


@pytest.fixture
def world():
    """An event with claims from two sides about the same casualties, in an article of its own."""
    russia = Party.objects.create(name="Testland", short_name="TL")
    rebels = Party.objects.create(name="Rebel Corps", short_name="RC")
    ministry = Claimant.objects.create(name="Testland Ministry", kind="government", party=russia)
    commander = Claimant.objects.create(name="Rebel Commander", kind="person", party=rebels)
    event = Event.objects.create(name="Border raid", slug="border-raid")
    text = "The ministry said more than 70 fighters were killed. The commander said two of his men died."
    article = Article.objects.create(text=text, language="en", content_hash="a" * 64)

    def claim(claimant, low, qualifier="exact", *, category="killed", victims_party=rebels, high=None, **extra):
        sentence = text.split(". ")[0] if claimant == ministry else text.split(". ")[1]
        start = text.index(sentence)
        return Claim.objects.create(
            article=article, claimant=claimant, claimant_party=claimant.party, event=event, category=category,
            low=low, high=high, qualifier=qualifier, victims_party=victims_party, evidence=sentence,
            evidence_start=start, evidence_end=start + len(sentence), **extra,
        )

    return {
        "event": event, "article": article, "ministry": ministry, "commander": commander, "testland": russia,
        "rebels": rebels, "claim": claim,
    }


def history_authors(claim: Claim) -> list[str]:
    return [str(h.history_user) for h in claim.history.order_by("history_date")]


# Confirm and reject -----------------------------------------------------------------------------------------------


def test_an_editor_confirms_claims_and_is_recorded_as_reviewer(world, editor):
    a, b = world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2)
    assert services.claims_confirm(claims=[a, b], user=editor) == 2
    for claim in (a, b):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.CONFIRMED
        assert claim.reviewed_by == editor and claim.reviewed_at is not None
        assert claim.version == 2
        latest = claim.history.order_by("-history_date").first()
        assert latest.history_user == editor and latest.status == Claim.Status.CONFIRMED


def test_a_viewer_cannot_confirm_and_nothing_changes(world, viewer):
    claim = world["claim"](world["commander"], 2)
    with pytest.raises(PermissionDenied):
        services.claims_confirm(claims=[claim], user=viewer)
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.version) == (Claim.Status.EXTRACTED, None, 1)


def test_rejecting_then_unreviewing_clears_the_reviewer(world, editor):
    claim = world["claim"](world["commander"], 2)
    services.claims_reject(claims=[claim], user=editor)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED and claim.reviewed_by == editor
    services.claims_review(claims=[claim], status=Claim.Status.EXTRACTED, user=editor)
    claim.refresh_from_db()
    assert claim.reviewed_by is None and claim.reviewed_at is None and claim.version == 3


def test_an_oversized_batch_is_refused_with_a_reason(world, editor, monkeypatch):
    monkeypatch.setattr(services.review, "MAX_BATCH", 1)
    claims = [world["claim"](world["commander"], 2), world["claim"](world["ministry"], 70)]
    with pytest.raises(services.ReviewError, match="at most 1"):
        services.claims_confirm(claims=claims, user=editor)
    assert not Claim.objects.filter(status=Claim.Status.CONFIRMED).exists()


# Events and tags --------------------------------------------------------------------------------------------------


def test_assigning_an_event_locks_it_and_protects_the_claim_from_re_extraction(world, editor):
    claim = world["claim"](world["commander"], 2)
    other = Event.objects.create(name="Another raid", slug="another-raid")
    assert services.claims_assign_event(claims=[claim], event=other, user=editor) == 1
    claim.refresh_from_db()
    assert claim.event == other and claim.event_locked and claim.edited
    assert services.claim_is_protected(claim)


def test_tagging_adds_tags_once_and_records_them_in_one_history_entry(world, editor):
    claim = world["claim"](world["commander"], 2)
    before = claim.history.count()
    tags = services.tags_get_or_create(names=["Belgorod", "cross-border raid", "belgorod"], user=editor)
    assert [t.name for t in tags] == ["Belgorod", "cross-border raid"]
    assert services.claims_tag(claims=[claim], tags=tags, user=editor) == 1
    assert services.claims_tag(claims=[claim], tags=tags, user=editor) == 0  # already tagged: no new version
    claim.refresh_from_db()
    assert set(claim.tags.values_list("name", flat=True)) == {"Belgorod", "cross-border raid"}
    assert claim.history.count() == before + 1
    latest = claim.history.order_by("-history_date").first()
    assert latest.history_user == editor
    assert {t.tag.name for t in latest.tags.all()} == {"Belgorod", "cross-border raid"}
    assert Tag.history.filter(name="Belgorod").first().history_user == editor


def test_untagging_removes_only_the_given_tags(world, editor):
    claim = world["claim"](world["commander"], 2)
    keep, drop = services.tags_get_or_create(names=["keep", "drop"], user=editor)
    services.claims_tag(claims=[claim], tags=[keep, drop], user=editor)
    assert services.claims_untag(claims=[claim], tags=[drop], user=editor) == 1
    assert list(claim.tags.values_list("name", flat=True)) == ["keep"]


def test_a_viewer_cannot_tag_or_create_tags(world, viewer):
    claim = world["claim"](world["commander"], 2)
    tag = Tag.objects.create(name="existing", slug="existing")
    with pytest.raises(PermissionDenied):
        services.claims_tag(claims=[claim], tags=[tag], user=viewer)
    with pytest.raises(PermissionDenied):
        services.tags_get_or_create(names=["brand new"], user=viewer)
    assert not claim.tags.exists() and not Tag.objects.filter(name="brand new").exists()


# Links ------------------------------------------------------------------------------------------------------------


def test_linking_three_claims_links_every_pair_as_the_editors_accepted_decision(world, editor):
    claims = [world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2),
              world["claim"](world["commander"], 3)]
    links = services.claims_link(claims=claims, kind=ClaimLink.Kind.CONTRADICTS, user=editor)
    assert len(links) == 3
    pairs = {frozenset((link.from_claim_id, link.to_claim_id)) for link in ClaimLink.objects.all()}
    assert pairs == {frozenset((a.pk, b.pk)) for i, a in enumerate(claims) for b in claims[i + 1:]}
    for link in ClaimLink.objects.all():
        assert (link.status, link.created_by, link.created_by_system) == ("accepted", editor, False)
        assert link.history.first().history_user == editor
    assert all(c.edited for c in Claim.objects.all())  # re-extraction keeps linked claims


def test_linking_accepts_a_suggestion_and_dismisses_an_opposite_link(world, editor):
    a, b = world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2)
    suggestion = ClaimLink.objects.create(from_claim=a, to_claim=b, kind="contradicts", status="suggested",
                                          created_by_system=True)
    services.claims_link(claims=[a, b], kind=ClaimLink.Kind.SUPPORTS, user=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == ClaimLink.Status.DISMISSED
    assert ClaimLink.objects.get(kind="supports").status == ClaimLink.Status.ACCEPTED
    services.claims_link(claims=[b, a], kind=ClaimLink.Kind.CONTRADICTS, user=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == ClaimLink.Status.ACCEPTED
    assert ClaimLink.objects.get(kind="supports").status == ClaimLink.Status.DISMISSED
    assert ClaimLink.objects.count() == 2


def test_linking_needs_two_claims_and_the_permission(world, editor, viewer):
    a, b = world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2)
    with pytest.raises(services.ReviewError, match="at least two"):
        services.claims_link(claims=[a], kind="contradicts", user=editor)
    with pytest.raises(PermissionDenied):
        services.claims_link(claims=[a, b], kind="contradicts", user=viewer)
    assert not ClaimLink.objects.exists()


def test_accepting_and_dismissing_suggestions_is_recorded(world, editor, viewer):
    a, b = world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2)
    link = ClaimLink.objects.create(from_claim=a, to_claim=b, kind="contradicts", status="suggested",
                                    created_by_system=True)
    with pytest.raises(PermissionDenied):
        services.links_dismiss(links=[link], user=viewer)
    assert services.links_dismiss(links=[link], user=editor) == 1
    link.refresh_from_db()
    assert link.status == "dismissed"
    assert link.history.order_by("-history_date").first().history_user == editor


# Suggested links --------------------------------------------------------------------------------------------------


def test_claims_that_cannot_both_be_true_get_a_suggested_contradiction(world):
    more_than_70 = world["claim"](world["ministry"], 70, "more_than")
    two = world["claim"](world["commander"], 2)
    [link] = services.links_suggest(event=world["event"])
    assert {link.from_claim_id, link.to_claim_id} == {more_than_70.pk, two.pk}
    assert (link.kind, link.status, link.created_by_system) == ("contradicts", "suggested", True)
    assert services.links_suggest(event=world["event"]) == []  # once is enough


def test_no_suggestion_when_the_figures_overlap_or_the_quantities_differ(world):
    world["claim"](world["ministry"], 70, "about")
    world["claim"](world["commander"], 66)  # ~70 allows 63..77: both can be true
    world["claim"](world["commander"], 2, category="wounded")  # another quantity
    world["claim"](world["commander"], 2, victims_party=world["testland"])  # someone else's dead
    world["claim"](world["commander"], 500, category="wounded")  # vs 2 wounded: the same side, no conflict
    assert services.links_suggest() == []


def test_an_editors_decision_is_never_suggested_again(world, editor):
    a, b = world["claim"](world["ministry"], 70, "more_than"), world["claim"](world["commander"], 2)
    [link] = services.links_suggest()
    services.links_dismiss(links=[link], user=editor)
    assert services.links_suggest() == []
    link.refresh_from_db()
    assert link.status == "dismissed"
    ClaimLink.objects.all().delete()
    ClaimLink.objects.create(from_claim=b, to_claim=a, kind="supports", created_by=editor)  # any link, any kind
    assert services.links_suggest() == []


def test_each_claim_gets_one_suggestion_per_side_the_nearest_in_time(world):
    from datetime import date

    def dated(claimant, low, qualifier, day):
        claim = world["claim"](claimant, low, qualifier)
        article = Article.objects.create(text=f"{claimant} {day}", language="en", content_hash=f"{claimant.pk}{day}",
                                         published=date(2023, 5, day))
        Claim.objects.filter(pk=claim.pk).update(article=article)
        return claim

    moscow_early, moscow_late = dated(world["ministry"], 70, "more_than", 1), dated(world["ministry"], 90, "exact", 20)
    rebels_early, rebels_late = dated(world["commander"], 2, "exact", 2), dated(world["commander"], 3, "exact", 21)
    pairs = {frozenset((link.from_claim_id, link.to_claim_id)) for link in services.links_suggest()}
    assert pairs == {frozenset((moscow_early.pk, rebels_early.pk)), frozenset((moscow_late.pk, rebels_late.pk))}


def test_rejected_claims_get_no_suggestions(world, editor):
    world["claim"](world["ministry"], 70, "more_than", status=Claim.Status.REJECTED)
    world["claim"](world["commander"], 2)
    assert services.links_suggest() == []


def test_suggest_links_command_reports_what_it_made(world, capsys):
    world["claim"](world["ministry"], 70, "more_than")
    world["claim"](world["commander"], 2)
    call_command("suggest_links", "--event", "border-raid")
    assert "1 new" in capsys.readouterr().out
    assert ClaimLink.objects.filter(status="suggested").count() == 1


# Merging claimants ------------------------------------------------------------------------------------------------


def test_merging_claimants_loses_no_claim_and_keeps_every_name(world, editor):
    kept = world["commander"]
    ClaimantAlias.objects.create(claimant=kept, alias="White Rex")
    duplicate = Claimant.objects.create(name="Denis Nikitin", kind="person")
    ClaimantAlias.objects.create(claimant=duplicate, alias="Kapustin")
    third = Claimant.objects.create(name="rebel commander ", kind="person")  # differs only in case and space
    claims = [world["claim"](kept, 2), world["claim"](duplicate, 3), world["claim"](duplicate, 4),
              world["claim"](third, 5)]
    total = Claim.objects.count()

    result = services.claimants_merge(keep=kept, others=[duplicate, third], user=editor)

    assert Claim.objects.count() == total
    assert set(Claim.objects.values_list("claimant", flat=True)) == {kept.pk}
    assert all(c.version == 2 for c in Claim.objects.filter(pk__in=[c.pk for c in claims[1:]]))
    assert not Claimant.objects.filter(pk__in=[duplicate.pk, third.pk]).exists()
    aliases = set(kept.aliases.values_list("alias", flat=True))
    assert {"White Rex", "Kapustin", "Denis Nikitin", "rebel commander "} <= aliases
    assert (result.claims_moved, result.aliases_moved) == (3, 1)
    assert services.claimant_resolve(name="Denis Nikitin") == kept
    assert Claim.history.filter(id=claims[1].pk).order_by("-history_date").first().history_user == editor


def test_merging_needs_another_claimant_and_the_permission(world, editor, viewer):
    with pytest.raises(services.ReviewError):
        services.claimants_merge(keep=world["commander"], others=[world["commander"]], user=editor)
    with pytest.raises(PermissionDenied):
        services.claimants_merge(keep=world["commander"], others=[world["ministry"]], user=viewer)
    assert Claimant.objects.count() == 2


# Editing a claim: stale saves -------------------------------------------------------------------------------------


def test_editing_a_figure_marks_the_claim_edited_and_bumps_the_version(world, editor):
    claim = world["claim"](world["commander"], 2)
    updated = services.claim_update(claim=claim, expected_version=1, changes={"low": 3}, user=editor)
    assert (updated.low, updated.edited, updated.version) == (3, True, 2)
    claim.refresh_from_db()
    assert (claim.low, claim.version) == (3, 2)
    assert claim.history.order_by("-history_date").first().history_user == editor


def test_changing_only_the_status_reviews_without_marking_edited(world, editor):
    claim = world["claim"](world["commander"], 2)
    updated = services.claim_update(claim=claim, expected_version=1, changes={"status": "confirmed"}, user=editor)
    assert (updated.status, updated.edited, updated.reviewed_by) == ("confirmed", False, editor)


def test_two_editors_editing_the_same_claim_the_second_save_is_refused(world, editor, second_editor):
    claim = world["claim"](world["commander"], 2)
    loaded_by_first = loaded_by_second = claim.version
    services.claim_update(claim=claim, expected_version=loaded_by_first, changes={"low": 3}, user=editor)
    with pytest.raises(services.StaleClaimError) as refused:
        services.claim_update(claim=claim, expected_version=loaded_by_second, changes={"low": 20}, user=second_editor)
    assert "edith" in str(refused.value) and "version 2" in str(refused.value)
    claim.refresh_from_db()
    assert (claim.low, claim.version) == (3, 2)  # the first editor's figure stands


def test_a_batch_action_makes_an_open_edit_form_stale(world, editor, second_editor):
    claim = world["claim"](world["commander"], 2)
    services.claims_confirm(claims=[claim], user=second_editor)
    with pytest.raises(services.StaleClaimError):
        services.claim_update(claim=claim, expected_version=1, changes={"low": 3}, user=editor)


def test_invalid_figures_are_refused_and_nothing_is_written(world, editor):
    claim = world["claim"](world["commander"], 2)
    with pytest.raises(ValidationError):
        services.claim_update(claim=claim, expected_version=1, changes={"qualifier": "range"}, user=editor)
    with pytest.raises(services.ReviewError):
        services.claim_update(claim=claim, expected_version=1, changes={"evidence": "made up"}, user=editor)
    claim.refresh_from_db()
    assert (claim.qualifier, claim.version) == ("exact", 1)


# Re-extraction ----------------------------------------------------------------------------------------------------


def claim_row(claim: Claim) -> tuple:
    return (claim.pk, claim.status, claim.low, claim.high, claim.qualifier, claim.category, claim.event_id,
            claim.claimant_id, claim.version, claim.edited, tuple(sorted(claim.tags.values_list("pk", flat=True))))


def test_re_extraction_keeps_confirmed_rejected_and_edited_claims_untouched(demo_data, editor):
    article = Article.objects.get(url__contains="/nordlys/")
    confirmed = list(article.claims.filter(status="confirmed"))
    extracted = list(article.claims.filter(status="extracted"))
    assert confirmed and len(extracted) >= 2
    rejected, edited, plain = extracted[0], extracted[1], extracted[2:]
    services.claims_reject(claims=[rejected], user=editor)
    services.claim_update(claim=edited, expected_version=1, changes={"low": 11}, user=editor)
    keep = [Claim.objects.get(pk=c.pk) for c in (*confirmed, rejected, edited)]
    before = [claim_row(c) for c in keep]

    result = services.articles_reextract(articles=[article], user=editor)

    assert result.articles == 1 and result.claims_created >= 1
    assert [claim_row(Claim.objects.get(pk=c.pk)) for c in keep] == before
    assert not Claim.objects.filter(pk__in=[c.pk for c in plain]).exists()  # unreviewed claims were replaced
    assert article.claims.count() == len(keep) + result.claims_created
    # The editor's claims are not extracted a second time next to themselves.
    figures = [(c.category, c.low, c.evidence_start) for c in article.claims.exclude(pk=edited.pk)]
    assert len(figures) == len(set(figures))


def test_a_viewer_cannot_re_extract(demo_data, viewer):
    article = Article.objects.first()
    before = sorted(article.claims.values_list("pk", flat=True))
    with pytest.raises(PermissionDenied):
        services.articles_reextract(articles=[article], user=viewer)
    assert sorted(article.claims.values_list("pk", flat=True)) == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL; CI runs it")
def test_two_editors_saving_at_the_same_moment_exactly_one_wins(world, editor, second_editor):
    import threading

    from django.db import connections

    claim = world["claim"](world["commander"], 2)
    barrier, outcomes = threading.Barrier(2), {}

    def save(user, low):
        try:
            barrier.wait(timeout=10)
            services.claim_update(claim=claim.pk, expected_version=1, changes={"low": low}, user=user)
            outcomes[user.username] = "saved"
        except services.StaleClaimError:
            outcomes[user.username] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=args) for args in ((editor, 3), (second_editor, 4))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    claim.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert (claim.low, claim.version) == ({"edith": 3, "erik": 4}[winner], 2)
    assert claim.history.order_by("-history_date").first().history_user.username == winner
