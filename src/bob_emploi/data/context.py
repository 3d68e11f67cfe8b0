"""What a build carries from step to step: the raw directory, the report, the provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def record(self, source: Source, rows: int) -> None:
        """Keeps the provenance of a file the build read."""
        digest = hashlib.sha256(self.path(source).read_bytes()).hexdigest()
        self.sources.append((source.path, source.publisher, source.licence, source.version, source.url, digest, rows))
