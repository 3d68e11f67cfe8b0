"""Import of ROME 4.0 (France Travail's taxonomy since 2023) into the same tables as ROME v3.

ROME 4.0 splits the 532 v3 job groups into finer fiches (1,584 in release
v460), each keeping its v3 fiche as `code_rome_parent`, and adds what v3 did not
have: regulated and managerial flags, transition tags, soft skills and core
skills, work contexts, sectors, themes and centres of interest. Every consumer
reads the core tables (job groups, titles, texts, skills, mobility) the same
way whichever release built them; the rest goes to tables of its own.

Each file is checked row by row on reading, and each file that feeds a key is
checked for coverage (a file cut at a line break reads well row by row).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables
from bob_emploi.data.csvread import Row as CsvRow
from bob_emploi.data.errors import RawDataError
from bob_emploi.data.genderize import genderize
from bob_emploi.data.labels import AccentRestorer, clean_label, undouble_apostrophes
from bob_emploi.data.naf import read_naf_divisions
from bob_emploi.data.rome import read_frequencies, repair_missing_job_groups, rome_code

STEP = "rome4"
_RELEASE_FILE = re.compile(r"^unix_referentiel_code_rome_v(\d+)_utf8\.csv$")
_TEXT_KINDS = ("definition", "acces_metier")
# code_compo_bloc of the links file: 5 = skills (code_rubrique 1 savoir-faire, 2 savoir-être,
# 3 savoirs), 6 = work contexts; 1 and 2 (the fiche itself, its titles) are in other files.
_BLOCK_SKILLS, _BLOCK_CONTEXTS = "5", "6"
_SKILL_RUBRIQUES = {"1": "savoir-faire", "2": "savoir-etre", "3": "savoir"}
_YES = {"O", "OUI"}

# Coverage a complete release has (v460: 100 % each); far less means a cut or swapped file.
MIN_WITH_TITLE = 0.9
MIN_WITH_DEFINITION = 0.9
MIN_WITH_SKILLS = 0.5
MIN_WITH_CONTEXTS = 0.5
MIN_WITH_MOBILITY = 0.5
MIN_WITH_RIASEC = 0.95
MIN_WITH_DOMAIN = 0.9


def rome4_release(raw_dir: Path) -> str | None:
    """The ROME 4.0 release in `raw_dir/rome4` (`460` for v460), the newest if several; None if none."""
    folder = raw_dir / "rome4"
    if not folder.is_dir():
        return None
    releases = [int(match.group(1)) for path in folder.iterdir() if (match := _RELEASE_FILE.match(path.name))]
    return str(max(releases)) if releases else None


def _flag(row: CsvRow, column: str) -> int:
    return int(row[column].strip().upper() in _YES)


def _concerned(value: str) -> bool:
    """Whether a transition column marks the job: `O`, or a label such as "Emploi Vert" or "Emploi
    stratégique pour la Transition écologique" (not "Emploi Blanc", untouched, nor "Emploi Brun")."""
    value = value.strip().lower()
    return value.upper() in _YES or value.startswith("emploi vert") or "stratégique" in value


def _paragraphs(text: str, clean: Callable[[str], str]) -> str:
    """A long text with its line breaks kept as paragraph breaks, each line cleaned."""
    return "\n".join(clean(line) for line in text.splitlines() if line.strip())


