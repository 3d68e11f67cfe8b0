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
