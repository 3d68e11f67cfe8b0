"""The raw files Bob reads: where each comes from, who publishes it, under which licence.

This catalogue is the single place that says so: the build copies it into the
bundle's `sources` table (with each file's checksum and row count), and
`bob data fetch` downloads from the URLs here.
"""

from __future__ import annotations

from dataclasses import dataclass

ROME_VERSION = "v347"
ROME_PUBLISHER = "Pôle emploi (now France Travail)"
ETALAB_LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"

# The ROME is distributed as one zip of CSV files.
ROME_ZIP_URL = (
    "https://www.pole-emploi.org/files/live/sites/peorg/files/documents/"
    "Statistiques-et-analyses/Open-data/ROME/RefRomeCsv.zip"
)
# Etalab's administrative divisions, published as an npm package whose data/ folder holds the JSON files.
GEO_PACKAGE_URL = "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz"
DARES_URL = "https://dares.travail-emploi.gouv.fr/IMG/txt/"
JOB_FREQUENCY_URL = (
    "https://raw.githubusercontent.com/bayesimpact/bob-emploi/main/data_analysis/data/jobs_frequency.json"
)


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # relative to the raw-data directory
    publisher: str
    licence: str
    version: str
    url: str
    required: bool = True
    # For files shipped inside an archive: the member's name in it.
    archive_member: str | None = None
    # Fewer data rows than this stops the build (`BuildContext.record`): an empty or header-only file.
    # Coverage checks (`BuildContext.require_coverage`) catch a file cut short at a line break.
    min_rows: int = 1


def _rome(name: str) -> Source:
    file = f"unix_{name}_{ROME_VERSION}_utf8.csv"
    return Source(f"rome/{file}", ROME_PUBLISHER, ETALAB_LICENCE, ROME_VERSION, ROME_ZIP_URL, archive_member=file)


def _geo(name: str) -> Source:
    return Source(
        f"geo/{name}.json",
        "Etalab, @etalab/decoupage-administratif (from INSEE's Code officiel géographique)",
        "MIT",
        "6.0.0",
        GEO_PACKAGE_URL,
        archive_member=f"package/data/{name}.json",
    )


ROME_JOB_GROUPS = _rome("referentiel_code_rome")
ROME_JOB_TITLES = _rome("referentiel_appellation")
ROME_RIASEC = _rome("referentiel_code_rome_riasec")
ROME_TEXTS = _rome("texte")
ROME_SKILLS = _rome("referentiel_competence")
ROME_ACTIVITIES = _rome("referentiel_activite")
ROME_LINKS = _rome("liens_rome_referentiels")
ROME_ENVIRONMENTS = _rome("referentiel_env_travail")
ROME_MOBILITY = _rome("rubrique_mobilite")

# ROME 4.0, the taxonomy France Travail uses since 2023. Its files carry the release in their
# names (`unix_texte_v460_utf8.csv`); `rome4.py` finds the release and asks for its files here.
ROME4_RELEASE = "460"
ROME4_PUBLISHER = "France Travail"
ROME4_LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
# France Travail's own link to the CSV zip could not be confirmed: this is the dataset's
# page on data.gouv.fr, which lists the current download.
ROME4_URL = "https://www.data.gouv.fr/fr/datasets/repertoire-operationnel-des-metiers-et-des-emplois-rome/"


def rome4(name: str, release: str = ROME4_RELEASE) -> Source:
    """A file of a ROME 4.0 release (`referentiel_code_rome` -> `rome4/unix_referentiel_code_rome_v460_utf8.csv`)."""
    file = f"unix_{name}_v{release}_utf8.csv"
    return Source(f"rome4/{file}", ROME4_PUBLISHER, ROME4_LICENCE, f"v{release}", ROME4_URL, archive_member=file)


# Job groups -> NAF divisions: a workbook France Travail publishes beside the CSV export
# (same dataset page); optional: without it the bundle has no NAF links.
ROME4_NAF = Source(
    "crosswalks/ROME Arborescence Secteurs Naf sept 2025.xlsx",
    ROME4_PUBLISHER,
    ROME4_LICENCE,
    "septembre 2025",
    ROME4_URL,
    required=False,
)

