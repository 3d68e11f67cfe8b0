"""`bob jobs …` and `bob cities …`: JobSuggest from the command line, and its dev server."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from bob_emploi.data.cli import BundleOption
from bob_emploi.data.errors import DataError
from bob_emploi.data.paths import resolve_bundle_path
from bob_emploi.data.referential import Referential
from bob_emploi.jobsuggest.index import GENDERS
from bob_emploi.jobsuggest.service import MAX_LIMIT

jobs_app = typer.Typer(help="JobSuggest: find job titles as people type them.", no_args_is_help=True)
cities_app = typer.Typer(help="JobSuggest for French communes.", no_args_is_help=True)

LimitOption = Annotated[int, typer.Option("--limit", "-n", help=f"How many suggestions (1 to {MAX_LIMIT}).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of lines.")]
BatchOption = Annotated[
    Path | None,
    typer.Option("--batch", help="File with one query per line ('-' for stdin): prints one JSON array per line."),
]
QueryArgument = Annotated[str | None, typer.Argument(help="What has been typed so far.")]

JOB_FIELDS = ("code_ogr", "code_rome", "title", "job_group", "score")
CITY_FIELDS = ("code", "name", "postcodes", "departement", "population")


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _load(bundle: Path | None) -> Referential:
    try:
        return Referential.load(resolve_bundle_path(bundle))
    except DataError as error:
        raise _fail(str(error)) from None


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise _fail(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}", 2)


def _queries(batch: Path) -> list[str]:
    try:
        text = sys.stdin.read() if str(batch) == "-" else batch.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read {batch}: {error}") from None
    return text.splitlines()


def _run(
    query: str | None,
    batch: Path | None,
    as_json: bool,
    suggest: Callable[[str], Sequence[Any]],
    fields: tuple[str, ...],
    line: Callable[[Any], str],
) -> None:
    def payload(results: Sequence[Any]) -> list[dict[str, Any]]:
        rows = (result.to_json() for result in results)
        return [{key: row[key] for key in fields} for row in rows]

    if batch is not None:
        for item in _queries(batch):
            typer.echo(json.dumps(payload(suggest(item)), ensure_ascii=False))
        return
    if query is None:
        raise _fail("give a QUERY or --batch FILE", 2)
    results = suggest(query)
    if as_json:
        typer.echo(json.dumps(payload(results), ensure_ascii=False, indent=2))
        return
    if not results:
        typer.echo("Aucune suggestion.", err=True)
    for result in results:
        typer.echo(line(result))


@jobs_app.command("suggest")
def jobs_suggest(
    query: QueryArgument = None,
    limit: LimitOption = 10,
    gender: Annotated[
        str | None, typer.Option("--gender", help="Titles in this gender: masculine or feminine (default: both).")
    ] = None,
    as_json: JsonOption = False,
    batch: BatchOption = None,
    bundle: BundleOption = None,
) -> None:
    """Suggest job titles for a query: typos, accents, word order, acronyms all welcome."""
    from bob_emploi.jobsuggest.index import JobIndex

    _check_limit(limit)
    if gender is not None and gender not in GENDERS:
        raise _fail(f"--gender must be masculine or feminine, not {gender!r}", 2)
    index = JobIndex.from_referential(_load(bundle))
    _run(
        query,
        batch,
        as_json,
        lambda q: index.suggest(q, limit, gender),  # type: ignore[arg-type]
        JOB_FIELDS,
        lambda r: f"{r.code_ogr}\t{r.code_rome}\t{r.title}\t({r.job_group})",
    )


@jobs_app.command("groups")
def jobs_groups(
    query: QueryArgument = None,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
    batch: BatchOption = None,
    bundle: BundleOption = None,
    mode: Annotated[
        str,
        typer.Option(
            "--mode",
            help="suggest (autocomplete) or describe (a few words describing a job: scored groups and an unsure flag).",
        ),
    ] = "suggest",
) -> None:
    """Suggest job groups (fiches ROME) for a query, or for a description with --mode describe."""
    from bob_emploi.jobsuggest.index import JobIndex

    _check_limit(limit)
    if mode not in ("suggest", "describe"):
        raise _fail(f"--mode must be suggest or describe, not {mode!r}", 2)
    index = JobIndex.from_referential(_load(bundle))
    if mode == "describe":
        _describe(index, query, batch, as_json, limit)
        return
    _run(
        query,
        batch,
        as_json,
        lambda q: index.suggest_job_groups(q, limit),
        ("code_rome", "name", "score"),
        lambda r: f"{r.code_rome}\t{r.name}",
    )


def _describe(index: Any, query: str | None, batch: Path | None, as_json: bool, limit: int) -> None:
    """describe mode: one JSON object per query (batch, --json), or lines and the unsure warning."""
    if batch is not None:
        for item in _queries(batch):
            typer.echo(json.dumps(index.describe(item, limit).to_json(), ensure_ascii=False))
        return
    if query is None:
        raise _fail("give a QUERY or --batch FILE", 2)
    answer = index.describe(query, limit)
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    for item in answer.items:
        typer.echo(f"{item.code_rome}\t{item.name}\t{item.score:.2f}")
    if answer.unsure:
        typer.echo(f"Incertain (confiance {answer.confidence:.2f}). {answer.message}", err=True)


@jobs_app.command("serve")
def jobs_serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    bundle: BundleOption = None,
) -> None:
    """Serve the JobSuggest API, widget and demo page (development server; use gunicorn in production)."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from bob_emploi.jobsuggest.wsgi import create_app

    app = create_app(_load(bundle))

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    try:
        server = make_server(host, port, app, handler_class=QuietHandler)
    except OSError as error:
        raise _fail(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    typer.echo(f"JobSuggest on http://{host}:{server.server_port}/ (demo) — Ctrl+C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cities_app.command("suggest")
def cities_suggest(
    query: QueryArgument = None,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
    batch: BatchOption = None,
    bundle: BundleOption = None,
) -> None:
    """Suggest communes for a query: name, postcode or INSEE code."""
    from bob_emploi.jobsuggest.cities import CityIndex

    _check_limit(limit)
    index = CityIndex.from_referential(_load(bundle))
    _run(
        query,
        batch,
        as_json,
        lambda q: index.suggest(q, limit),
        CITY_FIELDS,
        lambda r: (
            f"{r.code}\t{r.name}\t{' '.join(r.postcodes)}\t({r.departement}, {r.population} hab.)"
            + (f"\t{r.note}" if r.note else "")
        ),
    )
