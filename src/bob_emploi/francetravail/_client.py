"""The sync and async clients: one call flow, two transports.

A call is written once, as a generator (`_call_flow`) that *yields* what it
needs done — send this request, sleep that long, get a token for these
scopes — and receives the outcome. `Client` runs it with blocking httpx,
`AsyncClient` with awaited httpx: retries, backoff, rate limiting, token
renewal, the 401-renew-once rule and response parsing are shared.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar, cast

import httpx

from bob_emploi.francetravail._auth import Scopes, Token, TokenStore
from bob_emploi.francetravail._config import ApiSpec, ClientConfig
from bob_emploi.francetravail._exceptions import (
    TransportError,
    error_for_response,
    parse_retry_after,
    redact_url,
)
from bob_emploi.francetravail._models import Operation
from bob_emploi.francetravail._ratelimit import RateLimiter

if TYPE_CHECKING:
    from bob_emploi.francetravail.labonneboite import AsyncLaBonneBoite, LaBonneBoite
    from bob_emploi.francetravail.market import AsyncMarket, Market
    from bob_emploi.francetravail.offers import AsyncOffers, Offers
    from bob_emploi.francetravail.rome import AsyncRome, Rome

T = TypeVar("T")
logger = logging.getLogger("bob_emploi.francetravail")


# --- What a flow asks its driver to do -------------------------------------------


@dataclass(frozen=True, slots=True)
class _Send:
    request: httpx.Request


@dataclass(frozen=True, slots=True)
class _Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class _NeedToken:
    scopes: Scopes


_Action = _Send | _Sleep | _NeedToken
_Outcome = httpx.Response | httpx.TransportError
_Flow = Generator[_Action, object, T]


class _Core:
    """State and decisions shared by both clients: config, tokens, limiters, retry policy."""

    def __init__(self, config: ClientConfig, rng: random.Random | None = None) -> None:
        self.config = config
        self.tokens = TokenStore(config)
        self._limiters: dict[str, RateLimiter] = {}
        self._limiters_lock = threading.Lock()
        self._rng = rng or random.Random()
        self.secrets = (config.client_secret,)

    def limiter(self, api: ApiSpec) -> RateLimiter:
        with self._limiters_lock:
            limiter = self._limiters.get(api.name)
            if limiter is None:
                limiter = self._limiters[api.name] = RateLimiter(self.config.rate_limit(api))
            return limiter

    def build_request(self, operation: Operation[T], token: Token) -> httpx.Request:
        url = self.config.api_url.rstrip("/") + operation.api.prefix + operation.path
        return httpx.Request(
            operation.method,
            url,
            params=operation.params,
            json=operation.json,
            headers={
                "Authorization": f"Bearer {token.access_token}",
                "Accept": "application/json",
                "User-Agent": self.config.user_agent,
            },
        )

    def retry_delay(self, attempt: int, outcome: _Outcome) -> float | None:
        """Seconds to wait before retrying, or None when this outcome is final."""
        policy = self.config.retry
        if attempt >= policy.attempts:
            return None
        if isinstance(outcome, httpx.TransportError):
            return policy.delay(attempt, rng=self._rng)
        if outcome.status_code not in policy.statuses:
            return None
        retry_after = parse_retry_after(outcome.headers.get("Retry-After")) if outcome.status_code == 429 else None
        return policy.delay(attempt, retry_after, self._rng)

    def transport_error(self, error: httpx.TransportError, request: httpx.Request) -> TransportError:
        return TransportError(
            f"cannot reach France Travail ({type(error).__name__}: {error})", url=redact_url(request.url)
        )

    # --- Flows ----------------------------------------------------------------------

    def _exchange(self, request: httpx.Request) -> Generator[_Action, object, _Outcome]:
        """Send once, logging what happened (never headers nor bodies: they hold secrets)."""
        start = time.perf_counter()
        outcome = cast(_Outcome, (yield _Send(request)))
        elapsed = (time.perf_counter() - start) * 1000
        if isinstance(outcome, httpx.Response):
            logger.debug("%s %s -> %d (%.0f ms)", request.method, redact_url(request.url), outcome.status_code, elapsed)
        else:
            logger.debug("%s %s -> %s", request.method, redact_url(request.url), type(outcome).__name__)
        return outcome

    def token_flow(self, scopes: Scopes) -> _Flow[Token]:
        attempt = 0
        while True:
            attempt += 1
            request = self.tokens.request(scopes)
            outcome = yield from self._exchange(request)
            delay = self.retry_delay(attempt, outcome)
            if delay is not None:
                yield _Sleep(delay)
                continue
            if isinstance(outcome, httpx.TransportError):
                raise self.transport_error(outcome, request)
            return self.tokens.store(scopes, outcome)

    def call_flow(self, operation: Operation[T]) -> _Flow[T]:
        scopes = self.tokens.scopes_for(operation.api)
        limiter = self.limiter(operation.api)
        renewed = False
        attempt = 0
        while True:
            token = self.tokens.fresh(scopes)
            if token is None:
                token = cast(Token, (yield _NeedToken(scopes)))
            wait = limiter.reserve()
            if wait > 0:
                yield _Sleep(wait)
            attempt += 1
            request = self.build_request(operation, token)
            outcome = yield from self._exchange(request)
            if isinstance(outcome, httpx.Response) and outcome.status_code == 401 and not renewed:
                # The token expired (or was revoked) on the server's clock: renew once.
                renewed = True
                attempt -= 1
                self.tokens.invalidate(scopes, token)
                continue
            delay = self.retry_delay(attempt, outcome)
            if delay is not None:
                logger.info("retrying %s in %.2f s (attempt %d)", redact_url(request.url), delay, attempt)
                yield _Sleep(delay)
                continue
            if isinstance(outcome, httpx.TransportError):
                raise self.transport_error(outcome, request)
            if outcome.status_code in operation.ok_statuses:
                return operation.parse(outcome)
            raise error_for_response(outcome, self.secrets)


# --- Drivers ---------------------------------------------------------------------------


class Client:
    """Blocking client. Use as a context manager, or call `close()`.

    >>> with Client(ClientConfig.from_env()) as client:          # doctest: +SKIP
    ...     for offer in client.offers.search(OfferFilters(code_rome="M1805"), max_results=10):
    ...         print(offer.intitule)
    """

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        http_client: httpx.Client | None = None,
        rng: random.Random | None = None,
    ) -> None:
        from bob_emploi.francetravail.labonneboite import LaBonneBoite
        from bob_emploi.francetravail.market import Market
        from bob_emploi.francetravail.offers import Offers
        from bob_emploi.francetravail.rome import Rome

        self.config = config or ClientConfig.from_env()
        self._core = _Core(self.config, rng)
        self._http = http_client or httpx.Client(timeout=self.config.timeouts.to_httpx())
        self._token_locks: dict[Scopes, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self.offers: Offers = Offers(self)
        self.rome: Rome = Rome(self)
        self.market: Market = Market(self)
        self.labonneboite: LaBonneBoite = LaBonneBoite(self)

    @property
    def tokens_fetched(self) -> int:
        return self._core.tokens.fetched

    def execute(self, operation: Operation[T]) -> T:
        """Run one call with auth, rate limiting and retries; return its parsed answer."""
        return self._run(self._core.call_flow(operation))

    def _run(self, flow: _Flow[T]) -> T:
        result: object = None
        try:
            while True:
                action = flow.send(result)
                if isinstance(action, _Send):
                    try:
                        result = self._http.send(action.request)
                    except httpx.TransportError as error:
                        result = error
                elif isinstance(action, _Sleep):
                    time.sleep(action.seconds)
                    result = None
                else:
                    result = self._token(action.scopes)
        except StopIteration as stop:
            return cast(T, stop.value)

    def _token(self, scopes: Scopes) -> Token:
        with self._locks_guard:
            lock = self._token_locks.setdefault(scopes, threading.Lock())
        with lock:  # one token request per scope set, even with many threads
            return self._core.tokens.fresh(scopes) or self._run(self._core.token_flow(scopes))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient:
    """The asyncio twin of `Client`, with the same API namespaces returning awaitables."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        http_client: httpx.AsyncClient | None = None,
        rng: random.Random | None = None,
    ) -> None:
        from bob_emploi.francetravail.labonneboite import AsyncLaBonneBoite
        from bob_emploi.francetravail.market import AsyncMarket
        from bob_emploi.francetravail.offers import AsyncOffers
        from bob_emploi.francetravail.rome import AsyncRome

        self.config = config or ClientConfig.from_env()
        self._core = _Core(self.config, rng)
        self._http = http_client or httpx.AsyncClient(timeout=self.config.timeouts.to_httpx())
        self._token_locks: dict[Scopes, asyncio.Lock] = {}
        self.offers: AsyncOffers = AsyncOffers(self)
        self.rome: AsyncRome = AsyncRome(self)
        self.market: AsyncMarket = AsyncMarket(self)
        self.labonneboite: AsyncLaBonneBoite = AsyncLaBonneBoite(self)

    @property
    def tokens_fetched(self) -> int:
        return self._core.tokens.fetched

    async def execute(self, operation: Operation[T]) -> T:
        return await self._run(self._core.call_flow(operation))

    async def _run(self, flow: _Flow[T]) -> T:
        result: object = None
        try:
            while True:
                action = flow.send(result)
                if isinstance(action, _Send):
                    try:
                        result = await self._http.send(action.request)
                    except httpx.TransportError as error:
                        result = error
                elif isinstance(action, _Sleep):
                    await asyncio.sleep(action.seconds)
                    result = None
                else:
                    result = await self._token(action.scopes)
        except StopIteration as stop:
            return cast(T, stop.value)

    async def _token(self, scopes: Scopes) -> Token:
        lock = self._token_locks.setdefault(scopes, asyncio.Lock())
        async with lock:
            token = self._core.tokens.fresh(scopes)
            if token is None:
                token = await self._run(self._core.token_flow(scopes))
            return token

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
