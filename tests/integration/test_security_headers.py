"""Headers, cookies and CSRF: what the production settings send, and that no state change goes without a token."""

import importlib
import os

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_CSP",
]


@pytest.fixture
def production_security(monkeypatch):
    """The security settings exactly as newsclaims.settings.production computes them, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "p" * 60)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    importlib.reload(importlib.import_module("newsclaims.settings.base"))  # it read SECRET_KEY when first imported
    production = importlib.reload(importlib.import_module("newsclaims.settings.production"))
    values = {name: getattr(production, name) for name in PRODUCTION_SECURITY_SETTINGS}
    with override_settings(**values):
        yield values


def test_production_turns_on_https_only_settings(production_security):
    assert production_security["SECURE_SSL_REDIRECT"] is True
    assert production_security["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert production_security["SESSION_COOKIE_SECURE"] and production_security["CSRF_COOKIE_SECURE"]
    assert "DEBUG" not in os.environ or os.environ["DEBUG"].lower() not in {"1", "true"}


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(production_security, client):
    response = client.get("/admin/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_https_responses_carry_hsts_csp_nosniff_referrer_policy_and_frame_denial(production_security, client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


@pytest.mark.django_db
def test_cookies_are_secure_and_httponly_in_production(production_security, client):
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    get_user_model().objects.create_superuser("ed", password="pw-for-tests-only")
    response = client.post("/admin/login/", {"username": "ed", "password": "pw-for-tests-only"}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("boss", password="pw-for-tests-only")


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_an_admin_action_without_a_csrf_token_is_refused_and_changes_nothing(editor, demo_data):
    from newsclaims.models import Claim

    claims = list(Claim.objects.values_list("pk", "status"))
    client = csrf_client(editor)
    client.get("/admin/newsclaims/claim/")  # the browser has the cookie, the forged form has no token
    response = client.post(
        "/admin/newsclaims/claim/",
        {"action": "delete_selected", "_selected_action": [pk for pk, _ in claims], "post": "yes"},
    )
    assert response.status_code == 403
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "nothing was saved" in text
    assert list(Claim.objects.values_list("pk", "status")) == claims


def test_an_admin_change_without_a_csrf_token_is_refused(editor, demo_data):
    from newsclaims.models import Event

    event = Event.objects.get(slug="belgorod-incursion-2023-05")
    client = csrf_client(editor)
    response = client.post(f"/admin/newsclaims/event/{event.pk}/change/", {"name": "forged", "slug": event.slug})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.name != "forged"


def test_saving_an_analysed_text_without_a_csrf_token_is_refused(editor, demo_data):
    from newsclaims.models import Article

    before = Article.objects.count()
    client = csrf_client(editor)
    client.get("/analyse/")
    response = client.post("/analyse/", {"text": "Mere end 70 blev dræbt, siger ministeriet.", "language": "da",
                                         "save": "1", "title": "forged"})
    assert response.status_code == 403
    assert Article.objects.count() == before


def test_the_csrf_failure_page_has_no_inline_style_or_script(editor):
    client = csrf_client(editor)
    client.get("/admin/login/")
    response = client.post("/admin/logout/")
    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.find("style") and not soup.find(style=True)
    assert not [s for s in soup.find_all("script") if not s.get("src")]
