"""A small raw-data directory for the advisor tests: the tiny data fixture plus the job groups the
personas need, and (optionally) labour-market files in the IMT export format.

The ROME rows reuse real codes (so the personas also run on the full bundle) but the sentences
are short paraphrases written for the tests. The market figures are made up for the tests: they
only need to be in the publishers' format.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.data.rawfixture import write_raw_dir

# code_rome, name, riasec major, riasec minor
JOB_GROUPS = [
    ("G1803", "Service en restauration", "R", "E"),
    ("G1602", "Personnel de cuisine", "R", "C"),
    ("M1203", "Comptabilité", "C", "I"),
    ("M1607", "Secrétariat", "C", "S"),
    ("J1506", "Soins infirmiers généralistes", "S", "I"),
    ("J1501", "Soins d'hygiène, de confort du patient", "S", "R"),
    ("K1302", "Assistance auprès d'adultes", "S", "R"),
    ("K1303", "Assistance auprès d'enfants", "S", "A"),
    ("N4101", "Conduite de transport de marchandises sur longue distance", "R", "C"),
    ("N1103", "Magasinage et préparation de commandes", "R", "C"),
    ("M1805", "Études et développement informatique", "I", "C"),
    ("F1703", "Maçonnerie", "R", "C"),
    ("A1414", "Horticulture et maraîchage", "R", "I"),
    ("M1503", "Management des ressources humaines", "E", "S"),
    ("D1505", "Personnel de caisse", "C", "E"),
]
# code_ogr, long label, short label, code_rome
JOB_TITLES = [
    ("19427", "Serveur / Serveuse de restaurant", "Serveur / Serveuse de restaurant", "G1803"),
    ("13861", "Cuisinier / Cuisinière", "Cuisinier / Cuisinière", "G1602"),
    ("12786", "Comptable", "Comptable", "M1203"),
    ("19364", "Secrétaire", "Secrétaire", "M1607"),
    ("15545", "Infirmier / Infirmière de soins généraux", "Infirmier / Infirmière de soins généraux", "J1506"),
    ("10891", "Aide-soignant / Aide-soignante", "Aide-soignant / Aide-soignante", "J1501"),
    ("11453", "Auxiliaire de vie", "Auxiliaire de vie", "K1302"),
    ("11304", "Assistant maternel / Assistante maternelle", "Assistant maternel / Assistante maternelle", "K1303"),
    ("11989", "Chauffeur / Chauffeuse de poids lourd", "Chauffeur / Chauffeuse de poids lourd", "N4101"),
    ("17993", "Préparateur / Préparatrice de commandes", "Préparateur / Préparatrice de commandes", "N1103"),
    ("14153", "Développeur / Développeuse informatique", "Développeur / Développeuse informatique", "M1805"),
    ("16250", "Maçon / Maçonne", "Maçon / Maçonne", "F1703"),
    (
        "17388",
        "Ouvrier / Ouvrière agricole en maraîchage-horticulture",
        "Ouvrier / Ouvrière agricole en maraîchage",
        "A1414",
    ),
    ("18942", "Responsable des Ressources Humaines -RRH-", "Responsable RH", "M1503"),
    ("11640", "Caissier / Caissière", "Caissier / Caissière", "D1505"),
    ("39023", "Animateur / Animatrice 2D - films d'animation", "Animateur / Animatrice 2D", "L1510"),
]
# code_rome, position, text type (1 definition, 2 access, 3 conditions), text
TEXTS = [
    ("G1803", "0", "2", "Cet emploi/métier est accessible avec un CAP/BEP en restauration."),
    ("G1803", "1", "2", "Il est aussi accessible sans diplôme particulier avec une expérience en salle."),
    ("G1803", "2", "2", "Les recrutements se font souvent sur des contrats saisonniers."),
    ("G1602", "0", "2", "Cet emploi/métier est accessible sans diplôme ni expérience professionnelle."),
    ("M1203", "0", "2", "Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 (BTS, DUT) en comptabilité."),
    ("J1506", "0", "2", "Cet emploi/métier est accessible avec le Diplôme d'État -DE- d'infirmier."),
    ("J1501", "0", "2", "Cet emploi/métier est accessible avec le Diplôme d'État d'Aide-Soignant -DEAS-."),
    ("K1303", "0", "2", "Un agrément du Conseil départemental est requis pour exercer comme assistante maternelle."),
    ("N4101", "0", "2", "Les permis poids lourds C et CE complétés par la FIMO sont exigés."),
    ("M1805", "0", "2", "Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 à Master en informatique."),
    ("M1503", "0", "2", "Cet emploi/métier est accessible avec un Master en ressources humaines."),
    ("F1703", "0", "2", "Cet emploi/métier est accessible sans diplôme ni expérience professionnelle."),
    ("A1414", "0", "2", "Cet emploi/métier est accessible sans diplôme, des contrats saisonniers sont proposés."),
]
# source, target, kind code (1 close, 2 evolution)
MOBILITY = [
    ("G1803", "G1602", "1"),
    ("G1602", "G1803", "1"),
    ("M1203", "M1607", "1"),
    ("M1607", "M1203", "1"),
    ("J1501", "K1302", "1"),
    ("K1302", "K1303", "1"),
    ("K1302", "J1501", "1"),
    ("N4101", "N1103", "1"),
    ("D1214", "D1505", "1"),
    ("D1505", "D1214", "1"),
    ("J1501", "J1506", "2"),
]
# code_ogr, label, section code (1 structures, 2 sectors, 3 conditions), section label
ENVIRONMENTS = [
    ("23600", "Cabinet comptable", "1", "STRUCTURES"),
    ("23601", "Association", "1", "STRUCTURES"),
    ("23602", "Collectivité territoriale", "1", "STRUCTURES"),
    ("23603", "Grande distribution", "2", "SECTEURS"),
]
ENVIRONMENT_LINKS = [("M1203", "23600"), ("M1203", "23601"), ("M1203", "23602"), ("D1214", "23603")]

_MONTHS = ("APR", "AUG", "DEC", "FEB", "JAN", "JULY", "JUNE", "MAR", "MAY", "NOV", "OCT", "SEP")
# code_rome, département, offers, applicants, seasonal months (IMT names) — made up for the tests.
MARKET = [
    ("G1803", "69", 300, 600, ("JUNE", "JULY", "AUG")),
    ("G1803", "38", 200, 200, ("JUNE", "JULY", "AUG")),
    ("M1203", "69", 20, 400, ()),
    ("M1203", "38", 40, 80, ()),
    ("M1607", "69", 60, 90, ()),
    ("D1214", "69", 30, 300, ()),
    ("D1214", "38", 50, 100, ()),
    ("D1505", "69", 80, 120, ()),
    ("L1510", "69", 2, 90, ()),
    ("L1510", "38", 1, 40, ()),
    ("K2204", "69", 100, 150, ()),
    ("K1302", "69", 200, 150, ()),
    ("K1303", "69", 40, 60, ()),
    ("J1501", "69", 150, 80, ()),
    ("J1506", "69", 150, 60, ()),
    ("N4101", "69", 80, 100, ()),
    ("N1103", "69", 120, 200, ()),
    ("M1805", "69", 90, 270, ()),
    ("M1503", "69", 10, 150, ()),
    ("M1503", "38", 12, 60, ()),
    ("A1414", "38", 70, 60, ("APR", "MAY", "JUNE")),
    ("F1703", "38", 50, 40, ()),
]
# code_rome, département, contract code, label, percent
CONTRACTS = [
    ("N1103", "69", "04", "Intérim", 70.0),
    ("N1103", "69", "01", "CDI", 20.0),
    ("G1803", "69", "02", "CDD ≤ 3 mois", 60.0),
    ("G1803", "69", "04", "Intérim", 10.0),
]
# channel code, label, FAP, percent
CHANNELS = [
    ("R3", "Candidature spontanée", "R1Z61", 41.0),
    ("R2", "Réseau personnel ou professionnel", "R1Z61", 33.0),
    ("R1", "Intermédiaires du placement", "R1Z61", 18.0),
    ("R4", "Autres canaux", "R1Z61", 8.0),
]


# catchment area, FAP, département, projects, difficult, seasonal ("*" = withheld) — made up for the tests.
BMO = [
    ("6901", "R1Z61", "69", "80.4", "70.2", "5"),
    ("6902", "R1Z61", "69", "40.1", "*", "*"),
    ("6901", "T4Z60", "69", "300", "90", "150"),
]


def _append(path: Path, rows: list[tuple[str, ...]] | list[list[str]]) -> None:
    with path.open("a", encoding="utf-8") as file:
        for row in rows:
            file.write(",".join('"' + value.replace("'", "''") + '"' for value in row) + "\n")


def write_advisor_raw(root: Path, market: bool) -> Path:
    """The tiny raw directory, extended for the personas; with IMT-format market files when `market`."""
    write_raw_dir(root)
    rome = root / "rome"
    _append(
        rome / "unix_referentiel_code_rome_v347_utf8.csv",
        [(code, str(200 + index), str(300 + index), name, "1") for index, (code, name, _, _) in enumerate(JOB_GROUPS)],
    )
    _append(
        rome / "unix_referentiel_code_rome_riasec_v347_utf8.csv",
        [(code, major, minor) for code, _, major, minor in JOB_GROUPS],
    )
    _append(
        rome / "unix_referentiel_appellation_v347_utf8.csv",
        [(ogr, long, short, rome_code, "1", "PRINCIPALE", "1") for ogr, long, short, rome_code in JOB_TITLES],
    )
    kinds = {"1": "definition", "2": "acces_a_em", "3": "conditions"}
    # Every job group has a definition and an item, as in the real ROME: the build refuses a text or
    # links file that covers too few job groups (a truncated file).
    definitions = [(code, "0", "1", f"Exerce en {name.lower()}.") for code, name, _, _ in JOB_GROUPS]
    _append(rome / "unix_texte_v347_utf8.csv", [(c, p, k, text, kinds[k]) for c, p, k, text in [*TEXTS, *definitions]])
    labels = {"1": "Proche", "2": "Evolution"}
    _append(rome / "unix_rubrique_mobilite_v347_utf8.csv", [(s, t, "", "", k, labels[k]) for s, t, k in MOBILITY])
    _append(rome / "unix_referentiel_env_travail_v347_utf8.csv", [(*row, "1") for row in ENVIRONMENTS])
    _append(
        rome / "unix_liens_rome_referentiels_v347_utf8.csv",
        [(code, ogr, "5", "1", "5", "8", str(index), "1") for index, (code, ogr) in enumerate(ENVIRONMENT_LINKS)]
        + [(code, "100007", "7", "1", "1", "8", "1", "1") for code, _, _, _ in JOB_GROUPS],
    )
    if market:
        write_market_files(root)
    return root


def write_market_files(root: Path) -> None:
    """IMT market_score / employment_type / application_modes files in the export's columns."""
    (root / "imt").mkdir(exist_ok=True)
    names = {"69": "RHONE", "38": "ISERE"}
    with (root / "imt" / "market_score.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "AREA_CODE",
                "AREA_NAME",
                "AREA_TYPE_CODE",
                "AREA_TYPE_NAME",
                "NB_APPLICATION_END_MONTH",
                "NB_APPLICATION_LAST_WEEK",
                "NB_OFFER_END_MONTH",
                "NB_OFFER_LAST_WEEK",
                "ROME_PROFESSION_CARD_CODE",
                "ROME_PROFESSION_CARD_NAME",
                "SEASONAL",
                *(f"SEASONAL_{month}" for month in _MONTHS),
                "TENSION_RATIO",
            ]
        )
        for code, dep, offers, applicants, months in MARKET:
            flags = ["O" if month in months else "N" for month in _MONTHS]
            tension = round(10 * offers / applicants) if applicants else ""
            writer.writerow(
                [
                    *(dep, names[dep], "D", "Département", applicants, applicants // 4, offers, offers // 4),
                    *(code, code, "O" if months else "N", *flags, tension),
                ]
            )
    with (root / "imt" / "employment_type.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "AREA_CODE",
                "AREA_NAME",
                "AREA_TYPE_CODE",
                "AREA_TYPE_NAME",
                "CONTRACT_TYPE_CODE",
                "CONTRACT_TYPE_NAME",
                "NB_OFFERS",
                "OFFERS_PERCENT",
                "ROME_PROFESSION_CARD_CODE",
                "ROME_PROFESSION_CARD_NAME",
            ]
        )
        for code, dep, contract, label, percent in CONTRACTS:
            writer.writerow([dep, names[dep], "D", "Département", contract, label, 10, percent, code, code])
    with (root / "imt" / "application_modes.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "APPLICATION_TYPE_CODE",
                "APPLICATION_TYPE_NAME",
                "APPLICATION_TYPE_ORDER",
                "FAP_CODE",
                "FAP_NAME",
                "RECRUT_PERCENT",
            ]
        )
        for order, (channel, label, fap, percent) in enumerate(CHANNELS, 1):
            writer.writerow([channel, label, order, fap, fap, percent])
    (root / "bmo").mkdir(exist_ok=True)
    with (root / "bmo" / "bmo.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                *("CATCHMENT_AREA_CODE", "CATCHMENT_AREA_NAME", "FAP_CODE", "FAP_NAME", "DEPARTEMENT_CODE"),
                *("NB_RECRUT_PROJECTS", "NB_DIFF_RECRUT_PROJECTS", "NB_SEASON_RECRUT_PROJECTS"),
            ]
        )
        for area, fap, dep, projects, difficult, seasonal in BMO:
            writer.writerow([area, area, fap, fap, dep, projects, difficult, seasonal])
