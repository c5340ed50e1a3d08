"""Error handlers (`handler400`, `handler500` in the URLconf): a clear page for each failure, never a stack trace."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.views import defaults

from newsclaims.middleware import database_unavailable_response, is_database_unavailable, request_too_large_response


def bad_request(request, exception):
    """400, except that a form too large to read is a 413 that says what the limit is."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large_response(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)


def server_error(request):
    """500, except that an unreachable database is a 503 (the error came from middleware, not from a view)."""
    # Django calls this inside its `except` block, so the exception being handled is still at hand.
    if is_database_unavailable(sys.exception()):
        return database_unavailable_response(request)
    return defaults.server_error(request)
