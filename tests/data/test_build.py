"""The build on a tiny raw directory: what goes in the bundle, and every kind of bad input."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bob_emploi.data import RawDataError, Referential, build_bundle
from bob_emploi.data.errors import BundleError
from tests.data.rawfixture import add_market_samples, write_raw_dir

APPELLATIONS = "rome/unix_referentiel_appellation_v347_utf8.csv"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return write_raw_dir(tmp_path / "raw")


@pytest.fixture
def built(raw: Path, tmp_path: Path) -> Referential:
    out = tmp_path / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return Referential.load(out)


def test_titles_have_both_genders_and_clean_labels(built: Referential) -> None:
    expert = built.job_titles["38101"]
    assert (expert.masculine, expert.feminine) == ("Vendeur expert retail", "Vendeuse experte retail")
    assert (expert.short_masculine, expert.short_feminine) == ("Vendeur expert retail", "Vendeuse experte retail")
    cleaning = built.job_titles["10688"]
    assert cleaning.neutral == "Agent / Agente d'entretien/propreté de locaux"
    assert cleaning.feminine == "Agente d'entretien/propreté de locaux"
    assert built.job_titles["12222"].feminine == "Électricienne de l'État"
    assert built.job_titles["19689"].title("feminine").startswith("Technicienne chimiste")
    assert built.job_titles["11111"].title() == "Analyste biologie/microbiologie en industrie"


def test_frequencies_default_to_zero(built: Referential) -> None:
    assert built.job_titles["20556"].frequency == 120
    assert built.job_titles["38101"].frequency == 0
    assert built.titles_of("D1214")[0].code_ogr == "20556"


def test_missing_job_group_is_repaired_and_reported(built: Referential) -> None:
    group = built.job_groups["L1510"]
    assert group.repaired
    assert group.name == "Films d'animation et effets spéciaux"
    assert built.job_titles["38500"].code_rome == "L1510"
    report = built.iter_rows("build_report")
    assert any(row[1] == "L1510" and "missing" in row[2] for row in report)


def test_texts_skills_environments_mobility_fap(built: Referential) -> None:
    assert built.texts("D1214")["definition"] == ["Vend des articles d'habillement à une clientèle de particuliers."]
    assert [skill.label for skill in built.skills("K2204")] == ["Utilisation d'autolaveuse"]
    assert built.work_environments("K2204") == {"conditions": ["Travail de nuit"]}
    (link,) = built.mobility("K2204")
    assert (link.target_rome, link.kind, link.source_title, link.target_title) == (
        "D1214",
        "evolution",
        "10688",
        "20556",
    )
    assert built.job_groups["H1503"].fap_codes == ("E2Z70", "N0Z90")
    assert built.job_groups["L1510"].fap_codes == ("U1Z80",)
    labels = dict((row[0], row[2]) for row in built.iter_rows("fap"))
    assert labels["N0Z90"] == "Ingénieurs et cadres d'étude, gros œuvre"


def test_geography(built: Referential) -> None:
    assert built.departements["69"].in_phrase == "dans le Rhône"
    assert built.departements["38"].in_phrase == "en Isère"
    assert built.departements["38"].of_phrase == "de l'Isère"
    assert built.departements["974"].in_phrase == "à La Réunion"
    assert built.current_commune("69383").name == "Lyon"  # type: ignore[union-attr]
    assert built.communes["69383"].kind == "arrondissement"
    assert [commune.name for commune in built.communes_by_postcode("69003")] == ["Lyon", "Lyon 3e Arrondissement"]
    assert built.former_communes[0].name == "Les Abrets"
    assert built.current_commune("38001").name == "Les Abrets en Dauphiné"  # type: ignore[union-attr]


def test_info_counts_keep_overseas_collectivities_apart(raw: Path, tmp_path: Path) -> None:
    result = build_bundle(raw, tmp_path / "b.sqlite", quiet=True)
    assert result.counts["departements"] == 3
    assert result.counts["regions"] == 2
    assert result.counts["communes"] == 4
    assert result.counts["overseas_collectivities"] == 1
    assert result.counts["mobility_links"] == 3
    assert result.counts["market_rows"] == 0


def test_same_raw_files_give_the_same_checksum(raw: Path, tmp_path: Path) -> None:
    first = build_bundle(raw, tmp_path / "a.sqlite", quiet=True)
    second = build_bundle(raw, tmp_path / "b.sqlite", quiet=True)
    assert first.checksum == second.checksum
    (raw / "jobsuggest" / "jobs_frequency.json").write_text(json.dumps({"20556": 121}))
    assert build_bundle(raw, tmp_path / "c.sqlite", quiet=True).checksum != first.checksum


def test_bundle_is_read_only(built: Referential) -> None:
    assert built.path is not None
    assert not os.access(built.path, os.W_OK) or os.geteuid() == 0  # root ignores modes
    assert oct(built.path.stat().st_mode & 0o777) == "0o444"
    with pytest.raises(sqlite3.OperationalError):
        built._connection.execute("DELETE FROM job_titles")  # type: ignore[union-attr]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _break_unclosed_quote(raw: Path) -> None:
    path = raw / APPELLATIONS
    path.write_text(path.read_text() + '"99999","Unclosed label,"x","D1214","1","PRINCIPALE","1"\n')


def _break_truncated(raw: Path) -> None:
    path = raw / APPELLATIONS
    path.write_bytes(path.read_bytes()[:-40])


def _break_short_row(raw: Path) -> None:
    path = raw / APPELLATIONS
    path.write_text(path.read_text() + '"99999","Label court"\n')


def _break_encoding(raw: Path) -> None:
    path = raw / APPELLATIONS
    path.write_bytes(path.read_text().encode("latin-1"))


def _break_missing_column(raw: Path) -> None:
    _replace(raw / APPELLATIONS, '"libelle_appellation_court"', '"libelle_court"')


def _break_duplicate_key(raw: Path) -> None:
    path = raw / APPELLATIONS
    path.write_text(path.read_text() + '"20556","Doublon","Doublon","D1214","1","PRINCIPALE","1"\n')


def _break_bad_rome_code(raw: Path) -> None:
    _replace(raw / APPELLATIONS, '"D1214","1","PRINCIPALE"', '"D12X4","1","PRINCIPALE"')


def _break_json(raw: Path) -> None:
    (raw / "geo" / "communes.json").write_text('[{"code": "69123",\n "nom": "Lyon"\n')


def _break_geo_field(raw: Path) -> None:
    _replace(raw / "geo" / "communes.json", '"departement": "38"', '"departement": "99"')


def _break_sas(raw: Path) -> None:
    path = raw / "crosswalks" / "passage_fap2009_romev3.txt"
    path.write_bytes(path.read_bytes().replace(b'"K2204"', b'"K2204"  = garbage', 1))


def _break_missing_file(raw: Path) -> None:
    (raw / "rome" / "unix_texte_v347_utf8.csv").unlink()


def _break_market(raw: Path) -> None:
    (raw / "imt").mkdir()
    (raw / "imt" / "market_score.csv").write_text(
        "AREA_CODE,AREA_TYPE_CODE,ROME_PROFESSION_CARD_CODE,NB_OFFER_LAST_WEEK,NB_APPLICATION_LAST_WEEK,"
        "NB_OFFER_END_MONTH,NB_APPLICATION_END_MONTH,TENSION_RATIO,SEASONAL\n69,D,D1214,3,x,,,2,O\n"
    )


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (_break_unclosed_quote, f"{APPELLATIONS}:9: malformed CSV"),
        (_break_truncated, f"{APPELLATIONS}:8: file does not end with a line break"),
        (_break_short_row, f"{APPELLATIONS}:9: 2 fields where the header has 7"),
        (_break_encoding, f"{APPELLATIONS}:4: not valid utf-8"),
        (_break_missing_column, f"{APPELLATIONS}:1: libelle_appellation_court: missing column"),
        (_break_duplicate_key, f"{APPELLATIONS}:9: code_ogr: duplicate key 20556 (first seen on line 2)"),
        (_break_bad_rome_code, f"{APPELLATIONS}:2: code_rome: 'D12X4' is not a ROME code"),
        (_break_json, "geo/communes.json:3: char 1: invalid JSON"),
        (_break_geo_field, "geo/communes.json: departement: 38185: unknown département 99"),
        (_break_sas, "crosswalks/passage_fap2009_romev3.txt:5: unexpected SAS format line"),
        (_break_missing_file, "rome/unix_texte_v347_utf8.csv: file not found"),
        (_break_market, "imt/market_score.csv:1: SEASONAL_JAN: missing column"),
    ],
)
def test_bad_input_stops_the_build_and_keeps_the_previous_bundle(
    raw: Path, tmp_path: Path, breakage: object, expected: str
) -> None:
    out = tmp_path / "bundle.sqlite"
    first = build_bundle(raw, out, quiet=True)
    before = out.read_bytes()
    breakage(raw)  # type: ignore[operator]
    with pytest.raises(RawDataError) as error:
        build_bundle(raw, out, quiet=True)
    assert expected in str(error.value)
    assert out.read_bytes() == before
    assert Referential.load(out).checksum == first.checksum
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_market_value_errors_name_line_and_column(raw: Path, tmp_path: Path) -> None:
    (raw / "imt").mkdir()
    months = ",".join(
        f"SEASONAL_{m}" for m in ("JAN", "FEB", "MAR", "APR", "MAY", "JUNE", "JULY", "AUG", "SEP", "OCT", "NOV", "DEC")
    )
    (raw / "imt" / "market_score.csv").write_text(
        "AREA_CODE,AREA_TYPE_CODE,ROME_PROFESSION_CARD_CODE,NB_OFFER_LAST_WEEK,NB_APPLICATION_LAST_WEEK,"
        f"NB_OFFER_END_MONTH,NB_APPLICATION_END_MONTH,TENSION_RATIO,SEASONAL,{months}\n"
        "69,D,D1214,3,4,5,6,2,O,O,N,N,N,N,N,N,N,N,N,N,O\n"
        "38,D,D1214,3,lots,5,6,2,N,N,N,N,N,N,N,N,N,N,N,N,N\n"
    )
    with pytest.raises(RawDataError, match=r"imt/market_score.csv:3: NB_APPLICATION_LAST_WEEK: 'lots' is not"):
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)


def test_cli_reports_errors_without_traceback(raw: Path, tmp_path: Path) -> None:
    _break_encoding(raw)
    result = subprocess.run(
        [sys.executable, "-m", "bob_emploi", "data", "build", "--raw", str(raw), "--out", str(tmp_path / "b.sqlite")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{APPELLATIONS}:4: not valid utf-8" in result.stderr
    assert not (tmp_path / "b.sqlite").exists()


def test_loading_something_else_is_a_clear_error(tmp_path: Path) -> None:
    not_a_bundle = tmp_path / "notes.sqlite"
    not_a_bundle.write_text("hello")
    with pytest.raises(BundleError, match="not a Bob data bundle"):
        Referential.load(not_a_bundle)
    with pytest.raises(BundleError, match="no such bundle"):
        Referential.load(tmp_path / "missing.sqlite")


def test_build_from_a_copy_of_samples_imports_market_data(raw: Path, raw_data_dir: Path, tmp_path: Path) -> None:
    add_market_samples(raw, raw_data_dir / "market-samples")
    result = build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    # The tiny referential knows few job groups and départements: the sample rows
    # about others are left out and reported, never silently.
    assert result.counts["market_hiring_channels"] > 0
    assert any(step == "market" and "left out" in message for step, _, message in result.report)


def test_v347_bundle_answers_the_rome4_api(built: Referential) -> None:
    """A v347 bundle has the same tables: the ROME 4.0 columns say "unknown", the 4.0 tables are empty."""
    assert built.rome_version == "347"
    seller = built.job_groups["D1214"]
    assert (seller.code_rome_parent, seller.regulated, seller.managerial, seller.transitions, seller.domain) == (
        "D1214",
        None,
        None,
        (),
        "D12",
    )
    assert seller.title("feminine") == seller.name == "Vente en habillement et accessoires de la personne"
    assert [group.code_rome for group in built.children_of("D1214")] == ["D1214"]
    assert not built.job_titles["20556"].main and not built.job_titles["20556"].rarely_used
    assert [link.position for link in built.mobility("D1214")] == [None]
    assert built.mobility("D1214")[0].is_close
    assert list(built.skills_by_category("K2204")) == ["savoir"]
    assert built.centres_of_interest() == [] and built.sectors("D1214") == [] and built.naf_divisions("D1214") == []
    assert built.domain_of("D1214") is None  # v347 has no domain labels


def _keep_rows(path: Path, rows: int) -> None:
    """Keeps the header and the first `rows` rows: a file cut at a line break reads well row by row."""
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[: rows + 1]))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (APPELLATIONS, "job groups with a title"),
        ("rome/unix_referentiel_code_rome_riasec_v347_utf8.csv", "job groups with RIASEC interests"),
        ("rome/unix_texte_v347_utf8.csv", "job groups with a definition"),
        ("rome/unix_liens_rome_referentiels_v347_utf8.csv", "job groups with items"),
        ("rome/unix_rubrique_mobilite_v347_utf8.csv", "job groups with a mobility link"),
    ],
)
def test_v347_file_cut_at_a_line_break_is_refused(raw: Path, tmp_path: Path, name: str, expected: str) -> None:
    _keep_rows(raw / name, 1)
    with pytest.raises(RawDataError, match=expected) as error:
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    assert str(error.value).startswith(f"{name}: only 1 of 4")
