"""The build step for the real labour-market statistics: FAP 2021, BMO, DARES, bassins, Mobiville.

Every source here is optional: a raw directory without them builds a bundle
without them, and the build report says which are missing. Order matters: the
FAP 2021 tree checks the BMO 2024+ job codes, the BMO 2024 bassins check the
community bassin list, and the BE19 bassins place Mobiville's figures in
départements.
"""

from __future__ import annotations

from bob_emploi.data.bassins import import_bassins
from bob_emploi.data.bmo import import_bmo
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.dares import import_dares
from bob_emploi.data.fap2021 import import_fap2021, rome_v3_parents
from bob_emploi.data.mobiville import import_mobiville

_FAP2009_FAMILY_LEVEL = "job_family"


def import_statistics(context: BuildContext, tables: Tables) -> Tables:
    """New tables from the statistics files, given the ROME, geography and FAP 2009 tables already built."""
    rome_v3 = set(rome_v3_parents(tables).values())
    departements = {str(row[0]): str(row[2]) for row in tables.get("departements", [])}
    regions = {str(row[0]) for row in tables.get("regions", [])}
    fap2009 = {str(row[0]) for row in tables.get("fap", [])}
    fap2009_families = {str(row[0]) for row in tables.get("fap", []) if row[1] == _FAP2009_FAMILY_LEVEL}

    result = import_fap2021(context, rome_v3)
    fap2021_228 = {str(row[0]) for row in result["fap2021"] if row[1] == 228}
    result.update(import_bmo(context, fap2009_families, fap2021_228, departements))
    result.update(import_dares(context, fap2009, set(departements), regions))
    bmo_2024_bassins = {str(row[4]): str(row[5]) for row in result["bmo_bassin"] if row[0] == 2024}
    bassins, main_departements = import_bassins(
        context, {str(row[0]) for row in tables.get("communes", []) if row[6] == "commune"}, bmo_2024_bassins
    )
    result.update(bassins)
    result.update(import_mobiville(context, rome_v3, main_departements))
    return result
