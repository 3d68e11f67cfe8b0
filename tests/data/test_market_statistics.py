"""Real labour-market statistics in the bundle (BMO, DARES, Mobiville), each figure with its provenance."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from bob_emploi.cli import app
from bob_emploi.data import RawDataError, Referential, build_bundle
from bob_emploi.data.bundle import read_meta
from bob_emploi.data.info import bundle_info
from tests.data.rawfixture import write_raw_dir, write_raw_dir_v460
from tests.data.statsfixture import BMO_FILES, add_statistics, bmo_sheet, write_bmo, write_workbook

BMO_2025 = BMO_FILES[2025]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return add_statistics(write_raw_dir(tmp_path / "raw"))


@pytest.fixture
def bundle(raw: Path, tmp_path: Path) -> Path:
    out = tmp_path / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return out


@pytest.fixture
def built(bundle: Path) -> Referential:
    return Referential.load(bundle)


def _rows(bundle: Path, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(bundle)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def _report(bundle: Path) -> list[str]:
    return [f"{subject}: {message}" for subject, message in _rows(bundle, "SELECT subject, message FROM build_report")]


# --- What goes in -------------------------------------------------------------------------------------------


def test_fap2021_tree_and_crosswalk(bundle: Path) -> None:
    assert ("T4X60a", 341, "Agents d'entretien de bureaux", "T4X60") in _rows(bundle, "SELECT * FROM fap2021")
    assert ("T4X60", 228, "Agents d'entretien de locaux", "T4X") in _rows(bundle, "SELECT * FROM fap2021")
    assert ("R", 22, "Commerce", "") in _rows(bundle, "SELECT * FROM fap2021")
    assert _rows(bundle, "SELECT COUNT(*) FROM rome_fap2021") == [(40,)]


def test_withheld_stays_unknown_and_is_counted(bundle: Path) -> None:
    withheld = _rows(
        bundle, "SELECT projects, difficult, seasonal FROM bmo_bassin WHERE year = 2025 AND bassin = '8402'"
    )
    assert withheld == [(None, None, None)]  # `*` is never 0
    rhone = _rows(
        bundle,
        "SELECT projects, difficult, seasonal, withheld, difficult_withheld, seasonal_withheld, bassins FROM bmo_area "
        "WHERE year = 2025 AND job_code = 'T4X60' AND area_type = 'departement' AND area_code = '69'",
    )
    assert rhone == [(120, 60, 12, 1, 1, 1, 2)]  # a lower bound: one bassin's figures withheld


def test_sums_per_territory(bundle: Path) -> None:
    areas = {
        (area_type, area_code): projects
        for area_type, area_code, projects in _rows(
            bundle, "SELECT area_type, area_code, projects FROM bmo_area WHERE year = 2025 AND job_code = 'T4X60'"
        )
    }
    assert areas == {
        ("departement", "69"): 120,
        ("departement", "38"): 80,
        ("region", "84"): 200,
        ("france", "FR"): 200,
    }
    totals = dict(_rows(bundle, "SELECT year, SUM(projects) FROM bmo_area WHERE area_type = 'france' GROUP BY year"))
    assert totals == {2023: 185, 2024: 207, 2025: 246}
    # Bassin codes on 4 digits, as France Travail writes them; 2023 job codes in FAP 2009.
    assert ("0401", "FAP2009") in _rows(bundle, "SELECT bassin, nomenclature FROM bmo_bassin WHERE year = 2023")


def test_dares_and_mobiville(bundle: Path) -> None:
    assert _rows(
        bundle, "SELECT tension_class, labour_shortage FROM dares_tensions WHERE fap = 'T4Z60' AND area_code = '69'"
    ) == [(5, 5)]
    assert _rows(bundle, "SELECT * FROM dares_salaries WHERE fap = 'R1Z61'") == [("R1Z61", "225", "2017-2019", None)]
    assert _rows(bundle, "SELECT thousands FROM dares_job_seekers WHERE fap = 'R1Z61'") == [(None,)]  # NA
    mobiville = _rows(
        bundle, "SELECT bassin, departement, offers, training_link FROM mobiville WHERE code_rome_v3 = 'K2204'"
    )
    assert mobiville == [("8401", "69", 10.5, 1), ("8402", "69", 2.5, None), ("8403", "38", 4.0, 1)]
    assert ("69123", "BE19", "8401", "LYON") in _rows(bundle, "SELECT * FROM commune_bassins")  # fmt: skip


def test_codes_that_cannot_be_mapped_are_reported(bundle: Path) -> None:
    report = "\n".join(_report(bundle))
    assert "1 ROME codes are not ROME v3 job groups of this bundle, left out: Z9999" in report
    assert "FAP 'Ensemble' is not a FAP 2009 family: its salary is left out" in report
    assert "FAP 'Ensemble' is not a FAP 2009 family: its job seekers are left out" in report
    assert "69999" in report  # a commune of the BE19 list that no longer exists
    assert "1 bassins of the BMO 2024 file are missing from this community list: 9701 SAINT-MARTIN" in report
    assert "bassin 8403 is 'GRENOBLE-VOIRON' here and 'GRENOBLE' in BMO 2024: its communes left out" in report
    assert "département 978 filed under région 01: summed in région 978" in report


def test_community_bassins_kept_only_where_code_and_name_agree(bundle: Path) -> None:
    rows = _rows(bundle, "SELECT commune, bassin, bassin_name FROM commune_bassins WHERE vintage = 'BE24'")
    assert rows == [("69123", "8401", "LYON"), ("97411", "0401", "SAINT-DENIS")]


def test_unknown_fap_code_is_reported_not_dropped(raw: Path, tmp_path: Path) -> None:
    rows = bmo_sheet(2025)
    rows.append(
        [2025, "Z9X99", "Métier inconnu", "Z", "Autres", "84", "AURA", "69", "Rhône", 8401, "LYON", "7", "1", "1"]
    )
    write_bmo(raw, 2025, rows)
    out = tmp_path / "unknown.sqlite"
    build_bundle(raw, out, quiet=True)
    assert "job code 'Z9X99' (1 rows) is not a FAP2021 family: no job group gets it" in "\n".join(_report(out))
    assert _rows(out, "SELECT projects FROM bmo_bassin WHERE job_code = 'Z9X99'") == [(7,)]


# --- The figures a job group reads --------------------------------------------------------------------------


def test_families_go_through_the_fap2021_tree(built: Referential) -> None:
    families = built.bmo_families("K2204")
    assert [(f.nomenclature, f.code, f.qualifications) for f in families] == [
        ("FAP2021", "T4X60", ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
        ("FAP2009", "T4Z60", ()),
    ]
    assert [f.code for f in built.bmo_families("H1503")] == ["E2X70", "N0X90", "E2Z70", "N0Z90"]


def test_a_family_figure_says_whose_figure_it_is(built: Referential) -> None:
    figures = built.market_figures("K2204", "69")
    projects = [f for f in figures if f.label == "Projets de recrutement" and f.year == 2025]
    assert [(f.value, f.territory.name, f.withheld) for f in projects] == [
        (120, "Rhône", 1),
        (200, "Auvergne-Rhône-Alpes", 1),
    ]
    first = projects[0]
    assert first.subject == "la famille de métiers «\u00a0Agents d'entretien de locaux\u00a0»"
    assert first.subject_code == "T4X60"  # the family's code, never the job group's
    assert first.dataset == "Enquête Besoins en main-d'œuvre (BMO) 2025"
    assert first.publisher == "France Travail"
    assert "secret statistique" in first.note
    assert first.to_json()["territory"] == {"type": "departement", "code": "69", "name": "Rhône"}
    assert all(f.subject_code != "K2204" for f in figures if f.dataset.startswith("Enquête"))


def test_percentages_change_tension_salary_and_mobiville(built: Referential) -> None:
    figures = {(f.label, f.territory.code, f.year): f for f in built.market_figures("K2204", "38")}
    assert figures[("Part des projets jugés difficiles", "38", 2025)].value == 25.0
    change = figures[
        ("Évolution des projets de recrutement de 2023 à 2025 (FAP 2009 T4Z60 → FAP 2021 T4X60)", "38", 2025)
    ]
    assert change.value == 60.0  # 50 -> 80
    assert figures[("Salaire médian", "FR", 2019)].value == 1250
    assert figures[("Salaire médian", "FR", 2019)].unit == "€ net par mois"
    tension = figures[("Tension sur le recrutement (1 = très faible, 5 = très forte)", "38", 2019)]
    assert tension.value is None  # published without a value for Isère
    seekers = figures[("Demandeurs d'emploi inscrits en catégories A, B, C", "FR", 2020)]
    assert (seekers.value, seekers.unit, seekers.publisher) == (170000, "demandeurs d'emploi", "DARES")
    assert figures[("Demandeurs d'emploi inscrits en catégorie A", "FR", 2020)].value == 130250
    offers = figures[("Offres d'emploi enregistrées (moyenne mensuelle)", "38", 2021)]
    assert (offers.value, offers.subject) == (4.0, "la fiche ROME «\u00a0Nettoyage de locaux\u00a0»")


def test_figures_read_twice_or_for_fewer_surveys_are_the_same_figures(bundle: Path) -> None:
    """Régions' and France's figures are kept per bundle; asking again, or for two surveys, changes none."""
    first = Referential.load(bundle).market_figures("K2204", "38")
    built = Referential.load(bundle)
    assert built.market_figures("K2204", "38") == first
    assert built.market_figures("K2204", "38") == first  # now from the kept régions' and France's figures
    assert built.market_figures("K2204") == Referential.load(bundle).market_figures("K2204")
    narrowed = built.market_figures("K2204", "38", bmo_years=(2023, 2025))
    assert narrowed == [f for f in first if "(BMO) 2024" not in f.dataset]
    assert any(f.label.startswith("Évolution des projets") for f in narrowed)
    without_2023 = built.market_figures("K2204", "38", bmo_years=(2025,))
    assert not any(f.label.startswith("Évolution des projets") for f in without_2023)  # not "non calculable"
    without_factors = built.market_figures("K2204", "38", factors=False)
    assert without_factors == [f for f in first if "facteur de tension" not in f.label]
    assert len(without_factors) < len(first)


def test_a_rome4_job_group_reads_its_rome_v3_parent(tmp_path: Path) -> None:
    raw = add_statistics(write_raw_dir_v460(tmp_path / "raw"))
    out = tmp_path / "rome4.sqlite"
    build_bundle(raw, out, quiet=True)
    referential = Referential.load(out)
    # D1215 is new in ROME 4.0: it derives from D1214, whose families it reads.
    assert [f.code for f in referential.bmo_families("D1215")] == ["R1X61", "R1Z61"]
    offers = [f for f in referential.market_figures("D1215", "974") if f.unit == "offres"]
    assert [(f.value, f.subject_code) for f in offers] == [(7.0, "D1214")]
    assert offers[0].subject.startswith("la fiche ROME v3 D1214, qui regroupe 2 fiches ROME 4.0 dont")


def test_france_when_no_departement(built: Referential) -> None:
    figures = built.market_figures("K2204")
    assert {f.territory.type for f in figures} == {"france"}
    with pytest.raises(KeyError, match="unknown département"):
        built.market_figures("K2204", "99")
    with pytest.raises(KeyError, match="unknown job group"):
        built.market_figures("Z9999")


def test_info_coverage(bundle: Path) -> None:
    coverage = bundle_info(bundle)["coverage"]
    assert set(coverage) == {"bmo_2023", "bmo_2024", "bmo_2025", "dares_tensions", "dares_salaries", "mobiville"}
    # 4 job groups × 3 départements (Saint-Martin is a collectivity, not a département).
    assert coverage["bmo_2025"]["pairs"] == 12
    assert coverage["bmo_2025"]["with_figure"] == 3  # K2204 in 69 and 38, D1214 in 974
    assert coverage["bmo_2025"]["lower_bound"] == 1  # K2204 in 69
    assert coverage["dares_tensions"]["withheld"] == 1  # K2204 in 38


def test_cli_market_json(bundle: Path) -> None:
    result = CliRunner().invoke(
        app, ["data", "market", "K2204", "--departement", "69", "--json", "--bundle", str(bundle)]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["figures"]
    first_2025 = next(figure for figure in figures if figure["year"] == 2025)
    assert (first_2025["value"], first_2025["label"], first_2025["territory"]["name"]) == (
        120,
        "Projets de recrutement",
        "Rhône",
    )
    table = CliRunner().invoke(app, ["data", "market", "K2204", "--bundle", str(bundle)], terminal_width=200)
    assert table.exit_code == 0
    assert "Projets de" in table.output and "Travail" in table.output
    unknown = CliRunner().invoke(app, ["data", "market", "Z9999", "--bundle", str(bundle)])
    assert unknown.exit_code == 2
    assert "unknown job group 'Z9999'" in unknown.output


# --- Optional, and bad input ----------------------------------------------------------------------------------


def test_a_raw_dir_without_statistics_builds_as_before(tmp_path: Path) -> None:
    out = tmp_path / "plain.sqlite"
    build_bundle(write_raw_dir(tmp_path / "raw"), out, quiet=True)
    assert "bmo/Base_open_data_BMO_2025.xlsx: no BMO 2025 file in the raw directory: no figures" in _report(out)
    referential = Referential.load(out)
    assert referential.market_figures("K2204", "69") == []
    assert json.loads(read_meta(out)["coverage"]) == {}


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:2000])


def _rename(path: Path) -> None:
    path.write_text("annee;met\n2025;12\n", encoding="utf-8")


def _drop_sheet(path: Path) -> None:
    write_workbook(path, {"Description des variables": [["x"]], "Feuil1": bmo_sheet(2025)})


def _drop_column(path: Path) -> None:
    write_workbook(path, {"BMO_2025_open_data": [row[:-1] for row in bmo_sheet(2025)]})


def _bad_number(path: Path) -> None:
    rows = bmo_sheet(2025)
    rows[2][11] = "douze"
    write_workbook(path, {"BMO_2025_open_data": rows})


def _header_only(path: Path) -> None:
    write_workbook(path, {"BMO_2025_open_data": bmo_sheet(2025)[:1]})


def _other_vintage(path: Path) -> None:
    rows = bmo_sheet(2025)
    rows[1][0] = 2024
    write_workbook(path, {"BMO_2025_open_data": rows})


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncate, f"{BMO_2025}: damaged xlsx workbook (zip directory missing): truncated download?"),
        (_rename, f"{BMO_2025}: not an xlsx workbook (no zip signature): another file renamed?"),
        (_drop_sheet, f"{BMO_2025}: no sheet 'BMO_2025_open_data' (sheets: Description des variables, Feuil1)"),
        (_drop_column, f"{BMO_2025}:BMO_2025_open_data:1: smet: missing column"),
        (_bad_number, f"{BMO_2025}:BMO_2025_open_data:3: met: 'douze' is neither a count nor '*' (withheld)"),
        (_header_only, f"{BMO_2025}: 0 data rows where at least 1 are expected"),
        (_other_vintage, f"{BMO_2025}:BMO_2025_open_data:2: annee: '2024' where the 2025 survey is expected"),
    ],
)
def test_bad_workbook_stops_the_build_naming_file_sheet_row_column(
    raw: Path, tmp_path: Path, damage: Any, message: str
) -> None:
    damage(raw / BMO_2025)
    with pytest.raises(RawDataError) as error:
        build_bundle(raw, tmp_path / "bad.sqlite", quiet=True)
    assert str(error.value).startswith(message), str(error.value)
    assert not (tmp_path / "bad.sqlite").exists()


@pytest.mark.parametrize(
    ("file", "content"),
    [
        ("mobiville/tension_rome_bassin_2021.csv", "annee;ROME;cbassin;oee;defm_abc;ind_tension_d;ind_int_emb_d;"
         "ind_main_oeuvre_d;ind_dur_empl_d;ind_cond_travail_d;ind_mismatch_geo_d;ind_specif_form_empl_d\n"),
        ("dares/evol_tensions.csv", "fap,Tension ,Année\n"),
        ("dares/tensions.csv", ""),
        (
            "crosswalks/Dares_Table_passage_ROME_Qualif_to_FAP2021_pour_programme.csv",
            "ROME;Intitule_ROME;Qualif;FAP341\r\n",
        ),
    ],
)  # fmt: skip
def test_header_only_or_empty_csv_is_refused_naming_the_file(
    raw: Path, tmp_path: Path, file: str, content: str
) -> None:
    (raw / file).write_text(content, encoding="utf-8")
    with pytest.raises(RawDataError, match=rf"^{file}:? ?\d*:? (file is empty|0 data rows)"):
        build_bundle(raw, tmp_path / "bad.sqlite", quiet=True)


def test_a_cut_mobiville_file_is_refused_by_its_coverage(raw: Path, tmp_path: Path) -> None:
    path = raw / "mobiville/tension_rome_bassin_2021.csv"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    with pytest.raises(RawDataError, match=r"only 1 of 4 ROME v3 job groups with Mobiville figures"):
        build_bundle(raw, tmp_path / "bad.sqlite", quiet=True)


def test_non_numeric_csv_cell_names_line_and_column(raw: Path, tmp_path: Path) -> None:
    path = raw / "mobiville/tension_rome_bassin_2021.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2021;K2204;8403;4;", "2021;K2204;8403;quatre;"))
    with pytest.raises(RawDataError, match=r"^mobiville/tension_rome_bassin_2021.csv:4: oee: 'quatre' is not a number"):
        build_bundle(raw, tmp_path / "bad.sqlite", quiet=True)


def test_bad_statistics_leave_the_previous_bundle_untouched(raw: Path, bundle: Path) -> None:
    before = bundle.read_bytes()
    _truncate(raw / BMO_2025)
    with pytest.raises(RawDataError):
        build_bundle(raw, bundle, quiet=True)
    assert bundle.read_bytes() == before


# --- The real files ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_bmo_national_totals(real_bundle: Path) -> None:
    """The README's totals: 3.01 M, 2.75 M, 2.40 M projects (withheld cells left out)."""
    sums = dict(_rows(real_bundle, "SELECT year, SUM(projects) FROM bmo_area WHERE area_type = 'france' GROUP BY year"))
    assert sums == {2023: 3_013_134, 2024: 2_751_069, 2025: 2_401_105}
    bassins = dict(_rows(real_bundle, "SELECT year, COUNT(*) FROM bmo_bassin GROUP BY year"))
    assert bassins == {2023: 50_437, 2024: 53_443, 2025: 50_076}


