"""The async client runs the same flow as the sync one: same answers, same resilience."""

from __future__ import annotations

import asyncio
import time
import urllib.parse

import pytest

from bob_emploi.francetravail import (
    AsyncClient,
    Client,
    ClientConfig,
    CompanySearch,
    NotFoundError,
    OfferFilters,
    RateLimit,
    ServerError,
)
from bob_emploi.francetravail.fake_server import FakeServer


def test_same_offers_as_the_sync_client(config: ClientConfig, ft_client: Client, server: FakeServer) -> None:
    server.control(offers_total=320)
    filters = OfferFilters(code_rome="K2204", departement="69")
    sync_ids = [offer.id for offer in ft_client.offers.search(filters)]

    async def run() -> tuple[list[str], int | None, int]:
        async with AsyncClient(config) as client:
            results = client.offers.search(filters)
            ids = [offer.id async for offer in results]
            return ids, results.total, results.pages_fetched

    async_ids, total, pages = asyncio.run(run())
    assert async_ids == sync_ids
    assert len(async_ids) == total == 320
    assert pages == 3


def test_async_lazy_paging_and_ceiling(config: ClientConfig, server: FakeServer) -> None:
    server.control(offers_total=5000)

    async def run() -> int:
        async with AsyncClient(config) as client:
            results = client.offers.search(OfferFilters(code_rome="M1805"))
            await anext(results)
            assert server.stats()["api_calls"] == 1
            return 1 + len([offer async for offer in results])

    assert asyncio.run(run()) == 3150
    last = server.stats()["calls"][-1]["query"]
    assert urllib.parse.parse_qs(last)["range"] == ["3000-3149"]


def test_async_retries_renewal_and_errors(config: ClientConfig, server: FakeServer) -> None:
    async def run() -> None:
        async with AsyncClient(config) as client:
            await client.rome.metiers()
            server.control(revoke_tokens=True, fail_next=[{"status": 503}])
            metier = await client.rome.metier("M1805")
            assert metier.appellations[0].libelleCourt == "App"
            assert client.tokens_fetched == 2
            with pytest.raises(NotFoundError):
                await client.rome.metier("Z9999")
            server.control(fail_next=[{"status": 500}] * 3)
            with pytest.raises(ServerError):
                await client.rome.competences()

    asyncio.run(run())


def test_async_retry_after_and_rate_limit(config: ClientConfig, server: FakeServer) -> None:
    limited = config.with_changes(rate_limits={"offres": RateLimit(3, 0.5)})
    server.control(fail_next=[{"status": 429, "retry_after": 1}])

    async def run() -> float:
        async with AsyncClient(limited) as client:
            start = time.monotonic()
            await asyncio.gather(*(client.offers.referential("typesContrats") for _ in range(6)))
            return time.monotonic() - start

    assert asyncio.run(run()) >= 0.95
    times = sorted(call["at"] for call in server.stats()["calls"])
    # Arrival times at the server carry the loopback's jitter (tens of ms on a loaded machine):
    # the bound tells a limited client (0.5 s) from an unlimited one (a few ms) with room for it.
    for first, fourth in zip(times, times[3:], strict=False):
        assert fourth - first >= 0.3
    assert server.stats()["token_requests"] == 1, "concurrent tasks share one token request"


def test_async_market_rome_and_la_bonne_boite(config: ClientConfig, ft_client: Client) -> None:
    search = CompanySearch(rome="M1805", citycode="69123", distance=20)

    async def run() -> tuple[object, list[str], int]:
        async with AsyncClient(config) as client:
            figures = await client.market.figures("F1702", "09")
            sirets = [company.siret async for company in client.labonneboite.companies(search, page_size=4)]
            contexts = await client.rome.contextes_travail()
            return figures, sirets, len(contexts)

    figures, sirets, contexts = asyncio.run(run())
    assert figures == ft_client.market.figures("F1702", "09")
    assert sirets == [company.siret for company in ft_client.labonneboite.companies(search, page_size=4)]
    assert contexts == 1
