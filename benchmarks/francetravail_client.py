"""France Travail client: per-call overhead against raw httpx, and paging through 3,000 offers.

Both sides talk to the same fake server process on loopback, in the same run,
so the difference is what the client adds (token cache, rate limiter
bookkeeping, retry flow, pydantic parsing). Client-side quotas are lifted so
they do not dominate the figures; with the documented 10 calls/s of the
offers API, 3,000 offers (20 pages) take at least 2 s whatever the client.
"""

from __future__ import annotations

import statistics
import time

import httpx

from benchmarks._stats import summary
from bob_emploi.francetravail import APIS, Client, ClientConfig, OfferFilters, RateLimit
from bob_emploi.francetravail.fake_server import FakeServer


def _raw_token(http: httpx.Client, server: FakeServer) -> str:
    response = http.post(
        server.auth_url,
        data={
            "grant_type": "client_credentials",
            "client_id": server.client_id,
            "client_secret": server.client_secret,
            "scope": f"application_{server.client_id} api_offresdemploiv2 o2dsoffre",
        },
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def _raw_pages(http: httpx.Client, server: FakeServer, headers: dict[str, str], wanted: int) -> int:
    """The baseline pager: what one writes by hand with httpx and json."""
    count, first = 0, 0
    while count < wanted:
        last = min(first + 149, wanted - 1)
        response = http.get(
            f"{server.api_url}/offresdemploi/v2/offres/search",
            params={"codeROME": "M1805", "range": f"{first}-{last}"},
            headers=headers,
        )
        count += len(response.json()["resultats"])
        if response.status_code != 206:
            break
        first = last + 1
    return count


def run(quick: bool) -> None:
    calls = 50 if quick else 2000
    paging_runs = 2 if quick else 10
    offers = 300 if quick else 3000
    with FakeServer() as server:
        server.control(offers_total=3456)
        config = ClientConfig(
            server.client_id,
            server.client_secret,
            api_url=server.api_url,
            auth_url=server.auth_url,
            rate_limits={name: RateLimit(1_000_000) for name in APIS},
        )
        with Client(config) as client, httpx.Client() as http:
            headers = {"Authorization": f"Bearer {_raw_token(http, server)}", "Accept": "application/json"}
            url = f"{server.api_url}/offresdemploi/v2/referentiel/typesContrats"
            for _ in range(20):  # warm up connections, token cache, imports
                client.offers.referential("typesContrats")
                http.get(url, headers=headers).json()

            client_times: list[float] = []
            raw_times: list[float] = []
            for _ in range(calls):  # interleaved, so both see the same server and machine load
                start = time.perf_counter()
                http.get(url, headers=headers).json()
                raw_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                client.offers.referential("typesContrats")
                client_times.append(time.perf_counter() - start)
            print(summary("raw httpx call (baseline)", raw_times))
            print(summary("client call", client_times, baseline=raw_times))
            overhead = statistics.median(client_times) - statistics.median(raw_times)
            print(f"client overhead per call: {overhead * 1e6:.0f} µs at the median")

            client_paging: list[float] = []
            raw_paging: list[float] = []
            for _ in range(paging_runs):
                start = time.perf_counter()
                count = _raw_pages(http, server, headers, offers)
                raw_paging.append(time.perf_counter() - start)
                assert count == offers
                start = time.perf_counter()
                count = sum(1 for _ in client.offers.search(OfferFilters(code_rome="M1805"), max_results=offers))
                client_paging.append(time.perf_counter() - start)
                assert count == offers
            print(summary(f"raw httpx paging {offers} offers (baseline, dicts)", raw_paging))
            print(summary(f"client paging {offers} offers (typed)", client_paging, baseline=raw_paging))