GEO_REGIONS = _geo("regions")
GEO_DEPARTEMENTS = _geo("departements")
GEO_COMMUNES = _geo("communes")

FAP_CROSSWALK = Source(
    "crosswalks/passage_fap2009_romev3.txt",
    "DARES",
    ETALAB_LICENCE,
    "FAP 2009 / ROME v3",
    DARES_URL + "passage_fap2009_romev3.txt",
)
FAP_LABELS = Source(
    "crosswalks/intitule_fap2009.txt", "DARES", ETALAB_LICENCE, "FAP 2009", DARES_URL + "intitule_fap2009.txt"
)
JOB_FREQUENCY = Source(
    "jobsuggest/jobs_frequency.json",
    "Bayes Impact (JobSuggest usage counts)",
    "GPL-3.0 (bob-emploi repository)",
    "2019",
    JOB_FREQUENCY_URL,
)

# Labour-market statistics: optional; `bob data fetch-market` makes the first from the
# France Travail API, the others come from the IMT / BMO open-data exports.
IMT_MARKET_SCORE = Source(
    "imt/market_score.csv",
    "France Travail, IMT (Statistiques offres et demandes)",
    ETALAB_LICENCE,
    "as downloaded",
    "https://francetravail.io/data/api/marche-travail",
    required=False,
)
IMT_EMPLOYMENT_TYPE = Source(
    "imt/employment_type.csv",
    "France Travail, IMT (types de contrats)",
    ETALAB_LICENCE,
    "as downloaded",
    "https://francetravail.io/data/api/marche-travail",
    required=False,
)
IMT_APPLICATION_MODES = Source(
    "imt/application_modes.csv",
    "France Travail, IMT (modes de recrutement)",
    ETALAB_LICENCE,
    "as downloaded",
    "https://francetravail.io/data/api/marche-travail",
    required=False,
)
BMO = Source(
    "bmo/bmo.csv",
    "France Travail, enquête Besoins en main-d'œuvre (BMO)",
    ETALAB_LICENCE,
    "as downloaded",
    "https://statistiques.francetravail.org/bmo",
    required=False,
)

# Real labour-market statistics (optional: a raw directory without them builds a bundle without
# them, and the build report says so). Where only a dataset page is known, `url` is that page and
# the source is not in FETCHABLE: download it by hand.
BMO_PUBLISHER = "France Travail, enquête Besoins en main-d'œuvre (BMO)"
# The BMO open-data page lists every vintage (2015-2025); only 2025 is known as a direct xlsx link,
# 2023 and 2024 are distributed in zips from that page.
BMO_PAGE_URL = "https://www.data.gouv.fr/fr/datasets/561fa564c751df4f2acdbb48/"
BMO_2025_URL = (
    "https://www.francetravail.org/files/live/sites/peorg/files/documents/"
    "Statistiques-et-analyses/Open-data/BMO/Base_open_data_BMO_2025.xlsx"
)
# DARES's "Portraits statistiques des métiers" publishes its inputs in this repository.
DARES_PORTRAITS_URL = "https://raw.githubusercontent.com/StatDares/PortraitStatMetiers/HEAD/inputs/"
# Dataset pages only (no direct link known): the FAP 2021 nomenclature files and the salary series
# are on DARES's site, the Mobiville tension file and bassin list in France Travail's Mobiville code.
DARES_SITE_URL = "https://dares.travail-emploi.gouv.fr/"
MOBIVILLE_REPOSITORY_URL = "https://github.com/StartupsPoleEmploi/mobiville"
ODIS_REPOSITORY_URL = "https://github.com/dataforgoodfr/13_odis"

