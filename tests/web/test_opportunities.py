"""Live offers and employers from France Travail, against the fake server run as a real process.

A page never waits on France Travail: the first look-up answers "pending" at once and a
background refresh fills the cache; a slow or failing API makes the pages fall back on the
search links, and a 429 is honoured (no call before its Retry-After).
"""

from __future__ import annotations

import time
import urllib.parse

import pytest
from django.core.cache import cache

from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.web.opportunities import fetch, service

CHAMBERY = "73065"
WAITER = "G1803"
# What a person's look-up may send to France Travail: a job group code and a place, nothing else.
ALLOWED_PARAMETERS = {"codeROME", "commune", "departement", "range", "rome", "citycode", "page", "page_size"}


def _until_settled(code_rome: str, commune: str | None, departement: str, seconds: float = 15) -> service.Lookup:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = service.lookup(code_rome, commune, departement)
        if found.status != "pending":
            return found
        time.sleep(0.05)
    raise AssertionError("the refresh never settled")


def _timed_lookup(code_rome: str, commune: str | None, departement: str) -> tuple[service.Lookup, float]:
    start = time.perf_counter()
    found = service.lookup(code_rome, commune, departement)
    return found, time.perf_counter() - start


def test_without_credentials_only_the_links_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FT_CLIENT_ID", raising=False)
    monkeypatch.delenv("FT_CLIENT_SECRET", raising=False)
    cache.clear()
    assert service.lookup(WAITER, CHAMBERY, "73").status == "not_configured"


def test_first_look_up_never_waits_then_offers_and_employers_appear(france_travail: FakeServer) -> None:
    first, seconds = _timed_lookup(WAITER, CHAMBERY, "73")
    assert first.status == "pending"
    assert seconds < 0.05, f"the page waited {seconds * 1000:.0f} ms on France Travail"
    found = _until_settled(WAITER, CHAMBERY, "73")
    assert found.status == "ready" and found.opportunities is not None
    offers, companies = found.opportunities.offers, found.opportunities.companies
    assert len(offers) == fetch.OFFERS_SHOWN and found.opportunities.offers_total == 42
    assert offers[0].published == "2025-01-15" and offers[0].contract in {"CDI", "CDD", "Intérim"}
    assert offers[0].url.startswith("https://candidat.francetravail.fr/offres/recherche/detail/")
    assert len(companies) == fetch.COMPANIES_SHOWN and companies[0].headcount == "10 à 19 salariés"
    calls = france_travail.stats()["calls"]
    sent = {key for call in calls for key in urllib.parse.parse_qs(call["query"])}
    assert sent <= ALLOWED_PARAMETERS, sent - ALLOWED_PARAMETERS
    # Cached: the next pages ask nothing more.
    again, seconds = _timed_lookup(WAITER, CHAMBERY, "73")
    assert again.status == "ready" and seconds < 0.05
    assert len(france_travail.stats()["calls"]) == len(calls)


def test_a_refresh_under_way_is_not_started_twice(france_travail: FakeServer) -> None:
    france_travail.control(delay=0.3)
    assert service.schedule(WAITER, None, "73") is not None
    assert service.schedule(WAITER, None, "73") is None
    assert _until_settled(WAITER, None, "73").status == "ready"
    assert len(france_travail.stats()["calls"]) == 1  # offers for the département: La Bonne Boîte needs a commune


def test_a_slow_api_never_slows_a_page_and_the_links_stand_in(france_travail: FakeServer) -> None:
    france_travail.control(delay=2.0)
    found, seconds = _timed_lookup(WAITER, CHAMBERY, "73")
    assert found.status == "pending" and seconds < 0.05
    assert _until_settled(WAITER, CHAMBERY, "73").status == "unavailable"
    france_travail.control(delay=0.0)
    # Remembered for a while: no new call while the failure is fresh.
    before = france_travail.stats()["api_calls"]
    assert service.lookup(WAITER, CHAMBERY, "73").status == "unavailable"
    time.sleep(0.2)
    assert france_travail.stats()["api_calls"] == before


def test_a_429_is_honoured(france_travail: FakeServer, settings: object) -> None:
    france_travail.control(fail_next=[{"status": 429, "retry_after": 30}] * 4)
    assert service.lookup(WAITER, CHAMBERY, "73").status == "pending"
    assert _until_settled(WAITER, CHAMBERY, "73").status == "unavailable"
    calls = france_travail.stats()["api_calls"]
    assert calls == 4  # two tries for each API, then nothing
    for _ in range(3):
        assert service.lookup(WAITER, CHAMBERY, "73").status == "unavailable"
    time.sleep(0.2)
    assert france_travail.stats()["api_calls"] == calls


def test_one_api_down_keeps_the_other(france_travail: FakeServer) -> None:
    france_travail.control(fail_next=[{"status": 503}] * 2)  # the offers' two tries
    found = _until_settled(WAITER, CHAMBERY, "73") if service.lookup(WAITER, CHAMBERY, "73") else None
    assert found is not None and found.status == "ready" and found.opportunities is not None
    assert found.opportunities.offers == () and found.opportunities.errors == ("offres",)
    assert len(found.opportunities.companies) == fetch.COMPANIES_SHOWN


def _render(code_rome: str, commune: str | None, departement: str) -> str:
    from django.template.loader import render_to_string

    from bob_emploi.web.opportunities import display

    return render_to_string(
        "pages/includes/opportunities.html",
        {"opportunities": display.context(code_rome, "Serveur / Serveuse en restauration", commune, departement)},
    )


def test_the_page_shows_offers_then_links_in_french(france_travail: FakeServer) -> None:
    pending = _render(WAITER, CHAMBERY, "73")
    assert "rechargez la page dans quelques secondes" in pending
    assert "lieux=73065" in pending and "rayon=10" in pending  # the search link stands in meanwhile
    _until_settled(WAITER, CHAMBERY, "73")
    ready = _render(WAITER, CHAMBERY, "73")
    assert "publiée le 15 janvier 2025" in ready and "(42 au total)" in ready
    assert "Des entreprises susceptibles d'embaucher" in ready and "Boîte 0" in ready
    assert "Source&nbsp;: France Travail" in ready


def test_without_credentials_the_page_shows_the_links_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FT_CLIENT_ID", raising=False)
    cache.clear()
    page = _render(WAITER, None, "73")
    assert "lieux=73D" in page and "offresPartenaires=true" in page
    assert "Les dernières offres" not in page and "rechargez" not in page


def test_with_redis_every_worker_shares_the_results_and_the_lock(
    france_travail: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Production's cache (this machine's Redis, a database of its own): what one process fetched,
    every process reads, and a refresh under way in one is not started again by another."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    location = "redis://127.0.0.1:6379/14"
    server = redis.Redis.from_url(location)
    server.flushdb()
    monkeypatch.setattr(service, "cache", RedisCache(location, {}))
    try:
        assert service.lookup(WAITER, CHAMBERY, "73").status == "pending"
        assert server.keys("*opportunities*refreshing")  # the lock another worker sees
        assert _until_settled(WAITER, CHAMBERY, "73").status == "ready"
        assert server.keys(f"*opportunities*{WAITER}:{CHAMBERY}")
    finally:
        server.flushdb()