@pytest.mark.slow
def test_real_g1803_in_savoie_is_the_sum_of_the_savoie_bassins(
    real_bundle: Path, referential: Referential, raw_data_dir: Path
) -> None:
    """Checked by hand against the published workbook: Savoie's bassins of the family S2X61."""
    sheet = CalamineWorkbook.from_path(str(raw_data_dir / BMO_2025)).get_sheet_by_name("BMO_2025_open_data")
    header, *rows = sheet.to_python()
    column = {name: index for index, name in enumerate(header)}
    savoie = [row for row in rows if row[column["Dept"]] == "73" and row[column["Code métier BMO"]] == "S2X61"]
    expected = [sum(int(row[column[name]]) for row in savoie) for name in ("met", "xmet", "smet")]
    assert expected == [2795, 1154, 2386]  # MAURIENNE 405, TARENTAISE 1756, CHAMBERY 634

    figures = [
        f for f in referential.market_figures("G1803", "73")
        if f.year == 2025 and f.subject_code == "S2X61" and f.territory.code == "73" and f.period == ""
    ]  # fmt: skip
    by_label = {f.label: f for f in figures}
    assert by_label["Projets de recrutement"].value == 2795
    assert by_label["Part des projets jugés difficiles"].value == round(100 * 1154 / 2795, 1)
    assert by_label["Part des projets saisonniers"].value == round(100 * 2386 / 2795, 1)
    first = by_label["Projets de recrutement"]
    assert first.subject == "la famille de métiers «\u00a0Serveurs de cafés restaurants\u00a0»"
    assert (first.territory.name, first.dataset, first.publisher) == (
        "Savoie",
        "Enquête Besoins en main-d'œuvre (BMO) 2025",
        "France Travail",
    )
    assert referential.bmo_families("G1803")[0].code == "S2X61"
    places = {(f.dataset.startswith("Enquête"), f.territory.name) for f in referential.market_figures("G1803", "73")}
    # BMO for the département and its région; salaries and job seekers are published for France only.
    assert places == {(True, "Savoie"), (True, "Auvergne-Rhône-Alpes"), (False, "Savoie"),
                      (False, "Auvergne-Rhône-Alpes"), (False, "France")}  # fmt: skip


@pytest.mark.slow
def test_a_managerial_job_reads_the_cadres_family_first(real_bundle: Path) -> None:
    """F1101's v3 fiche covers landscape trades at qualifications 0-6 (A1X41, gardeners) and
    architects at 7-9 (B7X90): ROME 4.0 flags "Architecte du bâtiment" managerial, so its
    headline family is the architects'; a waiter's stays the waiters'."""
    referential = Referential.load(real_bundle)
    assert referential.job_groups["F1101"].managerial
    assert [family.code for family in referential.bmo_families("F1101")][:1] == ["B7X90"]
    assert [family.code for family in referential.bmo_families("G1803")][:1] == ["S2X61"]
