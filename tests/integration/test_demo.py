"""`make run` loads the demo set; loading it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsclaims.models import Article, Claim, Claimant, ClaimLink, Event, Party

pytestmark = pytest.mark.django_db


def snapshot():
    return [m.objects.count() for m in (Article, Claim, ClaimLink, Claimant, Event, Party)]


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
    assert first[0] >= 3 and first[1] >= 8


def test_demo_holds_the_belgorod_conflict(demo_data):
    belgorod = Event.objects.get(slug="belgorod-incursion-2023-05")
    killed = belgorod.claims.filter(category="killed")
    russia = killed.get(claimant_party__name="Russia", article__language="da")
    assert (russia.low, russia.qualifier) == (70, "more_than")
    assert russia.article.text[russia.number_start:russia.number_end] == "mere end 70"
    rdk = killed.filter(claimant__name="Denis Kapustin")
    assert {c.low for c in rdk} == {2}
    assert belgorod.claims.filter(category="wounded", low=10).exists()
    assert Article.objects.filter(claims__event=belgorod).values("outlet").distinct().count() >= 2
    assert set(Article.objects.values_list("language", flat=True)) == {"da", "en"}


def test_demo_evidence_spans_point_into_the_article(demo_data):
    for claim in Claim.objects.select_related("article"):
        assert claim.article.text[claim.evidence_start:claim.evidence_end] == claim.evidence


def test_demo_does_not_copy_the_seed_article(demo_data, seed_text):
    sentences = [s.strip() for s in seed_text.replace("\n", " ").split(". ") if len(s.strip()) > 40]
    for article in Article.objects.all():
        for sentence in sentences:
            assert sentence not in article.text


def test_demo_editor_only_with_debug(settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="editor").exists()
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and editor.groups.filter(name="Editors").exists()


def test_demo_number_spans_are_whole_words(demo_data):
    for claim in Claim.objects.select_related("article"):
        text = claim.article.text
        assert text[claim.number_start:claim.number_end] == claim.number_text
        before = text[claim.number_start - 1] if claim.number_start else " "
        after = text[claim.number_end] if claim.number_end < len(text) else " "
        assert not before.isalnum() and not after.isalnum(), claim.number_text
