"""Import of DARES's statistics per FAP 2009 family ("Portraits statistiques des métiers").

- `dares/tensions.csv`: the 2019 tension indicator per family (225 and 87
  levels) in France, each région and each département: `Tension ` (note the
  space) is standardised (0 = the 2014–2018 average of all jobs, higher = harder
  to hire), `Catégorie Tension` its class 1–5, and six explanatory indicators
  scored 1–5; `Emploi moyen` the average employment.
- `dares/evol_tensions.csv`: the national tension indicator, 2011–2019.
- `dares/dares_salaire_median.csv`: median monthly net salary (€) per family at
  the 22, 87 and 225 levels, for 2003–2005 and 2017–2019 (`nd` = not available).
- `dares/serie_demandeurs_emploi_A_ABC.csv`: registered job seekers in thousands,
  categories A and A-B-C, France, 1997–2020.

All are optional: a raw directory without them gives a bundle without them.
"""

from __future__ import annotations

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables
from bob_emploi.data.csvread import Row as CsvRow

STEP = "dares"
FRANCE = "FR"
# Column of tensions.csv -> short English name used in the bundle (and in figures.INDICATORS).
INDICATORS = {
    "Intensité d'embauches": "hiring_intensity",
    "Lien formation-emploi": "training_link",
    "Manque de main-d'œuvre disponible": "labour_shortage",
    "Non-durabilité de l'emploi": "non_durable_jobs",
    "Conditions de travail contraignantes": "working_conditions",
    "Inadéquation géographique": "geographic_mismatch",
}
_FAP_LEVELS = {"fap 225": "225", "fap 87": "87"}
_SALARY_LEVELS = {1: "22", 3: "87", 5: "225"}
_CATEGORIES = {"Catégorie A": "A", "Catégories A, B, C": "ABC"}


def _score(row: CsvRow, column: str) -> int | None:
    """A class or indicator 1–5, written `3.0` by the publisher."""
    value = row.number(column, optional=True)
    if value is None:
        return None
    if not value.is_integer() or not 1 <= value <= 5:
        raise row.error(column, f"{row[column]!r} is not a class from 1 to 5")
    return int(value)


def _unknown_fap(row: CsvRow, code: str, fap2009: set[str], unknown: dict[str, str]) -> bool:
    if fap2009 and code not in fap2009:
        unknown.setdefault(code, f"{row.file}:{row.line}")
        return True
    return False


def _report_unknown(context: BuildContext, unknown: dict[str, str], what: str) -> None:
    for code, where in sorted(unknown.items()):
        context.note(STEP, where, f"FAP {code!r} is not a FAP 2009 family: {what}")


def import_dares(context: BuildContext, fap2009: set[str], departements: set[str], regions: set[str]) -> Tables:
    tables: Tables = {"dares_tensions": [], "dares_tension_series": [], "dares_salaries": [], "dares_job_seekers": []}
    optional = (sources.DARES_TENSIONS, sources.DARES_TENSION_SERIES, sources.DARES_SALARIES, sources.DARES_JOB_SEEKERS)
    for source in optional:
        if not context.has(source):
            context.note(STEP, source.path, "not in the raw directory: the bundle has no such figures")
    if context.has(sources.DARES_TENSIONS):
        tables["dares_tensions"] = _tensions(context, fap2009, departements, regions)
    if context.has(sources.DARES_TENSION_SERIES):
        tables["dares_tension_series"] = _series(context, fap2009)
    if context.has(sources.DARES_SALARIES):
        tables["dares_salaries"] = _salaries(context, fap2009)
    if context.has(sources.DARES_JOB_SEEKERS):
        tables["dares_job_seekers"] = _job_seekers(context, fap2009)
    for rows in tables.values():
        rows.sort(key=lambda row: tuple(str(value) for value in row))
    return tables


