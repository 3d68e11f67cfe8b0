"""The `bob` command: a thin shell over the library, so all it does is scriptable too."""

from __future__ import annotations

import typer

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


def main() -> None:
    app()
