"""Import of France Travail's BMO survey ("Besoins en main-d'œuvre") 2023–2025, as published in xlsx.

Each file has one row per bassin d'emploi × BMO job (`Code métier BMO`) with
the bassin's département and région and three counts: `met` hiring projects,
`xmet` of which employers expect difficulties, `smet` of which seasonal. `*`
means withheld (statistical secrecy): it is never 0, so it is stored as NULL
and counted. A bassin that crosses a département line has one row per
département.

Job codes are FAP 2009 in 2023 (S2Z61) and FAP 2021 at the 228 level in 2024
and 2025 (S2X61): the two vintages do not compare family by family.

The bundle keeps the bassin rows as published (`bmo_bassin`) and their sums per
département, région and France (`bmo_area`), with how many bassin figures were
withheld (the sums are then lower bounds).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables
from bob_emploi.data.xlsxread import XlsxRow, read_sheet

STEP = "bmo"
FRANCE = "FR"


@dataclass(frozen=True, slots=True)
class Survey:
    year: int
    source: sources.Source
    nomenclature: str  # 'FAP2009' or 'FAP2021'

    @property
    def sheet(self) -> str:
        return f"BMO_{self.year}_open_data"

    @property
    def bassin_column(self) -> str:
        return f"BE{self.year % 100}"

    @property
    def dataset(self) -> str:
        return f"Enquête Besoins en main-d'œuvre (BMO) {self.year}"


SURVEYS = (
    Survey(2023, sources.BMO_2023, "FAP2009"),
    Survey(2024, sources.BMO_2024, "FAP2021"),
    Survey(2025, sources.BMO_2025, "FAP2021"),
)
_FIGURES = ("met", "xmet", "smet")


def _area_rows(year: int, rows: list[Row]) -> list[Row]:
    """`bmo_area` rows: per job and territory, the sums of the published bassin figures, how many were
    withheld, and how many bassins were summed. `rows` are (job_code, departement or None when unknown,
    region, bassin, projects, difficult, seasonal)."""
    sums: dict[tuple[str, str, str], list[int | None]] = defaultdict(lambda: [None, None, None])
    withheld: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    bassins: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for job_code, departement, region, bassin, *figures in rows:
        areas = [("region", region), ("france", FRANCE)]
        if departement is not None:
            areas.append(("departement", departement))
        for area_type, area_code in areas:
            key = (job_code, area_type, area_code)
            bassins[key].add(bassin)
            for index, value in enumerate(figures):
                if value is None:
                    withheld[key][index] += 1
                else:
                    sums[key][index] = (sums[key][index] or 0) + value
    return [
        (year, job_code, area_type, area_code, *sums[key], *withheld[key], len(members))
        for key, members in bassins.items()
        for job_code, area_type, area_code in [key]
    ]


def import_bmo(
    context: BuildContext,
    fap2009: set[str],
    fap2021_228: set[str],
    departements: dict[str, str],
) -> Tables:
    """Tables `bmo_bassin` and `bmo_area` from whichever BMO surveys the raw directory has.

    `departements` maps each département code to its région code.
    """
    tables: Tables = {"bmo_bassin": [], "bmo_area": []}
    for survey in SURVEYS:
        if not context.has(survey.source):
            context.note(STEP, survey.source.path, f"no BMO {survey.year} file in the raw directory: no figures")
            continue
        known = fap2009 if survey.nomenclature == "FAP2009" else fap2021_228
        tables["bmo_bassin"] += _read_survey(context, survey, known, departements, tables["bmo_area"])
    tables["bmo_bassin"].sort(key=lambda row: (row[0], row[1], row[4], row[6]))  # the primary key
    tables["bmo_area"].sort(key=lambda row: row[:4])
    return tables


def _read_survey(
    context: BuildContext, survey: Survey, known: set[str], departements: dict[str, str], areas: list[Row]
) -> list[Row]:
    bassin_name = f"NOM{survey.bassin_column}"
    columns = [
        "annee",
        "Code métier BMO",
        "Nom métier BMO",
        survey.bassin_column,
        bassin_name,
        "Dept",
        "NomDept",
        "REG",
        "NOM_REG",
        *_FIGURES,
    ]
    rows = read_sheet(context.path(survey.source), survey.sheet, columns, root=context.raw_dir)
    context.record(survey.source, len(rows))
    bassin_rows: list[Row] = []
    to_sum: list[Row] = []
    seen: dict[tuple[str, str, str], int] = {}
    unknown_codes: dict[str, int] = {}
    unknown_departements: dict[str, int] = {}
    other_regions: dict[tuple[str, str], int] = {}
    withheld = 0
    for row in rows:
        _check_year(row, survey.year)
        job_code = row.required("Code métier BMO")
        bassin = _bassin(row, survey.bassin_column)
        departement = row.required("Dept").zfill(2)
        key = (job_code, bassin, departement)
        if key in seen:
            raise row.error("Code métier BMO", f"{'/'.join(key)} appears twice (first on row {seen[key]})")
        seen[key] = row.line
        if known and job_code not in known:
            unknown_codes[job_code] = unknown_codes.get(job_code, 0) + 1
        figures = [row.count(column) for column in _FIGURES]
        withheld += sum(1 for value in figures if value is None)
        region = row.required("REG").zfill(2)
        if departement not in departements:
            unknown_departements.setdefault(departement, row.line)
        elif departements[departement] != region:
            # The survey files a few bassins under another région (44 under Bretagne in 2024): a région's
            # figure here is that of the départements the geography puts in it.
            other_regions.setdefault((departement, region), row.line)
        bassin_rows.append(
            (
                survey.year,
                job_code,
                survey.nomenclature,
                row.required("Nom métier BMO"),
                bassin,
                row.required(bassin_name),
                departement,
                region,
                *figures,
            )
        )
        known_departement = departement if departement in departements else None
        to_sum.append((job_code, known_departement, departements.get(departement, region), bassin, *figures))
    areas += _area_rows(survey.year, to_sum)

    where = f"{survey.source.path}:{survey.sheet}"
    codes = {row[1] for row in bassin_rows}
    if known:  # a few unknown codes are reported below; most unknown means another nomenclature
        context.require_coverage(
            survey.source, len(codes & known), len(codes), 0.5, f"{survey.nomenclature} job codes known to the tree"
        )
    for code, count in sorted(unknown_codes.items()):
        context.note(
            STEP, where, f"job code {code!r} ({count} rows) is not a {survey.nomenclature} family: no job group gets it"
        )
    for (departement, region), line in sorted(other_regions.items()):
        context.note(
            STEP,
            f"{where}:{line}",
            f"département {departement} filed under région {region}: summed in région {departements[departement]}, "
            "where the geography puts it",
        )
    for code, line in sorted(unknown_departements.items()):
        context.note(STEP, f"{where}:{line}", f"unknown département {code!r}: left out of the département sums")
    covered = {row[6] for row in bassin_rows} & set(departements)
    context.require_coverage(survey.source, len(covered), len(departements), 0.9, "départements with BMO figures")
    context.note(
        STEP,
        where,
        f"{withheld} figures withheld by statistical secrecy (*): stored as unknown (NULL) and counted in "
        "bmo_area.withheld, never as 0",
    )
    return bassin_rows


def _check_year(row: XlsxRow, year: int) -> None:
    value = row.text("annee")
    if value != str(year):
        raise row.error("annee", f"{value!r} where the {year} survey is expected: another vintage under this name?")


def _bassin(row: XlsxRow, column: str) -> str:
    """A bassin code as France Travail writes it, on 4 digits (Excel stores 101 for 0101)."""
    value = row.required(column)
    if not value.isdigit() or len(value) > 4:
        raise row.error(column, f"{value!r} is not a bassin d'emploi code")
    return value.zfill(4)
