"""Bounded input: request bodies, form data, articles and list pages have limits, each with a clear message."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from newsclaims.models import Article
from newsclaims.services import IngestError, article_ingest


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def csrf_checking_client() -> Client:
    """A client like a browser's: it holds the CSRF cookie, so the CSRF check goes on to read the form."""
    client = Client(enforce_csrf_checks=True)
    assert client.get("/admin/login/").status_code == 200
    return client


@pytest.mark.django_db
def test_a_body_over_the_request_limit_is_refused_with_413_before_it_is_read(client, settings):
    settings.NEWSCLAIMS_MAX_REQUEST_BYTES = 64 * 1024
    body = b"x" * (settings.NEWSCLAIMS_MAX_REQUEST_BYTES + 1)
    response = client.generic("POST", "/admin/login/", body, content_type="application/octet-stream")
    assert response.status_code == 413
    text = page_text(response)
    assert "too large" in text and "0.0625 MB" in text
    assert "Traceback" not in text and "RequestSizeLimit" not in text
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_an_upload_over_the_request_limit_is_413_even_though_django_would_stream_it_to_disk(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.NEWSCLAIMS_MAX_REQUEST_BYTES = 32 * 1024
    upload = SimpleUploadedFile("article.txt", "Mere end 70 blev dræbt. ".encode() * 4000, content_type="text/plain")
    response = client.post("/admin/login/", {"file": upload})
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_body_at_the_request_limit_is_accepted(client, settings):
    settings.NEWSCLAIMS_MAX_REQUEST_BYTES = 64 * 1024
    body = "username=a&password=b&pad=" + "x" * (64 * 1024 - len("username=a&password=b&pad="))
    response = client.generic("POST", "/admin/login/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the login form again, with its "wrong password" message


@pytest.mark.django_db
def test_form_data_over_django_upload_limit_is_a_413_page_not_a_bare_400(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = csrf_checking_client()  # the CSRF check is what reads the form first
    response = client.post("/admin/login/", {"username": "a", "password": "b" * 5000})
    assert response.status_code == 413
    assert "too large" in page_text(response) and "0.0009766 MB" in page_text(response)


@pytest.mark.django_db
def test_too_many_form_fields_get_the_plain_400_page(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = csrf_checking_client()
    response = client.post("/admin/login/", {f"f{i}": "v" for i in range(50)})
    assert response.status_code == 400
    text = page_text(response)
    assert "Bad request" in text and "too many fields" in text
    assert "TooManyFieldsSent" not in text


@pytest.mark.django_db
def test_an_article_over_the_character_limit_is_refused_with_its_length_and_the_limit(settings):
    settings.NEWSCLAIMS_MAX_ARTICLE_CHARS = 1000
    with pytest.raises(IngestError) as excinfo:
        article_ingest(text="Mere end 70 blev dræbt. " * 50, language="da")
    assert "1,199 characters" in str(excinfo.value) and "1,000" in str(excinfo.value)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_article_exactly_at_the_character_limit_is_stored(settings):
    settings.NEWSCLAIMS_MAX_ARTICLE_CHARS = 1000
    text = ("Mere end 70 blev dræbt. " * 50)[:1000].strip()
    text = text + "x" * (1000 - len(text))
    result = article_ingest(text=text, language="da")
    assert result.created and len(result.article.text) == 1000


def test_the_limits_are_configured_and_ordered():
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.NEWSCLAIMS_MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.NEWSCLAIMS_MAX_REQUEST_BYTES
    assert 0 < settings.NEWSCLAIMS_PAGE_SIZE <= settings.NEWSCLAIMS_MAX_PAGE_SIZE
    # the largest article fits in a request, whatever its encoding in the form (Danish letters are 2 bytes)
    assert settings.NEWSCLAIMS_MAX_ARTICLE_CHARS * 2 <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture
def many_claims(db):
    from newsclaims.models import Claim

    text = "Mere end 70 blev dræbt, siger ministeriet."
    article = Article.objects.create(text=text, language="da", content_hash="c" * 64)
    Claim.objects.bulk_create(
        Claim(article=article, category="killed", low=n, evidence=text, evidence_start=0, evidence_end=len(text))
        for n in range(settings.NEWSCLAIMS_MAX_PAGE_SIZE + 30)
    )


def test_the_list_page_never_shows_more_than_the_largest_page_size(client, many_claims):
    response = client.get("/claims/", {"size": "100000"})
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select("li.claim-item")
    assert len(items) == settings.NEWSCLAIMS_MAX_PAGE_SIZE


@pytest.mark.parametrize("size", ["-5", "0", "abc", "1e9", ""])
def test_a_nonsense_page_size_falls_back_to_a_bounded_page(client, many_claims, size):
    response = client.get("/claims/", {"size": size})
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select("li.claim-item")
    assert 1 <= len(items) <= settings.NEWSCLAIMS_MAX_PAGE_SIZE


def test_the_api_refuses_a_page_size_over_the_limit_and_says_so(client, many_claims):
    response = client.get("/api/claims", {"page_size": settings.NEWSCLAIMS_MAX_PAGE_SIZE + 1})
    assert response.status_code == 422
    assert "page_size" in str(response.json()["detail"]) and str(settings.NEWSCLAIMS_MAX_PAGE_SIZE) in str(
        response.json()["detail"]
    )
    response = client.get("/api/claims", {"page_size": settings.NEWSCLAIMS_MAX_PAGE_SIZE})
    assert response.status_code == 200 and len(response.json()["items"]) == settings.NEWSCLAIMS_MAX_PAGE_SIZE


def test_a_page_number_past_the_end_is_the_last_page_not_an_error(client, many_claims):
    pages = -(-(settings.NEWSCLAIMS_MAX_PAGE_SIZE + 30) // settings.NEWSCLAIMS_PAGE_SIZE)
    last = client.get("/claims/", {"page": str(pages)})
    response = client.get("/claims/", {"page": "999999999999999999999"})
    assert response.status_code == 200

    def ids(r):
        return [li["data-claim"] for li in BeautifulSoup(r.content, "html.parser").select("li.claim-item")]

    assert ids(response) == ids(last) != []


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_gets_the_plain_400_page(client):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    text = page_text(response)
    assert "Bad request" in text and "DisallowedHost" not in text and "evil.example" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "Mere end 70 blev dræbt \ud800 siger han."}, "text is not valid Unicode"),
        ({"title": "Angreb \udfff"}, "title is not valid Unicode"),
        ({"title": "Angreb\x00"}, "title contains a NUL character"),
        ({"outlet": "Ritzau\x00"}, "outlet contains a NUL character"),
    ],
)
def test_text_that_no_database_can_store_is_refused_with_a_reason_not_a_crash(fields, message):
    """A JSON line's "\\ud800" escape decodes to a lone surrogate; PostgreSQL refuses NUL characters."""
    kwargs = {"text": "Mere end 70 blev dræbt, siger han.", "language": "da", **fields}
    with pytest.raises(IngestError, match=message):
        article_ingest(**kwargs)
    assert not Article.objects.exists()