def import_rome4(context: BuildContext, release: str | None = None) -> Tables:
    """The ROME tables from a ROME 4.0 release (by default the newest in `rome4/`)."""
    release = release or rome4_release(context.raw_dir)
    if release is None:
        raise RawDataError("rome4", None, None, "no unix_referentiel_code_rome_v*_utf8.csv: not a ROME 4.0 export")

    def source(name: str) -> sources.Source:
        return sources.rome4(name, release)

    def read(name: str, columns: list[str], unique: list[str] | None = None) -> list[CsvRow]:
        return context.read_csv(source(name), columns, unique=unique or [])

    group_source = source("referentiel_code_rome")
    group_rows = read(
        "referentiel_code_rome",
        [
            "code_rome",
            "libelle_rome",
            "code_rome_parent",
            "emploi_reglemente",
            "emploi_cadre",
            "transition_eco",
            "transition_num",
            "transition_demo",
        ],
        ["code_rome"],
    )
    title_source = source("referentiel_appellation")
    title_rows = read(
        "referentiel_appellation",
        [
            "code_ogr",
            "libelle_appellation_long",
            "libelle_appellation_court",
            "code_rome",
            "classification",
            "peu_usite",
        ],
        ["code_ogr"],
    )
    riasec_source = source("referentiel_code_rome_riasec")
    riasec_rows = read("referentiel_code_rome_riasec", ["code_rome", "riasec_majeur", "riasec_mineur"], ["code_rome"])
    text_source = source("texte")
    text_rows = read(
        "texte",
        ["code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"],
        ["code_rome", "libelle_type_texte", "position_phrase"],
    )
    competence_rows = read(
        "referentiel_competence",
        ["code_ogr", "libelle_competence", "code_ogr_macro_comp", "cat_comp", "sous_cat_comp"],
        ["code_ogr"],
    )
    savoir_rows = read(
        "referentiel_savoir", ["code_ogr_savoir", "libelle_savoir", "categorie_savoir"], ["code_ogr_savoir"]
    )
    link_source = source("liens_rome_referentiels")
    link_rows = read(
        "liens_rome_referentiels",
        ["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"],
        ["code_rome", "code_ogr"],
    )
    core_rows = read("coherence_item", ["code_rome", "code_ogr", "coeur_metier"], ["code_rome", "code_ogr"])
    context_rows = read(
        "referentiel_contexte_travail", ["code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"], ["code_ogr"]
    )
    mobility_source = source("rubrique_mobilite")
    mobility_rows = read(
        "rubrique_mobilite", ["code_rome", "code_rome_cible", "numero_ordre"], ["code_rome", "code_rome_cible"]
    )
    domain_source = source("cr_gd_dp")
    domain_rows = read("cr_gd_dp", ["code_rome", "code_domaine_professionel"], ["code_rome"])
    big_domain_rows = read("grand_domaine", ["code_grand_domaine", "libelle_grand_domaine"], ["code_grand_domaine"])
    professional_domain_rows = read(
        "domaine_professionnel",
        ["code_domaine_professionnel", "libelle_domaine_professionnel"],
        ["code_domaine_professionnel"],
    )
    restorer = AccentRestorer(
        [row["libelle_texte"] for row in text_rows]
        + [row["libelle_competence"] for row in competence_rows]
        + [row["libelle_appellation_long"] for row in title_rows]
        + [row["libelle_rome"] for row in group_rows]
    )

    def clean(text: str) -> str:
        return clean_label(text, restorer)

    # --- Job groups -------------------------------------------------------------
    raw_names = {rome_code(row, "code_rome"): row.required("libelle_rome") for row in group_rows}
    riasec = {rome_code(r, "code_rome"): (r["riasec_majeur"].strip(), r["riasec_mineur"].strip()) for r in riasec_rows}
    titles_by_group = Counter(rome_code(row, "code_rome") for row in title_rows)
    used_elsewhere = {
        *riasec,
        *(rome_code(row, "code_rome") for row in (*text_rows, *link_rows, *domain_rows)),
        *(rome_code(row, column) for row in mobility_rows for column in ("code_rome", "code_rome_cible")),
    }
    names = {code: clean(name) for code, name in raw_names.items()}
    examples: dict[str, str] = {}  # a title of each group missing from the job-group file, for its name
    for row in sorted(title_rows, key=lambda row: row["libelle_appellation_long"]):
        code = row["code_rome"].strip()
        if code not in names and code not in examples:
            examples[code] = clean(row["libelle_appellation_long"])
    repaired = repair_missing_job_groups(context, STEP, group_source, names, titles_by_group, used_elsewhere, examples)
    groups = set(names)
    context.require_coverage(
        title_source, len(groups & set(titles_by_group)), len(groups), MIN_WITH_TITLE, "job groups with a title"
    )
    context.require_coverage(
        riasec_source, len(groups & set(riasec)), len(groups), MIN_WITH_RIASEC, "job groups with RIASEC interests"
    )
    for code in sorted(groups - set(riasec)):
        context.note(STEP, code, "no RIASEC interests in the source")

    domains = {rome_code(row, "code_rome"): row.required("code_domaine_professionel") for row in domain_rows}
    context.require_coverage(
        domain_source, len(groups & set(domains)), len(groups), MIN_WITH_DOMAIN, "job groups with a domain"
    )
    group_by_code = {row["code_rome"].strip(): row for row in group_rows}
    group_rows_out: list[Row] = []
    for code in sorted(groups):
        gendered = genderize(names[code])
        if gendered.problem:
            context.note(STEP, code, f"{names[code]!r}: {gendered.problem}")
        published = group_by_code.get(code)
        if published is None:  # repaired
            flags: tuple[object, ...] = (code, None, None, "", "")
        else:
            parent = rome_code(published, "code_rome_parent")
            eco = published["transition_eco"].strip()
            columns = (("eco", "transition_eco"), ("num", "transition_num"), ("demo", "transition_demo"))
            tags = [tag for tag, column in columns if _concerned(published[column])]
            flags = (
                parent,
                _flag(published, "emploi_reglemente"),
                _flag(published, "emploi_cadre"),
                " ".join(tags),
                eco,
            )
        group_rows_out.append(
            (
                code,
                names[code],
                *riasec.get(code, ("", "")),
                int(code in repaired),
                gendered.masculine,
                gendered.feminine,
                *flags,
                domains.get(code, code[:3]),
            )
        )

    domains_out: list[Row] = [
        (row.required("code_grand_domaine"), clean(row.required("libelle_grand_domaine")), "grand", None)
        for row in big_domain_rows
    ]
    big_domains = {row[0] for row in domains_out}
    for row in professional_domain_rows:
        code = row.required("code_domaine_professionnel")
        if code[:1] not in big_domains:
            raise row.error(
                "code_domaine_professionnel", f"domain {code} is in no big domain of the grand_domaine file"
            )
        domains_out.append((code, clean(row.required("libelle_domaine_professionnel")), "professionnel", code[:1]))
    known_domains = {row[0] for row in domains_out}
    for code, domain in sorted(domains.items()):
        if domain not in known_domains:
            raise RawDataError(
                domain_source.path, None, "code_domaine_professionel", f"{code}: unknown domain {domain}"
            )

    # --- Job titles ---------------------------------------------------------------
    frequencies = read_frequencies(context, STEP, {row["code_ogr"].strip() for row in title_rows})
    title_rows_out: list[Row] = []
    for row in title_rows:
        code_ogr = row.required("code_ogr")
        long_raw = row.required("libelle_appellation_long")
        short_raw = row["libelle_appellation_court"].strip() or long_raw
        long_label, short_label = clean(long_raw), clean(short_raw)
        gendered, short_gendered = genderize(long_label), genderize(short_label)
        for label, result in ((long_label, gendered), (short_label, short_gendered)):
            if result.problem:
                context.note(STEP, code_ogr, f"{label!r}: {result.problem}")
        title_rows_out.append(
            (
                code_ogr,
                rome_code(row, "code_rome"),
                undouble_apostrophes(long_raw),
                undouble_apostrophes(short_raw),
                long_label,
                gendered.masculine,
                gendered.feminine,
                short_gendered.masculine,
                short_gendered.feminine,
                frequencies.get(code_ogr, 0),
                int(row["classification"].strip().upper() == "PRINCIPALE"),
                _flag(row, "peu_usite"),
            )
        )
    title_rows_out.sort()

    # --- Texts --------------------------------------------------------------------
    texts: list[Row] = []
    for row in text_rows:
        kind = row["libelle_type_texte"].strip()
        if kind not in _TEXT_KINDS:
            raise row.error("libelle_type_texte", f"unknown text type {kind!r} (expected {', '.join(_TEXT_KINDS)})")
        position = row.integer("position_phrase")
        texts.append((rome_code(row, "code_rome"), kind, position, _paragraphs(row["libelle_texte"], clean)))
    texts.sort()
    defined = {str(row[0]) for row in texts if row[1] == "definition"}
    context.require_coverage(
        text_source, len(groups & defined), len(groups), MIN_WITH_DEFINITION, "job groups with a definition"
    )

    # --- Skills, soft skills and knowledge -------------------------------------------
    skill_labels = {row.required("code_ogr"): clean(row.required("libelle_competence")) for row in competence_rows}
    skills: dict[str, Row] = {}
    missing_macros: Counter[str] = Counter()
    for row in competence_rows:
        category = row["cat_comp"].strip()
        if category == "Savoir-faire":
            kind = "savoir-faire"
        elif category.startswith("Savoir-être"):
            kind = "savoir-etre"
        else:
            raise row.error("cat_comp", f"unknown skill category {category!r} (Savoir-faire, Savoir-être…)")
        code = row.required("code_ogr")
        macro = row["code_ogr_macro_comp"].strip() or None
        if macro is not None and macro not in skill_labels:
            missing_macros[macro] += 1
        macro_label = skill_labels.get(macro) if macro else None
        skills[code] = (code, skill_labels[code], kind, row["sous_cat_comp"].strip(), macro, macro_label)
    for macro, count in sorted(missing_macros.items()):
        context.note(STEP, macro, f"macro-skill of {count} skills has no label in the competence file")
    for row in savoir_rows:
        code = row.required("code_ogr_savoir")
        if code in skills:
            raise row.error("code_ogr_savoir", f"{code} is also a skill of the competence file")
        skills[code] = (
            code,
            clean(row.required("libelle_savoir")),
            "savoir",
            row["categorie_savoir"].strip(),
            None,
            None,
        )
    environments = {
        row.required("code_ogr"): (
            row.required("code_ogr"),
            clean(row.required("libelle_cont_travail")),
            clean(row.required("libelle_type_cont_trav")),
        )
        for row in context_rows
    }

    core = {
        (row["code_rome"].strip(), row["code_ogr"].strip())
        for row in core_rows
        if row["coeur_metier"].strip().lower() == "principale"
    }
    group_skills: list[Row] = []
    group_environments: list[Row] = []
    positions: Counter[tuple[str, str]] = Counter()
    for row in link_rows:
        code, block, item = rome_code(row, "code_rome"), row["code_compo_bloc"].strip(), row.required("code_ogr")
        if block == _BLOCK_SKILLS:
            rubrique = row["code_rubrique"].strip()
            if rubrique not in _SKILL_RUBRIQUES:
                raise row.error("code_rubrique", f"unknown skills rubrique {rubrique!r} (1, 2 or 3)")
            if item not in skills:
                raise row.error("code_ogr", f"skill {item} is in neither the competence nor the savoir file")
            positions[code, rubrique] += 1
            group_skills.append((code, item, int(rubrique), positions[code, rubrique], int((code, item) in core)))
        elif block == _BLOCK_CONTEXTS:
            if item not in environments:
                raise row.error("code_ogr", f"work context {item} not in {source('referentiel_contexte_travail').path}")
            group_environments.append((code, item))
    with_skills = {str(row[0]) for row in group_skills}
    with_contexts = {str(row[0]) for row in group_environments}
    context.require_coverage(
        link_source, len(groups & with_skills), len(groups), MIN_WITH_SKILLS, "job groups with skills"
    )
    context.require_coverage(
        link_source, len(groups & with_contexts), len(groups), MIN_WITH_CONTEXTS, "job groups with work contexts"
    )

    # --- Mobility -----------------------------------------------------------------------
    mobility: list[Row] = []
    for row in mobility_rows:
        source_code, target = rome_code(row, "code_rome"), rome_code(row, "code_rome_cible")
        mobility.append((source_code, target, "mobility", None, None, row.integer("numero_ordre")))
    mobility.sort(key=lambda link: (str(link[0]), link[5], str(link[1])))
    context.require_coverage(
        mobility_source,
        len(groups & {str(row[0]) for row in mobility}),
        len(groups),
        MIN_WITH_MOBILITY,
        "job groups with a mobility link",
    )

    # --- Sectors, themes, centres of interest, NAF ---------------------------------------
    classifications = _classifications(context, read, groups, clean)
    naf = read_naf_divisions(context, groups)

    # Every accent restored, in titles, texts and skills alike.
    for word, count in sorted(restorer.restored.items()):
        context.note(STEP, word, f"capital accent restored: {word} -> {restorer.replacements[word]} ({count} times)")

    return {
        "job_groups": group_rows_out,
        "job_titles": title_rows_out,
        "job_group_texts": texts,
        "skills": sorted(skills.values()),
        "job_group_skills": sorted(group_skills),
        "work_environments": sorted(environments.values()),
        "job_group_environments": sorted(group_environments),
        "mobility": mobility,
        "domains": sorted(domains_out),
        **classifications,
        "job_group_naf": naf,
    }


