"""A tiny raw-data directory in the publishers' formats, written by the tests.

Small enough to read in one glance, shaped like the real files: every ROME
field quoted with doubled apostrophes, the DARES files in Windows-1252 with
CRLF, the geography as Etalab's JSON. It has the same upstream gap as ROME
v347: job group L1510 is used but missing from the job-group file.

`write_raw_dir_v460` adds a tiny ROME 4.0 release (`rome4/`) and its NAF workbook,
with what 4.0 brings: a fiche whose v3 parent is another code, the new gender
notations, texts given out of order, soft and core skills, work contexts,
ordered mobility, sectors, a theme and a centre of interest.
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
        ["H1503", "0", "1", "Réalise des analyses en laboratoire industriel.", "definition"],
        ["L1510", "0", "1", "Crée des films d''animation.", "definition"],
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
run;\r
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


_GROUP_FLAGS = ["transition_eco", "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre"]
_TITLE_HEADER = [
    "code_ogr",
    "libelle_appellation_long",
    "libelle_appellation_court",
    "code_rome",
    *_GROUP_FLAGS,
    "classification",
    "origine",
    "code_rome_parent",
    "peu_usite",
]


def _title(code: str, long: str, short: str, rome: str, classification: str = "SYNONYME", rare: str = "N") -> list[str]:
    return [code, long, short, rome, "", "", "", "", "", classification, "", rome, rare]


ROME4_FILES = {
    "referentiel_code_rome": [
        ["code_rome", "code_fiche_metier", "code_ogr", "libelle_rome", *_GROUP_FLAGS, "code_rome_parent"],
        [
            "D1214",
            "97",
            "100",
            "Vendeur / Vendeuse en habillement et accessoires de la personne",
            "Emploi Blanc",
            "O",
            "",
            "N",
            "N",
            "D1214",
        ],
        [
            "D1215",
            "98",
            "103",
            "Conseiller / Conseillère de vente en prêt-à-porter",
            "Emploi Vert",
            "",
            "",
            "",
            "",
            "D1214",
        ],
        [
            "K2204",
            "1",
            "101",
            "Agent / Agente de nettoyage industriel",
            "Emploi stratégique pour la Transition écologique",
            "N",
            "O",
            "O",
            "N",
            "K2204",
        ],
        [
            "H1503",
            "2",
            "102",
            "Technicien / Technicienne de laboratoire d''analyse industrielle",
            "Emploi Brun",
            "N",
            "N",
            "N",
            "O",
            "H1503",
        ],
    ],
    "referentiel_appellation": [
        _TITLE_HEADER,
        _title("20556", "Vendeur / Vendeuse en bijouterie", "Vendeur / Vendeuse en bijouterie", "D1214"),
        _title(
            "38101",
            "Vendeur expert / Vendeuse experte retail",
            "Vendeur(euse) expert(e) retail",
            "D1214",
            "PRINCIPALE",
        ),
        _title(
            "10688",
            "Agent / Agente d''entretien/propreté de locaux",
            "Agent(e) d''entretien/propreté de locaux",
            "K2204",
            "PRINCIPALE",
        ),
        _title("140000", "Chef / Cheffe d''équipe nettoyage", "Chef / Cheffe d''équipe nettoyage", "K2204", rare="O"),
        _title("140002", "Agente / Agent de bio-nettoyage", "Agente / Agent de bio-nettoyage", "K2204"),
        _title("140001", "Technico-commercial(e) itinérant(e)", "Technico-commercial(e)", "D1215", "PRINCIPALE"),
        _title(
            "19689",
            "Technicien(ne) chimiste en laboratoire de contrôle en industrie",
            "Technicien(ne) chimiste en laboratoire",
            "H1503",
            "PRINCIPALE",
        ),
        _title("12222", "Electricien / Electricienne de l''Etat", "Electricien(ne) de l''Etat", "H1503"),
    ],
    "referentiel_code_rome_riasec": [
        ["code_rome", "riasec_majeur", "riasec_mineur"],
        ["D1214", "E", "S"],
        ["D1215", "E", ""],
        ["K2204", "R", "C"],
        ["H1503", "I", "R"],
    ],
    "texte": [
        ["code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase", "libelle_texte"],
        ["D1214", "3", "definition", "2", "Conseille la clientèle\net encaisse."],
        ["D1214", "3", "definition", "1", "Vend des articles d''habillement."],
        ["D1214", "4", "acces_metier", "1", "Accessible avec un CAP."],
        ["D1215", "3", "definition", "1", "Conseille en prêt-à-porter, avec un savoir-être sûr."],
        ["K2204", "3", "definition", "1", "Nettoie des sites industriels."],
        ["H1503", "3", "definition", "1", "Réalise des analyses, vérifie l''état des appareils de l''électricien."],
    ],
    "referentiel_competence": [
        [
            "code_ogr",
            "nature",
            "libelle_competence",
            "definition",
            "code_ogr_macro_comp",
            "code_macro_comp",
            "cat_comp",
            "sous_cat_comp",
            "transition_eco",
            "transition_num",
            "libelle_heterogeneite",
            "libelle_origine",
        ],
        ["300230", "Macro-compétence", "Conseiller la clientèle", "", "", "4A101", "Savoir-faire", "Technique"]
        + [""] * 4,
        ["100007", "Compétence", "Présenter un article", "", "300230", "", "Savoir-faire", "Technique"] + [""] * 4,
        ["300412", "Macro-compétence", "Etre à l''écoute", "", "", "6D101", "Savoir-être professionnel", "Transverse"]
        + [""] * 4,
        ["100010", "Compétence", "Utiliser une autolaveuse", "", "", "", "Savoir-faire", "Technique expert"] + [""] * 4,
    ],
    "referentiel_savoir": [
        [
            "code_ogr_savoir",
            "libelle_savoir",
            "categorie_savoir",
            "sous_categorie_savoir",
            "transition_eco",
            "transition_num",
        ],
        ["200001", "Techniques de vente", "Techniques professionnelles", "Techniques commerciales", "", "N"],
        ["200002", "Normes d''hygiène", "Normes et procédés", "Règlementations, normes", "", "N"],
    ],
    "liens_rome_referentiels": [
        ["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"],
        ["D1214", "1", "", "100"],
        ["D1214", "2", "", "20556"],
        ["D1214", "5", "3", "200001"],
        ["D1214", "5", "1", "100007"],
        ["D1214", "5", "1", "300230"],
        ["D1214", "5", "2", "300412"],
        ["D1214", "6", "", "23374"],
        ["D1214", "6", "", "23432"],
        ["D1215", "5", "2", "300412"],
        ["D1215", "6", "", "23374"],
        ["K2204", "5", "1", "100010"],
        ["K2204", "5", "3", "200002"],
        ["K2204", "6", "", "126450"],
        ["H1503", "5", "1", "100007"],
    ],
    "coherence_item": [
        ["code_rome", "code_ogr", "coeur_metier"],
        ["D1214", "100007", "Principale"],
        ["D1214", "300230", ""],
        ["D1214", "200001", "Principale"],
        ["K2204", "100010", "Émergente"],
    ],
    "referentiel_contexte_travail": [
        ["code_ogr", "libelle_cont_travail", "code_type_cont_trav", "libelle_type_cont_trav"],
        ["126450", "Travail posté (2x8, 3x8, 5x8, etc.)", "2", "Horaires et durée du travail"],
        ["23374", "Travail le samedi", "2", "Horaires et durée du travail"],
        ["23432", "Boutique", "4", "Types de structures"],
    ],
    "rubrique_mobilite": [
        ["code_rome", "code_rome_cible", "numero_ordre"],
        ["D1214", "K2204", "2"],
        ["D1214", "D1215", "1"],
        ["D1215", "D1214", "1"],
        ["K2204", "D1214", "1"],
        ["H1503", "K2204", "1"],
    ],
    "cr_gd_dp": [
        [
            "code_rome",
            "libelle_rome",
            "code_grand_domaine",
            "libelle_grand_domaine",
            "code_domaine_professionel",
            "libelle_domaine_professionel",
        ],
        ["D1214", "Vendeur", "D", "Commerce, Vente et Grande distribution", "D12", "Vente en magasin"],
        ["D1215", "Conseiller", "D", "Commerce, Vente et Grande distribution", "D12", "Vente en magasin"],
        ["K2204", "Agent", "K", "Services à la personne et à la collectivité", "K22", "Nettoyage et propreté"],
        ["H1503", "Technicien", "H", "Industrie", "H15", "Contrôle qualité"],
    ],
    "grand_domaine": [
        ["code_grand_domaine", "libelle_grand_domaine"],
        ["D", "Commerce, Vente et Grande distribution"],
        ["H", "Industrie"],
        ["K", "Services à la personne et à la collectivité"],
    ],
    "domaine_professionnel": [
        ["code_domaine_professionnel", "libelle_domaine_professionnel"],
        ["D12", "Vente en magasin"],
        ["H15", "Contrôle qualité"],
        ["K22", "Nettoyage et propreté"],
    ],
    "secteur_activite": [
        ["code_sect_activite", "libelle_sect_activite", "definition_sect_activite"],
        ["110", "Commerce", "Les métiers du commerce.\n\nVendre et conseiller."],
        ["79", "Industrie", ""],
    ],
    "sous_secteur_activite": [
        ["code_ss_sect_activite", "libelle_ss_sect_activite", "definition_ss_sect_activite", "code_sect_activite"],
        ["145", "Habillement", "", "110"],
    ],
    "arborescence_secteur_activite": [
        [
            "code_sect_activite",
            "libelle_sect_activite",
            "code_ss_sect_activite",
            "libelle_ss_sect_activite",
            "code_ogr_rome",
            "code_rome",
            "libelle_rome",
            "principal",
        ],
        ["110", "Commerce", "145", "Habillement", "100", "D1214", "Vendeur", "oui"],
        ["110", "Commerce", "", "", "100", "D1214", "Vendeur", "non"],
        ["110", "Commerce", "145", "Habillement", "103", "D1215", "Conseiller", "oui"],
        ["79", "Industrie", "", "", "102", "H1503", "Technicien", "oui"],
    ],
    "themes": [
        ["code_theme", "libelle_theme", "definition_theme"],
        ["001", "Métiers de l''environnement et du développement durable", "Métiers liés à l''environnement."],
    ],
    "arborescence_thematique": [
        ["code_theme", "libelle_theme", "code_ogr_rome", "code_rome", "libelle_rome"],
        ["001", "Métiers de l''environnement et du développement durable", "101", "K2204", "Agent"],
    ],
    "centre_interet": [
        ["code_centre_interet", "libelle_centre_interet", "definition_centre_interet"],
        ["1", "J''ai envie de vendre, conseiller", "Vendre, conseiller.\n\nEnvie de convaincre ?"],
        ["2", "J''ai envie de prendre soin des lieux", ""],
    ],
    "arborescence_centre_interet": [
        ["code_centre_interet", "libelle_centre_interet", "code_ogr_rome", "code_rome", "libelle_rome", "principal"],
        ["1", "J''ai envie de vendre, conseiller", "103", "D1215", "Conseiller", "non"],
        ["1", "J''ai envie de vendre, conseiller", "100", "D1214", "Vendeur", "oui"],
        ["2", "J''ai envie de prendre soin des lieux", "101", "K2204", "Agent", "oui"],
    ],
}
NAF_WORKBOOK = "crosswalks/ROME Arborescence Secteurs Naf sept 2025.xlsx"
NAF_ROWS = [
    ["0", "Transverse aux secteurs"],
    ["", ""],
    ["H1503", "Technicien / Technicienne de laboratoire"],
    ["", ""],
    ["47", "Commerce de detail, a l'exception des automobiles et des motocycles"],
    ["", ""],
    ["D1214", "Vendeur / Vendeuse en habillement"],
    ["D1215", "Conseiller / Conseillère de vente"],
    ["", ""],
    ["81", "Services relatifs aux batiments et amenagement paysager"],
    ["", ""],
    ["K2204", "Agent / Agente de nettoyage industriel"],
]


def rome4_file(name: str, release: str = "460") -> str:
    return f"rome4/unix_{name}_v{release}_utf8.csv"


def write_naf_workbook(path: Path, rows: list[list[str]] = NAF_ROWS) -> None:
    """France Travail's workbook: a description sheet, then the tree (divisions, then their job groups)."""
    from openpyxl import Workbook  # only the tests write workbooks

    workbook = Workbook()
    description = workbook.active
    description.title = "Définition"
    description.append(["Arborescence secteur NAF du ROME"])
    tree = workbook.create_sheet("Secteur NAF 09-2025")
    for row in rows:
        tree.append([value or None for value in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def write_raw_dir_v460(root: Path, *, release: str = "460", naf: bool = True) -> Path:
    """The tiny raw directory with a ROME 4.0 release beside ROME v347 (as in the shared data)."""
    write_raw_dir(root)
    (root / "rome4").mkdir(exist_ok=True)
    for name, rows in ROME4_FILES.items():
        (root / rome4_file(name, release)).write_text(_csv(rows), encoding="utf-8")
    if naf:
        write_naf_workbook(root / NAF_WORKBOOK)
    return root
