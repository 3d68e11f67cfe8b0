"""The `bob` command: a thin shell over the library, so all it does is scriptable too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bob_emploi.advisor.cli import advise_command
from bob_emploi.advisor.content_cli import app as content_app
from bob_emploi.data.cli import app as data_app
from bob_emploi.data.cli import fail
from bob_emploi.data.diff import diff_bundles
from bob_emploi.data.errors import DataError
from bob_emploi.francetravail.cli import app as ft_app
from bob_emploi.francetravail.market_download import fetch_market
from bob_emploi.jobsuggest.cli import cities_app, jobs_app
from bob_emploi.web.coaching.cli import app as coaching_app  # Django is loaded only when a command runs

app = typer.Typer(
    name="bob",
    help="Bob, a data-driven job-search coach for France.",
    no_args_is_help=True,
    add_completion=False,
)
data_app.command("fetch-market")(fetch_market)
app.add_typer(data_app, name="data")
app.add_typer(jobs_app, name="jobs")
app.add_typer(cities_app, name="cities")
app.add_typer(ft_app, name="ft")
app.command("advise")(advise_command)
app.add_typer(content_app, name="content")
app.add_typer(coaching_app, name="coaching")


@app.command("serve")
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    bundle: Annotated[
        Path | None,
        typer.Option(
            "--bundle", help="Data bundle to read (default: $BOB_BUNDLE, else where `bob data build` writes)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
) -> None:
    """Migrate the database if needed and start the web app (database from $DATABASE_URL)."""
    from bob_emploi.web.cli import serve as serve_web  # Django is loaded only for this command

    raise typer.Exit(serve_web(port, host, bundle, workers))


@data_app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="The bundle in use.")],
    new: Annotated[Path, typer.Argument(help="The bundle to compare it with.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts, with every change.")] = False,
    projects: Annotated[
        bool,
        typer.Option(
            "--projects", help="Also list the saved projects affected (database from $DATABASE_URL, else var/)."
        ),
    ] = False,
) -> None:
    """Job groups and titles added, removed, renamed or moved between two bundles, and whom it concerns."""
    try:
        changes = diff_bundles(old, new)
    except DataError as error:
        raise fail(error) from None
    report: dict[str, Any] = changes.to_json()
    if projects:
        from bob_emploi.web.cli import affected_projects  # Django is loaded only for this option

        report["affected_projects"] = affected_projects(changes.affecting_titles())
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(
        f"ROME v{report['old']['rome_version']} ({old}) → v{report['new']['rome_version']} ({new})", highlight=False
    )
    table = Table("change", "count", "examples")
    for name, count in report["counts"].items():
        examples = ", ".join(str(change.get("code_rome") or change.get("code_ogr")) for change in report[name][:5])
        table.add_row(name.replace("_", " "), str(count), examples + (" …" if count > 5 else ""))
    console.print(table)
    if projects:
        affected = report["affected_projects"]
        console.print(f"{len(affected)} saved projects affected", highlight=False)
        for project in affected[:20]:
            console.print(f"  project {project['id']}: title {project['job']} {project['reason']}", highlight=False)


def main() -> None:
    app()
