"""What a build carries from step to step: the raw directory, the report, the provenance."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bob_emploi.data.csvread import Row as CsvRow
from bob_emploi.data.csvread import read_csv
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

    def read_csv(self, source: Source, columns: Sequence[str], *, unique: Sequence[str] = ()) -> list[CsvRow]:
        """Every row of a raw CSV file, checked (see `csvread.read_csv`), with its provenance kept."""
        rows = list(read_csv(self.path(source), columns, root=self.raw_dir, unique=unique))
        self.record(source, len(rows))
        return rows

    def record(self, source: Source, rows: int) -> None:
        """Keeps the provenance of a file the build read."""
        digest = hashlib.sha256(self.path(source).read_bytes()).hexdigest()
        self.sources.append((source.path, source.publisher, source.licence, source.version, source.url, digest, rows))
