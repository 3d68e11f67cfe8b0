"""Import of the communes → bassins d'emploi lists: which statistics area a commune belongs to.

Bassins d'emploi are France Travail's areas for BMO and Mobiville figures;
their codes change with the vintage (BE19, BE24…).

- `geo/bassins/communes_bassins_be19.csv`: the official 2019 list (Mobiville):
  commune INSEE code → BE19 bassin, with its département.
- `geo/bassins/communes_bassins_be24_community.csv`: a community-made 2024
  list (not official). A bassin is kept only where its code and name agree
  with the BMO 2024 file; the others, and the BMO bassins it lacks, are listed
  in the build report.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row, Tables

STEP = "bassins"


def _bassin_code(value: str) -> str:
    return value.strip().zfill(4)


def _same_name(first: str, second: str) -> bool:
    """Bassin names compared without case, accents, dashes or spaces ("Bourg-en-Bresse" = "BOURG EN BRESSE")."""

    def key(name: str) -> str:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
        return "".join(character for character in plain if character.isalnum())

    return key(first) == key(second)


def import_bassins(
    context: BuildContext, communes: set[str], bmo_2024_bassins: dict[str, str]
) -> tuple[Tables, dict[str, str]]:
    """Table `commune_bassins`, and each BE19 bassin's main département (where most of its communes are).

    `bmo_2024_bassins` maps the BMO 2024 bassin codes to their names (empty without that file).
    """
    rows: list[Row] = []
    main_departement: dict[str, str] = {}
    if context.has(sources.BASSINS_BE19):
        # Published without a final line break; the coverage of the communes below catches a cut file.
        lines = context.read_csv(
            sources.BASSINS_BE19,
            ["CODE_COMMUNE_INSEE", "DEP", "BE19", "NOMBE19"],
            unique=["CODE_COMMUNE_INSEE"],
            final_line_break=False,
        )
        departements: dict[str, Counter[str]] = defaultdict(Counter)
        unknown = []
        for line in lines:
            commune, bassin = line.required("CODE_COMMUNE_INSEE"), _bassin_code(line.required("BE19"))
            departements[bassin][line.required("DEP").zfill(2)] += 1
            if commune not in communes:
                unknown.append(commune)
            rows.append((commune, "BE19", bassin, " ".join(line.required("NOMBE19").split())))
        main_departement = {bassin: counts.most_common(1)[0][0] for bassin, counts in departements.items()}
        listed = {str(row[0]) for row in rows}
        context.require_coverage(
            sources.BASSINS_BE19, len(communes & listed), len(communes), 0.9, "current communes with a BE19 bassin"
        )
        if unknown:
            context.note(
                STEP,
                sources.BASSINS_BE19.path,
                f"{len(unknown)} INSEE codes are not current communes (merged since 2019?), kept as published: "
                + ", ".join(sorted(unknown)[:50])
                + ("…" if len(unknown) > 50 else ""),
            )
    else:
        context.note(STEP, sources.BASSINS_BE19.path, "not in the raw directory: no BE19 bassins, no Mobiville sums")

    if context.has(sources.BASSINS_BE24_COMMUNITY) and bmo_2024_bassins:
        rows += _community_be24(context, bmo_2024_bassins)
    elif context.has(sources.BASSINS_BE24_COMMUNITY):
        context.note(STEP, sources.BASSINS_BE24_COMMUNITY.path, "no BMO 2024 file to check it against: not used")
    return {"commune_bassins": sorted(rows)}, main_departement


def _community_be24(context: BuildContext, bmo_bassins: dict[str, str]) -> list[Row]:
    source = sources.BASSINS_BE24_COMMUNITY
    lines = context.read_csv(
        source,
        ["code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO"],
        unique=["code_commune_insee"],
        final_line_break=False,
    )
    names: dict[str, str] = {}
    rows: list[Row] = []
    for line in lines:
        bassin = _bassin_code(line.required("code_bassin_BMO"))
        name = " ".join(line.required("lib_bassin_BMO").split())
        names.setdefault(bassin, name)
        if bassin in bmo_bassins and _same_name(name, bmo_bassins[bassin]):
            rows.append((line.required("code_commune_insee"), "BE24", bassin, bmo_bassins[bassin]))
    missing = sorted(set(bmo_bassins) - set(names))
    if missing:
        context.note(
            STEP,
            source.path,
            f"{len(missing)} bassins of the BMO 2024 file are missing from this community list: "
            + ", ".join(f"{code} {bmo_bassins[code]}" for code in missing),
        )
    for code, name in sorted(names.items()):
        if code not in bmo_bassins:
            context.note(
                STEP, source.path, f"bassin {code} {name!r} is not in the BMO 2024 file: its communes left out"
            )
        elif not _same_name(name, bmo_bassins[code]):
            context.note(
                STEP,
                source.path,
                f"bassin {code} is {name!r} here and {bmo_bassins[code]!r} in BMO 2024: its communes left out",
            )
    return rows
