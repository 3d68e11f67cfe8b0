"""`bob data build`: raw open-data files -> one data bundle."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from bob_emploi import __version__
from bob_emploi.data.bundle import write_bundle
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.coverage import market_coverage
from bob_emploi.data.errors import DataError
from bob_emploi.data.fap import import_fap
from bob_emploi.data.fap2021 import rome_v3_parents
from bob_emploi.data.geo import import_geo
from bob_emploi.data.market import import_market
from bob_emploi.data.rome import import_rome
from bob_emploi.data.rome4 import import_rome4, rome4_release
from bob_emploi.data.schema import CONTENT_TABLES
from bob_emploi.data.statistics import import_statistics
from bob_emploi.data.summary import summarize_tables


@dataclass
class BuildResult:
    path: Path
    checksum: str
    counts: dict[str, int]
    report: list[tuple[str, str, str]] = field(default_factory=list)


def build_bundle(raw_dir: Path, out: Path, *, quiet: bool = False, console: Console | None = None) -> BuildResult:
    """Reads every raw file, checks and links them, and writes the bundle atomically.

    Raises `DataError` (with `file:line: column: problem`) on bad input; then
    nothing is written and any previous bundle at `out` is untouched.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise DataError(f"{raw_dir}: raw-data directory not found")
    context = BuildContext(raw_dir)
    tables: Tables = {}
    # ROME 4.0 when the raw directory has it (rome4/), else ROME v3 release v347 (rome/).
    rome_release = rome4_release(raw_dir)

    def rome() -> None:
        tables.update(import_rome(context) if rome_release is None else import_rome4(context, rome_release))

    def geo() -> None:
        tables.update(import_geo(context))

    def fap() -> None:
        # ROME 4.0 fiches take the FAP of their ROME v3 parent (column 7).
        parents = {str(row[0]): str(row[7]) for row in tables["job_groups"]}
        tables.update(import_fap(context, set(parents), parents))

    def market() -> None:
        tables.update(
            import_market(
                context,
                {str(row[0]) for row in tables["job_groups"]},
                {str(row[0]) for row in tables["departements"]},
            )
        )

    def statistics() -> None:
        tables.update(import_statistics(context, tables))

    checksum = ""
    counts: dict[str, int] = {}

    def write() -> None:
        nonlocal checksum
        tables["sources"] = sorted(context.sources, key=lambda row: str(row[0]))
        tables["build_report"] = sorted(set(context.report))
        counts.update(summarize_tables(tables))
        meta = {
            "built_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "bob_version": __version__,
            "market_available": "1" if counts["market_rows"] else "0",
            "rome_version": rome_release or "347",
            "counts": json.dumps(counts, sort_keys=True),
            "coverage": json.dumps(market_coverage(tables, rome_v3_parents(tables)), sort_keys=True),
        }
        checksum = write_bundle({name: tables.get(name, []) for name in CONTENT_TABLES}, meta, out)

    steps: list[tuple[str, Callable[[], None]]] = [
        ("ROME job groups, titles and genders", rome),
        ("Geography", geo),
        ("FAP crosswalk", fap),
        ("Labour market", market),
        ("Labour-market statistics (BMO, DARES, Mobiville)", statistics),
        ("Writing the bundle", write),
    ]
    console = console or Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=False,
    ) as progress:
        task = progress.add_task("Building the data bundle", total=len(steps))
        for description, step in steps:
            progress.update(task, description=description)
            step()
            progress.advance(task)
        progress.update(task, description="Data bundle built")
    return BuildResult(out, checksum, counts, tables["build_report"])
