"""France Travail's classification of ROME 4.0 job groups into NAF divisions (the economic activities).

The workbook is a printed tree, not a table: a division row (`1`, `Culture et
production animale…`) followed by its job groups (`A1101`, `Conducteur…`),
blank rows between. Division codes are written without their leading zero;
the bundle stores the two digits of the NAF (`01`), `00` being "across sectors".

The workbook is optional: without it the bundle has no NAF links, and says so
in its build report.
"""

from __future__ import annotations

import re

from python_calamine import CalamineWorkbook

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Row
from bob_emploi.data.errors import RawDataError
from bob_emploi.data.xlsxread import sheet_names

STEP = "naf"
_SHEET_PREFIX = "Secteur NAF"
_ROME_CODE = re.compile(r"^[A-N]\d{4}$")
_DIVISION = re.compile(r"^\d{1,2}$")
MIN_WITH_NAF = 0.9


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else " ".join(str(value).split())


def read_naf_divisions(context: BuildContext, job_groups: set[str]) -> list[Row]:
    """Rows (code_rome, naf_division, label) of the job groups of this release."""
    source = sources.ROME4_NAF
    if not context.has(source):
        context.note(STEP, source.path, "no NAF workbook: the bundle has no job group -> NAF links")
        return []
    path = context.path(source)
    names = [name for name in sheet_names(path, root=context.raw_dir) if name.startswith(_SHEET_PREFIX)]
    if len(names) != 1:
        raise RawDataError(source.path, None, None, f"expected one sheet named {_SHEET_PREFIX}…, found {names}")
    sheet = names[0]
    where = f"{source.path}:{sheet}"
    try:  # the workbook itself was checked by sheet_names
        cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as error:  # a damaged sheet in a well-formed zip; calamine has no common exception type
        raise RawDataError(where, None, None, f"unreadable sheet: {error}") from None
    links: dict[tuple[str, str], str] = {}
    division: tuple[str, str] | None = None
    for line, values in enumerate(cells, start=1):
        code, label = (_text(value) for value in [*values, "", ""][:2])
        if not code:
            continue
        if _DIVISION.match(code):
            if not label:
                raise RawDataError(where, line, "B", f"NAF division {code} has no label")
            division = (code.zfill(2), label)
        elif _ROME_CODE.match(code):
            if division is None:
                raise RawDataError(where, line, "A", f"job group {code} before any NAF division")
            links[code, division[0]] = division[1]
        else:
            raise RawDataError(where, line, "A", f"{code!r} is neither a NAF division nor a ROME code")
    context.record(source, len(links))
    linked = {code for code, _ in links}
    context.require_coverage(
        source, len(job_groups & linked), len(job_groups), MIN_WITH_NAF, "job groups with a NAF division"
    )
    unknown = sorted(linked - job_groups)
    if unknown:
        context.note(
            STEP, source.path, f"{len(unknown)} job groups not in this ROME release left out: {', '.join(unknown)}"
        )
    return sorted((code, naf, label) for (code, naf), label in links.items() if code in job_groups)
