"""The job sheet's local market, when the bundle holds IMT figures (built here from the publisher's format)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bob_emploi.data import build_bundle
from bob_emploi.web import bundle as web_bundle
from tests.data.rawfixture import add_market_samples, write_raw_dir
from tests.web.conftest import Api, web_reads


@pytest.fixture
def market_bundle(raw_data_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """The small bundle plus IMT market figures: the publisher's sample rows, one of them moved
    to a job group and a département of the small bundle (D1214 in the Rhône)."""
    raw = write_raw_dir(tmp_path / "raw")
    add_market_samples(raw, raw_data_dir / "market-samples")
    scores = raw / "imt" / "market_score.csv"
    header, first, *_ = scores.read_text(encoding="utf-8").splitlines()
    columns = header.split(",")
    row = first.split(",")
    row[columns.index("AREA_CODE")] = "69"
    row[columns.index("AREA_NAME")] = "RHONE"
    row[columns.index("ROME_PROFESSION_CARD_CODE")] = "D1214"
    row[columns.index("ROME_PROFESSION_CARD_NAME")] = "Vente en habillement et accessoires de la personne"
    with scores.open("a", encoding="utf-8") as out:
        out.write(",".join(row) + "\n")
    out_path = tmp_path / "bundle.sqlite"
    build_bundle(raw, out_path, quiet=True)
    with web_reads(out_path):
        yield out_path


@pytest.mark.django_db
def test_job_group_shows_the_local_market(market_bundle: Path, anonymous_api: Api) -> None:
    assert web_bundle.referential().market_available
    expected = web_bundle.referential().market("D1214", "69")
    assert expected is not None
    group = anonymous_api.get("/job-groups/D1214").json()
    [market] = group["market"]
    assert market["departement"] == "69"
    assert market["offers_last_week"] == expected.offers_last_week
    assert market["applicants_last_week"] == expected.applicants_last_week
    assert market["seasonal_months"] == list(expected.seasonal_months)
    assert anonymous_api.get("/job-groups/K2204").json()["market"] == []
