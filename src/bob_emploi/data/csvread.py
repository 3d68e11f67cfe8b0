"""Strict readers for the raw files: every problem is reported as `file:line: column: problem`.

The raw files come from several publishers and are sometimes damaged on the
way (truncated downloads, a file re-saved as latin-1 by a spreadsheet). The
build must stop with a message that says where, never with a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bob_emploi.data.errors import RawDataError


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a raw CSV file, with where it came from."""

    file: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields[column]

    def error(self, column: str | None, problem: str) -> RawDataError:
        return RawDataError(self.file, self.line, column, problem)

    def required(self, column: str) -> str:
        """The stripped value of a column that must not be empty."""
        value = self.fields[column].strip()
        if not value:
            raise self.error(column, "empty value")
        return value

    def integer(self, column: str, *, optional: bool = False) -> int | None:
        value = self.fields[column].strip()
        if not value and optional:
            return None
        try:
            return int(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not an integer") from None

    def number(self, column: str, *, optional: bool = False) -> float | None:
        value = self.fields[column].strip().replace(",", ".")
        if not value and optional:
            return None
        try:
            return float(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not a number") from None


def display_name(path: Path, root: Path | None) -> str:
    """The file name as users should see it in messages: relative to the raw directory."""
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, *, encoding: str = "utf-8", root: Path | None = None) -> str:
    """A whole text file, decoded strictly, with the line of any bad byte in the error."""
    name = display_name(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RawDataError(name, None, None, "file not found") from None
    except OSError as error:
        raise RawDataError(name, None, None, f"cannot read: {error.strerror}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        hint = " (was it saved as latin-1 / Windows-1252?)" if encoding == "utf-8" else ""
        raise RawDataError(name, line, None, f"not valid {encoding}: byte 0x{byte}{hint}") from None


def read_csv(
    path: Path,
    columns: Sequence[str],
    *,
    root: Path | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    unique: Sequence[str] = (),
    final_line_break: bool = True,
) -> Iterator[Row]:
    """Rows of a CSV file that must have (at least) `columns`.

    Checks, each with the line it concerns: encoding, header, field count per
    row, unclosed quotes (a truncated file), and duplicate values of the
    `unique` columns taken together. `final_line_break=False` accepts a file
    whose publisher left out the last line break (its last row is still
    checked field by field).
    """
    name = display_name(path, root)
    text = read_text(path, encoding=encoding, root=root)
    if not text.strip():
        raise RawDataError(name, 1, None, "file is empty")
    if final_line_break and not text.endswith("\n"):
        last_line = text.count("\n") + 1
        raise RawDataError(name, last_line, None, "file does not end with a line break: truncated download?")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [column.strip().lstrip("\ufeff") for column in next(reader)]
    except csv.Error as error:
        raise RawDataError(name, 1, None, f"malformed header: {error}") from None
    missing = [column for column in columns if column not in header]
    if missing:
        raise RawDataError(
            name, 1, missing[0], f"missing column (expected {', '.join(columns)}; found {', '.join(header)})"
        )
    seen: dict[tuple[str, ...], int] = {}
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise RawDataError(name, reader.line_num, None, f"malformed CSV: {error}") from None
        line = reader.line_num
        if not values:
            continue
        if len(values) != len(header):
            raise RawDataError(
                name,
                line,
                None,
                f"{len(values)} fields where the header has {len(header)}: truncated or stray separator?",
            )
        row = Row(name, line, dict(zip(header, values, strict=True)))
        if unique:
            key = tuple(row[column].strip() for column in unique)
            if key in seen:
                raise row.error(",".join(unique), f"duplicate key {'/'.join(key)} (first seen on line {seen[key]})")
            seen[key] = line
        yield row


def read_json(path: Path, *, root: Path | None = None) -> Any:
    """A JSON document, with the line and column of a syntax error."""
    name = display_name(path, root)
    text = read_text(path, root=root)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RawDataError(name, error.lineno, f"char {error.colno}", f"invalid JSON: {error.msg}") from None
