"""Fixtures of the pages' tests: a small bundle with market figures in the IMT export format,
and a browser (Debian's Chromium through Playwright) for the tests marked `browser`.

The market figures below are written for these tests in the publishers' format: they are
format samples, not statistics, and the pages must label them so.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from bob_emploi.data import build_bundle
from tests.data.rawfixture import write_raw_dir
from tests.web.conftest import web_reads

CHROMIUM = Path("/usr/bin/chromium")
MONTHS = ("APR", "AUG", "DEC", "FEB", "JAN", "JULY", "JUNE", "MAR", "MAY", "NOV", "OCT", "SEP")
# (département, job group, offers last week, applicants last week, peak months)
MARKET_ROWS = [
    ("69", "D1214", 12, 40, ("DEC", "JULY")),
    ("38", "D1214", 3, 30, ()),
    ("974", "D1214", 1, 25, ()),
    ("69", "K2204", 20, 10, ()),
]
CONTRACTS = [("69", "D1214", "01", "CDI", 6, 50.0), ("69", "D1214", "04", "Intérim", 6, 50.0)]


def _write_market(raw: Path) -> None:
    (raw / "imt").mkdir(exist_ok=True)
    with (raw / "imt" / "market_score.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "AREA_CODE", "AREA_NAME", "AREA_TYPE_CODE", "AREA_TYPE_NAME", "NB_APPLICATION_END_MONTH",
                "NB_APPLICATION_LAST_WEEK", "NB_OFFER_END_MONTH", "NB_OFFER_LAST_WEEK", "RICHER_CATCHMENT_AREA_CODE",
                "RICHER_CATCHMENT_AREA_NAME", "ROME_PROFESSION_CARD_CODE", "ROME_PROFESSION_CARD_NAME", "SEASONAL",
                *(f"SEASONAL_{month}" for month in MONTHS), "TENSION_RATIO",
            ]
        )  # fmt: skip
        for departement, rome, offers, applicants, peaks in MARKET_ROWS:
            writer.writerow(
                [
                    departement, "X", "D", "Département", applicants, applicants, offers, offers, "", "", rome, "X",
                    "O" if peaks else "N", *("O" if month in peaks else "N" for month in MONTHS), 5,
                ]
            )  # fmt: skip
    with (raw / "imt" / "employment_type.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "AREA_CODE", "AREA_NAME", "AREA_TYPE_CODE", "AREA_TYPE_NAME", "CONTRACT_TYPE_CODE",
                "CONTRACT_TYPE_NAME", "NB_OFFERS", "OFFERS_PERCENT", "ROME_PROFESSION_CARD_CODE",
                "ROME_PROFESSION_CARD_NAME",
            ]
        )  # fmt: skip
        for departement, rome, code, label, offers, percent in CONTRACTS:
            writer.writerow([departement, "X", "D", "Département", code, label, offers, percent, rome, "X"])


@pytest.fixture(scope="session")
def market_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("market-bundle")
    raw = write_raw_dir(root / "raw")
    _write_market(raw)
    out = root / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return out


@pytest.fixture
def use_market_bundle(market_bundle: Path) -> Iterator[Path]:
    """The web app reads the market bundle during the test (the small one otherwise)."""
    with web_reads(market_bundle):
        yield market_bundle
