"""`download_market`: the IMT-shaped CSV, and a download interrupted then resumed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bob_emploi.data import Referential, build_bundle
from bob_emploi.francetravail import Client, ClientConfig, ServerError
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.francetravail.market_download import (
    COLUMNS,
    CSV_PATH,
    PROGRESS_PATH,
    Target,
    download_market,
)

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "market-samples" / "imt_market_score.sample.csv"
TARGETS = [
    Target(rome, departement, f"Métier {rome}", f"Département {departement}")
    for rome in ("F1702", "K2204", "M1805")
    for departement in ("09", "10", "69", "75")
]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def test_columns_are_those_of_the_imt_export() -> None:
    if not SAMPLE.exists():
        pytest.skip(f"no IMT sample at {SAMPLE}")
    with SAMPLE.open(encoding="utf-8") as sample:
        assert (*sample.readline().strip().split(","), "PERIOD") == COLUMNS


def test_full_download_writes_one_row_per_pair_with_data(ft_client: Client, server: FakeServer, tmp_path: Path) -> None:
    result = download_market(ft_client, TARGETS, tmp_path, quiet=True)

    rows = _rows(tmp_path / CSV_PATH)
    assert result.pairs == 12 and result.fetched == 12 and result.resumed == 0
    assert result.rows == len(rows) < 12, "pairs the API has no figure for are left out"
    assert server.stats()["api_calls"] == 36
    assert not (tmp_path / PROGRESS_PATH).exists()
    ariege = next(row for row in rows if row["AREA_CODE"] == "09" and row["ROME_PROFESSION_CARD_CODE"] == "F1702")
    figures = ft_client.market.figures("F1702", "09")
    assert ariege["AREA_NAME"] == "ARIEGE"
    assert ariege["AREA_TYPE_CODE"] == "D"
    assert ariege["ROME_PROFESSION_CARD_NAME"] == "Construction de routes et voies"
    assert ariege["NB_OFFER_END_MONTH"] == str(figures.offers)
    assert ariege["NB_OFFER_LAST_WEEK"] == ariege["NB_APPLICATION_LAST_WEEK"] == ""  # the API has no weekly figure
    assert ariege["PERIOD"] == figures.period
    assert ariege["NB_APPLICATION_END_MONTH"] == str(figures.job_seekers)
    assert ariege["TENSION_RATIO"] == str(round(figures.tension or 0))
    assert ariege["SEASONAL"] == ariege["RICHER_CATCHMENT_AREA_CODE"] == ""
    assert [(row["AREA_CODE"], row["ROME_PROFESSION_CARD_CODE"]) for row in rows] == sorted(
        (row["AREA_CODE"], row["ROME_PROFESSION_CARD_CODE"]) for row in rows
    )


def test_interrupted_download_resumes_where_it_stopped(
    config: ClientConfig, server: FakeServer, tmp_path: Path
) -> None:
    complete = tmp_path / "complete"
    with Client(config) as client:
        download_market(client, TARGETS, complete, workers=4, quiet=True)
    server.reset()

    partial = tmp_path / "partial"
    server.control(fail_after=14)  # the service goes down during the 5th pair
    with Client(config) as client, pytest.raises(ServerError):
        download_market(client, TARGETS, partial, workers=1, quiet=True)
    assert not (partial / CSV_PATH).exists(), "no half-written CSV"
    journal = (partial / PROGRESS_PATH).read_text(encoding="utf-8").splitlines()
    assert len(journal) == 4
    with (partial / PROGRESS_PATH).open("a", encoding="utf-8") as progress:
        progress.write('{"rome": "M1805", "depart')  # a line cut by a crash is ignored

    server.reset()  # the service is back
    with Client(config) as client:
        result = download_market(client, TARGETS, partial, workers=2, quiet=True)

    assert (result.resumed, result.fetched) == (4, 8)
    assert server.stats()["api_calls"] == 8 * 3, "finished pairs are not asked again"
    assert (partial / CSV_PATH).read_bytes() == (complete / CSV_PATH).read_bytes()
    assert not (partial / PROGRESS_PATH).exists()


def test_progress_callback_sees_each_pair_fetched(ft_client: Client, tmp_path: Path) -> None:
    asked: list[Target] = []
    result = download_market(ft_client, TARGETS[:3], tmp_path, workers=1, quiet=True, on_pair=asked.append)
    assert asked == TARGETS[:3]
    assert result.fetched == 3


def test_downloaded_figures_go_into_the_bundle_with_their_period(
    ft_client: Client, tmp_path: Path, raw_data_dir: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_data_dir, raw, ignore=shutil.ignore_patterns("market-samples"))
    download_market(ft_client, TARGETS, raw, quiet=True)

    result = build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)

    assert result.counts["market_market_stats"] == len(_rows(raw / CSV_PATH))
    stats = Referential.load(result.path).market("F1702", "09")
    figures = ft_client.market.figures("F1702", "09")
    assert stats is not None
    assert (stats.offers_end_month, stats.applicants_end_month) == (figures.offers, figures.job_seekers)
    assert stats.offers_last_week is None
    assert stats.period == figures.period