def _tensions(context: BuildContext, fap2009: set[str], departements: set[str], regions: set[str]) -> list[Row]:
    columns = ["fap", "Emploi moyen", "Tension", "Catégorie Tension", *INDICATORS, "Année", "niveau_geo", "niveau_fap"]
    rows = context.read_csv(sources.DARES_TENSIONS, [*columns, "reg", "dep"])
    result: list[Row] = []
    unknown: dict[str, str] = {}
    unknown_areas: dict[str, str] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        code = row.required("fap")
        level = _FAP_LEVELS.get(row.required("niveau_fap"))
        if level is None:
            raise row.error("niveau_fap", f"{row['niveau_fap']!r}: expected one of {', '.join(_FAP_LEVELS)}")
        geo = row.required("niveau_geo")
        if geo == "nat":
            area_type, area_code = "france", FRANCE
        elif geo == "reg":
            area_type, area_code = "region", str(int(row.number("reg") or 0)).zfill(2)
            if area_code not in regions:
                unknown_areas.setdefault(f"région {area_code}", f"{row.file}:{row.line}")
                continue
        elif geo == "dep":
            area_type, area_code = "departement", row.required("dep").zfill(2)
            if area_code not in departements:
                unknown_areas.setdefault(f"département {area_code}", f"{row.file}:{row.line}")
                continue
        else:
            raise row.error("niveau_geo", f"{geo!r}: expected nat, reg or dep")
        if _unknown_fap(row, code, fap2009, unknown):
            continue
        key = (code, area_type, area_code)
        if key in seen:
            raise row.error("fap", f"{'/'.join(key)} appears twice (first on line {seen[key]})")
        seen[key] = row.line
        employment = row.number("Emploi moyen", optional=True)
        result.append(
            (
                code,
                level,
                area_type,
                area_code,
                row.integer("Année"),
                None if employment is None else round(employment),
                row.number("Tension", optional=True),
                _score(row, "Catégorie Tension"),
                *(_score(row, column) for column in INDICATORS),
            )
        )
    _report_unknown(context, unknown, "its tension figures are left out")
    for area, where in sorted(unknown_areas.items()):
        context.note(STEP, where, f"unknown {area}: its tension figures are left out")
    national = {row[0] for row in result if row[2] == "france"}
    context.require_coverage(
        sources.DARES_TENSIONS, len(national & fap2009), len({c for c in fap2009 if len(c) == 5}), 0.8,
        "FAP 2009 families with a national tension figure",
    )  # fmt: skip
    return result


def _series(context: BuildContext, fap2009: set[str]) -> list[Row]:
    rows = context.read_csv(sources.DARES_TENSION_SERIES, ["fap", "Tension", "Année"], unique=["fap", "Année"])
    unknown: dict[str, str] = {}
    result: list[Row] = []
    for row in rows:
        code = row.required("fap")
        if _unknown_fap(row, code, fap2009, unknown):
            continue
        result.append((code, row.integer("Année"), row.number("Tension", optional=True)))
    _report_unknown(context, unknown, "its tension series is left out")
    return result


def _salaries(context: BuildContext, fap2009: set[str]) -> list[Row]:
    median = "Salaire médian (en €)"
    rows = context.read_csv(
        sources.DARES_SALARIES,
        ["Code Fap", "Année", median],
        unique=["Code Fap", "Année"],
        delimiter=";",
        encoding="cp1252",
    )
    unknown: dict[str, str] = {}
    result: list[Row] = []
    for row in rows:
        code = row.required("Code Fap")
        level = _SALARY_LEVELS.get(len(code))
        if level is None or _unknown_fap(row, code, fap2009, unknown):
            unknown.setdefault(code, f"{row.file}:{row.line}")
            continue
        value = row[median].strip()
        salary = None if value == "nd" else row.integer(median)
        result.append((code, level, row.required("Année"), salary))
    _report_unknown(context, unknown, "its salary is left out")
    return result


def _job_seekers(context: BuildContext, fap2009: set[str]) -> list[Row]:
    rows = context.read_csv(
        sources.DARES_JOB_SEEKERS,
        ["Fap3", "Annee", "Effectifs", "Categorie"],
        unique=["Fap3", "Annee", "Categorie"],
        encoding="cp1252",
    )
    result: list[Row] = []
    unknown: dict[str, str] = {}
    for row in rows:
        if _unknown_fap(row, row.required("Fap3"), fap2009, unknown):
            continue
        category = _CATEGORIES.get(row.required("Categorie"))
        if category is None:
            raise row.error("Categorie", f"{row['Categorie']!r}: expected {' or '.join(_CATEGORIES)}")
        count = (
            None if row["Effectifs"].strip() == "NA" else row.number("Effectifs", optional=True)
        )  # NA: none published
        result.append((row.required("Fap3"), row.integer("Annee"), category, count))
    _report_unknown(context, unknown, "its job seekers are left out")
    return result
