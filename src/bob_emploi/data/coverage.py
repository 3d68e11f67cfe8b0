"""How much of "every job group in every département" each statistics dataset covers, computed at build time.

`bob data info` shows it (meta key `coverage`), so that whoever reads a bundle
knows before using it how often a job page will have to say "no figure here".
A job group × département pair counts as covered when the dataset has a figure
for one of the families the job group maps to (see `figures.families`) in that
département (for national-only datasets: in France).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from bob_emploi.data.context import Tables

_COLLECTIVITY = "com"


def _count(
    parents: Mapping[str, str],
    families: Mapping[str, set[str]],
    departements: list[str],
    values: Mapping[tuple[str, str], tuple[bool, bool] | None],
    *,
    national: bool = False,
) -> dict[str, object]:
    """`values[(family or v3 code, département or FR)]` = (has a published figure, has a withheld part)."""
    wanted = set(departements)
    seen: dict[str, set[str]] = defaultdict(set)  # family -> départements with a row
    published: dict[str, set[str]] = defaultdict(set)
    partial: dict[str, set[str]] = defaultdict(set)
    for (family, area), value in values.items():
        if value is None:
            continue
        areas = wanted if national else {area} & wanted
        seen[family] |= areas
        if value[0]:
            published[family] |= areas
            if value[1]:
                partial[family] |= areas
    with_figure = withheld = lower_bound = 0
    # Job groups sharing a ROME v3 parent share their figures: count each parent once, times its children.
    for v3, children in Counter(parents.values()).items():
        keys = families.get(v3, set())
        rows = set().union(*(seen[key] for key in keys))
        figures = set().union(*(published[key] for key in keys))
        with_figure += children * len(figures)
        withheld += children * len(rows - figures)
        lower_bound += children * len(set().union(*(partial[key] for key in keys)))
    return {
        "level": "france" if national else "departement",
        "pairs": len(parents) * len(departements),
        "with_figure": with_figure,
        "withheld": withheld,
        "lower_bound": lower_bound,
    }


def market_coverage(tables: Tables, parents: Mapping[str, str]) -> dict[str, dict[str, object]]:
    """Per dataset: job group × département pairs in all, with a figure, withheld, and lower bounds."""
    departements = [str(row[0]) for row in tables.get("departements", []) if row[3] != _COLLECTIVITY]
    fap2009: dict[str, set[str]] = defaultdict(set)
    for code_rome, code_fap, _qualification in tables.get("rome_fap", []):
        fap2009[str(code_rome)].add(str(code_fap))
    parent_228 = {str(row[0]): str(row[3]) for row in tables.get("fap2021", []) if row[1] == 341}
    fap2021: dict[str, set[str]] = defaultdict(set)
    for code_rome, _qualification, code_341 in tables.get("rome_fap2021", []):
        fap2021[str(code_rome)].add(parent_228.get(str(code_341), str(code_341)))

    coverage: dict[str, dict[str, object]] = {}
    bmo: dict[int, _Missing] = defaultdict(_missing)
    for row in tables.get("bmo_area", []):
        if row[2] == "departement":
            bmo[int(row[0])][(str(row[1]), str(row[3]))] = (row[4] is not None, bool(row[7]))
    years = sorted({int(row[0]) for row in tables.get("bmo_bassin", [])})
    for year in years:
        coverage[f"bmo_{year}"] = _count(parents, fap2009 if year < 2024 else fap2021, departements, bmo[year])
    if tables.get("dares_tensions"):
        tensions = _missing()
        for row in tables["dares_tensions"]:
            if row[2] == "departement":
                tensions[(str(row[0]), str(row[3]))] = (row[6] is not None, False)
        coverage["dares_tensions"] = _count(parents, fap2009, departements, tensions)
    if tables.get("dares_salaries"):
        salaries = _missing()
        for row in tables["dares_salaries"]:
            if row[2] == "2017-2019":
                salaries[(str(row[0]), "FR")] = (row[3] is not None, False)
        coverage["dares_salaries"] = _count(parents, fap2009, departements, salaries, national=True)
    if tables.get("mobiville"):
        mobiville = _missing()
        for row in tables["mobiville"]:
            if row[2] is not None:
                mobiville[(str(row[0]), str(row[2]))] = (True, False)
        itself = {v3: {v3} for v3 in parents.values()}
        coverage["mobiville"] = _count(parents, itself, departements, mobiville)
    return coverage


class _Missing(dict[tuple[str, str], tuple[bool, bool] | None]):
    """A lookup that answers None for pairs the dataset does not have."""

    def __missing__(self, key: tuple[str, str]) -> None:
        return None


def _missing() -> _Missing:
    return _Missing()
