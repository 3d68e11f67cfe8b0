"""What a build carries from step to step: the raw directory, the report, the provenance."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bob_emploi.data.csvread import Row as CsvRow
from bob_emploi.data.csvread import read_csv
from bob_emploi.data.errors import RawDataError
from bob_emploi.data.sources import Source

Row = tuple[Any, ...]
Tables = dict[str, list[Row]]


@dataclass
class BuildContext:
    raw_dir: Path
    # (step, subject, message): what was repaired, guessed or left out, for the `build_report` table.
    report: list[tuple[str, str, str]] = field(default_factory=list)
    # Rows of the `sources` table.
    sources: list[Row] = field(default_factory=list)

    def path(self, source: Source) -> Path:
        return self.raw_dir / source.path

    def has(self, source: Source) -> bool:
        return self.path(source).is_file()

    def note(self, step: str, subject: str, message: str) -> None:
        self.report.append((step, subject, message))

    def read_csv(
        self,
        source: Source,
        columns: Sequence[str],
        *,
        unique: Sequence[str] = (),
        delimiter: str = ",",
        encoding: str = "utf-8",
        final_line_break: bool = True,
    ) -> list[CsvRow]:
        """Every row of a raw CSV file, checked (see `csvread.read_csv`), with its provenance kept."""
        rows = list(
            read_csv(
                self.path(source),
                columns,
                root=self.raw_dir,
                unique=unique,
                delimiter=delimiter,
                encoding=encoding,
                final_line_break=final_line_break,
            )
        )
        self.record(source, len(rows))
        return rows

    def record(self, source: Source, rows: int) -> None:
        """Keeps the provenance of a file the build read, once it gave at least `source.min_rows` rows.

        An empty, header-only or badly truncated file stops the build here, named, rather than
        give a bundle with a table quietly emptied.
        """
        if rows < source.min_rows:
            raise RawDataError(
                source.path,
                None,
                None,
                f"{rows} data rows where at least {source.min_rows} are expected: "
                "empty, header-only or truncated file?",
            )
        digest = hashlib.sha256(self.path(source).read_bytes()).hexdigest()
        self.sources.append((source.path, source.publisher, source.licence, source.version, source.url, digest, rows))

    def require_coverage(self, source: Source, covered: int, total: int, minimum: float, what: str) -> None:
        """Stops the build when a file covers too few of the keys it feeds (job groups with a name,
        with a text, with a FAP…): a file cut at a line break or swapped for another reads well
        row by row, and only this says that most of it is missing."""
        if total and covered < minimum * total:
            raise RawDataError(
                source.path,
                None,
                None,
                f"only {covered} of {total} {what} ({covered / total:.0%}) where at least {minimum:.0%} are expected: "
                "truncated, or another file under this name?",
            )
