"""The cache in front of France Travail, and the refresh that fills it off the request path.

`lookup` never calls France Travail: it reads Django's cache (Redis in production, a local
memory cache by default) and, on a miss, hands a refresh to this process's background thread,
then answers "pending" at once. One refresh runs at a time per process, through one shared
client, so the API's rate limits hold; a refresh already under way for the same job and place
is not started twice (`cache.add` on a lock key, across processes when the cache is shared).

Results live `BOB_OPPORTUNITIES_TTL` seconds; a failure is remembered for
`BOB_OPPORTUNITIES_RETRY` seconds (or the API's Retry-After, when longer), during which the
pages show the search links and say that the live results are unavailable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache

from bob_emploi.francetravail import Client, ClientConfig, ConfigurationError
from bob_emploi.web.opportunities.fetch import Opportunities, client_for, fetch, fetch_alternance

Status = Literal["ready", "pending", "unavailable", "not_configured"]
# "local": the latest offers and La Bonne Boîte's employers; "alternance": the latest apprenticeship
# offers, asked only for people who accept alternance.
Kind = Literal["local", "alternance"]
KEY_PREFIX = "bob:opportunities:v1"
LOCK_SECONDS = 60  # longer than a refresh can take (timeouts × retries)


@dataclass(frozen=True, slots=True)
class Lookup:
    status: Status
    opportunities: Opportunities | None = None


def config() -> ClientConfig | None:
    """The deployment's France Travail credentials (FT_CLIENT_ID, FT_CLIENT_SECRET), or None."""
    if not settings.BOB_OPPORTUNITIES_ENABLED:
        return None
    try:
        return ClientConfig.from_env()
    except ConfigurationError:
        return None


def _key(code_rome: str, commune: str | None, departement: str, kind: Kind = "local") -> str:
    key = f"{KEY_PREFIX}:{code_rome}:{commune or 'd' + departement}"
    return key if kind == "local" else f"{key}:{kind}"


def lookup(code_rome: str, commune: str | None, departement: str, kind: Kind = "local") -> Lookup:
    """What the cache holds for this job group and place; starts a refresh on a miss. Never waits."""
    if config() is None:
        return Lookup("not_configured")
    key = _key(code_rome, commune, departement, kind)
    cached: dict[str, Any] | None = cache.get(key)
    if cached is None:
        schedule(code_rome, commune, departement, kind)
        return Lookup("pending")
    if cached["kind"] == "unavailable":
        return Lookup("unavailable")
    return Lookup("ready", Opportunities.from_json(cached["data"]))


class _Refresher:
    """This process's background thread and its France Travail client."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.executor: ThreadPoolExecutor | None = None
        self.client: Client | None = None
        self.client_config: ClientConfig | None = None

    def submit(self, function: Callable[[], None]) -> Future[None]:
        with self.lock:
            if self.executor is None:
                self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bob-opportunities")
            return self.executor.submit(function)

    def client_for(self, client_config: ClientConfig) -> Client:
        """Runs in the refresh thread only: one client, kept while the configuration stays."""
        if self.client is None or self.client_config != client_config:
            if self.client is not None:
                self.client.close()
            self.client, self.client_config = client_for(client_config), client_config
        return self.client

    def close(self, cancel_queued: bool = False) -> None:
        """Waits for the refresh under way (and, unless `cancel_queued`, those queued behind it), then
        drops the client (tests, benchmarks; a process that stops)."""
        with self.lock:
            executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=cancel_queued)
        if self.client is not None:
            self.client.close()
            self.client = self.client_config = None


_refresher = _Refresher()
close = _refresher.close


def schedule(code_rome: str, commune: str | None, departement: str, kind: Kind = "local") -> Future[None] | None:
    """Starts a refresh in the background unless one is under way; returns its future (for tests)."""
    key = _key(code_rome, commune, departement, kind)
    if not cache.add(f"{key}:refreshing", 1, LOCK_SECONDS):
        return None
    return _refresher.submit(lambda: refresh(code_rome, commune, departement, kind))


def refresh(code_rome: str, commune: str | None, departement: str, kind: Kind = "local") -> None:
    """Asks France Travail and stores the answer (or that it is unavailable) in the cache."""
    key = _key(code_rome, commune, departement, kind)
    try:
        client_config = config()
        if client_config is None:
            return
        try:
            asks = fetch if kind == "local" else fetch_alternance
            result = asks(_refresher.client_for(client_config), code_rome, commune, departement)
        except Exception:  # a bug or an unforeseen answer must not kill the thread: say unavailable
            cache.set(key, {"kind": "unavailable"}, settings.BOB_OPPORTUNITIES_RETRY)
            raise
        failed_all = "offres" in result.errors and ("entreprises" in result.errors or not commune or kind != "local")
        if failed_all:
            wait = max(settings.BOB_OPPORTUNITIES_RETRY, int(result.retry_after or 0))
            cache.set(key, {"kind": "unavailable"}, wait)
        else:
            cache.set(key, {"kind": "ready", "data": result.to_json()}, settings.BOB_OPPORTUNITIES_TTL)
    finally:
        cache.delete(f"{key}:refreshing")
