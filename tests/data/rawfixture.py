"""A tiny raw-data directory in the publishers' formats, written by the tests.

Small enough to read in one glance, shaped like the real files: every ROME
field quoted with doubled apostrophes, the DARES files in Windows-1252 with
CRLF, the geography as Etalab's JSON. It has the same upstream gap as ROME
v347: job group L1510 is used but missing from the job-group file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(f'"{value}"' for value in row) + "\n" for row in rows)


ROME_FILES = {
    "unix_referentiel_code_rome_v347_utf8.csv": [
        ["code_rome", "code_fiche_em", "code_ogr", "libelle_rome", "statut"],
        ["D1214", "97", "100", "Vente en habillement et accessoires de la personne", "1"],
        ["K2204", "1", "101", "Nettoyage de locaux", "1"],
        ["H1503", "2", "102", "Intervention technique en laboratoire d''analyse industrielle", "1"],
    ],
    "unix_referentiel_appellation_v347_utf8.csv": [
        [
            "code_ogr",
            "libelle_appellation_long",
            "libelle_appellation_court",
            "code_rome",
            "code_type_section_appellation",
            "libelle_type_section_appellation",
            "statut",
        ],
        [
            "20556",
            "Vendeur / Vendeuse en bijouterie",
            "Vendeur / Vendeuse en bijouterie",
            "D1214",
            "1",
            "PRINCIPALE",
            "1",
        ],
        [
            "38101",
            "Vendeur expert / Vendeuse experte retail",
            "Vendeur(euse) expert(e) retail",
            "D1214",
            "1",
            "PRINCIPALE",
            "1",
        ],
        [
            "10688",
            "Agent / Agente d''entretien/propreté de locaux",
            "Agent(e) d''entretien/propreté de locaux",
            "K2204",
            "1",
            "PRINCIPALE",
            "1",
        ],
        [
            "19689",
            "Technicien(ne) chimiste en laboratoire de contrôle en industrie",
            "Technicien(ne) chimiste en laboratoire",
            "H1503",
            "1",
            "PRINCIPALE",
            "1",
        ],
        [
            "11111",
            "Analyste biologie/microbiologie en industrie",
            "Analyste biologie/microbiologie",
            "H1503",
            "1",
            "PRINCIPALE",
            "1",
        ],
        [
            "12222",
            "Electricien / Electricienne de l''Etat",
            "Electricien(ne) de l''Etat",
            "H1503",
            "1",
            "PRINCIPALE",
            "1",
        ],
        ["38500", "Animateur 2D / Animatrice 2D", "Animateur(trice) 2D", "L1510", "1", "PRINCIPALE", "1"],
    ],
    "unix_referentiel_code_rome_riasec_v347_utf8.csv": [
        ["code_rome", "riasec_majeur", "riasec_mineur"],
        ["D1214", "E", "S"],
        ["K2204", "R", "C"],
        ["H1503", "I", "R"],
        ["L1510", "A", "R"],
    ],
    "unix_texte_v347_utf8.csv": [
        ["code_rome", "position_libelle_txt", "code_type_texte", "libelle_texte", "libelle_type_texte"],
        ["D1214", "0", "1", "Vend des articles d''habillement à une clientèle de particuliers.", "definition"],
        ["D1214", "0", "2", "Accessible avec un CAP, l''électricité n''y est pas requise.", "acces_a_em"],
        [
            "K2204",
            "0",
            "1",
            "Réalise l''entretien des locaux en bon état, éducateur de la propreté et électricien à ses heures.",
            "definition",
        ],
    ],
    "unix_referentiel_competence_v347_utf8.csv": [
        ["code_ogr", "libelle_competence", "code_type_competence", "libelle_type_competence", "statut"],
        ["100007", "Techniques de vente", "1", "SAVOIRS THEORIQUES ET PROCEDURAUX", "1"],
        ["100010", "Utilisation d''autolaveuse", "1", "SAVOIRS THEORIQUES ET PROCEDURAUX", "1"],
    ],
    "unix_referentiel_env_travail_v347_utf8.csv": [
        ["code_ogr", "libelle_env_travail", "code_type_section_env_trav", "libelle_type_section_env_trav", "statut"],
        ["23432", "Boutique", "1", "STRUCTURES", "1"],
        ["23500", "Travail de nuit", "3", "CONDITIONS", "1"],
    ],
    "unix_liens_rome_referentiels_v347_utf8.csv": [
        [
            "code_rome",
            "code_ogr",
            "code_ref_rubrique",
            "position_bloc",
            "code_type_referentiel",
            "code_compo_bloc",
            "position_item",
            "id_priorisation",
        ],
        ["D1214", "100007", "7", "1", "1", "8", "1", "1"],
        ["K2204", "100010", "7", "1", "1", "8", "1", "1"],
        ["K2204", "23500", "5", "1", "5", "8", "1", "1"],
        ["D1214", "23432", "5", "1", "5", "8", "1", "1"],
        ["D1214", "999999", "9", "1", "2", "8", "1", "1"],
    ],
    "unix_rubrique_mobilite_v347_utf8.csv": [
        [
            "code_rome",
            "code_rome_cible",
            "code_appellation_source",
            "code_appellation_cible",
            "code_type_mobilite",
            "libelle_type_mobilite",
        ],
        ["D1214", "K2204", "", "", "1", "Proche"],
        ["K2204", "D1214", "10688", "20556", "2", "Evolution"],
        ["H1503", "L1510", "", "", "2", "Evolution"],
    ],
}

REGIONS = [
    {"code": "84", "nom": "Auvergne-Rhône-Alpes", "typeLiaison": 1, "zone": "metro"},
    {"code": "04", "nom": "La Réunion", "typeLiaison": 0, "zone": "drom"},
    {"code": "978", "nom": "Saint-Martin", "typeLiaison": 0, "zone": "com"},
]
DEPARTEMENTS = [
    {"code": "69", "region": "84", "nom": "Rhône", "typeLiaison": 2, "zone": "metro"},
    {"code": "38", "region": "84", "nom": "Isère", "typeLiaison": 5, "zone": "metro"},
    {"code": "974", "region": "04", "nom": "La Réunion", "typeLiaison": 0, "zone": "drom"},
    {"code": "978", "region": "978", "nom": "Saint-Martin", "typeLiaison": 0, "zone": "com"},
]
COMMUNES = [
    {
        "code": "69123",
        "nom": "Lyon",
        "departement": "69",
        "region": "84",
        "type": "commune-actuelle",
        "codesPostaux": ["69001", "69003"],
        "population": 519127,
        "zone": "metro",
    },
    {
        "code": "69383",
        "nom": "Lyon 3e Arrondissement",
        "departement": "69",
        "region": "84",
        "type": "arrondissement-municipal",
        "commune": "69123",
        "codesPostaux": ["69003"],
        "population": 103221,
        "zone": "metro",
    },
    {
        "code": "38185",
        "nom": "Grenoble",
        "departement": "38",
        "region": "84",
        "type": "commune-actuelle",
        "codesPostaux": ["38000", "38100"],
        "population": 156389,
        "zone": "metro",
    },
    {
        "code": "38001",
        "nom": "Les Abrets en Dauphiné",
        "departement": "38",
        "region": "84",
        "type": "commune-actuelle",
        "codesPostaux": ["38490"],
        "population": 6263,
        "zone": "metro",
    },
    {
        "code": "38001",
        "nom": "Les Abrets",
        "departement": "38",
        "region": "84",
        "type": "commune-deleguee",
        "chefLieu": "38001",
        "zone": "metro",
    },
    {
        "code": "97411",
        "nom": "Saint-Denis",
        "departement": "974",
        "region": "04",
        "type": "commune-actuelle",
        "codesPostaux": ["97400"],
        "population": 153810,
        "zone": "drom",
    },
    {
        "code": "97801",
        "nom": "Saint-Martin",
        "departement": "978",
        "region": "978",
        "type": "commune-actuelle",
        "codesPostaux": ["97150"],
        "population": 32489,
        "zone": "com",
    },
]

FAP_CROSSWALK = """/* Table de correspondance ROME V3 -> FAP-2009 */\r
proc format ;\r
value  $FAP9RSQ\r
"D1214"                                                         =\t"R1Z61"\r
"K2204"                                                         =\t"T4Z60"\r
"L1510"                                                         =\t"U1Z80"\r
 Other                                                          ="ZZZZZ"; \r
 run;   \r