BMO_2023 = Source("bmo/Base_open_data_23.xlsx", BMO_PUBLISHER, ETALAB_LICENCE, "BMO 2023", BMO_PAGE_URL, required=False)
BMO_2024 = Source(
    "bmo/Base_open_data_BMO_2024.xlsx", BMO_PUBLISHER, ETALAB_LICENCE, "BMO 2024", BMO_PAGE_URL, required=False
)
BMO_2025 = Source(
    "bmo/Base_open_data_BMO_2025.xlsx", BMO_PUBLISHER, ETALAB_LICENCE, "BMO 2025", BMO_2025_URL, required=False
)
FAP2021_TREE = Source(
    "crosswalks/Dares_Arborescence_FAP2021.xlsx", "DARES", ETALAB_LICENCE, "FAP 2021", DARES_SITE_URL, required=False
)
FAP2021_CROSSWALK = Source(
    "crosswalks/Dares_Table_passage_ROME_Qualif_to_FAP2021_pour_programme.csv",
    "DARES",
    ETALAB_LICENCE,
    "FAP 2021 / ROME v3 × qualification",
    DARES_SITE_URL,
    required=False,
)
DARES_TENSIONS = Source(
    "dares/tensions.csv",
    "DARES / Pôle emploi, indicateurs de tension",
    ETALAB_LICENCE,
    "2019",
    DARES_PORTRAITS_URL + "tensions/tensions.csv",
    required=False,
)
DARES_TENSION_SERIES = Source(
    "dares/evol_tensions.csv",
    "DARES / Pôle emploi, indicateurs de tension",
    ETALAB_LICENCE,
    "2011-2019",
    DARES_PORTRAITS_URL + "tensions/evol_tensions.csv",
    required=False,
)
DARES_SALARIES = Source(
    "dares/dares_salaire_median.csv",
    "DARES, portraits statistiques des métiers",
    ETALAB_LICENCE,
    "2003-2005 and 2017-2019",
    DARES_SITE_URL,
    required=False,
)
DARES_JOB_SEEKERS = Source(
    "dares/serie_demandeurs_emploi_A_ABC.csv",
    "DARES / Pôle emploi, demandeurs d'emploi par métier",
    ETALAB_LICENCE,
    "1997-2020",
    DARES_PORTRAITS_URL + "serie_demandeurs_emploi_A_ABC.csv",
    required=False,
)
MOBIVILLE_TENSIONS = Source(
    "mobiville/tension_rome_bassin_2021.csv",
    "Pôle emploi (France Travail), Mobiville",
    ETALAB_LICENCE,
    "2021",
    MOBIVILLE_REPOSITORY_URL,
    required=False,
)
BASSINS_BE19 = Source(
    "geo/bassins/communes_bassins_be19.csv",
    "Pôle emploi (France Travail), bassins d'emploi 2019 via Mobiville",
    ETALAB_LICENCE,
    "BE19",
    MOBIVILLE_REPOSITORY_URL,
    required=False,
)
BASSINS_BE24_COMMUNITY = Source(
    "geo/bassins/communes_bassins_be24_community.csv",
    "Data For Good (13_odis), community list, not official",
    "as published by the repository",
    "BE24",
    ODIS_REPOSITORY_URL,
    required=False,
)

FETCHABLE: tuple[Source, ...] = (
    ROME_JOB_GROUPS,
    ROME_JOB_TITLES,
    ROME_RIASEC,
    ROME_TEXTS,
    ROME_SKILLS,
    ROME_ACTIVITIES,
    ROME_LINKS,
    ROME_ENVIRONMENTS,
    ROME_MOBILITY,
    GEO_REGIONS,
    GEO_DEPARTEMENTS,
    GEO_COMMUNES,
    FAP_CROSSWALK,
    FAP_LABELS,
    JOB_FREQUENCY,
)
# The statistics with a direct download link (`bob data fetch` gets them too); the others' `url`
# is a dataset page.
FETCHABLE_STATISTICS: tuple[Source, ...] = (BMO_2025, DARES_TENSIONS, DARES_TENSION_SERIES, DARES_JOB_SEEKERS)
