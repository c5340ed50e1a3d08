"""The pages: HTML parsed with BeautifulSoup, htmx partials, fixed query counts, the analyse form's bad inputs."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from newsclaims.models import Article, Claim, Event, Outlet, Party

pytestmark = pytest.mark.django_db

BELGOROD = "/events/belgorod-incursion-2023-05/"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def test_event_page_shows_the_conflict_in_one_row(client, demo_data):
    page = soup(client.get(BELGOROD))
    rows = page.select("table.comparison tbody tr.conflict")
    assert len(rows) == 1
    row = rows[0]
    assert row.th.get_text(" ", strip=True).startswith("Russian Volunteer Corps killed")
    assert ">70 vs 2 — at least 35×" in row.select_one(".disagreement").get_text()
    figures = [a.get_text() for a in row.select("a.figure")]
    assert ">70" in figures and "2" in figures
    assert "mere end 70" in row.get_text()
    chart = row.select_one("svg.range-chart")
    assert chart["role"] == "img" and "log" in chart["class"]
    assert "logarithmic" in chart.find("desc").get_text()
    assert chart.select("g.arrow polygon") and chart.select("g.point circle")


def test_event_page_links_each_figure_to_its_evidence(client, demo_data):
    page = soup(client.get(BELGOROD))
    claim = Claim.objects.get(article__language="da", low=70)
    assert page.select_one(f'a[href="/articles/{claim.article_id}/#claim-{claim.pk}"]')


def test_unknown_event_is_404(client, db):
    assert client.get("/events/nothing-here/").status_code == 404


def big_event(n: int) -> Event:
    event = Event.objects.create(name="Big", slug="big")
    parties = [Party.objects.get_or_create(name=f"Side {i}")[0] for i in range(3)]
    article = Article.objects.create(text="Mange blev dræbt.", language="da", content_hash=f"big-{n}",
                                     outlet=Outlet.objects.get_or_create(name="Avis")[0], published=date(2023, 1, 1))
    Claim.objects.bulk_create(
        Claim(article=article, event=event, category=["killed", "wounded", "missing"][i % 3], low=i + 1,
              qualifier=["exact", "more_than", "about"][i % 3], claimant_party=parties[i % 3],
              victims_party=parties[(i + 1) % 3], evidence=article.text, evidence_start=0, evidence_end=6)
        for i in range(n)
    )
    return event


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/events/big/", "/claims/?event=big", "/claims/?event=big&page=2"])
def test_pages_run_the_same_number_of_queries_for_10_and_1000_claims(client, db, django_assert_num_queries, path):
    event = big_event(10)
    few = count_queries(client, path.replace("page=2", "page=1"))
    Claim.objects.filter(event=event).delete()
    event.delete()
    big_event(1000)
    with django_assert_num_queries(few):
        client.get(path)


def test_claims_list_filters_by_party_and_shows_what_it_filtered(client, demo_data):
    russia = Party.objects.get(name="Russia")
    page = soup(client.get("/claims/", {"party": russia.pk}))
    items = page.select("li.claim-item")
    assert items and len(items) == Claim.objects.filter(claimant_party=russia).count()
    assert "Claimant's side: Russia" in page.select_one(".active-filters").get_text()
    assert page.select_one("#id_party option[selected]")["value"] == str(russia.pk)


def test_claims_list_htmx_request_gets_only_the_results_partial(client, demo_data):
    response = client.get("/claims/", {"category": "wounded"}, headers={"HX-Request": "true"})
    page = soup(response)
    assert page.find("html") is None and page.find("form") is None
    (section,) = page.select("section#results")
    assert len(section.select("li.claim-item")) == 2
    assert "HX-Request" in response["Vary"]
    full = client.get("/claims/", {"category": "wounded"})
    assert "HX-Request" in full["Vary"] and soup(full).find("form", class_="filters")


def test_claims_list_history_restore_gets_the_whole_page(client, demo_data):
    response = client.get("/claims/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert soup(response).find("html") is not None


def test_claims_list_filter_form_works_without_javascript(client, demo_data):
    form = soup(client.get("/claims/")).find("form", class_="filters")
    assert form["method"] == "get" and form["action"] == "/claims/"
    assert form["hx-push-url"] == "true" and form["hx-target"] == "#results"
    for control in form.select("input, select"):
        assert control.get("id") and form.select_one(f'label[for="{control["id"]}"]'), control


def test_claims_list_bad_filters_are_explained_not_a_crash(client, demo_data):
    page = soup(client.get("/claims/", {"date_from": "yesterday", "party": "x", "event": "<script>"}))
    errors = page.select_one(".form-errors").get_text()
    assert "Date from" in errors or "Published from" in errors or "Enter a valid date" in errors
    assert page.select("li.claim-item")  # the list is still shown
    assert "<script>" not in str(page.select_one("#results"))


def test_claims_list_paginates_within_the_bounds(client, db, settings):
    settings.NEWSCLAIMS_PAGE_SIZE = 3
    settings.NEWSCLAIMS_MAX_PAGE_SIZE = 5
    big_event(12)
    page = soup(client.get("/claims/"))
    assert len(page.select("li.claim-item")) == 3
    assert page.select_one('.pagination a[rel="next"]')["href"] == "/claims/?page=2"
    assert len(soup(client.get("/claims/", {"size": "1000"})).select("li.claim-item")) == 5
    assert len(soup(client.get("/claims/", {"size": "junk"})).select("li.claim-item")) == 3
    last = soup(client.get("/claims/", {"page": "999"}))
    assert "Page 4 of 4" in last.select_one(".pagination").get_text()
    assert soup(client.get("/claims/", {"event": "big", "page": "2"})).select_one(
        'a[rel="prev"]')["href"] == "/claims/?event=big&page=1"


def test_article_page_marks_each_claims_evidence_and_links_the_claim(client, demo_data):
    claim = Claim.objects.get(article__language="da", low=70)
    page = soup(client.get(f"/articles/{claim.article_id}/"))
    body = page.select_one("article.article-text")
    assert body["lang"] == "da"
    mark = body.select_one(f"mark#claim-{claim.pk}")
    assert mark.get_text() == claim.evidence
    assert mark.select_one("strong.figure").get_text() == "mere end 70"
    assert body.select_one(f'a.claim-ref[href="/claims/{claim.pk}/"]')
    assert body.get_text().replace("#1#2", "").startswith(claim.article.text[:40])


def test_article_page_gives_claims_sharing_a_sentence_their_own_anchor(client, demo_data):
    two = Claim.objects.get(article__language="da", category="killed", low=2)
    ten = Claim.objects.get(article__language="da", category="wounded")
    body = soup(client.get(f"/articles/{two.article_id}/")).select_one("article.article-text")
    assert body.select_one(f"#claim-{two.pk}") and body.select_one(f"#claim-{ten.pk}")
    assert body.select_one(f"#claim-{two.pk}").get_text() == two.evidence


def test_article_text_is_escaped_not_interpreted(client, db):
    text = 'Intro. <script>alert(1)</script> 5 <b>dræbt</b> & "mere". Slut.'
    article = Article.objects.create(text=text, language="da", content_hash="hostile")
    start = text.index("<script>")
    Claim.objects.create(article=article, category="killed", low=5, evidence=text[start:start + 40],
                         evidence_start=start, evidence_end=start + 40)
    response = client.get(f"/articles/{article.pk}/")
    assert b"<script>alert" not in response.content and b"<b>dr" not in response.content
    body = soup(response).select_one("article.article-text")
    assert body.get_text().startswith("Intro. ")
    assert body.select_one("mark").get_text() == text[start:start + 40]
    assert body.get_text().endswith(text[start + 40:])


def test_claim_page_shows_figure_links_history_and_jsonld(client, demo_data):
    claim = Claim.objects.get(article__language="da", low=70)
    page = soup(client.get(f"/claims/{claim.pk}/"))
    assert ">70" in page.h1.get_text()
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    assert "mere end 70" in facts and "Russia" in facts and "ukrainske nationalister" in facts
    evidence = page.select_one(".evidence-context")
    assert evidence["lang"] == "da" and evidence.select_one("mark").get_text() == claim.evidence
    assert page.select_one(f'a[href="/articles/{claim.article_id}/#claim-{claim.pk}"]')
    assert "35 times" in page.select_one(".links .note").get_text()
    assert page.select_one("h3.kind-contradicts")
    assert page.select("ol.history li")
    assert page.select_one('head script[type="application/ld+json"]')


def test_claim_page_404_for_unknown_claim(client, db):
    assert client.get("/claims/987654/").status_code == 404


def test_home_lists_events_by_contradictions_and_newest_claims(client, demo_data):
    page = soup(client.get("/"))
    events = [a.get_text() for a in page.select(".event-list .event-name")]
    assert events[0] == "Belgorod incursion"
    assert page.select_one(".event-card .badge.conflict")
    assert len(page.select(".claim-feed li")) == Claim.objects.count()


def test_navigation_names_every_section(client, db):
    nav = soup(client.get("/")).select_one('nav[aria-label="Main"]')
    assert [a.get_text() for a in nav.find_all("a")][1:] == ["Home", "Claims", "Analyse", "Admin"]
    assert nav.select_one('a[aria-current="page"]').get_text() == "Home"


def test_pages_carry_no_inline_scripts_or_styles(client, demo_data):
    claim = Claim.objects.first()
    for url in ["/", "/claims/", BELGOROD, f"/claims/{claim.pk}/", f"/articles/{claim.article_id}/", "/analyse/"]:
        page = soup(client.get(url))
        assert not page.select("[style]") and not page.find("style"), url
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url


# --- Analyse ---------------------------------------------------------------------------------------------------


def analyse(client, **data):
    return client.post("/analyse/", {"analyse": "1", "language": "", **data})


def form_errors(response) -> str:
    page = soup(response)
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".form-errors, .error"))


def test_analyse_finds_claims_and_marks_them(client, db):
    text = "Russia's Defence Ministry said its forces had killed more than 70 attackers."
    page = soup(analyse(client, text=text))
    assert "found" in page.select_one("#analysis-heading").get_text()
    rows = page.select("table.found tbody tr")
    assert any(">70" in r.get_text() for r in rows)
    body = page.select_one(".analysis .article-text")
    assert body["lang"] == "en"
    assert body.select_one("mark#found-1 strong.figure").get_text() == "more than 70"
    assert page.select_one("textarea").get_text().strip() == text


def test_analyse_explains_empty_input(client, db):
    assert "Paste an article" in form_errors(analyse(client, text="   "))


def test_analyse_explains_too_long_input(client, db, settings):
    settings.NEWSCLAIMS_MAX_ANALYSE_CHARS = 50
    assert "the limit is 50" in form_errors(analyse(client, text="x" * 51))


def test_analyse_refuses_a_file_that_is_not_utf8(client, db):
    upload = SimpleUploadedFile("artikel.txt", "Mere end 70 dræbt".encode("latin-1"), "text/plain")
    assert "not UTF-8" in form_errors(analyse(client, file=upload))


def test_analyse_refuses_a_binary_file(client, db):
    upload = SimpleUploadedFile("artikel.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "text/plain")
    assert "binary" in form_errors(analyse(client, file=upload))


def test_analyse_refuses_other_file_types_and_big_files(client, db, settings):
    assert ".txt or .html" in form_errors(analyse(client, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")))
    settings.NEWSCLAIMS_MAX_ANALYSE_BYTES = 10
    assert "the limit is 10" in form_errors(analyse(client, file=SimpleUploadedFile("a.txt", b"x" * 11)))


def test_analyse_takes_the_main_text_of_an_html_upload(client, db):
    paragraph = "Russia's Defence Ministry said on Tuesday that its forces had killed more than 70 attackers. " * 3
    html = (f"<html><head><title>t</title><script>var x = 1;</script></head><body><nav>Home | World</nav>"
            f"<article><h1>Raid</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
            "<footer>(c) avis</footer></body></html>")
    page = soup(analyse(client, file=SimpleUploadedFile("a.html", html.encode(), "text/html")))
    text = page.select_one(".analysis .article-text").get_text()
    assert "killed more than 70 attackers" in text
    assert "var x" not in text and "Home | World" not in text


def test_analyse_reports_an_extractor_failure_as_a_message(client, db, monkeypatch):
    import newsclaims.extraction

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(newsclaims.extraction, "extract", broken)
    response = analyse(client, text="Mere end 70 blev dræbt.", language="da")
    assert "extraction failed" in form_errors(response).lower()
    assert b"boom" not in response.content and b"Traceback" not in response.content


def test_analyse_save_needs_the_add_article_permission(client, db, django_user_model):
    text = "Russia's Defence Ministry said its forces had killed more than 70 attackers."
    assert client.post("/analyse/", {"save": "1", "text": text}).status_code == 403
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.post("/analyse/", {"save": "1", "text": text}).status_code == 403
    assert not Article.objects.exists()
    assert "log in" in soup(client.get("/analyse/")).select_one(".actions").get_text()


def test_editor_saves_an_analysed_text_as_an_article(client, db, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(editor)
    assert soup(client.get("/analyse/")).select_one('button[name="save"]')
    text = "Russia's Defence Ministry said its forces had killed more than 70 attackers."
    response = client.post("/analyse/", {"save": "1", "text": text, "title": "Raid", "outlet": "Avisen",
                                         "published": "2023-05-24", "language": "en"})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert (article.title, str(article.outlet), article.published, article.language) == (
        "Raid", "Avisen", date(2023, 5, 24), "en")
    assert article.claims.filter(low=70, qualifier="more_than").exists()
    again = client.post("/analyse/", {"save": "1", "text": text})
    assert again["Location"] == article.get_absolute_url() and Article.objects.count() == 1


def test_editor_gets_a_message_for_a_bad_date_when_saving(client, db, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(editor)
    response = client.post("/analyse/", {"save": "1", "text": "Tre blev dræbt.", "published": "2023-02-31"})
    assert "not a real date" in form_errors(response)
    assert not Article.objects.exists()


def test_analyse_post_needs_a_csrf_token(db):
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post("/analyse/", {"text": "x"}).status_code == 403
