"""Fixtures for the web app: a small data bundle written by the tests, users, API clients, a real SMTP server,
the fake France Travail server (tests/web/ftlive.py).

Every test under tests/web reads the same tiny bundle (tests/data/rawfixture.py: Lyon 69123,
Grenoble 38185, job titles 20556, 10688…), built once per test session and worker.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.test import Client

from bob_emploi.data import Referential, build_bundle
from bob_emploi.web import bundle as web_bundle
from bob_emploi.web.accounts.models import User
from bob_emploi.web.accounts.services import create_api_token
from tests.data.rawfixture import write_raw_dir
from tests.web.ftlive import france_travail, france_travail_server  # noqa: F401 (fixtures)

PASSWORD = "un mot de passe assez long"
LYON = "69123"
GRENOBLE = "38185"
JEWELLERY_SELLER = "20556"  # Vendeur / Vendeuse en bijouterie, D1214
CLEANER = "10688"  # Agent / Agente d'entretien de locaux, K2204


@pytest.fixture(scope="session")
def small_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web-bundle")
    out = root / "bundle.sqlite"
    build_bundle(write_raw_dir(root / "raw"), out, quiet=True)
    return out


def _forget_bundle() -> None:
    for cached in (web_bundle.referential, web_bundle.job_index, web_bundle.city_index):
        cached.cache_clear()


@contextmanager
def web_reads(path: Path) -> Iterator[Referential]:
    """The web app reads this bundle inside the block (its indexes built anew), the previous one after."""
    previous = settings.BOB_BUNDLE
    settings.BOB_BUNDLE = str(path)
    _forget_bundle()
    try:
        yield web_bundle.referential()
    finally:
        settings.BOB_BUNDLE = previous
        _forget_bundle()


@pytest.fixture(scope="session", autouse=True)
def _use_small_bundle(small_bundle: Path) -> Iterator[None]:
    with web_reads(small_bundle):
        yield


@pytest.fixture
def use_real_bundle(real_bundle: Path) -> Iterator[Referential]:
    """The web app reads the bundle of the real open data (ROME 4.0 and the statistics) for one test."""
    with web_reads(real_bundle) as referential:
        yield referential


def advisor_input(**project: Any) -> dict[str, Any]:
    """A valid advisor input for the small bundle; `project` overrides project fields."""
    return {
        "profile": {"gender": "feminine", "year_of_birth": 1990, "highest_degree": "bac"},
        "project": {"kind": "new_job", "target_job": JEWELLERY_SELLER, "city": LYON, "search_started": "2026-01"}
        | project,
    }


class Api:
    """A JSON client for /api/v1 with an optional bearer token."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: object = None, **extra: Any) -> Any:
        data = json.dumps(body) if body is not None else None
        return self.client.generic(
            method, f"/api/v1{path}", data or "", content_type="application/json", headers=self.headers, **extra
        )

    def get(self, path: str, **extra: Any) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.headers, **extra)


@pytest.fixture
def alice(db: None) -> User:
    return User.objects.create_user("alice@example.org", PASSWORD)


@pytest.fixture
def bob(db: None) -> User:
    return User.objects.create_user("bob@example.org", PASSWORD)


@pytest.fixture
def alice_api(alice: User) -> Api:
    return Api(Client(), create_api_token(alice))


@pytest.fixture
def bob_api(bob: User) -> Api:
    return Api(Client(), create_api_token(bob))


@pytest.fixture
def anonymous_api(db: None) -> Api:
    return Api(Client())


class _Inbox:
    """What a real SMTP server on loopback received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, _class=EmailMessage, policy=default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox(settings: Any) -> Iterator[_Inbox]:
    """A real SMTP server (aiosmtpd) on a free loopback port, and Django's SMTP backend pointed at it."""
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())
