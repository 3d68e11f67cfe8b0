"""Import of DARES's FAP 2021 job families and their crosswalk from ROME v3 × qualification.

BMO 2024 and later publish their figures per FAP 2021 family (228 level,
e.g. S2X61), never per job group. DARES links the two in two files:

- `Dares_Arborescence_FAP2021.xlsx`: the tree 22 / 86 / 228 / 341; its sheet
  `niveaux_emboités` gives every 341-level family with its ancestors. A code
  may be the same at two levels (A0X40 is both a 228 and a 341 family);
- `Dares_Table_passage_ROME_Qualif_to_FAP2021_pour_programme.csv`: ROME v3 job
  group × qualification digit (0–9) → 341-level family.

A ROME 4.0 job group reaches them through its ROME v3 parent (`code_rome_parent`).
"""

from __future__ import annotations

import re

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables
from bob_emploi.data.schema import TABLES
from bob_emploi.data.xlsxread import read_sheet

STEP = "fap2021"
TREE_SHEET = "niveaux_emboités"
_LEVELS = ((341, "FAP341"), (228, "FAP228"), (86, "FAP86"), (22, "FAP22"))
_CODE = {
    341: re.compile(r"^[A-Z][0-9A-Z][A-Z]\d\d[a-z]?$"),
    228: re.compile(r"^[A-Z][0-9A-Z][A-Z]\d\d$"),
    86: re.compile(r"^[A-Z][0-9A-Z][A-Z]$"),
    22: re.compile(r"^[A-Z]$"),
}


def rome_v3_parents(tables: Tables) -> dict[str, str]:
    """Job group -> its ROME v3 code: `code_rome_parent` on a ROME 4.0 bundle, itself on a v3 one.

    Reads the column position from the schema so that it works whichever ROME the build read.
    """
    ddl = TABLES["job_groups"][0]
    columns = [part.strip().split()[0] for part in ddl[ddl.index("(") + 1 :].split(",")]
    parent = columns.index("code_rome_parent") if "code_rome_parent" in columns else None
    return {
        str(row[0]): str(row[parent]) if parent is not None and row[parent] else str(row[0])
        for row in tables.get("job_groups", [])
    }


def import_fap2021(context: BuildContext, rome_v3: set[str]) -> Tables:
    """Tables `fap2021` and `rome_fap2021`; empty (with a note) when the raw directory lacks the files."""
    if not (context.has(sources.FAP2021_TREE) and context.has(sources.FAP2021_CROSSWALK)):
        context.note(STEP, "fap2021", "no FAP 2021 tree or crosswalk in the raw directory: BMO 2024+ not linked")
        return {"fap2021": [], "rome_fap2021": []}

    columns = [name for level, prefix in _LEVELS for name in (f"Code_{prefix}", f"Intitulé_{prefix}")]
    rows = read_sheet(context.path(sources.FAP2021_TREE), TREE_SHEET, columns, root=context.raw_dir)
    context.record(sources.FAP2021_TREE, len(rows))
    nodes: dict[tuple[int, str], tuple[str, str]] = {}  # (level, code) -> (label, parent)
    for row in rows:
        for index, (level, prefix) in enumerate(_LEVELS):
            code = row.required(f"Code_{prefix}")
            if not _CODE[level].match(code):
                raise row.error(f"Code_{prefix}", f"{code!r} is not a FAP 2021 code of the {level} level")
            parent = row.required(f"Code_{_LEVELS[index + 1][1]}") if index + 1 < len(_LEVELS) else ""
            node = (" ".join(row.required(f"Intitulé_{prefix}").split()), parent)
            known = nodes.setdefault((level, code), node)
            if known[1] != parent:
                raise row.error(f"Code_{prefix}", f"{code} has two parents: {known[1]} and {parent}")
    families_341 = {code for level, code in nodes if level == 341}

    crosswalk = context.read_csv(
        sources.FAP2021_CROSSWALK,
        ["ROME", "Qualif", "FAP341"],
        unique=["ROME", "Qualif"],
        delimiter=";",
        encoding="cp1252",
    )
    links: list[Row] = []
    unknown_faps: dict[str, int] = {}
    unknown_romes: set[str] = set()
    for line in crosswalk:
        code_rome, fap = line.required("ROME"), line.required("FAP341")
        qualification = line.required("Qualif")
        if not (qualification.isdigit() and len(qualification) == 1):
            raise line.error("Qualif", f"{qualification!r} is not a qualification digit (0-9)")
        if fap not in families_341:
            unknown_faps.setdefault(fap, line.line)
            continue
        if code_rome not in rome_v3:
            unknown_romes.add(code_rome)
            continue
        links.append((code_rome, qualification, fap))
    for fap, line_number in sorted(unknown_faps.items()):
        context.note(
            STEP,
            f"{sources.FAP2021_CROSSWALK.path}:{line_number}",
            f"FAP341 {fap!r} is not in the FAP 2021 tree: its rows are left out",
        )
    if unknown_romes:
        context.note(
            STEP,
            sources.FAP2021_CROSSWALK.path,
            f"{len(unknown_romes)} ROME codes are not ROME v3 job groups of this bundle, left out: "
            + ", ".join(sorted(unknown_romes)),
        )
    mapped = {code for code, _, _ in links}
    context.require_coverage(
        sources.FAP2021_CROSSWALK, len(mapped & rome_v3), len(rome_v3), 0.9, "ROME v3 job groups with a FAP 2021"
    )
    missing = sorted(rome_v3 - mapped)
    if missing:
        context.note(STEP, "rome", f"{len(missing)} ROME v3 job groups have no FAP 2021: " + ", ".join(missing))
    return {
        "fap2021": sorted((code, level, label, parent) for (level, code), (label, parent) in nodes.items()),
        "rome_fap2021": sorted(links),
    }
