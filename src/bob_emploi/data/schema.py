"""The bundle's tables: one place that says what each holds.

Bump SCHEMA_VERSION whenever a table or a column changes meaning, so that a
Bob reading an older bundle says so instead of misreading it.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

# table name -> (DDL, docstring shown by `bob data info` and the notebooks)
TABLES: dict[str, tuple[str, str]] = {
    "meta": (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "Schema version, checksum, build date, and what the bundle lacks.",
    ),
    "sources": (
        "CREATE TABLE sources (file TEXT PRIMARY KEY, publisher TEXT NOT NULL, licence TEXT NOT NULL, "
        "version TEXT NOT NULL, url TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL)",
        "Provenance: each raw file read, who publishes it, under which licence, and how many rows it gave.",
    ),
    "build_report": (
        "CREATE TABLE build_report (step TEXT NOT NULL, subject TEXT NOT NULL, message TEXT NOT NULL)",
        "What the build repaired or could not parse (never silently dropped).",
    ),
    "job_groups": (
        "CREATE TABLE job_groups (code_rome TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "riasec_major TEXT NOT NULL, riasec_minor TEXT NOT NULL, repaired INTEGER NOT NULL)",
        "Fiches ROME (job groups), with their RIASEC (Holland) interests. "
        "`repaired` = 1 when the group was missing from the job-group file and rebuilt from the others.",
    ),
    "job_group_texts": (
        "CREATE TABLE job_group_texts (code_rome TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, "
        "text TEXT NOT NULL, PRIMARY KEY (code_rome, kind, position))",
        "Descriptive texts per job group: definition, acces_metier (how to get in), condition_exercice.",
    ),
    "skills": (
        "CREATE TABLE skills (code_ogr TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL)",
        "Skills (savoir-faire) and knowledge (savoirs) items of the ROME.",
    ),
    "job_group_skills": (
        "CREATE TABLE job_group_skills (code_rome TEXT NOT NULL, code_ogr TEXT NOT NULL, block INTEGER NOT NULL, "
        "position INTEGER NOT NULL, PRIMARY KEY (code_rome, code_ogr))",
        "Which skills belong to which job group, in the order of the job-group sheet.",
    ),
    "work_environments": (
        "CREATE TABLE work_environments (code_ogr TEXT PRIMARY KEY, label TEXT NOT NULL, section TEXT NOT NULL)",
        "Work environments: structures, sectors and conditions.",
    ),
    "job_group_environments": (
        "CREATE TABLE job_group_environments (code_rome TEXT NOT NULL, code_ogr TEXT NOT NULL, "
        "PRIMARY KEY (code_rome, code_ogr))",
        "Which work environments belong to which job group.",
    ),
    "job_titles": (
        "CREATE TABLE job_titles (code_ogr TEXT PRIMARY KEY, code_rome TEXT NOT NULL, label_long TEXT NOT NULL, "
        "label_short TEXT NOT NULL, neutral TEXT NOT NULL, masculine TEXT NOT NULL, feminine TEXT NOT NULL, "
        "short_masculine TEXT NOT NULL, short_feminine TEXT NOT NULL, frequency INTEGER NOT NULL)",
        "Appellations (job titles): cleaned ROME labels and their masculine, feminine and neutral forms; "
        "`frequency` = how often users chose the title in Bayes Impact's JobSuggest (0 when unknown).",
    ),
    "mobility": (
        "CREATE TABLE mobility (source_rome TEXT NOT NULL, target_rome TEXT NOT NULL, kind TEXT NOT NULL, "
        "source_title TEXT, target_title TEXT)",
        "ROME mobility graph: `close` (similar job) or `evolution` (a step up), between job groups "
        "and optionally between titles.",
    ),
    "regions": (
        "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, zone TEXT NOT NULL, in_phrase TEXT NOT NULL)",
        "Régions; zone is metro, drom (overseas régions) or com (overseas collectivities, kept apart).",
    ),
    "departements": (
        "CREATE TABLE departements (code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, "
        "zone TEXT NOT NULL, in_phrase TEXT NOT NULL, of_phrase TEXT NOT NULL)",
        "Départements, with the French phrases to say 'in' and 'of' them.",
    ),
    "communes": (
        "CREATE TABLE communes (code TEXT PRIMARY KEY, name TEXT NOT NULL, departement TEXT NOT NULL, "
        "region TEXT NOT NULL, postcodes TEXT NOT NULL, population INTEGER NOT NULL, kind TEXT NOT NULL, "
        "parent TEXT, zone TEXT NOT NULL)",
        "Communes by INSEE code (kind commune) and Paris/Lyon/Marseille arrondissements (kind arrondissement, "
        "`parent` = the city's code). Postcodes are space-separated; zone as for régions.",
    ),
    "former_communes": (
        "CREATE TABLE former_communes (code TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, "
        "parent TEXT NOT NULL, PRIMARY KEY (code, name))",
        "Former communes merged into a commune nouvelle (deleguee, associee), with the current commune "
        "(`parent`) they belong to: people still type their names. A former commune may share its INSEE "
        "code with the current one.",
    ),
    "fap": (
        "CREATE TABLE fap (code TEXT PRIMARY KEY, level TEXT NOT NULL, label TEXT NOT NULL)",
        "FAP 2009 job families (DARES) at every level: domain (1 letter), 3-char, 5-char.",
    ),
    "rome_fap": (
        "CREATE TABLE rome_fap (code_rome TEXT NOT NULL, code_fap TEXT NOT NULL, qualification TEXT NOT NULL, "
        "PRIMARY KEY (code_rome, code_fap, qualification))",
        "Crosswalk ROME v3 -> FAP 2009. `qualification` is empty when the job group alone decides the FAP, "
        "else the qualification digit (0-9) that the DARES table needs.",
    ),
    "market_stats": (
        "CREATE TABLE market_stats (code_rome TEXT NOT NULL, departement TEXT NOT NULL, "
        "offers_last_week INTEGER, applicants_last_week INTEGER, offers_end_month INTEGER, "
        "applicants_end_month INTEGER, tension_ratio INTEGER, seasonal INTEGER, seasonal_months TEXT NOT NULL, "
        "period TEXT NOT NULL, PRIMARY KEY (code_rome, departement))",
        "IMT offers and applicants per job group and département; tension_ratio = offers per 10 applicants; "
        "seasonal_months = space-separated month numbers with a hiring peak; period = the period the figures "
        "cover when it is not the IMT export's last week / month (e.g. 2026T2 from the API), else empty.",
    ),
    "contract_shares": (
        "CREATE TABLE contract_shares (code_rome TEXT NOT NULL, departement TEXT NOT NULL, contract TEXT NOT NULL, "
        "label TEXT NOT NULL, offers INTEGER, percent REAL, PRIMARY KEY (code_rome, departement, contract))",
        "IMT share of offers per contract type (01 CDI, 02 CDD ≤ 3 months, 03 CDD > 3 months, 04 interim).",
    ),
    "hiring_channels": (
        "CREATE TABLE hiring_channels (code_fap TEXT NOT NULL, channel TEXT NOT NULL, label TEXT NOT NULL, "
        "percent REAL NOT NULL, PRIMARY KEY (code_fap, channel))",
        "IMT: how people were hired per FAP (R1 placement, R2 network, R3 spontaneous application, R4 other). "
        "Join rome_fap to read it per job group.",
    ),
    "bmo": (
        "CREATE TABLE bmo (code_fap TEXT NOT NULL, departement TEXT NOT NULL, projects REAL, difficult REAL, "
        "seasonal REAL, withheld INTEGER NOT NULL, PRIMARY KEY (code_fap, departement))",
        "BMO hiring projects per FAP and département: the survey's catchment areas (bassins d'emploi) summed "
        "per département, NULL where every figure was withheld by statistical secrecy; `withheld` counts the "
        "withheld figures (then the sums are lower bounds). Read per job group through rome_fap; the figures are "
        "those of the whole FAP.",
    ),
}

INDEXES = (
    "CREATE INDEX job_titles_rome ON job_titles (code_rome)",
    "CREATE INDEX mobility_source ON mobility (source_rome)",
    "CREATE INDEX communes_departement ON communes (departement)",
    "CREATE INDEX rome_fap_fap ON rome_fap (code_fap)",
)

# Tables the checksum covers: all but meta (which holds the checksum and the build date).
CONTENT_TABLES = tuple(name for name in TABLES if name != "meta")
