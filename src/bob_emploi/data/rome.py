"""Import of the ROME: job groups, job titles and their genders, texts, skills, mobility.

The ROME files reference each other by code; a code used by one file and
missing from the file that should define it is an upstream gap (v347 lacks
the job group L1510). Such gaps are repaired from what the other files say and
listed in the build report, never silently dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.csvread import Row, read_json
from bob_emploi.data.errors import RawDataError
from bob_emploi.data.genderize import genderize
from bob_emploi.data.labels import AccentRestorer, clean_label, undouble_apostrophes

STEP = "rome"
_ROME_CODE = re.compile(r"^[A-N]\d{4}$")
_TEXT_KINDS = {"1": "definition", "2": "acces_metier", "3": "condition_exercice"}
_ENVIRONMENT_SECTIONS = {"1": "structures", "2": "secteurs", "3": "conditions"}
_MOBILITY_KINDS = {"1": "close", "2": "evolution"}
# code_type_referentiel in the links file.
_LINK_KNOWLEDGE, _LINK_ACTIVITY, _LINK_ENVIRONMENT = "1", "2", "5"

# Names of job groups known to be missing from a ROME release's job-group file,
# as published on the job group's sheet; used to repair the gap (and reported).
KNOWN_MISSING_JOB_GROUPS = {"L1510": "Films d'animation et effets spéciaux"}
# More job groups to repair than this (or a third of them) means a cut or emptied job-group
# file, not an upstream gap.
MAX_REPAIRED_JOB_GROUPS = 5
# Coverage a complete v347 export has (definitions 100 %, titles 100 %, links 99 %, mobility 95 %).
MIN_WITH_TITLE = 0.9
MIN_WITH_DEFINITION = 0.9
MIN_WITH_RIASEC = 0.95
MIN_WITH_LINKS = 0.5
MIN_WITH_MOBILITY = 0.5


@dataclass
class _Title:
    code_ogr: str
    code_rome: str
    long: str
    short: str
    line: int


def rome_code(row: Row, column: str) -> str:
    code = row.required(column)
    if not _ROME_CODE.match(code):
        raise row.error(column, f"{code!r} is not a ROME code (a letter A-N and 4 digits)")
    return code


def repair_missing_job_groups(
    context: BuildContext,
    step: str,
    source: sources.Source,
    names: dict[str, str],
    titles_by_group: Counter[str],
    used_elsewhere: set[str],
    example_titles: dict[str, str],
) -> set[str]:
    """Adds to `names` the job groups other files use but the job-group file lacks; returns their codes.

    One or two are an upstream gap (v347 lacks L1510), repaired and reported; more
    mean that the job-group file itself is cut or empty, and stop the build.
    """
    missing = sorted((set(titles_by_group) | used_elsewhere) - set(names))
    if len(missing) > MAX_REPAIRED_JOB_GROUPS or 3 * len(missing) > len(missing) + len(names):
        raise RawDataError(
            source.path,
            None,
            None,
            f"only {len(names)} of the {len(names) + len(missing)} job groups the ROME files use are named here "
            f"({len(missing)} missing, e.g. {', '.join(missing[:3])}; at most {MAX_REPAIRED_JOB_GROUPS}, and under a "
            "third, can be an upstream gap): truncated, or another file under this name?",
        )
    for code in missing:
        name = KNOWN_MISSING_JOB_GROUPS.get(code)
        if name is None:
            example = example_titles.get(code)
            name = f"{code} (intitulé absent des données sources{' : ' + example if example else ''})"
        names[code] = name
        context.note(
            step,
            code,
            f"job group missing from {source.path} but used by {titles_by_group[code]} titles "
            f"and the other ROME files: added as {name!r}",
        )
    return set(missing)


def import_rome(context: BuildContext) -> Tables:

    group_rows = context.read_csv(sources.ROME_JOB_GROUPS, ["code_rome", "libelle_rome"], unique=["code_rome"])
    raw_groups = {rome_code(row, "code_rome"): row.required("libelle_rome") for row in group_rows}

    riasec_rows = context.read_csv(
        sources.ROME_RIASEC, ["code_rome", "riasec_majeur", "riasec_mineur"], unique=["code_rome"]
    )
    riasec = {rome_code(r, "code_rome"): (r["riasec_majeur"].strip(), r["riasec_mineur"].strip()) for r in riasec_rows}

    title_rows = context.read_csv(
        sources.ROME_JOB_TITLES,
        ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome"],
        unique=["code_ogr"],
    )
    titles = [
        _Title(
            row.required("code_ogr"),
            rome_code(row, "code_rome"),
            row.required("libelle_appellation_long"),
            row["libelle_appellation_court"].strip() or row["libelle_appellation_long"],
            row.line,
        )
        for row in title_rows
    ]

    text_rows = context.read_csv(
        sources.ROME_TEXTS,
        ["code_rome", "position_libelle_txt", "code_type_texte", "libelle_texte"],
        unique=["code_rome", "code_type_texte", "position_libelle_txt"],
    )

    skill_rows = context.read_csv(
        sources.ROME_SKILLS, ["code_ogr", "libelle_competence", "libelle_type_competence"], unique=["code_ogr"]
    )
    activity_rows: list[Row] = []
    if context.has(sources.ROME_ACTIVITIES):
        activity_rows = context.read_csv(sources.ROME_ACTIVITIES, ["code_ogr", "libelle_activite"], unique=["code_ogr"])

    environment_rows = context.read_csv(
        sources.ROME_ENVIRONMENTS,
        ["code_ogr", "libelle_env_travail", "code_type_section_env_trav"],
        unique=["code_ogr"],
    )

    link_rows = context.read_csv(
        sources.ROME_LINKS,
        ["code_rome", "code_ogr", "code_type_referentiel", "position_bloc", "position_item"],
        unique=["code_rome", "code_ogr"],
    )

    mobility_rows = context.read_csv(
        sources.ROME_MOBILITY,
        [
            "code_rome",
            "code_rome_cible",
            "code_appellation_source",
            "code_appellation_cible",
            "code_type_mobilite",
        ],
    )

    restorer = AccentRestorer(
        [row["libelle_texte"] for row in text_rows]
        + [row["libelle_competence"] for row in skill_rows]
        + [title.long for title in titles]
        + list(raw_groups.values())
    )

    def clean(text: str) -> str:
        return clean_label(text, restorer)

    # --- Job groups, with gaps repaired ---------------------------------------
    job_groups = {code: clean(name) for code, name in raw_groups.items()}
    referenced = Counter(title.code_rome for title in titles)
    used_elsewhere = {
        *riasec,
        *(row["code_rome"].strip() for row in (*text_rows, *link_rows)),
        *(row[column].strip() for row in mobility_rows for column in ("code_rome", "code_rome_cible")),
    }
    used_elsewhere = {code for code in used_elsewhere if _ROME_CODE.match(code)}  # others fail below
    examples: dict[str, str] = {}  # a title of each group missing from the job-group file, for its name
    for title in sorted(titles, key=lambda title: title.long):
        if title.code_rome not in job_groups and title.code_rome not in examples:
            examples[title.code_rome] = clean(title.long)
    repaired = repair_missing_job_groups(
        context, STEP, sources.ROME_JOB_GROUPS, job_groups, referenced, used_elsewhere, examples
    )
    groups = set(job_groups)
    context.require_coverage(
        sources.ROME_JOB_TITLES, len(groups & set(referenced)), len(groups), MIN_WITH_TITLE, "job groups with a title"
    )
    context.require_coverage(
        sources.ROME_RIASEC, len(groups & set(riasec)), len(groups), MIN_WITH_RIASEC, "job groups with RIASEC interests"
    )

    group_rows_out = []
    for code, name in sorted(job_groups.items()):
        gendered = genderize(name)
        group_rows_out.append(
            (
                code,
                name,
                *riasec.get(code, ("", "")),
                int(code in repaired),
                gendered.masculine,
                gendered.feminine,
                code,  # code_rome_parent: a v3 fiche is its own
                None,  # regulated, managerial: not in v347
                None,
                "",
                "",
                code[:3],  # the professional domain is the code's first three characters
            )
        )
    for code in sorted(set(job_groups) - set(riasec)):
        context.note(STEP, code, "no RIASEC interests in the source")

    # --- Job titles and their genders -----------------------------------------
    frequencies = read_frequencies(context, STEP, {title.code_ogr for title in titles})
    title_rows_out = []
    for title in titles:
        long_label, short_label = clean(title.long), clean(title.short)
        gendered, short_gendered = genderize(long_label), genderize(short_label)
        for label, result in ((long_label, gendered), (short_label, short_gendered)):
            if result.problem:
                context.note(STEP, title.code_ogr, f"{label!r}: {result.problem}")
        title_rows_out.append(
            (
                title.code_ogr,
                title.code_rome,
                undouble_apostrophes(title.long),
                undouble_apostrophes(title.short),
                long_label,
                gendered.masculine,
                gendered.feminine,
                short_gendered.masculine,
                short_gendered.feminine,
                frequencies.get(title.code_ogr, 0),
                0,  # main, rarely_used: not in v347
                0,
            )
        )
    title_rows_out.sort()
    for word, count in sorted(restorer.restored.items()):
        context.note(STEP, word, f"capital accent restored: {word} -> {restorer.replacements[word]} ({count} times)")

    # --- Texts ----------------------------------------------------------------
    texts = []
    for row in text_rows:
        kind = _TEXT_KINDS.get(row["code_type_texte"].strip())
        if kind is None:
            raise row.error("code_type_texte", f"unknown text type {row['code_type_texte']!r}")
        code = rome_code(row, "code_rome")
        if code not in job_groups:
            raise row.error("code_rome", f"text for unknown job group {code}")
        texts.append((code, kind, row.integer("position_libelle_txt"), clean(row["libelle_texte"])))
    texts.sort()
    defined = {str(text[0]) for text in texts if text[1] == "definition"}
    context.require_coverage(
        sources.ROME_TEXTS, len(groups & defined), len(groups), MIN_WITH_DEFINITION, "job groups with a definition"
    )

    # --- Skills, knowledge and work environments -------------------------------
    skills = {row.required("code_ogr"): (clean(row["libelle_competence"]), "savoir") for row in skill_rows}
    linked = {row["code_rome"].strip() for row in link_rows}
    context.require_coverage(
        sources.ROME_LINKS, len(groups & linked), len(groups), MIN_WITH_LINKS, "job groups with items"
    )
    for row in activity_rows:
        skills.setdefault(row.required("code_ogr"), (clean(row["libelle_activite"]), "savoir-faire"))
    environments = {}
    for row in environment_rows:
        section = _ENVIRONMENT_SECTIONS.get(row["code_type_section_env_trav"].strip())
        if section is None:
            raise row.error("code_type_section_env_trav", f"unknown section {row['code_type_section_env_trav']!r}")
        environments[row.required("code_ogr")] = (clean(row["libelle_env_travail"]), section)

    group_skills, group_environments = [], []
    unlabelled = Counter[str]()
    for row in link_rows:
        code, item, kind = (
            rome_code(row, "code_rome"),
            row.required("code_ogr"),
            row["code_type_referentiel"].strip(),
        )
        if kind in {_LINK_KNOWLEDGE, _LINK_ACTIVITY}:
            if item in skills:
                group_skills.append((code, item, row.integer("position_bloc"), row.integer("position_item"), 0))
            else:
                unlabelled["activity" if kind == _LINK_ACTIVITY else "knowledge"] += 1
        elif kind == _LINK_ENVIRONMENT:
            if item not in environments:
                raise row.error("code_ogr", f"work environment {item} not in {sources.ROME_ENVIRONMENTS.path}")
            group_environments.append((code, item))
    for kind, count in sorted(unlabelled.items()):
        context.note(
            STEP,
            kind,
            f"{count} {kind} links left out: their items have no label in the raw files (sample only?)",
        )

    # --- Mobility ---------------------------------------------------------------
    known_titles = {title.code_ogr for title in titles}
    mobility = []
    for row in mobility_rows:
        kind = _MOBILITY_KINDS.get(row["code_type_mobilite"].strip())
        if kind is None:
            raise row.error("code_type_mobilite", f"unknown mobility type {row['code_type_mobilite']!r}")
        source, target = rome_code(row, "code_rome"), rome_code(row, "code_rome_cible")
        source_title = row["code_appellation_source"].strip() or None
        target_title = row["code_appellation_cible"].strip() or None
        for column, code in (("code_rome", source), ("code_rome_cible", target)):
            if code not in job_groups:
                raise row.error(column, f"unknown job group {code}")
        for column, title_code in (
            ("code_appellation_source", source_title),
            ("code_appellation_cible", target_title),
        ):
            if title_code and title_code not in known_titles:
                raise row.error(column, f"unknown job title {title_code}")
        mobility.append((source, target, kind, source_title, target_title, None))
    mobility.sort(key=lambda link: tuple(str(value) for value in link))
    context.require_coverage(
        sources.ROME_MOBILITY,
        len(groups & {str(link[0]) for link in mobility}),
        len(groups),
        MIN_WITH_MOBILITY,
        "job groups with a mobility link",
    )

    return {
        "job_groups": group_rows_out,
        "job_titles": title_rows_out,
        "job_group_texts": texts,
        "skills": sorted((code, label, kind, "", None, None) for code, (label, kind) in skills.items()),
        "job_group_skills": sorted(group_skills),
        "work_environments": sorted((code, label, section) for code, (label, section) in environments.items()),
        "job_group_environments": sorted(group_environments),
        "mobility": mobility,
    }


def read_frequencies(context: BuildContext, step: str, known_titles: set[str]) -> dict[str, int]:
    """How often each title was chosen: {code_ogr: count}; 0 is assumed for the others."""
    source = sources.JOB_FREQUENCY
    if not context.has(source):
        context.note(step, source.path, "no frequency file: every title has frequency 0")
        return {}
    name = source.path
    data = read_json(context.path(source), root=context.raw_dir)
    if not isinstance(data, dict):
        raise RawDataError(name, 1, None, "expected a JSON object {code_ogr: count}")
    frequencies: dict[str, int] = {}
    unknown = 0
    for code, count in data.items():
        if not isinstance(count, int) or count < 0:
            raise RawDataError(name, None, code or '""', f"count {count!r} is not a non-negative integer")
        if not code:
            continue  # the count of empty choices
        if code not in known_titles:
            unknown += 1
            continue
        frequencies[code] = count
    if unknown:
        context.note(step, name, f"{unknown} titles with a frequency are not in this ROME version: ignored")
    context.record(source, len(data))
    return frequencies
