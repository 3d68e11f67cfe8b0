"""The `bob` command: a thin shell over the library, so all it does is scriptable too."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bob_emploi.advisor.cli import advise_command
from bob_emploi.data.cli import app as data_app
from bob_emploi.francetravail.cli import app as ft_app
from bob_emploi.francetravail.market_download import fetch_market
from bob_emploi.jobsuggest.cli import cities_app, jobs_app

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


def main() -> None:
    app()
