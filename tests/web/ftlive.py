"""The fake France Travail server run as a real process, and Bob's live opportunities pointed at it.

Fixtures of the opportunities' tests, made available to every web test by tests/web/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from bob_emploi.francetravail import RetryPolicy, Timeouts
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.web.opportunities import fetch, service


@pytest.fixture(scope="module")
def france_travail_server() -> Iterator[FakeServer]:
    """The fake server, one process for a test module (reset by `france_travail` for each test)."""
    with FakeServer(client_id="bob-test", client_secret="fake-secret") as fake:
        yield fake


@pytest.fixture
def france_travail(france_travail_server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    """The fake server, reset, with Bob's credentials and URLs pointed at it and an empty cache."""
    server = france_travail_server
    server.reset()
    for name, value in {
        "FT_CLIENT_ID": server.client_id,
        "FT_CLIENT_SECRET": server.client_secret,
        "FT_API_URL": server.api_url,
        "FT_AUTH_URL": server.auth_url,
    }.items():
        monkeypatch.setenv(name, value)
    # Short timeouts and retries, so that a slow or failing API costs the tests seconds, not minutes.
    monkeypatch.setattr(fetch, "TIMEOUTS", Timeouts(connect=1.0, read=0.5, write=0.5, pool=1.0))
    monkeypatch.setattr(fetch, "RETRY", RetryPolicy(attempts=2, backoff=0.01, max_backoff=0.02, max_retry_after=0.1))
    service.close()  # a client of an earlier test would hold a token the reset server forgot
    cache.clear()
    yield server
    service.close()  # no refresh of this test left running against the next one's settings
