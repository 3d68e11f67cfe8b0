"""What a bundle holds, counted the way users and the issue tracker talk about it.

Overseas collectivities (zone `com`: Saint-Martin, Polynésie française…) are
in the bundle but counted apart: they are neither régions nor départements.
"""

from __future__ import annotations

from collections.abc import Mapping

from bob_emploi.data.context import Row

MARKET_TABLES = ("market_stats", "contract_shares", "hiring_channels", "bmo")
# Real published statistics (BMO 2023+, DARES, Mobiville): counted apart from the IMT-format market files
# above, which `market_available` and the "format sample" labels are about.
STATISTICS_TABLES = (
    "fap2021",
    "rome_fap2021",
    "bmo_bassin",
    "bmo_area",
    "dares_tensions",
    "dares_tension_series",
    "dares_salaries",
    "dares_job_seekers",
    "mobiville",
    "commune_bassins",
)
_COLLECTIVITY = "com"


def summarize_tables(tables: Mapping[str, list[Row]]) -> dict[str, int]:
    communes = tables.get("communes", [])
    regions = tables.get("regions", [])
    departements = tables.get("departements", [])
    return {
        "job_groups": len(tables.get("job_groups", [])),
        "job_groups_repaired": sum(1 for row in tables.get("job_groups", []) if row[4]),
        "job_titles": len(tables.get("job_titles", [])),
        "job_titles_with_frequency": sum(1 for row in tables.get("job_titles", []) if row[9]),
        # Titles whose label carries both genders (masculine and feminine forms differ).
        # Every title has a masculine and a feminine form; most differ ("Chef / Cheffe"), some are the same word.
        "job_titles_with_both_forms": sum(1 for row in tables.get("job_titles", []) if row[5] and row[6]),
        "job_titles_gendered": sum(1 for row in tables.get("job_titles", []) if row[5] and row[6] and row[5] != row[6]),
        "skills": len(tables.get("skills", [])),
        "mobility_links": len(tables.get("mobility", [])),
        "centres_of_interest": len(tables.get("centres_of_interest", [])),
        "regions": sum(1 for row in regions if row[2] != _COLLECTIVITY),
        "departements": sum(1 for row in departements if row[3] != _COLLECTIVITY),
        "overseas_collectivities": sum(1 for row in departements if row[3] == _COLLECTIVITY),
        "communes": sum(1 for row in communes if row[6] == "commune" and row[8] != _COLLECTIVITY),
        "communes_in_collectivities": sum(1 for row in communes if row[8] == _COLLECTIVITY),
        "arrondissements": sum(1 for row in communes if row[6] == "arrondissement"),
        "former_communes": len(tables.get("former_communes", [])),
        "fap": len(tables.get("fap", [])),
        "rome_fap_links": len(tables.get("rome_fap", [])),
        "market_rows": sum(len(tables.get(name, [])) for name in MARKET_TABLES),
        **{f"market_{name}": len(tables.get(name, [])) for name in MARKET_TABLES},
        **{f"statistics_{name}": len(tables.get(name, [])) for name in STATISTICS_TABLES},
        "build_report": len(tables.get("build_report", [])),
    }
