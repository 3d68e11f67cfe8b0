"""Import of labour-market statistics, when the raw directory has them (all optional).

- `imt/market_score.csv`: France Travail's IMT offers and applicants per job
  group and area; only département rows (AREA_TYPE_CODE D) are kept. An
  optional PERIOD column (written by `bob data fetch-market`) says which period
  the figures cover when it is not the export's last week / month.
- `imt/employment_type.csv`: share of offers per contract type, same keys.
- `imt/application_modes.csv`: how people were hired, per FAP.
- `bmo/bmo.csv`: the BMO employers' survey, hiring projects per FAP and
  catchment area (bassin d'emploi). Catchment areas nest in départements, so
  the bundle sums them per FAP x département. A job group maps to one or more
  FAP (table `rome_fap`); BMO figures read for a job group are those of its
  FAP(s), which usually group several job groups: consumers must say so.

Bundles built without these files say so in `meta.market_available`.
"""

from __future__ import annotations

from collections import defaultdict

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.csvread import Row

STEP = "market"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUNE", "JULY", "AUG", "SEP", "OCT", "NOV", "DEC")
_DEPARTEMENT_AREA = "D"
_WITHHELD = "*"  # BMO: too few answers to publish (statistical secrecy)
_BMO_FIGURES = ("NB_RECRUT_PROJECTS", "NB_DIFF_RECRUT_PROJECTS", "NB_SEASON_RECRUT_PROJECTS")


def _departement(row: Row, column: str, departements: set[str], context: BuildContext) -> str | None:
    """A département code as the geography writes it (`2` -> `02`), or None when unknown."""
    code = row.required(column)
    if code.isdigit() and len(code) < 2:
        code = code.zfill(2)
    if code not in departements:
        context.note(STEP, f"{row.file}:{row.line}", f"{column}: unknown département {code!r}: row left out")
        return None
    return code


def _flag(row: Row, column: str) -> bool | None:
    value = row[column].strip().upper()
    if not value:
        return None
    if value not in {"O", "N"}:
        raise row.error(column, f"{row[column]!r}: expected O (oui) or N (non)")
    return value == "O"