proc format ;\r
value  $FAP9RAQ\r
"H15030","H15031","H15032"                                      = "E2Z70"\r
"H15037","H15038"                                               = "N0Z90"\r
 Other                                                          ="ZZZZZ"; \r
 run;   \r
"""
FAP_LABELS = """value $FAP9_1L\r
"R"="R : Commerce"\r
Other ="Z : Non renseign\xe9 ou autre" ;\r
value $FAP9_5L\r
"R1Z61"="R1Z61 : Vendeurs en produits alimentaires"\r
"T4Z60"="T4Z60 : Agents d'entretien de locaux"\r
"U1Z80"="U1Z80 : Professionnels des spectacles"\r
"E2Z70"="E2Z70 : Techniciens de production et de contr\xf4le-qualit\xe9"\r
"N0Z90"="N0Z90 : Ing\xe9nieurs et cadres d'\xe9tude, gros \x9cuvre"\r
Other ="ZZZZZ" ;\r
"""
FREQUENCIES = {"20556": 120, "10688": 80, "19689": 3, "": 12, "99999": 5}


def write_raw_dir(root: Path) -> Path:
    """Writes the tiny raw-data directory under `root` and returns it."""
    rome = root / "rome"
    rome.mkdir(parents=True, exist_ok=True)
    for name, rows in ROME_FILES.items():
        (rome / name).write_text(_csv(rows), encoding="utf-8")
    geo = root / "geo"
    geo.mkdir(exist_ok=True)
    for name, records in (("regions", REGIONS), ("departements", DEPARTEMENTS), ("communes", COMMUNES)):
        (geo / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    crosswalks = root / "crosswalks"
    crosswalks.mkdir(exist_ok=True)
    (crosswalks / "passage_fap2009_romev3.txt").write_bytes(_cp1252(FAP_CROSSWALK))
    (crosswalks / "intitule_fap2009.txt").write_bytes(_cp1252(FAP_LABELS))
    jobsuggest = root / "jobsuggest"
    jobsuggest.mkdir(exist_ok=True)
    (jobsuggest / "jobs_frequency.json").write_text(json.dumps(FREQUENCIES), encoding="utf-8")
    return root


def _cp1252(text: str) -> bytes:
    """The DARES files' bytes: characters below 256 as latin-1, with 0x9C for œ."""
    return bytes(ord(char) for char in text)


MARKET_SAMPLES = {
    "imt_market_score.sample.csv": "imt/market_score.csv",
    "imt_employment_type.sample.csv": "imt/employment_type.csv",
    "imt_application_modes.sample.csv": "imt/application_modes.csv",
    "bmo.sample.csv": "bmo/bmo.csv",
}


def add_market_samples(raw: Path, samples: Path) -> None:
    """Puts the publishers' format samples where `bob data build` looks for market files."""
    for sample, target in MARKET_SAMPLES.items():
        (raw / target).parent.mkdir(exist_ok=True)
        shutil.copy(samples / sample, raw / target)
