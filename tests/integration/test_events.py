"""Wire-copy stories and event grouping on real articles of ../shared/eval/dev.jsonl; an editor's merge and split."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from newsclaims import services
from newsclaims.models import Article, Claim, Event
from newsclaims.services import events
from tests.conftest import ensure_role
from tests.integration import test_ingest

gold_extractor = test_ingest.gold_extractor  # the fixture: dev.jsonl's gold claims as extraction output

pytestmark = pytest.mark.django_db
BELGOROD = {"da-seed-belgorod-2023-05", "en-belgorod-econotimes-kapustin-2023-05"}


def dev_records(dev_path):
    return [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines()]


def ingest_record(record, **overrides):
    fields = {k: record.get(k) for k in ("title", "text", "url", "outlet", "published", "language")}
    fields.update(overrides)
    return services.article_ingest(external_id=overrides.pop("external_id", record["id"]), **fields).article


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("ed", password="x", is_staff=True)
    user.groups.add(ensure_role("Editors"))
    return get_user_model().objects.get(pk=user.pk)


# --- wire copies ------------------------------------------------------------------------------------------------


def test_a_wire_story_run_by_three_outlets_with_edits_is_one_story(dev_path):
    record = next(r for r in dev_records(dev_path) if r["id"] == "en-kramatorsk-russia-claims-600-reuters-2023-01-08")
    paragraphs = record["text"].split("\n")
    original = ingest_record(record, url="https://a.example/1", outlet="The Tribune")
    trimmed = ingest_record(record, text="\n".join(paragraphs[:-1]), url="https://b.example/2", outlet="Reuters")
    retitled = ingest_record(
        record,
        text="KYIV, Jan 8 (Reuters) - " + record["text"].replace("Ukrainian", "Ukraine's", 1),
        url="https://c.example/3",
        outlet="Yahoo News",
    )
    original.refresh_from_db()
    assert original.story_id is not None
    assert original.story_id == trimmed.story_id == retitled.story_id
    story = original.story
    assert sorted(a.outlet.name for a in story.articles.all()) == ["Reuters", "The Tribune", "Yahoo News"]


def test_unrelated_articles_and_same_event_reports_in_other_words_are_not_wire_copies(dev_path):
    articles = [ingest_record(r) for r in dev_records(dev_path)]
    assert all(a.story_id is None for a in Article.objects.filter(pk__in=[a.pk for a in articles]))


def test_identical_text_from_a_second_file_is_the_same_article(dev_path):
    record = dev_records(dev_path)[0]
    first = services.article_ingest(text=record["text"], language="da")
    again = services.article_ingest(text=record["text"] + "\n\n", language="da", title="Other headline")
    assert (first.created, again.created, again.article.pk) == (True, False, first.article.pk)


def test_signature_survives_the_database_round_trip(dev_path):
    record = dev_records(dev_path)[1]
    article = ingest_record(record)
    article.refresh_from_db()
    stored = events.minhash_from_bytes(article.minhash)
    assert stored.jaccard(events.text_minhash(record["text"])) == 1.0


# --- grouping ---------------------------------------------------------------------------------------------------


def ingest_dev(dev_path):
    for record in dev_records(dev_path):
        ingest_record(record)
    services.articles_extract(articles=list(Article.objects.order_by("pk")))


def events_by_article():
    return {
        a.external_id: set(a.claims.exclude(event=None).values_list("event", flat=True))
        for a in Article.objects.all()
    }


def test_the_danish_and_english_belgorod_reports_are_one_event_and_nothing_else_joins(gold_extractor, dev_path):
    ingest_dev(dev_path)
    placed = events_by_article()
    assert all(len(ids) == 1 for ids in placed.values()), placed  # every article's claims in exactly one event
    belgorod = {next(iter(placed[i])) for i in BELGOROD}
    assert len(belgorod) == 1
    others = [next(iter(ids)) for key, ids in placed.items() if key not in BELGOROD]
    assert belgorod.isdisjoint(others)
    assert len(set(others)) == len(others)  # the other eleven reports are eleven different incidents
    event = Event.objects.get(pk=belgorod.pop())
    assert event.created_by_system and not event.locked
    assert event.start_date.isoformat() == "2023-05-01"


def test_grouping_is_stable_when_run_again(gold_extractor, dev_path):
    ingest_dev(dev_path)
    before = events_by_article()
    assert services.events_regroup() == {}
    services.events_regroup(everything=True)
    after = events_by_article()
    assert sorted(map(len, before.values())) == sorted(map(len, after.values()))
    assert {frozenset(k for k, v in after.items() if v == ids) for ids in after.values()} == {
        frozenset(k for k, v in before.items() if v == ids) for ids in before.values()
    }


def test_grouping_never_undoes_an_editors_choice(gold_extractor, dev_path, editor):
    ingest_dev(dev_path)
    seed = Article.objects.get(external_id="da-seed-belgorod-2023-05")
    econo = Article.objects.get(external_id="en-belgorod-econotimes-kapustin-2023-05")
    kramatorsk = Article.objects.get(external_id="en-kramatorsk-russia-claims-600-reuters-2023-01-08")
    curated = Event.objects.create(name="Prigozhin's Bakhmut losses", slug="bakhmut-losses", locked=True)
    moved = econo.claims.filter(low=20000).first()  # Prigozhin on Bakhmut, in a report on Belgorod
    services.claims_assign_event(claims=[moved], event=curated, user=editor)
    kramatorsk_event = kramatorsk.claims.first().event
    kramatorsk_event.locked = True
    kramatorsk_event.save()

    services.events_regroup(everything=True)

    moved.refresh_from_db()
    assert (moved.event_id, moved.event_locked) == (curated.pk, True)
    assert Event.objects.filter(pk=kramatorsk_event.pk).exists()
    assert set(kramatorsk.claims.values_list("event", flat=True)) == {kramatorsk_event.pk}
    rest = set(econo.claims.exclude(pk=moved.pk).values_list("event", flat=True))
    assert rest == set(seed.claims.values_list("event", flat=True)) and curated.pk not in rest


def test_reextracted_claims_stay_with_their_articles_event(gold_extractor, dev_path):
    ingest_dev(dev_path)
    seed = Article.objects.get(external_id="da-seed-belgorod-2023-05")
    confirmed = seed.claims.first()
    confirmed.status = Claim.Status.CONFIRMED
    confirmed.save()
    services.articles_extract(articles=[seed])
    assert set(seed.claims.values_list("event", flat=True)) == {confirmed.event_id}


def test_new_report_joins_the_event_of_earlier_reports_across_languages(gold_extractor, dev_path):
    records = {r["id"]: r for r in dev_records(dev_path)}
    seed = ingest_record(records["da-seed-belgorod-2023-05"])
    services.articles_extract(articles=[seed])
    econo = ingest_record(records["en-belgorod-econotimes-kapustin-2023-05"])
    services.articles_extract(articles=[econo])
    assert set(econo.claims.values_list("event", flat=True)) == set(seed.claims.values_list("event", flat=True))


def test_dates_far_apart_keep_similar_articles_apart():
    a = events.Profile(names=events.text_names("in Belgorod said Kapustin"), start=None)
    b = events.Profile(names=a.names.copy())
    from datetime import date

    a.start = a.end = date(2023, 5, 1)
    b.start = b.end = date(2023, 5, 6)
    assert events.profile_similarity(a, b) > events.EVENT_THRESHOLD
    b.start = b.end = date(2023, 6, 20)
    assert events.profile_similarity(a, b) == 0.0


def test_names_skip_sentence_starts_and_fold_danish_genitives():
    names = events.text_names("Angrebet skete i Belgorod. Det siger Ruslands hær. Kapustin: - Vi kommer igen.")
    assert names["belgorod"] == 1 and names["russia"] == 1
    assert "angrebet" not in names and "det" not in names and "vi" not in names


# --- an editor's decisions --------------------------------------------------------------------------------------


def test_merge_moves_all_claims_locks_them_and_removes_the_merged_events(gold_extractor, dev_path, editor):
    ingest_dev(dev_path)
    moscow = Article.objects.get(external_id="da-moscow-drones-buildings-2023-07").claims.first().event
    drones = Article.objects.get(external_id="en-ukraine-air-force-28-drones-21-downed-2024-01").claims.first().event
    count = moscow.claims.count() + drones.claims.count()
    merged = services.event_merge(into=moscow, others=[drones], user=editor)
    assert merged.locked and merged.claims.count() == count
    assert not merged.claims.filter(event_locked=False).exists()
    assert not Event.objects.filter(pk=drones.pk).exists()
    assert merged.end_date.isoformat() == "2024-01-01"
    services.events_regroup(everything=True)
    assert merged.claims.count() == count


def test_split_makes_a_curated_event_of_the_chosen_claims(gold_extractor, dev_path, editor):
    ingest_dev(dev_path)
    econo = Article.objects.get(external_id="en-belgorod-econotimes-kapustin-2023-05")
    event = econo.claims.first().event
    chosen = list(econo.claims.filter(low=20000)) or [econo.claims.order_by("-pk").first()]
    new = services.event_split(event=event, claims=chosen, name="Bakhmut: Wagner losses", user=editor)
    event.refresh_from_db()
    assert new.locked and event.locked and new.slug == "bakhmut-wagner-losses"
    assert set(new.claims.all()) == set(chosen)
    assert all(c.event_locked for c in new.claims.all())
    assert event.claims.exists()


def test_merge_and_split_need_an_editor(gold_extractor, dev_path):
    ingest_dev(dev_path)
    viewer = get_user_model().objects.create_user("viewer", password="x")
    a, b = Event.objects.all()[:2]
    with pytest.raises(PermissionDenied):
        services.event_merge(into=a, others=[b], user=viewer)
    with pytest.raises(PermissionDenied):
        services.event_split(event=a, claims=list(a.claims.all()[:1]), name="x", user=viewer)
    assert Event.objects.filter(pk=b.pk).exists()


def test_split_refuses_claims_of_another_event(gold_extractor, dev_path, editor):
    ingest_dev(dev_path)
    a, b = Event.objects.all()[:2]
    with pytest.raises(ValueError, match="belong to this event"):
        services.event_split(event=a, claims=list(b.claims.all()), name="x", user=editor)
