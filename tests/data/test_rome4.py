"""The build from a tiny ROME 4.0 release (v460): the core tables every layer reads, what 4.0 adds,
and every kind of damaged ROME 4.0 file refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bob_emploi.data import RawDataError, Referential, build_bundle
from bob_emploi.data.info import bundle_info
from tests.data.rawfixture import (
    NAF_ROWS,
    NAF_WORKBOOK,
    ROME4_FILES,
    rome4_file,
    write_naf_workbook,
    write_raw_dir_v460,
)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return write_raw_dir_v460(tmp_path / "raw")


@pytest.fixture
def built(raw: Path, tmp_path: Path) -> Referential:
    out = tmp_path / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return Referential.load(out)


def test_rome4_is_read_when_present(built: Referential) -> None:
    assert built.rome_version == "460"
    assert sorted(built.job_groups) == ["D1214", "D1215", "H1503", "K2204"]
    sources = {row[0]: row[3] for row in built.iter_rows("sources")}
    assert sources[rome4_file("referentiel_code_rome")] == "v460"
    assert not any(name.startswith("rome/") for name in sources)


def test_job_groups_genders_and_flags(built: Referential) -> None:
    agent = built.job_groups["K2204"]
    assert agent.name == "Agent / Agente de nettoyage industriel"
    assert (agent.title("masculine"), agent.title("feminine"), agent.title()) == (
        "Agent de nettoyage industriel",
        "Agente de nettoyage industriel",
        "Agent / Agente de nettoyage industriel",
    )
    assert (agent.regulated, agent.managerial, agent.transitions, agent.domain) == (True, False, ("eco", "demo"), "K22")
    seller = built.job_groups["D1214"]
    assert (seller.regulated, seller.managerial, seller.transitions) == (False, False, ("num",))
    assert built.job_groups["H1503"].managerial is True
    assert built.job_groups["H1503"].name == "Technicien / Technicienne de laboratoire d'analyse industrielle"
    assert built.job_groups["H1503"].transitions == ()  # Emploi Brun carries no eco tag
    transition_eco = {row[0]: row[11] for row in built.iter_rows("job_groups")}
    assert transition_eco["H1503"] == "Emploi Brun"
    assert built.job_groups["D1215"].transitions == ("eco",)


def test_parents_and_children(built: Referential) -> None:
    assert built.job_groups["D1215"].code_rome_parent == "D1214"
    assert [group.code_rome for group in built.children_of("D1214")] == ["D1214", "D1215"]
    assert built.children_of("Z9999") == []
    # A ROME 4.0 fiche takes the FAP of its v3 parent.
    assert built.job_groups["D1215"].fap_codes == built.job_groups["D1214"].fap_codes == ("R1Z61",)


def test_titles_in_the_new_notations(built: Referential) -> None:
    titles = built.job_titles
    assert (titles["140000"].masculine, titles["140000"].feminine) == (
        "Chef d'équipe nettoyage",
        "Cheffe d'équipe nettoyage",
    )
    assert (titles["140001"].masculine, titles["140001"].feminine) == (
        "Technico-commercial itinérant",
        "Technico-commerciale itinérante",
    )
    assert (titles["140002"].masculine, titles["140002"].feminine) == (
        "Agent de bio-nettoyage",
        "Agente de bio-nettoyage",
    )
    assert titles["12222"].feminine == "Électricienne de l'État"
    assert titles["38101"].main and not titles["20556"].main
    assert titles["140000"].rarely_used and not titles["10688"].rarely_used
    assert titles["20556"].frequency == 120


def test_texts_are_ordered_by_position(built: Referential) -> None:
    texts = built.texts("D1214")
    assert texts["definition"] == ["Vend des articles d'habillement.", "Conseille la clientèle\net encaisse."]
    assert texts["acces_metier"] == ["Accessible avec un CAP."]


def test_skills_in_sheet_order_with_kinds_and_core(built: Referential) -> None:
    skills = built.skills("D1214")
    assert [(s.code_ogr, s.kind, s.block, s.position) for s in skills] == [
        ("100007", "savoir-faire", 1, 1),
        ("300230", "savoir-faire", 1, 2),
        ("300412", "savoir-etre", 2, 1),
        ("200001", "savoir", 3, 1),
    ]
    present = skills[0]
    assert (present.category, present.macro_label, present.core) == ("Technique", "Conseiller la clientèle", True)
    assert skills[1].macro_label is None and not skills[1].core
    assert skills[2].label == "Être à l'écoute"
    assert skills[3].category == "Techniques professionnelles"
    by_category = built.skills_by_category("D1214")
    assert list(by_category) == ["savoir-faire", "savoir-etre", "savoir"]
    assert [s.code_ogr for s in by_category["savoir-faire"]] == ["100007", "300230"]
    assert list(built.skills_by_category("D1215")) == ["savoir-etre"]
    assert not built.skills("K2204")[0].core  # Émergente is no core skill


def test_work_contexts(built: Referential) -> None:
    assert built.work_environments("D1214") == {
        "Horaires et durée du travail": ["Travail le samedi"],
        "Types de structures": ["Boutique"],
    }


def test_mobility_is_untyped_and_ordered(built: Referential) -> None:
    links = built.mobility("D1214")
    assert [(link.target_rome, link.kind, link.position) for link in links] == [
        ("D1215", "mobility", 1),
        ("K2204", "mobility", 2),
    ]
    assert all(link.is_close for link in links)


def test_domains_sectors_themes_naf(built: Referential) -> None:
    domain = built.domain_of("D1215")
    assert domain is not None
    assert (domain.code, domain.label, domain.level, domain.parent) == ("D12", "Vente en magasin", "professionnel", "D")
    assert built.domain_of("Z9999") is None
    sectors = built.sectors("D1214")
    assert [(s.code, s.label, s.parent, s.main) for s in sectors] == [
        ("145", "Habillement", "110", True),
        ("110", "Commerce", None, False),
    ]
    assert [theme.label for theme in built.themes("K2204")] == [
        "Métiers de l'environnement et du développement durable"
    ]
    assert built.themes("D1214") == []
    naf = built.naf_divisions("D1214")
    assert [(division.code, division.label[:18]) for division in naf] == [("47", "Commerce de detail")]
    assert [division.code for division in built.naf_divisions("H1503")] == ["00"]


def test_centres_of_interest(built: Referential) -> None:
    centres = built.centres_of_interest()
    assert [(c.code, c.label) for c in centres] == [
        ("1", "J'ai envie de vendre, conseiller"),
        ("2", "J'ai envie de prendre soin des lieux"),
    ]
    assert centres[0].definition == "Vendre, conseiller.\nEnvie de convaincre ?"
    assert [group.code_rome for group in built.job_groups_for_interest("1")] == ["D1214", "D1215"]
    assert built.job_groups_for_interest("99") == []


def test_info_counts(raw: Path, tmp_path: Path) -> None:
    result = build_bundle(raw, tmp_path / "b.sqlite", quiet=True)
    info = bundle_info(result.path)
    assert info["rome_version"] == "460"
    assert (info["job_groups"], info["job_titles"], info["mobility_links"], info["centres_of_interest"]) == (4, 8, 5, 2)
    assert info["job_titles_gendered"] == 8  # every title of the fixture carries both genders
    assert info["schema_version"] == 2


def test_release_is_read_from_the_file_names(tmp_path: Path) -> None:
    raw = write_raw_dir_v460(tmp_path / "raw", release="461")
    result = build_bundle(raw, tmp_path / "b.sqlite", quiet=True)
    referential = Referential.load(result.path)
    assert referential.rome_version == "461"
    assert {row[3] for row in referential.iter_rows("sources") if row[0].startswith("rome4/")} == {"v461"}


def test_without_naf_workbook_the_build_says_so(tmp_path: Path) -> None:
    raw = write_raw_dir_v460(tmp_path / "raw", naf=False)
    result = build_bundle(raw, tmp_path / "b.sqlite", quiet=True)
    assert any(step == "naf" and "no NAF workbook" in message for step, _, message in result.report)
    assert Referential.load(result.path).naf_divisions("D1214") == []


def _header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes().splitlines(keepends=True)[0])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _utf16(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


BREAKAGES = {"header-only": _header_only, "empty": _empty, "utf-16": _utf16}
EXPECTED = {"header-only": "0 data rows", "empty": "file is empty", "utf-16": "not valid utf-8"}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
@pytest.mark.parametrize("name", sorted(ROME4_FILES))
def test_damaged_rome4_file_is_refused_by_name(raw: Path, tmp_path: Path, name: str, breakage: str) -> None:
    out = tmp_path / "bundle.sqlite"
    first = build_bundle(raw, out, quiet=True)
    before = out.read_bytes()
    BREAKAGES[breakage](raw / rome4_file(name))
    with pytest.raises(RawDataError) as error:
        build_bundle(raw, out, quiet=True)
    assert str(error.value).startswith(rome4_file(name) + ":")
    assert EXPECTED[breakage] in str(error.value)
    assert out.read_bytes() == before
    assert Referential.load(out).checksum == first.checksum


def _keep_rows(raw: Path, name: str, rows: int) -> None:
    """Keeps the header and the first `rows` rows: a file cut at a line break."""
    data = [row for row in ROME4_FILES[name][: rows + 1]]
    (raw / rome4_file(name)).write_text("".join(",".join(f'"{v}"' for v in row) + "\n" for row in data))


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        ("referentiel_appellation", 2, "job groups with a title"),
        ("referentiel_code_rome_riasec", 2, "job groups with RIASEC interests"),
        ("texte", 3, "job groups with a definition"),
        ("liens_rome_referentiels", 3, "job groups with skills"),
        ("rubrique_mobilite", 1, "job groups with a mobility link"),
        ("cr_gd_dp", 1, "job groups with a domain"),
        ("referentiel_code_rome", 1, "only 1 of the 4 job groups the ROME files use are named"),
    ],
)
def test_file_cut_at_a_line_break_is_refused(raw: Path, tmp_path: Path, name: str, rows: int, expected: str) -> None:
    _keep_rows(raw, name, rows)
    with pytest.raises(RawDataError, match=expected) as error:
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    assert str(error.value).startswith(rome4_file(name) + ":")


def test_damaged_naf_workbook_is_refused_by_name(raw: Path, tmp_path: Path) -> None:
    (raw / NAF_WORKBOOK).write_bytes(b"")
    with pytest.raises(RawDataError, match="not an xlsx workbook") as error:
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    assert str(error.value).startswith(NAF_WORKBOOK)
    write_naf_workbook(raw / NAF_WORKBOOK, [*NAF_ROWS, ["XX12", "Not a code"]])
    with pytest.raises(RawDataError, match=r"Secteur NAF 09-2025:13: A: 'XX12' is neither"):
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
    write_naf_workbook(raw / NAF_WORKBOOK, NAF_ROWS[:3])
    with pytest.raises(RawDataError, match="job groups with a NAF division"):
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)


def test_unknown_text_type_names_line_and_column(raw: Path, tmp_path: Path) -> None:
    path = raw / rome4_file("texte")
    path.write_text(path.read_text().replace('"acces_metier"', '"conditions"'))
    with pytest.raises(RawDataError, match=rf"{rome4_file('texte')}:5: libelle_type_texte: unknown text type"):
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)
