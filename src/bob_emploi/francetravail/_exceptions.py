"""One exception hierarchy for every France Travail API, so callers catch one base class.

Each error carries the HTTP status, the URL (query secrets redacted) and the
response body, which is what one needs to report a problem to the platform's
support without leaking credentials.
"""

from __future__ import annotations

import re

import httpx

_SECRET_PARAMS = re.compile(r"(?i)(client_secret|access_token|token|password)=[^&]*")
_BODY_LIMIT = 2000


def redact_url(url: httpx.URL | str) -> str:
    """The URL without user info and with secret-looking query values masked."""
    parsed = httpx.URL(str(url))
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    return _SECRET_PARAMS.sub(r"\1=***", str(parsed))


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """A body safe to log: known secrets and token-looking fields masked, truncated."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = re.sub(r'(?i)("(?:access_token|client_secret)"\s*:\s*)"[^"]*"', r'\1"***"', text)
    return text if len(text) <= _BODY_LIMIT else text[:_BODY_LIMIT] + "…"


class FranceTravailError(Exception):
    """Base of every error raised by `bob_emploi.francetravail`."""

    def __init__(
        self, message: str, *, status: int | None = None, url: str | None = None, body: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.url = url
        self.body = body

    def __str__(self) -> str:
        parts = [self.message]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.url:
            parts.append(self.url)
        return " — ".join(parts)


class ConfigurationError(FranceTravailError):
    """The client cannot work as configured (e.g. no credentials)."""


class AuthenticationError(FranceTravailError):
    """The token endpoint refused the credentials or scopes, or the API refused the token."""


class RateLimitedError(FranceTravailError):
    """HTTP 429 that outlived the retries; `retry_after` is the server's hint in seconds."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        status: int | None = None,
        url: str | None = None,
        body: str | None = None,
    ) -> None:
        super().__init__(message, status=status, url=url, body=body)
        self.retry_after = retry_after


class NotFoundError(FranceTravailError):
    """HTTP 404: the offer, job or resource does not exist (any more)."""


class BadRequestError(FranceTravailError):
    """HTTP 400/422: the server rejected the parameters; `message` holds its explanation."""


class ServerError(FranceTravailError):
    """HTTP 5xx that outlived the retries."""


class TransportError(FranceTravailError):
    """The server could not be reached (connection refused, timeout…) after the retries."""


def server_message(body: str) -> str:
    """The human message in a France Travail error body (`message`, `error_description`…), else the body."""
    import json

    try:
        data = json.loads(body)
    except ValueError:
        return body.strip()[:300]
    if isinstance(data, dict):
        for key in ("message", "error_description", "messageErreur", "detail", "error"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return value
    return body.strip()[:300]


def error_for_response(response: httpx.Response, secrets: tuple[str, ...] = ()) -> FranceTravailError:
    """Map an unsuccessful response to the exception class callers catch."""
    status = response.status_code
    url = redact_url(response.request.url)
    body = redact_text(response.text, secrets)
    message = server_message(body)
    if status in (401, 403):
        return AuthenticationError(f"authentication refused: {message}", status=status, url=url, body=body)
    if status == 404:
        return NotFoundError(f"not found: {message}", status=status, url=url, body=body)
    if status == 429:
        return RateLimitedError(
            f"rate limited: {message}",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            status=status,
            url=url,
            body=body,
        )
    if status >= 500:
        return ServerError(f"server error: {message}", status=status, url=url, body=body)
    if 400 <= status < 500:
        return BadRequestError(message or "bad request", status=status, url=url, body=body)
    return FranceTravailError(f"unexpected response: {message}", status=status, url=url, body=body)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    import datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())