def _classifications(
    context: BuildContext,
    read: Callable[[str, list[str], list[str]], list[CsvRow]],
    groups: set[str],
    clean: Callable[[str], str],
) -> Tables:
    """Sectors (and sub-sectors), themes and centres of interest, and the job groups in each.

    A link to a job group this release lacks is left out and reported: these small files are
    published apart from the job-group file and may lag behind it.
    """
    sector_rows = read("secteur_activite", ["code_sect_activite", "libelle_sect_activite"], ["code_sect_activite"])
    sub_sector_rows = read(
        "sous_secteur_activite",
        ["code_ss_sect_activite", "libelle_ss_sect_activite", "code_sect_activite"],
        ["code_ss_sect_activite"],
    )
    sector_link_rows = read(
        "arborescence_secteur_activite",
        ["code_sect_activite", "code_ss_sect_activite", "code_rome", "principal"],
        ["code_rome", "code_sect_activite", "code_ss_sect_activite"],
    )
    theme_rows = read("themes", ["code_theme", "libelle_theme", "definition_theme"], ["code_theme"])
    theme_link_rows = read("arborescence_thematique", ["code_theme", "code_rome"], ["code_theme", "code_rome"])
    interest_rows = read(
        "centre_interet",
        ["code_centre_interet", "libelle_centre_interet", "definition_centre_interet"],
        ["code_centre_interet"],
    )
    interest_link_rows = read(
        "arborescence_centre_interet",
        ["code_centre_interet", "code_rome", "principal"],
        ["code_centre_interet", "code_rome"],
    )

    left_out: Counter[str] = Counter()

    def known(row: CsvRow, what: str) -> str | None:
        code = rome_code(row, "code_rome")
        if code in groups:
            return code
        left_out[what] += 1
        return None

    sectors: dict[str, Row] = {
        code: (code, clean(row.required("libelle_sect_activite")), None)
        for row in sector_rows
        if (code := row.required("code_sect_activite"))
    }
    for row in sub_sector_rows:
        code, parent = row.required("code_ss_sect_activite"), row.required("code_sect_activite")
        if parent not in sectors:
            raise row.error("code_sect_activite", f"unknown sector {parent}")
        if code in sectors:
            raise row.error("code_ss_sect_activite", f"{code} is both a sector and a sub-sector")
        sectors[code] = (code, clean(row.required("libelle_ss_sect_activite")), parent)
    group_sectors: dict[tuple[str, str], int] = {}
    for row in sector_link_rows:
        sector = row["code_ss_sect_activite"].strip() or row.required("code_sect_activite")
        if sector not in sectors:
            raise row.error("code_ss_sect_activite", f"unknown sector or sub-sector {sector}")
        if (group := known(row, "sector")) is not None:
            key = (group, sector)
            group_sectors[key] = max(group_sectors.get(key, 0), _flag(row, "principal"))

    themes = [
        (row.required("code_theme"), clean(row.required("libelle_theme")), _paragraphs(row["definition_theme"], clean))
        for row in theme_rows
    ]
    theme_codes = {str(row[0]) for row in themes}
    group_themes: list[Row] = []
    for row in theme_link_rows:
        theme = row.required("code_theme")
        if theme not in theme_codes:
            raise row.error("code_theme", f"unknown theme {theme}")
        if (group := known(row, "theme")) is not None:
            group_themes.append((group, theme))

    interests = [
        (
            row.required("code_centre_interet"),
            clean(row.required("libelle_centre_interet")),
            _paragraphs(row["definition_centre_interet"], clean),
        )
        for row in interest_rows
    ]
    interest_codes = {str(row[0]) for row in interests}
    group_interests: list[Row] = []
    for row in interest_link_rows:
        interest = row.required("code_centre_interet")
        if interest not in interest_codes:
            raise row.error("code_centre_interet", f"unknown centre of interest {interest}")
        if (group := known(row, "centre of interest")) is not None:
            group_interests.append((interest, group, _flag(row, "principal")))
    for what, count in sorted(left_out.items()):
        context.note(STEP, what, f"{count} {what} links to job groups not in this release left out")

    return {
        "sectors": sorted(sectors.values()),
        "job_group_sectors": sorted((code, sector, main) for (code, sector), main in group_sectors.items()),
        "themes": sorted(themes),
        "job_group_themes": sorted(group_themes),
        "centres_of_interest": sorted(interests, key=lambda row: (len(str(row[0])), str(row[0]))),
        "job_group_interests": sorted(group_interests),
    }
