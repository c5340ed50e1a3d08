"""The claims list at scale: event and claimant as text boxes with suggestions (not <select>s of every record), a
count that stops at a cap, and links that carry the filters as the API takes them."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from newsclaims.models import Article, Claim, Claimant, Event, Outlet
from newsclaims.views import claims as claims_views

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def listed(page: BeautifulSoup) -> list[int]:
    return [int(li["data-claim"]) for li in page.select("li.claim-item")]


def belgorod_ids() -> list[int]:
    return sorted(Claim.objects.filter(event__slug=BELGOROD).exclude(status="rejected").values_list("pk", flat=True))


def test_event_and_claimant_are_text_boxes_with_suggestions_not_lists_of_every_record(client, demo_data):
    for i in range(30):
        Event.objects.create(name=f"Hændelse {i}", slug=f"event-{i}")
    page = soup(client.get("/claims/"))
    for name, url in [("event", "/suggest/events/"), ("claimant", "/suggest/claimants/")]:
        box = page.select_one(f"#id_{name}")
        assert box.name == "input" and box["type"] == "text"
        assert box["hx-get"] == url and box["hx-target"] == f"#id_{name}-suggestions"
        assert box["hx-push-url"] == "false"  # the box's own request must not push the URL or swap the results
        assert page.select_one(f"datalist#id_{name}-suggestions")["id"] == box["list"]
        assert page.select_one(f'label[for="id_{name}"]')
    assert not page.select("option[value^=event-]")


@pytest.mark.parametrize("typed", [BELGOROD, "Belgorod incursion", "belgorod INCURSION", "{pk}"])
def test_the_event_box_takes_a_slug_a_name_or_an_id(client, demo_data, typed):
    typed = typed.format(pk=Event.objects.get(slug=BELGOROD).pk)
    page = soup(client.get("/claims/", {"event": typed}))
    assert sorted(listed(page)) == belgorod_ids()
    assert page.select_one("#id_event")["value"] == BELGOROD  # shown as the URL carries it
    assert "Event: Belgorod incursion" in page.select_one(".active-filters").get_text()


def test_an_ambiguous_or_unknown_event_name_is_explained(client, demo_data):
    Event.objects.create(name="Belgorod incursion", slug="belgorod-2")
    errors = soup(client.get("/claims/", {"event": "Belgorod incursion"})).select_one(".form-errors").get_text()
    assert "Several events are called" in errors and BELGOROD in errors and "belgorod-2" in errors
    errors = soup(client.get("/claims/", {"event": "Atlantis"})).select_one(".form-errors").get_text()
    assert "No event is called “Atlantis”" in errors


@pytest.mark.parametrize("typed", ["Denis Kapustin", "white rex", "{pk}"])
def test_the_claimant_box_takes_an_id_a_name_or_an_alias_and_shows_the_name(client, demo_data, typed):
    kapustin = Claimant.objects.get(name="Denis Kapustin")
    page = soup(client.get("/claims/", {"claimant": typed.format(pk=kapustin.pk)}))
    assert listed(page) and set(listed(page)) == set(
        Claim.objects.filter(claimant=kapustin).exclude(status="rejected").values_list("pk", flat=True))
    assert page.select_one("#id_claimant")["value"] == "Denis Kapustin"


def test_links_carry_the_filters_as_the_api_takes_them(client, demo_data, settings):
    settings.NEWSCLAIMS_PAGE_SIZE = 1
    kapustin = Claimant.objects.get(name="Denis Kapustin")
    page = soup(client.get("/claims/", {"claimant": "White Rex", "event": "Belgorod incursion"}))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".downloads a")}
    assert links["JSON"] == f"/api/claims?event={BELGOROD}&claimant={kapustin.pk}"
    data = client.get(links["JSON"]).json()
    assert data["count"] == Claim.objects.filter(event__slug=BELGOROD, claimant=kapustin).exclude(
        status="rejected").count() > 1
    assert page.select_one('a[rel="next"]')["href"] == f"/claims/?event={BELGOROD}&claimant={kapustin.pk}&page=2"


def test_event_suggestions_match_what_was_typed_newest_first(client, db):
    Event.objects.create(name="Angreb i Kramatorsk", slug="kramatorsk-2023", place="Kramatorsk",
                         start_date=date(2023, 1, 7))
    Event.objects.create(name="Kramatorsk station", slug="kramatorsk-2022", start_date=date(2022, 4, 8))
    Event.objects.create(name="Oversvømmelse", slug="flood")
    options = soup(client.get("/suggest/events/", {"q": "kramat"})).select("option")
    assert [o["value"] for o in options] == ["kramatorsk-2023", "kramatorsk-2022"]
    assert options[0].get_text() == "Angreb i Kramatorsk · Kramatorsk · 7 Jan 2023"
    # htmx sends the box's value under its own name
    assert [o["value"] for o in soup(client.get("/suggest/events/", {"event": "oversv"})).select("option")] == ["flood"]
    assert len(soup(client.get("/suggest/events/")).select("option")) == 3


def test_claimant_suggestions_find_aliases_and_name_the_side(client, demo_data):
    options = soup(client.get("/suggest/claimants/", {"claimant": "rex"})).select("option")
    assert [(o["value"], o.get_text()) for o in options] == [
        ("Denis Kapustin", "Denis Kapustin (Russian Volunteer Corps)")]


def test_suggestions_show_hostile_names_as_text(client, db):
    Event.objects.create(name='<img src=x onerror="alert(1)">', slug="hostile")
    response = client.get("/suggest/events/", {"q": "img"})
    assert b"<img" not in response.content
    assert soup(response).select_one("option").get_text() == '<img src=x onerror="alert(1)">'


def many_claims(n: int) -> list[int]:
    text = "Mere end 70 blev dræbt."
    article = Article.objects.create(text=text, language="da", content_hash="many", published=date(2023, 5, 1),
                                     outlet=Outlet.objects.create(name="Avis"))
    made = Claim.objects.bulk_create(
        Claim(article=article, category="killed", low=i, evidence=text, evidence_start=0, evidence_end=len(text))
        for i in range(n)
    )
    return [c.pk for c in made]


def test_a_long_list_is_counted_only_up_to_the_cap_and_still_pages_on(client, db, settings, monkeypatch,
                                                                      django_assert_num_queries):
    settings.NEWSCLAIMS_PAGE_SIZE = 5
    monkeypatch.setattr(claims_views, "LIST_COUNT_CAP", 12)
    many_claims(30)
    page = soup(client.get("/claims/"))
    assert page.select_one(".results-count").get_text(strip=True) == "More than 12 claims"
    assert page.select_one(".page-of").get_text() == "Page 1"
    seen, url = [], "/claims/"
    while url:  # pages beyond the counted ones are reached by "Older →", and the last one has no further link
        page = soup(client.get(url))
        seen += listed(page)
        nxt = page.select_one('a[rel="next"]')
        url = nxt["href"] if nxt else None
    assert len(seen) == len(set(seen)) == 30
    assert page.select_one(".page-of").get_text() == "Page 6"
    # A page number past the end is the last page, as for a short list.
    assert listed(soup(client.get("/claims/", {"page": "99"}))) == listed(page)
    assert listed(soup(client.get("/claims/", {"page": "999999999999999999999"}))) == listed(page)


def test_the_count_reads_at_most_cap_plus_one_rows(client, db, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(claims_views, "LIST_COUNT_CAP", 12)
    many_claims(30)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/claims/")
    (count,) = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    assert "LIMIT 13" in count and "ORDER BY" not in count


def test_a_short_list_keeps_its_exact_count_and_page_total(client, db, settings):
    settings.NEWSCLAIMS_PAGE_SIZE = 5
    many_claims(12)
    page = soup(client.get("/claims/", {"page": "2"}))
    assert page.select_one(".results-count").get_text(strip=True) == "12 claims"
    assert page.select_one(".page-of").get_text() == "Page 2 of 3"
