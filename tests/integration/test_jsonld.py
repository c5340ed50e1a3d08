"""schema.org JSON-LD on claim pages: a Claim naming its claimant and article; a ClaimReview once reviewed."""

import json

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from newsclaims.jsonld import claim_jsonld, dumps_for_script
from newsclaims.models import Claim, Claimant

pytestmark = pytest.mark.django_db

BELGOROD = "belgorod-incursion-2023-05"
HOSTILE = "</script><script>alert(1)</script>"


def ld_blocks(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def page_jsonld(client, claim) -> tuple[dict, str]:
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    blocks = ld_blocks(html)
    assert len(blocks) == 1
    return blocks[0], html


def the_claim(document: dict) -> dict:
    return document["itemReviewed"] if document["@type"] == "ClaimReview" else document


@pytest.fixture
def kapustin_claim(demo_data):
    return Claim.objects.select_related("article__outlet", "claimant").get(
        event__slug=BELGOROD, category="killed", claimant__name="Denis Kapustin", article__language="da"
    )


def set_status(claim, status):
    claim.status = status
    claim.reviewed_at = timezone.now()
    claim.save()
    return claim


def test_claim_page_embeds_a_claim_naming_claimant_and_article(client, kapustin_claim):
    set_status(kapustin_claim, Claim.Status.EXTRACTED)
    document, _ = page_jsonld(client, kapustin_claim)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "Claim"
    assert document["author"] == {
        "@type": "Person",
        "name": "Denis Kapustin",
        "affiliation": {"@type": "Organization", "name": "Russian Volunteer Corps"},
    }
    article = kapustin_claim.article
    assert document["appearance"]["@type"] == "NewsArticle"
    assert document["appearance"]["headline"] == article.title
    assert document["appearance"]["url"] == article.url
    assert document["appearance"]["publisher"]["name"] == article.outlet.name
    assert document["appearance"]["datePublished"] == "2023-05-24"
    assert document["datePublished"] == "2023-05-24"
    assert document["text"] == kapustin_claim.evidence
    assert document["url"] == f"http://testserver/claims/{kapustin_claim.pk}/"
    assert document["about"]["name"] == "Belgorod incursion"


def test_a_confirmed_claim_gets_a_claim_review_by_the_newsroom(client, kapustin_claim, settings):
    settings.NEWSCLAIMS_NEWSROOM_NAME = "Nordlys Nyt fact desk"
    set_status(kapustin_claim, Claim.Status.CONFIRMED)
    document, _ = page_jsonld(client, kapustin_claim)
    assert document["@type"] == "ClaimReview"
    assert document["reviewRating"]["alternateName"] == "Confirmed as reported"
    assert document["author"] == {"@type": "Organization", "name": "Nordlys Nyt fact desk"}
    assert document["claimReviewed"] == kapustin_claim.evidence
    assert document["itemReviewed"]["@type"] == "Claim"
    assert document["itemReviewed"]["author"]["name"] == "Denis Kapustin"
    assert document["datePublished"] == kapustin_claim.reviewed_at.date().isoformat()


def test_a_rejected_claim_gets_a_rejected_review(client, kapustin_claim):
    set_status(kapustin_claim, Claim.Status.REJECTED)
    document, _ = page_jsonld(client, kapustin_claim)
    rating = document["reviewRating"]
    assert document["@type"] == "ClaimReview"
    assert rating["alternateName"] == "Rejected"
    assert rating["worstRating"] <= rating["ratingValue"] < rating["bestRating"]
    assert "Neither is a judgement on whether the figure itself is true" in rating["ratingExplanation"]


def test_organisations_are_organizations_with_their_side(demo_data, rf):
    claim = Claim.objects.filter(claimant__name="Russian Ministry of Defence").first()
    document = the_claim(claim_jsonld(claim, request=rf.get("/")))
    assert document["author"]["@type"] == "Organization"
    assert document["author"]["parentOrganization"]["name"] == "Russia"


def test_an_unresolved_claimant_is_named_as_written(demo_data):
    claim = Claim.objects.first()
    claim.claimant = None
    claim.claimant_text = "en talsmand"
    claim.status = Claim.Status.EXTRACTED
    claim.save()
    assert claim_jsonld(claim)["author"] == {"@type": "Organization", "name": "en talsmand"}


def test_month_precision_dates_are_not_given_a_day(demo_data):
    claim = Claim.objects.select_related("article").first()
    claim.article.published_precision = "month"
    document = the_claim(claim_jsonld(claim))
    assert document["datePublished"] == f"{claim.article.published:%Y-%m}"


def test_hostile_text_cannot_leave_the_script_element(client, kapustin_claim):
    kapustin_claim.evidence = f"Han sagde {HOSTILE} & <!-- gik"
    kapustin_claim.save()
    Claimant.objects.filter(pk=kapustin_claim.claimant_id).update(name=HOSTILE)
    document, html = page_jsonld(client, kapustin_claim)
    assert the_claim(document)["text"] == kapustin_claim.evidence
    assert the_claim(document)["author"]["name"] == HOSTILE
    assert "<script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in soup.find_all("script"))


def test_dumps_for_script_escapes_markup_and_stays_json():
    data = {"text": "a </script> & <!-- b \u2028 c", "name": "æøå"}
    dumped = dumps_for_script(data)
    assert "<" not in dumped and ">" not in dumped and "&" not in dumped
    assert "æøå" in dumped
    assert json.loads(dumped) == data


def test_include_renders_one_parseable_block_without_a_request(demo_data):
    claim = Claim.objects.first()
    html = render_to_string("claims/_jsonld.html", {"claim": claim})
    blocks = ld_blocks(html)
    assert len(blocks) == 1 and the_claim(blocks[0])["url"] == claim.get_absolute_url()


def test_include_uses_absolute_urls_from_the_request(demo_data):
    claim = Claim.objects.first()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    html = render_to_string("claims/_jsonld.html", {"claim": claim}, request=request)
    assert the_claim(ld_blocks(html)[0])["url"] == f"http://localhost/claims/{claim.pk}/"
