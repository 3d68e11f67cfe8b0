"""Import of France Travail's Mobiville tension file: offers and job seekers per ROME v3 job group × bassin, 2021.

`mobiville/tension_rome_bassin_2021.csv` (`;`, decimal comma) gives, per job
group and BE19 bassin d'emploi: `oee` offers registered (monthly average),
`defm_abc` job seekers in categories A, B, C (average), `ind_tension_d` the
tension quintile 1–5 and six explanatory indicators as quintiles. It is
partial: only the job groups the Mobiville service covers (397 of 532).

Each bassin is given its main département (where most of its communes are, from
the BE19 list): a bassin that crosses a département line counts in one only.
"""

from __future__ import annotations

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables
from bob_emploi.data.csvread import Row as CsvRow

STEP = "mobiville"
# Column -> meaning, in the order of the `mobiville` table.
INDICATORS = {
    "ind_int_emb_d": "hiring_intensity",
    "ind_specif_form_empl_d": "training_link",
    "ind_main_oeuvre_d": "labour_shortage",
    "ind_dur_empl_d": "non_durable_jobs",
    "ind_cond_travail_d": "working_conditions",
    "ind_mismatch_geo_d": "geographic_mismatch",
}


def _quintile(row: CsvRow, column: str) -> int | None:
    value = row[column].strip()
    if value in {"", "NA"}:
        return None
    number = row.integer(column)
    if number is None or not 1 <= number <= 5:
        raise row.error(column, f"{value!r} is not a quintile from 1 to 5")
    return number


def import_mobiville(context: BuildContext, rome_v3: set[str], bassin_departements: dict[str, str]) -> Tables:
    if not context.has(sources.MOBIVILLE_TENSIONS):
        context.note(STEP, sources.MOBIVILLE_TENSIONS.path, "not in the raw directory: no Mobiville figures")
        return {"mobiville": []}
    columns = ["annee", "ROME", "cbassin", "oee", "defm_abc", "ind_tension_d", *INDICATORS]
    lines = context.read_csv(sources.MOBIVILLE_TENSIONS, columns, unique=["annee", "ROME", "cbassin"], delimiter=";")
    rows: list[Row] = []
    unknown_romes: set[str] = set()
    unknown_bassins: set[str] = set()
    for line in lines:
        code_rome, bassin = line.required("ROME"), line.required("cbassin").zfill(4)
        if code_rome not in rome_v3:
            unknown_romes.add(code_rome)
            continue
        departement = bassin_departements.get(bassin)
        if departement is None and bassin_departements:
            unknown_bassins.add(bassin)
        rows.append(
            (
                code_rome,
                bassin,
                departement,
                line.integer("annee"),
                line.number("oee", optional=True),
                line.number("defm_abc", optional=True),
                _quintile(line, "ind_tension_d"),
                *(_quintile(line, column) for column in INDICATORS),
            )
        )
    if unknown_romes:
        context.note(
            STEP,
            sources.MOBIVILLE_TENSIONS.path,
            f"{len(unknown_romes)} ROME codes are not ROME v3 job groups of this bundle, left out: "
            + ", ".join(sorted(unknown_romes)),
        )
    if unknown_bassins:
        context.note(
            STEP,
            sources.MOBIVILLE_TENSIONS.path,
            f"{len(unknown_bassins)} bassins are not in the BE19 list (no département; kept, summed nowhere): "
            + ", ".join(sorted(unknown_bassins)),
        )
    covered = {row[0] for row in rows}
    # Mobiville covers about 75 % of the job groups on purpose: below half, the file is cut or another one.
    context.require_coverage(
        sources.MOBIVILLE_TENSIONS, len(covered), len(rome_v3), 0.5, "ROME v3 job groups with Mobiville figures"
    )
    return {"mobiville": sorted(rows, key=lambda row: (row[0], row[1], row[3]))}
