"""Retries with backoff, Retry-After, rate limiting, the error classes and secrets kept out of logs."""

from __future__ import annotations

import logging
import random
import socket
import time

import pytest

from bob_emploi.francetravail import (
    BadRequestError,
    Client,
    ClientConfig,
    FranceTravailError,
    MarketQuery,
    RateLimit,
    RateLimitedError,
    RateLimiter,
    RetryPolicy,
    ServerError,
    Timeouts,
    TransportError,
)
from bob_emploi.francetravail._exceptions import parse_retry_after, redact_url
from bob_emploi.francetravail.fake_server import FakeServer


def test_5xx_are_retried_until_success(ft_client: Client, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 500}, {"status": 503}])
    assert ft_client.rome.metier("M1805").libelle
    assert server.stats()["api_calls"] == 3


def test_token_endpoint_5xx_are_retried_too(ft_client: Client, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 502, "target": "token"}])
    ft_client.rome.metiers()
    assert server.stats()["token_requests"] == 2


def test_persistent_5xx_is_a_server_error_with_status_url_and_body(ft_client: Client, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 500}] * 3)
    with pytest.raises(ServerError) as caught:
        ft_client.rome.metiers()
    error = caught.value
    assert error.status == 500
    assert error.url == f"{server.api_url}/rome-metiers/v1/metiers/metier"
    assert error.body is not None and "Erreur simulée" in error.body
    assert server.stats()["api_calls"] == 3  # the policy's 3 attempts


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    policy = RetryPolicy(backoff=1.0, max_backoff=5.0, jitter=0.25)
    rng = random.Random(4)
    for attempt, base in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 5.0), (8, 5.0)):
        delays = [policy.delay(attempt, rng=rng) for _ in range(50)]
        assert all(base * 0.75 <= delay <= base * 1.25 for delay in delays)
        assert len(set(delays)) > 1, "jitter spreads the retries of concurrent clients"
    assert policy.delay(1, retry_after=7.0) == 7.0
    assert RetryPolicy(max_retry_after=3.0).delay(1, retry_after=60.0) == 3.0


def test_retry_after_is_honoured(ft_client: Client, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 429, "retry_after": 1}])
    start = time.monotonic()
    ft_client.rome.metiers()
    elapsed = time.monotonic() - start
    assert elapsed >= 0.95, "waited as long as the server asked, not the tiny backoff"
    calls = server.stats()["calls"]
    assert calls[1]["at"] - calls[0]["at"] >= 0.95


def test_persistent_429_is_rate_limited_error(config: ClientConfig, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 429, "retry_after": 0}] * 2)
    with (
        Client(config.with_changes(retry=RetryPolicy(attempts=2, backoff=0.01))) as client,
        pytest.raises(RateLimitedError) as caught,
    ):
        client.offers.referential("typesContrats")
    assert caught.value.status == 429
    assert caught.value.retry_after == 0


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a past date: no wait
    assert parse_retry_after("nonsense") is None
    assert parse_retry_after(None) is None


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_errors_are_retried_then_a_transport_error(config: ClientConfig) -> None:
    port = _closed_port()
    unreachable = config.with_changes(
        auth_url=f"http://127.0.0.1:{port}/connexion/oauth2/access_token?realm=/partenaire",
        timeouts=Timeouts(connect=0.5, read=0.5),
    )
    start = time.monotonic()
    with Client(unreachable) as client, pytest.raises(TransportError) as caught:
        client.rome.metiers()
    assert client.tokens_fetched == 3, "every attempt of the retry policy was made"
    assert time.monotonic() - start < 3
    assert caught.value.url == f"http://127.0.0.1:{port}/connexion/oauth2/access_token?realm=/partenaire"


def test_bad_request_carries_the_server_message(ft_client: Client) -> None:
    with pytest.raises(BadRequestError) as caught:
        ft_client.market.offers(MarketQuery(territory="", activity="M1805"))
    assert caught.value.message == "Champs obligatoires manquants : codeTerritoire"
    assert caught.value.status == 400


def test_every_error_shares_one_base() -> None:
    from bob_emploi.francetravail import AuthenticationError, ConfigurationError, NotFoundError

    for kind in (
        AuthenticationError,
        RateLimitedError,
        NotFoundError,
        BadRequestError,
        ServerError,
        TransportError,
        ConfigurationError,
    ):
        assert issubclass(kind, FranceTravailError)


def test_rate_limiter_spaces_calls_beyond_the_quota() -> None:
    now = [0.0]
    limiter = RateLimiter(RateLimit(3, 1.0), clock=lambda: now[0])
    assert [limiter.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.reserve() == pytest.approx(1.0)
    assert limiter.reserve() == pytest.approx(1.0)
    now[0] = 5.0
    assert limiter.reserve() == 0.0


def test_client_keeps_to_the_api_quota(config: ClientConfig, server: FakeServer) -> None:
    limited = config.with_changes(rate_limits={"offres": RateLimit(4, 0.5)})
    with Client(limited) as client:
        for _ in range(10):
            client.offers.referential("typesContrats")
    times = [call["at"] for call in server.stats()["calls"]]
    assert len(times) == 10
    # Server arrival times carry the loopback's jitter (tens of ms on a loaded machine): the bound
    # tells a limited client (0.5 s per 4 calls) from an unlimited one (a few ms) with room for it.
    for first, fifth in zip(times, times[4:], strict=False):
        assert fifth - first >= 0.3, "never 5 calls within half a second"
    assert times[-1] - times[0] < 2.0


def test_default_quota_of_the_offers_api_is_ten_per_second() -> None:
    config = ClientConfig("id", "secret")
    from bob_emploi.francetravail import APIS

    assert config.rate_limit(APIS["offres"]) == RateLimit(10, 1.0)


def test_secrets_never_reach_logs_reprs_or_errors(
    config: ClientConfig, server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[FranceTravailError] = []
    tokens: list[str] = []
    with Client(config) as client:
        client.offers.referential("typesContrats")
        server.control(revoke_tokens=True, fail_next=[{"status": 500}])
        client.offers.referential("typesContrats")  # 401, renewal, 500, retry
        tokens = [token.access_token for token in client._core.tokens._tokens.values()]
        try:
            client.offers.get("UNKNOWN9")
        except FranceTravailError as error:
            errors.append(error)
    with Client(config.with_changes(client_secret="another-s3cret")) as client:
        try:
            client.rome.metiers()
        except FranceTravailError as error:
            errors.append(error)

    assert tokens and len(errors) == 2
    assert "retrying" in caplog.text and "new token" in caplog.text, "the logs do say what happened"
    texts = [caplog.text, repr(config), *(f"{error} {error.body} {error.url}" for error in errors)]
    for secret in (config.client_secret, "another-s3cret", *tokens):
        for text in texts:
            assert secret not in text


def test_redact_url_masks_query_secrets_and_user_info() -> None:
    assert redact_url("https://user:pw@host/path?client_secret=abc&x=1") == "https://host/path?client_secret=***&x=1"
