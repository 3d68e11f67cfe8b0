"""Advisor fixtures: small bundles built from `smallraw` with and without market data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bob_emploi.data import Referential, build_bundle
from tests.advisor.smallraw import write_advisor_raw

TODAY = datetime.date(2026, 11, 29)


def _build(directory: Path, market: bool) -> Path:
    raw = write_advisor_raw(directory / "raw", market=market)
    out = directory / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return out


@pytest.fixture(scope="session")
def market_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("advisor-market"), market=True)


@pytest.fixture(scope="session")
def plain_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("advisor-plain"), market=False)


@pytest.fixture(scope="session")
def market_ref(market_bundle: Path) -> Referential:
    return Referential.load(market_bundle)


@pytest.fixture(scope="session")
def plain_ref(plain_bundle: Path) -> Referential:
    return Referential.load(plain_bundle)


@pytest.fixture(scope="session", params=["market", "plain"])
def small_ref(request: pytest.FixtureRequest, market_ref: Referential, plain_ref: Referential) -> Referential:
    """Each test using it runs twice: with the IMT-format market files and without market data."""
    return market_ref if request.param == "market" else plain_ref
