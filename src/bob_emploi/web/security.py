"""What Django 5.2 does not do by itself: the Content-Security-Policy, no-store on personal
answers, and a clear 414 for over-long URIs.

The policy comes from `settings.BOB_CSP` (directive → sources). It allows no inline script
and no other host, so a third-party tracker, font or script can never load, even by mistake.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bob_emploi.web.api.errors import API_PREFIX, error_response
from bob_emploi.web.pages.layout import page

HEADER = "Content-Security-Policy"


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the CSP header to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(settings.BOB_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = self.header
        return response


# API answers about one person (their account, projects, tokens): no cache may keep them.
PRIVATE_API_PREFIXES = ("/api/v1/me", "/api/v1/auth/")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on the personal API answers and on any answer to a bearer token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_API_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = "no-store"
        return response


class UriTooLongMiddleware:
    """Refuses a request URI longer than settings.BOB_MAX_URI_LENGTH with 414, before any view reads it.

    gunicorn lets longer lines through (up to 8190 bytes) so that this answer, JSON under /api/
    and a French page elsewhere, is the one clients meet.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = settings.BOB_MAX_URI_LENGTH

    def __call__(self, request: HttpRequest) -> HttpResponse:
        uri = request.META.get("RAW_URI") or request.get_full_path()
        if len(uri) <= self.limit:
            return self.get_response(request)
        message = f"L'adresse demandée est trop longue ({self.limit} caractères au plus)."
        if request.path.startswith(API_PREFIX):
            response: HttpResponse = error_response(414, message, "uri_too_long")
        else:
            context = page("Adresse trop longue", [], text=message)
            response = render(request, "pages/account/message.html", context, status=414)
        response["Content-Length"] = str(len(response.content))  # answered before CommonMiddleware would
        return response
