"""The bundle built from the real open data (BOB_RAW_DATA, else ../shared/data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bob_emploi.cli import app
from bob_emploi.data import Referential, build_bundle
from tests.data.rawfixture import add_market_samples


def _info(bundle: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["data", "info", "--json", str(bundle)])
    assert result.exit_code == 0, result.output
    info: dict[str, Any] = json.loads(result.output)
    return info


def test_counts_reported_by_info(real_bundle: Path) -> None:
    info = _info(real_bundle)
    assert info["rome_version"] == "460"
    assert info["job_groups"] == 1584
    assert info["job_groups_repaired"] == 0
    assert info["job_titles"] == 13120
    assert info["job_titles_gendered"] > 10000
    assert info["job_titles_with_both_forms"] == 13120
    assert info["mobility_links"] == 14912
    assert info["centres_of_interest"] == 30
    assert info["communes"] >= 34000
    assert info["departements"] == 101
    assert info["regions"] == 18
    assert info["market_rows"] == 0
    assert info["market_available"] is False
    assert len(info["checksum"]) == 64
    assert {source["file"] for source in info["sources"]} >= {
        "rome4/unix_referentiel_appellation_v460_utf8.csv",
        "crosswalks/ROME Arborescence Secteurs Naf sept 2025.xlsx",
        "geo/communes.json",
        "crosswalks/passage_fap2009_romev3.txt",
    }
    assert not any(source["file"].startswith("rome/") for source in info["sources"])


def test_counts_of_the_v347_bundle(real_bundle_v347: Path) -> None:
    info = _info(real_bundle_v347)
    assert info["rome_version"] == "347"
    assert info["job_groups"] == 532
    assert info["job_groups_repaired"] == 1
    assert info["job_titles"] == 10990
    assert info["job_titles_gendered"] > 8000
    assert info["mobility_links"] == 4218
    assert info["centres_of_interest"] == 0
    assert "rome/unix_referentiel_appellation_v347_utf8.csv" in {source["file"] for source in info["sources"]}
    referential = Referential.load(real_bundle_v347)
    assert referential.rome_version == "347"
    assert referential.job_groups["L1510"].repaired
    assert len(referential.titles_of("L1510")) == 22
    assert referential.job_groups["D1214"].code_rome_parent == "D1214"
    assert referential.job_groups["D1214"].regulated is None
    assert {link.kind for link in referential.mobility("D1214")} <= {"close", "evolution"}


def test_every_v347_title_survives_in_v460(real_bundle: Path, real_bundle_v347: Path) -> None:
    v347 = {row[0] for row in Referential.load(real_bundle_v347).iter_rows("job_titles")}
    v460 = {row[0] for row in Referential.load(real_bundle).iter_rows("job_titles")}
    assert len(v347) == 10990
    assert v347 <= v460
    assert len(v460 - v347) == 2130


def test_rome4_links(referential: Referential) -> None:
    groups = referential.job_groups
    assert len({group.code_rome_parent for group in groups.values()}) == 532
    assert "A1102" in {group.code_rome for group in referential.children_of("A1101")}
    assert groups["A1101"].title("feminine") == "Conductrice d'engins agricoles"
    assert sum(1 for group in groups.values() if group.regulated) == 241
    assert sum(1 for group in groups.values() if group.managerial) == 507
    assert sum(1 for title in referential.job_titles.values() if title.main) == 1584
    assert sum(1 for title in referential.job_titles.values() if title.rarely_used) == 199
    assert all(referential.texts(code).get("definition") for code in ("A1101", "K2204", "M1805"))
    skills = referential.skills_by_category("A1101")
    assert list(skills) == ["savoir-faire", "savoir-etre", "savoir"]
    assert any(skill.core for skill in referential.skills("A1101"))
    positions = [link.position for link in referential.mobility("A1101")]
    assert positions == sorted(positions) and all(link.kind == "mobility" for link in referential.mobility("A1101"))
    domain = referential.domain_of("A1101")
    assert domain is not None and (domain.code, domain.label) == ("A11", "Engins agricoles et forestiers")
    assert referential.naf_divisions("A1101")
    assert len(list(referential.iter_rows("job_group_naf"))) == 2920
    assert len(referential.centres_of_interest()) == 30
    assert referential.job_groups_for_interest("1")
    assert referential.sectors("K1102")
    # Every job group has a FAP, through its v3 parent when the crosswalk lacks it.
    assert all(group.fap_codes for group in groups.values())


def test_every_title_has_two_forms(referential: Referential) -> None:
    for title in referential.job_titles.values():
        assert title.masculine and title.feminine, title
        assert title.code_rome in referential.job_groups
    gendered = sum(1 for title in referential.job_titles.values() if title.masculine != title.feminine)
    assert gendered > 10000


def test_real_titles(referential: Referential) -> None:
    titles = referential.job_titles
    assert titles["38500"].feminine if "38500" in titles else True
    abatteur = titles["10200"]
    assert (abatteur.masculine, abatteur.feminine) == ("Abatteur de carrière", "Abatteuse de carrière")
    assert any(title.feminine.startswith("Éleveuse") for title in titles.values())
    assert not any(" Etat" in title.neutral or "''" in title.neutral for title in titles.values())


def test_geography_and_crosswalk(referential: Referential) -> None:
    assert referential.departements["69"].in_phrase == "dans le Rhône"
    assert referential.departements["38"].in_phrase == "en Isère"
    assert referential.departements["974"].in_phrase == "à La Réunion"
    assert referential.regions["32"].in_phrase == "dans les Hauts-de-France"
    for code in ("75056", "69123", "13055"):
        city = referential.communes[code]
        arrondissements = [c for c in referential.communes.values() if c.parent == code]
        assert arrondissements and all(referential.current_commune(a.code) == city for a in arrondissements)
    assert referential.job_groups["N4102"].fap_codes == ("J3Z40",)
    assert referential.job_groups["D1101"].fap_codes  # needs the qualification table


def test_market_samples_on_the_real_referential(raw_data_dir: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_data_dir, raw, ignore=shutil.ignore_patterns("market-samples"))
    add_market_samples(raw, raw_data_dir / "market-samples")
    result = build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    assert result.counts["market_rows"] > 0
    assert result.counts["market_bmo"] > 0
    referential = Referential.load(result.path)
    assert referential.market_available
    stats = referential.market("F1702", "09")
    assert stats is not None
    assert (stats.offers_last_week, stats.applicants_last_week, stats.tension_ratio) == (2, 24, 9)
    assert stats.seasonal is True
    assert stats.seasonal_months == (10,)
    assert referential.market("F1702", "75") is None
    by_departement = referential.market_by_departement("F1702")
    assert by_departement["09"] == stats
    assert "75" not in by_departement
    assert by_departement == {code: referential.market("F1702", code) for code in by_departement}
    bmo = {(row[0], row[1]): row[2:] for row in referential.iter_rows("bmo")}
    # Withheld by statistical secrecy is unknown, not zero.
    assert bmo[("V2Z92", "2B")] == (None, None, None, 3)
    # Catchment areas of one département are summed.
    laon = bmo[("A0Z43", "02")]
    assert laon[0] == pytest.approx(45.9096865448) and laon[3] == 0


def test_overseas_phrases(referential: Referential) -> None:
    assert referential.departements["989"].of_phrase == "de Clipperton"
    assert referential.departements["978"].in_phrase == "à Saint-Martin"
