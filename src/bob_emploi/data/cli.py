"""`bob data …`: build, fetch and inspect data bundles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bob_emploi.data.build import build_bundle
from bob_emploi.data.errors import DataError
from bob_emploi.data.fetch import fetch_raw_data
from bob_emploi.data.figures import Figure
from bob_emploi.data.info import bundle_info
from bob_emploi.data.paths import default_bundle_path, output_bundle_path, resolve_bundle_path, resolve_raw_dir
from bob_emploi.data.sources import FETCHABLE, FETCHABLE_STATISTICS

app = typer.Typer(help="Build, fetch and inspect the data bundle.", no_args_is_help=True)
console = Console()
errors = Console(stderr=True)

BundleOption = Annotated[
    Path | None,
    typer.Option("--bundle", help="Data bundle to read (default: $BOB_BUNDLE, else where `bob data build` writes)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars, only errors.")]


def fail(error: Exception, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {error}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


@app.command()
def build(
    raw: Annotated[Path | None, typer.Option(help="Raw-data directory (default: $BOB_RAW_DATA).")] = None,
    out: Annotated[
        Path | None, typer.Option(help=f"Bundle to write (default: $BOB_BUNDLE, else {default_bundle_path()}).")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Import the raw open data into one read-only data bundle."""
    try:
        result = build_bundle(resolve_raw_dir(raw), output_bundle_path(out), quiet=quiet)
    except DataError as error:
        raise fail(error) from None
    if not quiet:
        counts = result.counts
        console.print(
            f"Bundle written to [bold]{result.path}[/bold]: {counts['job_groups']} job groups, "
            f"{counts['job_titles']} titles, {counts['communes']} communes, {counts['mobility_links']} mobility "
            f"links, {counts['market_rows']} market rows; checksum {result.checksum[:12]}…",
            highlight=False,
        )
        if result.report:
            console.print(
                f"{len(result.report)} notes in the build report (repairs, unparsed labels): "
                f"`bob data info --report {result.path}`",
                highlight=False,
            )


@app.command()
def fetch(
    to: Annotated[Path, typer.Option(help="Directory to download the raw files into.")] = Path("var/raw"),
    quiet: QuietOption = False,
) -> None:
    """Download the raw open-data files from their official sources (needs internet)."""
    with Progress(console=errors, disable=quiet) as progress:
        files = (*FETCHABLE, *FETCHABLE_STATISTICS)
        task = progress.add_task("Downloading raw data", total=len(files))
        try:
            fetch_raw_data(to, files=files, on_file=lambda source: progress.advance(task))
        except DataError as error:
            raise fail(error) from None
    if not quiet:
        console.print(f"Raw data downloaded into {to}: build with `bob data build --raw {to}`", highlight=False)


@app.command()
def info(
    bundle_file: Annotated[Path | None, typer.Argument(metavar="[FILE]", help="Bundle (default: as --bundle).")] = None,
    bundle: BundleOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    report: Annotated[bool, typer.Option("--report", help="Also list the build report.")] = False,
) -> None:
    """Print what a bundle holds: counts, checksum, sources."""
    try:
        details = bundle_info(resolve_bundle_path(bundle_file or bundle))
    except DataError as error:
        raise fail(error) from None
    if not report and not as_json:
        details.pop("build_report")
    if as_json:
        print(json.dumps(details, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Data bundle {details['path']}", show_header=False)
    for key, value in details.items():
        if key not in {"sources", "build_report"}:
            table.add_row(key, str(value))
    console.print(table)
    sources = Table("file", "publisher", "licence", "version", "rows", title="Sources")
    for source in details["sources"]:
        sources.add_row(source["file"], source["publisher"], source["licence"], source["version"], str(source["rows"]))
    console.print(sources)
    for note in details.get("build_report", []):
        console.print(f"[{note['step']}] {note['subject']}: {note['message']}", highlight=False, markup=False)


def _value(figure: Figure) -> str:
    if figure.value is None:
        return "—"
    number = f"{figure.value:,.1f}".replace(",", "\u202f").replace(".", ",").removesuffix(",0")
    return f"{number} %" if figure.unit == "%" else number


@app.command()
def market(
    code_rome: Annotated[str, typer.Argument(metavar="CODE_ROME", help="Job group, e.g. G1803.")],
    departement: Annotated[
        str | None, typer.Option("--departement", help="Département code (73, 2A, 971); default: France.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    bundle: BundleOption = None,
) -> None:
    """Print every published labour-market figure for a job group, each with its provenance."""
    from bob_emploi.data.referential import Referential

    try:
        referential = Referential.load(resolve_bundle_path(bundle))
    except DataError as error:
        raise fail(error) from None
    try:
        figures = referential.market_figures(code_rome.strip().upper(), departement)
    except KeyError as error:
        raise fail(DataError(error.args[0]), code=2) from None
    finally:
        referential.close()
    if as_json:
        payload = {"code_rome": code_rome, "departement": departement, "figures": [f.to_json() for f in figures]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not figures:
        console.print("No published figure in this bundle for this job group (built without statistics?).")
        return
    table = Table(title=f"Labour-market figures for {code_rome}" + (f" in {departement}" if departement else ""))
    for column in ("value", "what", "whose figure", "where", "source", "note"):
        table.add_column(column, overflow="fold")
    for figure in figures:
        note = figure.note or (f"{figure.withheld} figures withheld" if figure.withheld else "")
        unit = "" if figure.unit == "%" else f" {figure.unit}"
        table.add_row(
            _value(figure) + unit,
            figure.label,
            f"{figure.subject} ({figure.subject_code})",
            figure.territory.name,
            ", ".join(
                part
                for part in (figure.dataset, figure.period or str(figure.year), figure.publisher)
                if part not in figure.dataset or part == figure.dataset  # "BMO 2025", not "BMO 2025, 2025"
            ),
            note,
        )
    console.print(table)
