"""Reliability at the edge of a request: a clear page instead of a stack trace when the database is down or a
request is too large to read."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


# SQLite reports a missing migration as an OperationalError too; that is a broken deployment (500), not an outage.
SCHEMA_ERRORS = ("no such table", "no such column", "has no column named")


def is_database_unavailable(exception: BaseException | None) -> bool:
    """True for errors that mean "cannot talk to the database now", not for bad queries, missing tables or broken
    constraints."""
    if not isinstance(exception, (DatabaseError, InterfaceError)):  # InterfaceError is no DatabaseError
        return False
    message = str(exception).lower()
    if any(error in message for error in SCHEMA_ERRORS):
        return False
    return isinstance(exception, (OperationalError, InterfaceError)) or "connection" in message


def database_unavailable_response(request=None) -> HttpResponse:
    # Rendered without the request: context processors would read the session and the user from the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    if request is not None and request.headers.get("HX-Request") == "true":
        # htmx swaps no error response, so a filter change would silently do nothing; reloading the page shows
        # this explanation instead (htmx acts on HX-Refresh before deciding about the swap).
        response["HX-Refresh"] = "true"
    return response


def request_too_large_response(limit_bytes: int) -> HttpResponse:
    body = render_to_string(
        "413.html",
        {
            "limit_mb": f"{limit_bytes / (1024 * 1024):.4g}",
            "max_article_chars": f"{settings.NEWSCLAIMS_MAX_ARTICLE_CHARS:,}",
        },
    )
    return HttpResponse(body, status=413)


class DatabaseUnavailableMiddleware:
    """503 with a plain page and `Retry-After` when a view cannot reach the database.

    Errors raised outside a view (a session saved after the response, say) reach `handler500`, which makes the
    same decision (`newsclaims.views.errors.server_error`). Nothing needs restarting when the database returns:
    Django drops a connection that failed, and `conn_health_checks` tests a persistent one before reuse.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.error("database unavailable: %s", exception)
            return database_unavailable_response(request)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds NEWSCLAIMS_MAX_REQUEST_BYTES before anything reads it.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk without a limit;
    this is the one cap on the whole body. It sits last in MIDDLEWARE so that the 413 still passes through the
    security and CSP middleware on its way out, and before CSRF's check, which would read the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.NEWSCLAIMS_MAX_REQUEST_BYTES:
            logger.warning("refused a %d-byte %s to %s", length, request.method, request.path)
            return request_too_large_response(settings.NEWSCLAIMS_MAX_REQUEST_BYTES)
        return self.get_response(request)
