"""Throttling behind a load balancer: the client's address from trusted proxies only, limits per
IP and per account on logins, sign-ups and e-mails, 429 answers with Retry-After."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory

from bob_emploi.web.accounts.models import User
from bob_emploi.web.throttling import services as throttling
from bob_emploi.web.throttling.clientip import client_ip
from bob_emploi.web.throttling.models import Counter
from tests.web.conftest import PASSWORD, Api
from tests.web.pages.helpers import text

PROXY = "10.0.0.7"  # the load balancer of docs/deployment.md


@pytest.fixture(autouse=True)
def _mid_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """The windows are fixed (every 15 minutes, every hour): a test must not straddle two."""
    start = (int(throttling.clock()) // 3600) * 3600 + 60
    monkeypatch.setattr(throttling, "clock", lambda: start + 1.0)


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.BOB_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8:a::/48"]


def _via_proxy(client_address: str, forwarded: str | None = None) -> dict[str, str]:
    """What the balancer sends: its own address as the TCP peer, the client's in X-Forwarded-For."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded or client_address}


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        (PROXY, "198.51.100.1", "198.51.100.1"),
        (PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # what the client wrote itself is on the left
        (PROXY, "198.51.100.1, 10.0.0.3", "198.51.100.1"),  # two proxies of ours
        (PROXY, "198.51.100.1:52311", "198.51.100.1"),
        (PROXY, "[2001:db8:b::1]:443", "2001:db8:b::1"),
        (PROXY, "::ffff:198.51.100.1", "198.51.100.1"),
        (PROXY, "", PROXY),  # a health check from the balancer itself
        (PROXY, "10.0.0.3, 10.0.0.4", "10.0.0.3"),
        (PROXY, "198.51.100.1, pas-une-adresse", PROXY),  # unreadable: counted under the proxy, not a made-up one
        ("2001:db8:a::5", "198.51.100.9", "198.51.100.9"),
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not a proxy of ours: the header is the client's own
        ("203.0.113.5", "10.0.0.3", "203.0.113.5"),
    ],
)
def test_client_ip_trusts_only_the_proxies(behind_proxy: None, peer: str, forwarded: str, expected: str) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == PROXY


def _token(client_address: str, email: str, password: str = "pas le bon mot de passe", **meta: str) -> Any:
    return Api(Client(**(meta or _via_proxy(client_address)))).call(
        "POST", "/auth/token", {"email": email, "password": password}
    )


@pytest.mark.django_db
def test_failures_lock_one_client_behind_the_proxy_not_its_other_users(behind_proxy: None, alice: User) -> None:
    """5 failures for alice from one client used to lock alice (and everyone) behind the balancer."""
    answers = [_token("198.51.100.1", "alice@example.org").status_code for _ in range(5)]
    assert answers == [401, 401, 401, 401, 429]
    locked = _token("198.51.100.1", "alice@example.org", PASSWORD)
    assert locked.status_code == 429 and locked["Retry-After"] == "1800"
    assert locked.json()["error"]["code"] == "too_many_attempts"
    assert _token("198.51.100.2", "alice@example.org", PASSWORD).status_code == 201, "alice, from elsewhere"
    User.objects.create_user("bob@example.org", PASSWORD)
    assert _token("198.51.100.3", "bob@example.org", PASSWORD).status_code == 201


@pytest.mark.django_db
def test_a_forged_forwarded_header_from_an_untrusted_peer_changes_nothing(behind_proxy: None, alice: User) -> None:
    """A client that is not our proxy cannot pass for five different clients."""
    answers = [
        _token(
            "", "alice@example.org", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{index}"
        ).status_code
        for index in range(6)
    ]
    assert answers == [401, 401, 401, 401, 429, 429]


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_slowed(behind_proxy: None, alice: User) -> None:
    """30 addresses tried once each from one client: refused after 20 failures, the right password too."""
    answers = [_token("198.51.100.1", f"personne{index}@example.org").status_code for index in range(25)]
    assert answers == [401] * 20 + [429] * 5
    refused = _token("198.51.100.1", "alice@example.org", PASSWORD)
    assert refused.status_code == 429
    assert refused.json()["error"]["message"].startswith(
        "Trop de tentatives de connexion échouées depuis votre adresse IP."
    )
    assert 0 < int(refused["Retry-After"]) <= throttling.LOGIN_FAILURES_PER_IP.period
    assert _token("198.51.100.2", "alice@example.org", PASSWORD).status_code == 201, "another client"


