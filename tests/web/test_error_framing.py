"""Every JSON error, read off a real socket from `bob serve`: its Content-Length is its body's length.

Django's test client hands the response object over and never checks framing; a real client
(httpx, curl) reads exactly Content-Length bytes, so a stale header truncates the JSON or fails.
Checked in development and in production settings, which render different HTML before the rewrite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import PASSWORD, advisor_input
from tests.web.live import LiveServer, bob_serve, seed_accounts

EMAIL = "framing@example.org"


@contextmanager
def _client(server: LiveServer) -> Iterator[httpx.Client]:
    # In production the balancer says the request came over HTTPS; without it, a 301 to https://.
    origin = server.base.replace("http://", "https://")
    with server.client(headers={"X-Forwarded-Proto": "https", "Origin": origin}) as http:
        yield http


def _raw(client: httpx.Client, method: str, path: str, **kwargs: object) -> tuple[httpx.Response, bytes]:
    """The answer and the body bytes as they came off the socket (httpx checks them against Content-Length)."""
    with client.stream(method, path, **kwargs) as answer:  # type: ignore[arg-type]
        body = b"".join(answer.iter_raw())
    return answer, body


def _assert_framed_json(answer: httpx.Response, body: bytes, status: int, code: str) -> None:
    assert answer.status_code == status, body[:500]
    assert answer.headers["content-length"] == str(len(body)), (answer.headers, body[:200])
    assert answer.headers["content-type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert error["code"] == code
    assert error["message"]
    assert isinstance(error["fields"], list)


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    # In production the cookies are Secure, which httpx keeps for https:// addresses: sent by hand.
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def _session(client: httpx.Client) -> dict[str, str]:
    """Signs in through the login form; returns the session's cookies."""
    cookies = dict(client.get("/compte/connexion").cookies.items())
    client.cookies.clear()
    form = {"email": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": cookies["csrftoken"]}
    login = client.post("/compte/connexion", data=form, headers=_cookie_header(cookies))
    client.cookies.clear()
    assert login.status_code == 302, login.text[:1000]
    return cookies | dict(login.cookies.items())


CASES: list[tuple[str, str, str, dict[str, object], int, str]] = [
    ("404 unknown URL", "GET", "/api/v1/nope", {}, 404, "not_found"),
    ("404 unknown job", "GET", "/api/v1/jobs/00000", {}, 404, "not_found"),
    ("405", "DELETE", "/api/v1/health", {}, 405, "method_not_allowed"),
    ("401", "GET", "/api/v1/me", {}, 401, "not_authenticated"),
    (
        "400 broken JSON",
        "POST",
        "/api/v1/diagnostic",
        {"content": b"{", "headers": {"Content-Type": "application/json"}},
        400,
        "bad_request",
    ),
    ("413", "POST", "/api/v1/diagnostic", {"json": {**advisor_input(), "padding": "x" * 70_000}}, 413, "too_large"),
    ("415", "POST", "/api/v1/diagnostic", {"data": {"profile": "x"}}, 415, "unsupported_media_type"),
    ("422", "POST", "/api/v1/diagnostic", {"json": {}}, 422, "invalid_input"),
]


def _check_csrf_refusal(client: httpx.Client) -> None:
    cookies = _session(client)
    signed_in, _ = _raw(client, "GET", "/api/v1/me", headers=_cookie_header(cookies))
    assert signed_in.status_code == 200
    # No X-CSRFToken header: refused.
    answer, body = _raw(client, "PUT", "/api/v1/me", json=advisor_input()["profile"], headers=_cookie_header(cookies))
    _assert_framed_json(answer, body, 403, "csrf_failed")


def _check_lockout(client: httpx.Client) -> None:
    """django-axes: the 5th failure for one address from one IP, and every attempt after it, get 429."""
    credentials = {"email": "locked@example.org", "password": "pas le bon mot de passe"}
    for _ in range(4):
        answer, body = _raw(client, "POST", "/api/v1/auth/token", json=credentials)
        _assert_framed_json(answer, body, 401, "invalid_credentials")
    answer, body = _raw(client, "POST", "/api/v1/auth/token", json=credentials)
    _assert_framed_json(answer, body, 429, "too_many_attempts")
    answer, body = _raw(client, "POST", "/api/v1/auth/token", json=credentials | {"password": PASSWORD})
    _assert_framed_json(answer, body, 429, "too_many_attempts")


# One test per mode, the cases as subtests: one server each (starting one in production,
# collectstatic included, takes 20 s), whatever the order and the xdist worker.
@pytest.mark.parametrize("mode", ["development", "production"])
def test_every_api_error_is_framed_json(
    mode: str, small_bundle: Path, tmp_path: Path, subtests: pytest.Subtests
) -> None:
    with bob_serve(small_bundle, tmp_path, production=mode == "production") as server, _client(server) as client:
        seed_accounts(server, [EMAIL], PASSWORD)
        for name, method, path, kwargs, status, code in CASES:
            with subtests.test(msg=name):
                answer, body = _raw(client, method, path, **kwargs)
                _assert_framed_json(answer, body, status, code)
        with subtests.test(msg="403 CSRF"):
            _check_csrf_refusal(client)
        with subtests.test(msg="429 lockout"):
            _check_lockout(client)
