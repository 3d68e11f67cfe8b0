"""Tiny labour-market statistics in the publishers' formats, for the job groups of `rawfixture`.

Written beside `write_raw_dir`'s files: the FAP 2021 tree and crosswalk, the
three BMO workbooks (2023 in FAP 2009 with its own column order, 2024 and 2025
in FAP 2021), the DARES CSVs (some in Windows-1252 with `;`), Mobiville and the
commune → bassin lists. Numbers are chosen so that sums are easy to check by eye:

- K2204 (nettoyage de locaux) maps to T4X60a (qualifications 0-4) and T4X60b
  (5-9), both children of the 228-level family T4X60, the one BMO publishes;
- bassins 8401 and 8402 are in the Rhône (69), 8403 in Isère (38), 0401 in
  La Réunion (974), 9701 in Saint-Martin (978);
- `*` marks figures withheld by statistical secrecy.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

TREE_HEADER = [
    "Code_FAP341",
    "Intitulé_FAP341",
    "Code_FAP228",
    "Intitulé_FAP228",
    "Code_FAP86",
    "Intitulé_FAP86",
    "Code_FAP22",
    "Intitulé_FAP22",
]
_R = ["R1X", "Vendeurs", "R", "Commerce"]
_T = ["T4X60", "Agents d'entretien de locaux", "T4X", "Agents d'entretien", "T", "Services"]
TREE = [
    ["R1X61", "Vendeurs en produits alimentaires", "R1X61", "Vendeurs en produits alimentaires", *_R],
    ["T4X60a", "Agents d'entretien de bureaux", *_T],
    ["T4X60b", "Agents d'entretien d'hôpitaux", *_T],
    [
        "E2X70",
        "Techniciens de production",
        "E2X70",
        "Techniciens de production",
        "E2X",
        "Techniciens",
        "E",
        "Industrie",
    ],
    ["N0X90", "Ingénieurs d'étude", "N0X90", "Ingénieurs d'étude", "N0X", "Ingénieurs", "N", "Études"],
    ["U1X80", "Spectacle", "U1X80", "Spectacle", "U1X", "Spectacle", "U", "Culture"],
]

CROSSWALK_ROWS = (
    [("D1214", "Vente en habillement", q, "R1X61") for q in range(10)]
    + [("K2204", "Nettoyage de locaux", q, "T4X60a" if q < 5 else "T4X60b") for q in range(10)]
    + [("H1503", "Intervention technique", q, "E2X70" if q < 7 else "N0X90") for q in range(10)]
    + [("L1510", "Films d'animation", q, "U1X80") for q in range(10)]
)

BMO_2023_HEADER = [
    "annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "BE23", "NOMBE23", "Dept",
    "NomDept", "REG", "NOM_REG", "met", "xmet", "smet",
]  # fmt: skip
BMO_2024_HEADER = [
    "annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG", "Dept",
    "NomDept", "BE{yy}", "NOMBE{yy}", "met", "xmet", "smet",
]  # fmt: skip

# (job code, job label, bassin, bassin name, département, région, met, xmet, smet)
BMO_ROWS: dict[int, list[tuple[str, str, int, str, str, str, str, str, str]]] = {
    2023: [
        ("T4Z60", "Agents d'entretien de locaux", 8401, "LYON", "69", "84", "100", "40", "10"),
        ("T4Z60", "Agents d'entretien de locaux", 8402, "VILLEFRANCHE", "69", "84", "*", "*", "*"),
        ("T4Z60", "Agents d'entretien de locaux", 8403, "GRENOBLE", "38", "84", "50", "20", "5"),
        ("R1Z61", "Vendeurs en produits alimentaires", 401, "SAINT-DENIS", "974", "04", "30", "10", "*"),
        ("R1Z61", "Vendeurs en produits alimentaires", 9701, "SAINT-MARTIN", "978", "01", "5", "1", "0"),
    ],
    2024: [
        ("T4X60", "Agents d'entretien de locaux", 8401, "LYON", "69", "84", "110", "44", "11"),
        ("T4X60", "Agents d'entretien de locaux", 8403, "GRENOBLE", "38", "84", "60", "*", "6"),
        ("R1X61", "Vendeurs en produits alimentaires", 401, "SAINT-DENIS", "974", "04", "33", "11", "3"),
        ("R1X61", "Vendeurs en produits alimentaires", 9701, "SAINT-MARTIN", "978", "01", "4", "1", "0"),
    ],
    2025: [
        ("T4X60", "Agents d'entretien de locaux", 8401, "LYON", "69", "84", "120", "60", "12"),
        ("T4X60", "Agents d'entretien de locaux", 8402, "VILLEFRANCHE", "69", "84", "*", "*", "*"),
        ("T4X60", "Agents d'entretien de locaux", 8403, "GRENOBLE", "38", "84", "80", "20", "8"),
        ("R1X61", "Vendeurs en produits alimentaires", 401, "SAINT-DENIS", "974", "04", "40", "12", "4"),
        ("R1X61", "Vendeurs en produits alimentaires", 9701, "SAINT-MARTIN", "978", "01", "6", "2", "1"),
    ],
}
NAMES = {"69": "Rhône", "38": "Isère", "974": "La Réunion", "978": "Saint-Martin"}
REGION_NAMES = {"84": "Auvergne-Rhône-Alpes", "04": "La Réunion", "01": "Guadeloupe"}
BMO_FILES = {
    2023: "bmo/Base_open_data_23.xlsx",
    2024: "bmo/Base_open_data_BMO_2024.xlsx",
    2025: "bmo/Base_open_data_BMO_2025.xlsx",
}

TENSIONS_HEADER = (
    "fap,Emploi moyen,Tension ,Catégorie Tension,Intensité d'embauches,Lien formation-emploi,"
    "Manque de main-d'œuvre disponible,Non-durabilité de l'emploi,Conditions de travail contraignantes,"
    "Inadéquation géographique,Année,niveau_geo,niveau_fap,reg,dep\n"
)
TENSIONS_ROWS = [
    "T4Z60,300000,0.25,4.0,5.0,1.0,3.0,4.0,4.0,2.0,2019,nat,fap 225,,",
    "R1Z61,80000,-0.1,2.0,3.0,2.0,2.0,3.0,3.0,1.0,2019,nat,fap 225,,",
    "U1Z80,20000,-0.5,1.0,1.0,4.0,1.0,5.0,2.0,1.0,2019,nat,fap 225,,",
    "E2Z70,50000,0.1,3.0,2.0,5.0,3.0,1.0,2.0,3.0,2019,nat,fap 225,,",
    "N0Z90,40000,0.3,4.0,2.0,5.0,5.0,1.0,1.0,4.0,2019,nat,fap 225,,",
    "T4Z60,30000,0.4,5.0,5.0,1.0,4.0,4.0,4.0,2.0,2019,reg ,fap 225,84.0,",
    "T4Z60,9000,0.5,5.0,5.0,1.0,5.0,4.0,4.0,2.0,2019,dep,fap 225,,69",
    "T4Z60,4000,,,,,,,,,2019,dep,fap 225,,38",
]
SERIES = "fap,Tension ,Année\nT4Z60,0.1,2018\nT4Z60,0.25,2019\nR1Z61,-0.2,2019\n"
SALARIES = (
    '"Code Fap";"Libellé de la famille professionnelle";"Année";"Salaire médian (en €)"\r\n'
    '"T4Z60";"Agents d\'entretien de locaux";"2003-2005";"1000"\r\n'
    '"T4Z60";"Agents d\'entretien de locaux";"2017-2019";"1250"\r\n'
    '"R1Z61";"Vendeurs en produits alimentaires";"2017-2019";"nd"\r\n'
    '"Ensemble";"Ensemble";"2017-2019";"1800"\r\n'
)
JOB_SEEKERS = (
    '"Fap3","Annee","Effectifs","Categorie"\n'
    '"T4Z60","2019",120.5,"Catégorie A"\n'
    '"T4Z60","2020",130.25,"Catégorie A"\n'
    '"T4Z60","2020",170,"Catégories A, B, C"\n'
    '"R1Z61","2020",NA,"Catégorie A"\n'
    '"Ensemble","2020",NA,"Catégorie A"\n'
)
MOBIVILLE = (
    "annee;ROME;cbassin;oee;defm_abc;ind_tension_d;ind_int_emb_d;ind_main_oeuvre_d;ind_dur_empl_d;"
    "ind_cond_travail_d;ind_mismatch_geo_d;ind_specif_form_empl_d\n"
    "2021;K2204;8401;10,5;100,25;4;5;3;4;4;2;1\n"
    "2021;K2204;8402;2,5;20;3;4;2;4;4;2;NA\n"
    "2021;K2204;8403;4;30;2;3;2;4;4;2;1\n"
    "2021;D1214;0401;7;70;1;2;1;3;3;1;2\n"
    "2021;Z9999;8401;1;1;1;1;1;1;1;1;1\n"
)
# INSEE,REG_CREDOC,REG,DEP,CCOMMUNE,NOMCOM,BE19,NOMBE19 (published without a final line break)
BE19 = (
    "CODE_COMMUNE_INSEE,REG_CREDOC,REG,DEP,CCOMMUNE,NOMCOM,BE19,NOMBE19\n"
    "69123,A,84,69,69123,Lyon,8401,LYON\n"
    "38185,A,84,38,38185,Grenoble,8403,GRENOBLE\n"
    "38001,A,84,38,38001,Les Abrets en Dauphiné,8403,GRENOBLE\n"
    "69999,A,84,69,69999,Ancienne commune,8402,VILLEFRANCHE\n"
    "97411,D,04,974,97411,Saint-Denis,0401,SAINT-DENIS\n"
    "97801,D,01,978,97801,Saint-Martin,9701,SAINT-MARTIN"
)
BE24 = (
    "reg,dep,code_commune_insee,code_bassin_BMO,lib_bassin_BMO\n"
    "84,69,69123,8401,Lyon\n"
    "84,38,38185,8403,GRENOBLE-VOIRON\n"
    "04,974,97411,401,SAINT DENIS"
)


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def bmo_sheet(year: int) -> list[list[object]]:
    """The BMO data sheet as France Travail lays it out that year (bassin codes stored as numbers)."""
    rows: list[list[object]] = []
    for code, label, bassin, bassin_name, dep, reg, met, xmet, smet in BMO_ROWS[year]:
        if year == 2023:
            rows.append([year, code, label, "Z", "Autres", bassin, bassin_name, dep, NAMES[dep], reg,
                         REGION_NAMES[reg], met, xmet, smet])  # fmt: skip
        else:
            rows.append([year, code, label, "Z", "Autres", reg, REGION_NAMES[reg], dep, NAMES[dep], bassin,
                         bassin_name, met, xmet, smet])  # fmt: skip
    header = BMO_2023_HEADER if year == 2023 else [c.format(yy=year % 100) for c in BMO_2024_HEADER]
    return [header, *rows]


def write_bmo(raw: Path, year: int, rows: list[list[object]] | None = None) -> Path:
    path = raw / BMO_FILES[year]
    write_workbook(
        path,
        {
            "Description des variables": [["", "Variables", "Description"]],
            f"BMO_{year}_open_data": rows or bmo_sheet(year),
        },
    )
    return path


def add_statistics(raw: Path) -> Path:
    """Adds the statistics files to a raw directory written by `write_raw_dir`."""
    write_workbook(
        raw / "crosswalks/Dares_Arborescence_FAP2021.xlsx",
        {"Lisez-moi": [["Arborescence FAP-2021"]], "niveaux_emboités": [TREE_HEADER, *TREE]},
    )
    crosswalk = "ROME;Intitule_ROME;Qualif;FAP341;Intitule_FAP341\r\n" + "".join(
        f"{rome};{label};{q};{fap};x\r\n" for rome, label, q, fap in CROSSWALK_ROWS
    )
    (raw / "crosswalks/Dares_Table_passage_ROME_Qualif_to_FAP2021_pour_programme.csv").write_bytes(
        crosswalk.encode("cp1252")
    )
    for year in BMO_FILES:
        write_bmo(raw, year)
    dares = raw / "dares"
    dares.mkdir(exist_ok=True)
    (dares / "tensions.csv").write_text(TENSIONS_HEADER + "\n".join(TENSIONS_ROWS) + "\n", encoding="utf-8")
    (dares / "evol_tensions.csv").write_text(SERIES, encoding="utf-8")
    (dares / "dares_salaire_median.csv").write_bytes(SALARIES.encode("cp1252"))
    (dares / "serie_demandeurs_emploi_A_ABC.csv").write_bytes(JOB_SEEKERS.encode("cp1252"))
    (raw / "mobiville").mkdir(exist_ok=True)
    (raw / "mobiville/tension_rome_bassin_2021.csv").write_text(MOBIVILLE, encoding="utf-8")
    (raw / "geo/bassins").mkdir(parents=True, exist_ok=True)
    (raw / "geo/bassins/communes_bassins_be19.csv").write_text(BE19, encoding="utf-8")
    (raw / "geo/bassins/communes_bassins_be24_community.csv").write_text(BE24, encoding="utf-8")
    return raw