@pytest.mark.django_db
def test_failures_for_one_account_from_many_addresses_are_limited(behind_proxy: None, alice: User) -> None:
    # 5 failures from 5 clients: nobody is locked (the combination is what django-axes counts).
    assert [_token(f"198.51.100.{index}", "alice@example.org").status_code for index in range(5)] == [401] * 5
    assert _token("198.51.100.99", "alice@example.org", PASSWORD).status_code == 201
    # A botnet guessing alice's password: 10 failures in the window, then refusals from anywhere.
    assert [_token(f"198.51.101.{index}", "alice@example.org").status_code for index in range(5)] == [401] * 5
    refused = _token("198.51.102.1", "alice@example.org", PASSWORD)
    assert refused.status_code == 429
    assert "pour ce compte" in refused.json()["error"]["message"]
    assert _token("198.51.102.1", "autre@example.org").status_code == 401, "only that account"


@pytest.mark.django_db
def test_the_login_page_answers_429_in_french_with_retry_after(behind_proxy: None, alice: User) -> None:
    client = Client(**_via_proxy("198.51.100.1"))
    for index in range(20):
        client.post("/compte/connexion", {"email": f"personne{index}@example.org", "password": "mauvais mot de passe"})
    response = client.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    page = text(response.content.decode())
    assert re.search(
        r"Trop de tentatives de connexion échouées depuis votre adresse IP\. Réessayez dans \d+ minutes?\.", page
    )
    locked = Client(**_via_proxy("198.51.100.2"))
    for _ in range(5):
        locked.post("/compte/connexion", {"email": "alice@example.org", "password": "mauvais mot de passe"})
    response = locked.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429 and response["Retry-After"] == "1800"
    assert "réessayez dans 30 minutes" in text(response.content.decode())


@pytest.mark.django_db
def test_reset_emails_are_capped_per_address_and_per_ip(behind_proxy: None, alice: User) -> None:
    """20 reset e-mails once went to one address in a row."""
    client = Client(**_via_proxy("198.51.100.1"))
    answers = [client.post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"}) for _ in range(20)]
    assert [answer.status_code for answer in answers] == [302] * 3 + [429] * 17
    assert len(mail.outbox) == 3
    assert "Trop de demandes de nouveau mot de passe pour cette adresse. Réessayez dans" in text(
        answers[3].content.decode()
    )
    assert 0 < int(answers[3]["Retry-After"]) <= 3600
    # Another address from the same client: 10 requests an hour from one IP address, e-mail or not.
    other = Client(**_via_proxy("198.51.100.2"))
    statuses = [
        other.post("/compte/mot-de-passe-oublie", {"email": f"personne{index}@example.org"}).status_code
        for index in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2
    # The address's own cap holds whoever asks.
    mail.outbox.clear()
    other_client = Client(**_via_proxy("198.51.100.3"))
    assert other_client.post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"}).status_code == 429
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_sign_ups_are_capped_per_address_and_per_ip(behind_proxy: None) -> None:
    client = Client(**_via_proxy("198.51.100.1"))
    statuses = [
        client.post("/compte/inscription", {"email": "claire@example.org", "password": PASSWORD}).status_code
        for _ in range(5)
    ]
    assert statuses == [302] * 3 + [429] * 2
    assert len(mail.outbox) == 3  # one verification, two "you already have an account"
    statuses = [
        Client(**_via_proxy("198.51.100.2"))
        .post("/compte/inscription", {"email": f"personne{index}@example.org", "password": PASSWORD})
        .status_code
        for index in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    refused = Client(**_via_proxy("198.51.100.2")).post(
        "/compte/inscription", {"email": "encore@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 429 and "Trop de créations de compte depuis votre adresse IP." in text(
        refused.content.decode()
    )
    assert not User.objects.filter(email="encore@example.org").exists()


@pytest.mark.django_db
def test_resending_the_verification_email_is_capped(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    statuses = [client.post("/compte/confirmer/renvoyer").status_code for _ in range(5)]
    assert statuses == [302] * 3 + [429] * 2
    assert len(mail.outbox) == 3
    response = client.post("/compte/confirmer/renvoyer")
    assert "Trop d'e-mails de confirmation demandés pour ce compte. Réessayez dans" in text(response.content.decode())
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_counters_name_nobody(behind_proxy: None) -> None:
    Client(**_via_proxy("198.51.100.1")).post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"})
    keys = " ".join(Counter.objects.values_list("key", flat=True))
    assert keys.count(":") == 4 and "alice" not in keys and "198.51.100.1" not in keys
    assert throttling.count_of(throttling.RESETS_PER_ADDRESS, "alice@example.org") == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory test database locks whole tables; SQLite is covered through gunicorn (test_gunicorn)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_are_all_counted() -> None:
    """Many workers counting at once: one upsert each, no hit lost, never more than the limit let through."""
    limit = throttling.Limit("test-concurrent", 5, 3600, "Trop de demandes.")
    admitted: list[bool] = []
    barrier = threading.Barrier(12)

    def attempt() -> None:
        barrier.wait()
        try:
            for _ in range(5):
                try:
                    throttling.hit((limit, "quelqu'un"))
                    admitted.append(True)
                except throttling.Throttled:
                    admitted.append(False)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(admitted) == 60 and admitted.count(True) == 5
    assert throttling.count_of(limit, "quelqu'un") == 60
