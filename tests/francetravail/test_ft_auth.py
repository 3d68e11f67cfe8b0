"""OAuth2 client credentials against the fake server: caching, renewal, 401 handling, refusals."""

from __future__ import annotations

import time

import pytest

from bob_emploi.francetravail import (
    APIS,
    ApiSpec,
    AuthenticationError,
    Client,
    ClientConfig,
    FranceTravailError,
    Operation,
    RateLimit,
)
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.francetravail.offers import referential_operation


def test_one_token_per_scope_set_reused_across_calls(ft_client: Client, server: FakeServer) -> None:
    for _ in range(3):
        ft_client.offers.referential("typesContrats")
    ft_client.rome.metiers()
    ft_client.rome.metier("M1805")

    stats = server.stats()
    assert stats["token_requests"] == 2
    assert stats["api_calls"] == 5
    offers_scopes, rome_scopes = stats["token_scopes"]
    assert set(offers_scopes) == {"application_client-test", "api_offresdemploiv2", "o2dsoffre"}
    assert set(rome_scopes) == {"application_client-test", "api_rome-metiersv1", "nomenclatureRome"}


def test_token_renewed_before_expiry_without_any_401(config: ClientConfig, server: FakeServer) -> None:
    server.control(token_lifetime=1.2)
    with Client(config.with_changes(token_margin=0.5)) as client:
        client.offers.referential("typesContrats")
        client.offers.referential("typesContrats")
        assert server.stats()["token_requests"] == 1
        time.sleep(0.75)  # inside the renewal margin, but the server would still accept the token
        client.offers.referential("typesContrats")

    stats = server.stats()
    assert stats["token_requests"] == 2
    assert stats["api_calls"] == 3, "the renewal happened before the token was refused"


def test_401_renews_the_token_once_and_retries(ft_client: Client, server: FakeServer) -> None:
    ft_client.offers.referential("typesContrats")
    server.control(revoke_tokens=True)  # the server forgets the token: the next call gets a 401

    items = ft_client.offers.referential("typesContrats")

    assert [item.code for item in items] == ["CDI", "CDD"]
    stats = server.stats()
    assert stats["token_requests"] == 2
    assert stats["api_calls"] == 3  # ok, 401, ok


def test_a_second_401_is_an_authentication_error(ft_client: Client, server: FakeServer) -> None:
    server.control(fail_next=[{"status": 401}, {"status": 401}])

    with pytest.raises(AuthenticationError) as caught:
        ft_client.offers.referential("typesContrats")

    assert caught.value.status == 401
    assert server.stats()["token_requests"] == 2, "renewed exactly once"


def test_wrong_secret_is_refused_with_the_server_message(config: ClientConfig, server: FakeServer) -> None:
    with (
        Client(config.with_changes(client_secret="wrong-secret")) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.rome.metiers()

    error = caught.value
    assert error.status == 400
    assert "Client authentication failed" in str(error)
    assert error.url is not None and error.url.startswith(server.base_url)
    assert "wrong-secret" not in f"{error} {error.body} {error.url}"
    assert server.stats()["api_calls"] == 0


def test_unknown_scope_is_refused(ft_client: Client) -> None:
    unknown = ApiSpec("inconnue", "/inconnue/v1", ("api_inconnuev1",), RateLimit(10), "")
    with pytest.raises(AuthenticationError, match=r"Unknown/invalid scope"):
        ft_client.execute(Operation(unknown, "GET", "/x", lambda response: response.status_code))


def test_token_without_the_api_scope_gets_403(ft_client: Client) -> None:
    # Same path as the offers API, but asking for the ROME scopes only.
    spec = ApiSpec("offres-bad-scope", APIS["offres"].prefix, APIS["rome-metiers"].scopes, RateLimit(10), "")
    operation = referential_operation("typesContrats")
    wrong = Operation(spec, operation.method, operation.path, operation.parse)

    with pytest.raises(AuthenticationError) as caught:
        ft_client.execute(wrong)
    assert caught.value.status == 403
    assert isinstance(caught.value, FranceTravailError)
