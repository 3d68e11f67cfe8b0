"""Strict reader for the raw Excel files (BMO surveys, the FAP 2021 tree), over python-calamine.

Publishers ship some statistics only as xlsx workbooks. Like `csvread`, every
problem is reported with where it is, as `file:sheet:row: column: problem`,
never as a traceback: a truncated download, a file renamed from something else,
a missing sheet or column, a cell that is not a number.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from bob_emploi.data.csvread import display_name
from bob_emploi.data.errors import RawDataError

Cell = object  # str, float, int, bool, date… as calamine gives them

_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class XlsxRow:
    """One data row of a sheet, with where it came from (`line` is the spreadsheet's row number)."""

    file: str
    sheet: str
    line: int
    fields: dict[str, Cell]

    def error(self, column: str | None, problem: str) -> RawDataError:
        return RawDataError(f"{self.file}:{self.sheet}", self.line, column, problem)

    def text(self, column: str) -> str:
        """A cell as text; whole numbers that Excel stored as floats (`101.0`) lose their `.0`."""
        value = self.fields[column]
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value).strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.error(column, "empty cell")
        return value

    def count(self, column: str, *, withheld: str = "*") -> int | None:
        """A published count, or None where the publisher withheld it (`*`, statistical secrecy)."""
        value = self.fields[column]
        if isinstance(value, str):
            text = value.strip()
            if text == withheld:
                return None
            if text.isdigit():
                return int(text)
            raise self.error(column, f"{value!r} is neither a count nor {withheld!r} (withheld)")
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer() and value >= 0:
            return int(value)
        raise self.error(column, f"{value!r} is not a count")


def _open(path: Path, name: str) -> CalamineWorkbook:
    try:
        with path.open("rb") as file:
            magic = file.read(4)
    except FileNotFoundError:
        raise RawDataError(name, None, None, "file not found") from None
    except OSError as error:
        raise RawDataError(name, None, None, f"cannot read: {error.strerror}") from None
    if magic != _ZIP_MAGIC:
        raise RawDataError(name, None, None, "not an xlsx workbook (no zip signature): another file renamed?")
    if not zipfile.is_zipfile(path):
        raise RawDataError(name, None, None, "damaged xlsx workbook (zip directory missing): truncated download?")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several unrelated exception types
        raise RawDataError(name, None, None, f"unreadable xlsx workbook: {error}") from None


def sheet_names(path: Path, *, root: Path | None = None) -> list[str]:
    """The sheet names of a workbook, for readers that look for a sheet by a pattern."""
    return list(_open(path, display_name(path, root)).sheet_names)


def read_sheet(path: Path, sheet: str, columns: Sequence[str], *, root: Path | None = None) -> list[XlsxRow]:
    """The data rows of one sheet whose first row is a header holding (at least) `columns`.

    Header names are compared stripped (publishers leave trailing spaces); blank
    rows are skipped.
    """
    name = display_name(path, root)
    workbook = _open(path, name)
    if sheet not in workbook.sheet_names:
        raise RawDataError(name, None, None, f"no sheet {sheet!r} (sheets: {', '.join(workbook.sheet_names)})")
    try:
        cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as error:  # a damaged sheet inside a well-formed zip
        raise RawDataError(f"{name}:{sheet}", None, None, f"unreadable sheet: {error}") from None
    where = f"{name}:{sheet}"
    if not cells:
        raise RawDataError(where, 1, None, "empty sheet")
    header = [str(value).strip() for value in cells[0]]
    missing = [column for column in columns if column not in header]
    if missing:
        raise RawDataError(
            where, 1, missing[0], f"missing column (expected {', '.join(columns)}; found {', '.join(header)})"
        )
    rows = []
    for number, values in enumerate(cells[1:], start=2):
        if all(value in ("", None) for value in values):
            continue
        rows.append(XlsxRow(name, sheet, number, dict(zip(header, values, strict=False))))
    return rows
