"""Fixtures: one fake France Travail server process per xdist worker, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bob_emploi.francetravail import APIS, Client, ClientConfig, RateLimit, RetryPolicy
from bob_emploi.francetravail.fake_server import FakeServer

# Tiny backoff so retry tests take milliseconds; generous quotas unless a test checks them.
FAST_RETRY = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.05, jitter=0.5)
NO_LIMITS = {name: RateLimit(10_000) for name in APIS}


@pytest.fixture(scope="session")
def server() -> Iterator[FakeServer]:
    with FakeServer(client_id="client-test", client_secret="s3cr3t-value") as fake:
        yield fake


@pytest.fixture(autouse=True)
def fresh_server(server: FakeServer) -> FakeServer:
    server.reset()
    return server


@pytest.fixture
def config(server: FakeServer) -> ClientConfig:
    return ClientConfig(
        client_id=server.client_id,
        client_secret=server.client_secret,
        api_url=server.api_url,
        auth_url=server.auth_url,
        retry=FAST_RETRY,
        rate_limits=NO_LIMITS,
    )


@pytest.fixture
def ft_client(config: ClientConfig) -> Iterator[Client]:
    with Client(config) as ft_client:
        yield ft_client
