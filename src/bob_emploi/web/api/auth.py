"""Who is calling the API: a bearer token (API clients) or the site's session (the pages' scripts).

Tokens come from `POST /api/v1/auth/token` and go in `Authorization: Bearer bob_…`; they need no
CSRF token since a browser never sends them by itself. A session cookie is sent by the browser
on any request, so session calls that change something must carry the CSRF token
(`X-CSRFToken` header, from the `csrftoken` cookie), as Django forms do.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from bob_emploi.web.accounts.models import User
from bob_emploi.web.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionWithCsrf(APIKeyCookie):
    """Django's session; unsafe methods must also pass Django's CSRF check (403 csrf_failed)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, only for a signed-in user

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover - see __call__
        return None


AUTH = [BearerToken(), SessionWithCsrf()]
