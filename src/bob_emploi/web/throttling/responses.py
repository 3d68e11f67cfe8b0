"""The 429 answers: French for the pages, the API's JSON error shape under /api/, always with Retry-After."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bob_emploi.web.accounts.services import LOCKED_OUT_MESSAGE, LOCKOUT_SECONDS
from bob_emploi.web.api.errors import API_PREFIX, error_response
from bob_emploi.web.pages.layout import page
from bob_emploi.web.throttling.services import Throttled


def with_retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    response["Retry-After"] = str(max(1, int(seconds)))
    return response


def throttled_json(error: Throttled) -> HttpResponse:
    return with_retry_after(error_response(429, error.message, "too_many_attempts"), error.retry_after)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes's AXES_LOCKOUT_CALLABLE: after too many failures for one address from one IP.

    A view that already answered 429 (the login form, with its message) keeps its answer.
    """
    if original_response is not None and original_response.status_code == 429:
        return with_retry_after(original_response, LOCKOUT_SECONDS)
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = error_response(429, LOCKED_OUT_MESSAGE, "too_many_attempts")
    else:
        response = render(request, "pages/account/locked.html", page("Connexion bloquée", []), status=429)
    return with_retry_after(response, LOCKOUT_SECONDS)