def import_market(context: BuildContext, job_groups: set[str], departements: set[str]) -> Tables:
    tables: Tables = {"market_stats": [], "contract_shares": [], "hiring_channels": [], "bmo": []}

    def job_group(row: Row) -> str | None:
        code = row.required("ROME_PROFESSION_CARD_CODE")
        if code not in job_groups:
            context.note(STEP, f"{row.file}:{row.line}", f"unknown job group {code!r}: row left out")
            return None
        return code

    if context.has(sources.IMT_MARKET_SCORE):
        columns = [
            "AREA_CODE",
            "AREA_TYPE_CODE",
            "ROME_PROFESSION_CARD_CODE",
            "NB_OFFER_LAST_WEEK",
            "NB_APPLICATION_LAST_WEEK",
            "NB_OFFER_END_MONTH",
            "NB_APPLICATION_END_MONTH",
            "TENSION_RATIO",
            "SEASONAL",
            *(f"SEASONAL_{month}" for month in _MONTHS),
        ]
        rows = context.read_csv(
            sources.IMT_MARKET_SCORE, columns, unique=["AREA_TYPE_CODE", "AREA_CODE", "ROME_PROFESSION_CARD_CODE"]
        )
        for row in rows:
            if row["AREA_TYPE_CODE"].strip() != _DEPARTEMENT_AREA:
                continue
            code, departement = job_group(row), _departement(row, "AREA_CODE", departements, context)
            if code is None or departement is None:
                continue
            months = [str(number) for number, month in enumerate(_MONTHS, 1) if _flag(row, f"SEASONAL_{month}")]
            seasonal = _flag(row, "SEASONAL")
            tables["market_stats"].append(
                (
                    code,
                    departement,
                    row.integer("NB_OFFER_LAST_WEEK", optional=True),
                    row.integer("NB_APPLICATION_LAST_WEEK", optional=True),
                    row.integer("NB_OFFER_END_MONTH", optional=True),
                    row.integer("NB_APPLICATION_END_MONTH", optional=True),
                    row.integer("TENSION_RATIO", optional=True),
                    None if seasonal is None else int(seasonal),
                    " ".join(months),
                    row.fields.get("PERIOD", "").strip(),
                )
            )

    if context.has(sources.IMT_EMPLOYMENT_TYPE):
        columns = [
            "AREA_CODE",
            "AREA_TYPE_CODE",
            "CONTRACT_TYPE_CODE",
            "CONTRACT_TYPE_NAME",
            "NB_OFFERS",
            "OFFERS_PERCENT",
            "ROME_PROFESSION_CARD_CODE",
        ]
        rows = context.read_csv(
            sources.IMT_EMPLOYMENT_TYPE,
            columns,
            unique=["AREA_TYPE_CODE", "AREA_CODE", "ROME_PROFESSION_CARD_CODE", "CONTRACT_TYPE_CODE"],
        )
        for row in rows:
            if row["AREA_TYPE_CODE"].strip() != _DEPARTEMENT_AREA:
                continue
            code, departement = job_group(row), _departement(row, "AREA_CODE", departements, context)
            if code is None or departement is None:
                continue
            tables["contract_shares"].append(
                (
                    code,
                    departement,
                    row.required("CONTRACT_TYPE_CODE").zfill(2),
                    row.required("CONTRACT_TYPE_NAME"),
                    row.integer("NB_OFFERS", optional=True),
                    row.number("OFFERS_PERCENT", optional=True),
                )
            )

    if context.has(sources.IMT_APPLICATION_MODES):
        columns = ["APPLICATION_TYPE_CODE", "APPLICATION_TYPE_NAME", "FAP_CODE", "RECRUT_PERCENT"]
        rows = context.read_csv(sources.IMT_APPLICATION_MODES, columns, unique=["FAP_CODE", "APPLICATION_TYPE_CODE"])
        for row in rows:
            tables["hiring_channels"].append(
                (
                    row.required("FAP_CODE"),
                    row.required("APPLICATION_TYPE_CODE"),
                    row.required("APPLICATION_TYPE_NAME"),
                    row.number("RECRUT_PERCENT"),
                )
            )

    if context.has(sources.BMO):
        columns = [
            "CATCHMENT_AREA_CODE",
            "FAP_CODE",
            "DEPARTEMENT_CODE",
            "NB_RECRUT_PROJECTS",
            "NB_DIFF_RECRUT_PROJECTS",
            "NB_SEASON_RECRUT_PROJECTS",
        ]
        rows = context.read_csv(sources.BMO, columns, unique=["CATCHMENT_AREA_CODE", "DEPARTEMENT_CODE", "FAP_CODE"])
        # Per FAP x département: sums of the three figures (None while only withheld figures were
        # seen), and how many catchment-area figures were withheld.
        sums: dict[tuple[str, str], list[float | None]] = defaultdict(lambda: [None, None, None])
        withheld: dict[tuple[str, str], int] = defaultdict(int)
        for row in rows:
            departement = _departement(row, "DEPARTEMENT_CODE", departements, context)
            if departement is None:
                continue
            key = (row.required("FAP_CODE"), departement)
            totals = sums[key]
            for index, column in enumerate(_BMO_FIGURES):
                if row[column].strip() == _WITHHELD:
                    withheld[key] += 1
                    continue
                value = row.number(column, optional=True) or 0.0
                totals[index] = (totals[index] or 0.0) + value
        tables["bmo"] = [
            (fap, dep, *(None if value is None else round(value, 6) for value in totals), withheld[(fap, dep)])
            for (fap, dep), totals in sums.items()
        ]
        if withheld:
            context.note(
                STEP,
                sources.BMO.path,
                f"{sum(withheld.values())} figures withheld by statistical secrecy (*): stored as unknown (NULL) "
                "where nothing else was published, and counted in bmo.withheld",
            )

    for name in tables:
        tables[name].sort(key=lambda row: tuple(str(value) for value in row))
    if not any(tables.values()):
        context.note(STEP, "market", "no labour-market file in the raw directory: the bundle has no market data")
    return tables
