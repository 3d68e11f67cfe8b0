"""The bundle's tables: one place that says what each holds.

Bump SCHEMA_VERSION whenever a table or a column changes meaning, so that a
Bob reading an older bundle says so instead of misreading it.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

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
        "riasec_major TEXT NOT NULL, riasec_minor TEXT NOT NULL, repaired INTEGER NOT NULL, "
        "masculine TEXT NOT NULL, feminine TEXT NOT NULL, code_rome_parent TEXT NOT NULL, regulated INTEGER, "
        "managerial INTEGER, transitions TEXT NOT NULL, transition_eco TEXT NOT NULL, domain TEXT NOT NULL)",
        "Fiches ROME (job groups), with their RIASEC (Holland) interests. "
        "`repaired` = 1 when the group was missing from the job-group file and rebuilt from the others. "
        "`name` is the label as published (both genders, `Conducteur / Conductrice d'engins agricoles`), "
        "`masculine` and `feminine` its forms. ROME 4.0 only (NULL or empty on a v347 bundle): "
        "`code_rome_parent` = the ROME v3 fiche it derives from (itself on v347), `regulated` = 1 when a "
        "qualification is required by law, `managerial` = 1 for a cadre job, `transitions` = space-separated "
        "tags eco (green or strategic for the ecological transition), num (digital), demo (demographic), "
        "`transition_eco` = the published ecological label (Emploi Vert, Emploi Blanc…), `domain` = the "
        "professional domain (A11; see `domains`).",
    ),
    "job_group_texts": (
        "CREATE TABLE job_group_texts (code_rome TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, "
        "text TEXT NOT NULL, PRIMARY KEY (code_rome, kind, position))",
        "Descriptive texts per job group: definition, acces_metier (how to get in), condition_exercice (v347 "
        "only); `position` orders the sentences.",
    ),
    "skills": (
        "CREATE TABLE skills (code_ogr TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, "
        "category TEXT NOT NULL, macro_code TEXT, macro_label TEXT)",
        "Skills of the ROME: `kind` savoir-faire, savoir-etre (soft skills, ROME 4.0) or savoir (knowledge); "
        "ROME 4.0 adds `category` (Technique, Transverse… for skills; the knowledge category) and the "
        "macro-skill a skill belongs to (`macro_code`, `macro_label`).",
    ),
    "job_group_skills": (
        "CREATE TABLE job_group_skills (code_rome TEXT NOT NULL, code_ogr TEXT NOT NULL, block INTEGER NOT NULL, "
        "position INTEGER NOT NULL, core INTEGER NOT NULL, PRIMARY KEY (code_rome, code_ogr))",
        "Which skills belong to which job group, in the order of the job-group sheet (`block`: on ROME 4.0 "
        "1 savoir-faire, 2 savoir-être, 3 savoirs). `core` = 1 for the job's core skills (ROME 4.0 "
        "`coeur_metier` Principale).",
    ),
    "work_environments": (
        "CREATE TABLE work_environments (code_ogr TEXT PRIMARY KEY, label TEXT NOT NULL, section TEXT NOT NULL)",
        "Work environments: structures, sectors and conditions (v347); ROME 4.0's work contexts, `section` "
        "being their published type (Horaires et durée du travail, Conditions de travail et risques "
        "professionnels…).",
    ),
    "job_group_environments": (
        "CREATE TABLE job_group_environments (code_rome TEXT NOT NULL, code_ogr TEXT NOT NULL, "
        "PRIMARY KEY (code_rome, code_ogr))",
        "Which work environments belong to which job group.",
    ),
    "job_titles": (
        "CREATE TABLE job_titles (code_ogr TEXT PRIMARY KEY, code_rome TEXT NOT NULL, label_long TEXT NOT NULL, "
        "label_short TEXT NOT NULL, neutral TEXT NOT NULL, masculine TEXT NOT NULL, feminine TEXT NOT NULL, "
        "short_masculine TEXT NOT NULL, short_feminine TEXT NOT NULL, frequency INTEGER NOT NULL, "
        "main INTEGER NOT NULL, rarely_used INTEGER NOT NULL)",
        "Appellations (job titles): cleaned ROME labels and their masculine, feminine and neutral forms; "
        "`frequency` = how often users chose the title in Bayes Impact's JobSuggest (0 when unknown); "
        "ROME 4.0: `main` = 1 for the fiche's main title, `rarely_used` = 1 for a title ROME marks as seldom used.",
    ),
    "mobility": (
        "CREATE TABLE mobility (source_rome TEXT NOT NULL, target_rome TEXT NOT NULL, kind TEXT NOT NULL, "
        "source_title TEXT, target_title TEXT, position INTEGER)",
        "ROME mobility graph: v347 types its links `close` (similar job) or `evolution` (a step up), between "
        "job groups and optionally between titles; ROME 4.0 no longer types them (`mobility`) and orders "
        "them (`position`, NULL on v347).",
    ),
    "domains": (
        "CREATE TABLE domains (code TEXT PRIMARY KEY, label TEXT NOT NULL, level TEXT NOT NULL, parent TEXT)",
        "ROME 4.0 tree: 14 big domains (`grand`, A) and 110 professional domains (`professionnel`, A11, "
        "`parent` = its big domain).",
    ),
    "sectors": (
        "CREATE TABLE sectors (code TEXT PRIMARY KEY, label TEXT NOT NULL, parent TEXT)",
        "ROME 4.0 activity sectors and their sub-sectors (`parent` = the sector).",
    ),
    "job_group_sectors": (
        "CREATE TABLE job_group_sectors (code_rome TEXT NOT NULL, sector TEXT NOT NULL, main INTEGER NOT NULL, "
        "PRIMARY KEY (code_rome, sector))",
        "Which job groups work in which sector or sub-sector; `main` = 1 for the job's main sector.",
    ),
    "themes": (
        "CREATE TABLE themes (code TEXT PRIMARY KEY, label TEXT NOT NULL, definition TEXT NOT NULL)",
        "ROME 4.0 themes (Métiers de l'environnement et du développement durable…).",
    ),
    "job_group_themes": (
        "CREATE TABLE job_group_themes (code_rome TEXT NOT NULL, theme TEXT NOT NULL, PRIMARY KEY (code_rome, theme))",
        "Which job groups belong to which theme.",
    ),
    "job_group_naf": (
        "CREATE TABLE job_group_naf (code_rome TEXT NOT NULL, naf_division TEXT NOT NULL, label TEXT NOT NULL, "
        "PRIMARY KEY (code_rome, naf_division))",
        "France Travail's classification of ROME 4.0 job groups into NAF divisions (two digits; 00 = across sectors).",
    ),
    "centres_of_interest": (
        "CREATE TABLE centres_of_interest (code TEXT PRIMARY KEY, label TEXT NOT NULL, definition TEXT NOT NULL)",
        "ROME 4.0 centres of interest, written as a person says them (J'ai envie de créer, construire, rénover).",
    ),
    "job_group_interests": (
        "CREATE TABLE job_group_interests (code TEXT NOT NULL, code_rome TEXT NOT NULL, main INTEGER NOT NULL, "
        "PRIMARY KEY (code, code_rome))",
        "Which job groups match which centre of interest; `main` = 1 when it is one of the job's main interests.",
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
    # Real labour-market statistics (optional sources; see docs/data.md, "Market figures").
    "fap2021": (
        "CREATE TABLE fap2021 (code TEXT NOT NULL, level INTEGER NOT NULL, label TEXT NOT NULL, "
        "parent TEXT NOT NULL, PRIMARY KEY (level, code))",
        "FAP 2021 job families (DARES) at the 22, 86, 228 and 341 levels, with their parent one level up "
        "(empty at level 22). A code may exist at two levels (A0X40 is both a 228 and a 341 family).",
    ),
    "rome_fap2021": (
        "CREATE TABLE rome_fap2021 (code_rome_v3 TEXT NOT NULL, qualification TEXT NOT NULL, "
        "code_fap341 TEXT NOT NULL, PRIMARY KEY (code_rome_v3, qualification))",
        "DARES crosswalk ROME v3 job group × qualification digit (0-9) -> FAP 2021 341-level family. A ROME 4.0 "
        "job group reads it through its code_rome_parent; BMO 2024+ publishes the 341 family's 228 parent.",
    ),
    "bmo_bassin": (
        "CREATE TABLE bmo_bassin (year INTEGER NOT NULL, job_code TEXT NOT NULL, nomenclature TEXT NOT NULL, "
        "job_label TEXT NOT NULL, bassin TEXT NOT NULL, bassin_name TEXT NOT NULL, departement TEXT NOT NULL, "
        "region TEXT NOT NULL, projects INTEGER, difficult INTEGER, seasonal INTEGER, "
        "PRIMARY KEY (year, job_code, bassin, departement)) WITHOUT ROWID",
        "BMO survey rows as published (France Travail, 2023-2025): hiring projects, of which difficult, of which "
        "seasonal, per BMO job and bassin d'emploi (4-digit code of that year's vintage: BE23, BE24, BE25); "
        "`nomenclature` FAP2009 (2023) or FAP2021 (228 level, 2024+). NULL = withheld by statistical secrecy "
        "(`*`), never 0. A bassin crossing a département line has one row per département.",
    ),
    "bmo_area": (
        "CREATE TABLE bmo_area (year INTEGER NOT NULL, job_code TEXT NOT NULL, area_type TEXT NOT NULL, "
        "area_code TEXT NOT NULL, projects INTEGER, difficult INTEGER, seasonal INTEGER, withheld INTEGER NOT NULL, "
        "difficult_withheld INTEGER NOT NULL, seasonal_withheld INTEGER NOT NULL, bassins INTEGER NOT NULL, "
        "PRIMARY KEY (year, job_code, area_type, area_code)) WITHOUT ROWID",
        "bmo_bassin summed per département, région and France (area_type departement, region, france; "
        "area_code FR for France): sums of the published figures, NULL when none was published; `withheld`, "
        "`difficult_withheld`, `seasonal_withheld` count the bassin figures withheld (the sums are then lower "
        "bounds); `bassins` = how many bassins were summed.",
    ),
    "dares_tensions": (
        "CREATE TABLE dares_tensions (fap TEXT NOT NULL, fap_level TEXT NOT NULL, area_type TEXT NOT NULL, "
        "area_code TEXT NOT NULL, year INTEGER NOT NULL, employment INTEGER, tension REAL, tension_class INTEGER, "
        "hiring_intensity INTEGER, training_link INTEGER, labour_shortage INTEGER, non_durable_jobs INTEGER, "
        "working_conditions INTEGER, geographic_mismatch INTEGER, PRIMARY KEY (fap, area_type, area_code)) "
        "WITHOUT ROWID",
        "DARES / Pôle emploi tension indicators (2019) per FAP 2009 family (fap_level 225 or 87) in France (FR), "
        "each région and each département: `tension` standardised (0 = the 2014-2018 average of all jobs, "
        "higher = harder to hire), `tension_class` 1-5, six explanatory factors 1-5, `employment` = average "
        "employment.",
    ),
    "dares_tension_series": (
        "CREATE TABLE dares_tension_series (fap TEXT NOT NULL, year INTEGER NOT NULL, tension REAL, "
        "PRIMARY KEY (fap, year))",
        "National DARES tension indicator per FAP 2009 family, 2011-2019.",
    ),
    "dares_salaries": (
        "CREATE TABLE dares_salaries (fap TEXT NOT NULL, level TEXT NOT NULL, period TEXT NOT NULL, median INTEGER, "
        "PRIMARY KEY (fap, period))",
        "DARES median monthly net salary (€) per FAP 2009 family (level 22, 87 or 225), France, for a period "
        "(2003-2005, 2017-2019); NULL = not available.",
    ),
    "dares_job_seekers": (
        "CREATE TABLE dares_job_seekers (fap TEXT NOT NULL, year INTEGER NOT NULL, category TEXT NOT NULL, "
        "thousands REAL, PRIMARY KEY (fap, year, category))",
        "Registered job seekers (thousands, yearly average) per FAP 2009 family, France, category A or ABC.",
    ),
    "mobiville": (
        "CREATE TABLE mobiville (code_rome_v3 TEXT NOT NULL, bassin TEXT NOT NULL, departement TEXT, "
        "year INTEGER NOT NULL, offers REAL, job_seekers REAL, tension INTEGER, hiring_intensity INTEGER, "
        "training_link INTEGER, labour_shortage INTEGER, non_durable_jobs INTEGER, working_conditions INTEGER, "
        "geographic_mismatch INTEGER, PRIMARY KEY (code_rome_v3, bassin, year)) WITHOUT ROWID",
        "Mobiville (Pôle emploi) per ROME v3 job group × BE19 bassin: offers registered (monthly average), "
        "job seekers A-B-C (average), tension quintile 1-5 and six explanatory quintiles. `departement` = the "
        "bassin's main département (most of its communes), NULL when the bassin is not in the BE19 list. Partial: "
        "only the job groups Mobiville covers.",
    ),
    "commune_bassins": (
        "CREATE TABLE commune_bassins (commune TEXT NOT NULL, vintage TEXT NOT NULL, bassin TEXT NOT NULL, "
        "bassin_name TEXT NOT NULL, PRIMARY KEY (commune, vintage)) WITHOUT ROWID",
        "Commune (INSEE code) -> bassin d'emploi: BE19 from the official 2019 list; BE24 from a community list, "
        "kept only for the bassins whose code and name agree with the BMO 2024 file.",
    ),
}

INDEXES = (
    "CREATE INDEX job_titles_rome ON job_titles (code_rome)",
    "CREATE INDEX mobility_source ON mobility (source_rome)",
    "CREATE INDEX job_group_interests_rome ON job_group_interests (code_rome)",
    "CREATE INDEX communes_departement ON communes (departement)",
    "CREATE INDEX rome_fap_fap ON rome_fap (code_fap)",
)

# Tables the checksum covers: all but meta (which holds the checksum and the build date).
CONTENT_TABLES = tuple(name for name in TABLES if name != "meta")
