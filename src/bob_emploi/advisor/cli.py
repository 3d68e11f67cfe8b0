"""`bob advise`: the advisor from the command line, for one person or a batch."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import IO, Annotated

import typer

from bob_emploi.advisor.batch import CHUNK_LINES, advise_file, advise_with_dask
from bob_emploi.advisor.engine import advise
from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.advisor.schema import AdvisorOutput
from bob_emploi.advisor.validate import parse_input
from bob_emploi.data.cli import BundleOption
from bob_emploi.data.errors import DataError
from bob_emploi.data.paths import resolve_bundle_path
from bob_emploi.data.referential import Referential


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _today(value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--today: expected YYYY-MM-DD, not {value!r}", 2) from None


def _bundle(option: Path | None) -> Path:
    try:
        return resolve_bundle_path(option)
    except DataError as error:
        raise _fail(str(error)) from None


_TOPICS = {"market": "Marché", "profile": "Profil", "project": "Projet", "search": "Recherche"}


def _text(output: AdvisorOutput) -> str:
    diagnostic = output.diagnostic
    lines = [
        f"Diagnostic : {diagnostic.score}/100",
        f"Priorité : {diagnostic.main_challenge.title}",
        f"  {diagnostic.main_challenge.explanation}",
        "",
    ]
    lines += [f"- {_TOPICS[sub.topic]} ({sub.score}/100) : {sub.text}" for sub in diagnostic.sub_diagnostics]
    lines.append("")
    for rank, advice in enumerate(output.advice, 1):
        lines.append(f"{rank}. {advice.title} [{'★' * advice.score}{'☆' * (3 - advice.score)}] ({advice.id})")
        lines += [f"   Pourquoi : {explanation}" for explanation in advice.explanations]
        lines += [f"   Source : {source.title}, {source.publisher}, {source.date}" for source in advice.sources]
    return "\n".join(lines)


def advise_command(
    file: Annotated[Path | None, typer.Argument(help="JSON file {profile, project} ('-' for stdin).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full JSON output.")] = False,
    today: Annotated[
        str | None, typer.Option("--today", help="Date to advise for (YYYY-MM-DD; default today).")
    ] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="JSON Lines input: one person per line.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="JSON Lines output of --batch ('-' or none: stdout).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes for --batch.")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", help="Dask scheduler address for --batch.")] = None,
    dask_timeout: Annotated[
        float, typer.Option("--dask-timeout", min=0.1, help="Seconds to wait for the Dask scheduler.")
    ] = 20.0,
    chunk_lines: Annotated[
        int, typer.Option("--chunk-lines", min=1, help="Lines per task (per Dask partition) for --batch.")
    ] = CHUNK_LINES,
    bundle: BundleOption = None,
) -> None:
    """Diagnose a job search and rank advice (French), from a JSON file or a JSON Lines batch."""
    day = _today(today)
    path = _bundle(bundle)
    if batch is not None:
        if file is not None:
            raise _fail("give either FILE or --batch, not both", 2)
        _run_batch(batch, out, path, day, workers, dask, chunk_lines, dask_timeout)
        return
    if file is None:
        raise _fail("give a FILE or --batch IN.jsonl", 2)
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text("utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read {file}: {error}") from None
    except json.JSONDecodeError as error:
        raise _fail(f"{file}: not valid JSON: {error}") from None
    referential = Referential.load(path)
    try:
        output = advise(parse_input(data, referential, day), referential, day)
    except InvalidInput as error:
        for item in error.errors:
            typer.echo(f"{item.field}: {item.message}", err=True)
        raise _fail(f"{file}: invalid input ({len(error.errors)} problem(s))") from None
    if as_json:
        typer.echo(json.dumps(output.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(_text(output))


def _run_batch(
    batch: Path,
    out: Path | None,
    bundle: Path,
    day: datetime.date,
    workers: int,
    dask: str | None,
    chunk_lines: int,
    dask_timeout: float = 20.0,
) -> None:
    # Binary in and out: lines travel as UTF-8 bytes; undecodable bytes fail their own line only.
    try:
        source: IO[bytes] = sys.stdin.buffer if str(batch) == "-" else batch.open("rb")
    except OSError as error:
        raise _fail(f"cannot read {batch}: {error}") from None
    to_stdout = out is None or str(out) == "-"
    try:
        target: IO[bytes] = sys.stdout.buffer if to_stdout or out is None else out.open("wb")
    except OSError as error:
        raise _fail(f"cannot write {out}: {error}") from None
    try:
        if dask:
            count = advise_with_dask(source, target, bundle, day, dask, chunk_lines, connect_timeout=f"{dask_timeout}s")
        else:
            count = advise_file(source, target, bundle, day, workers, chunk_lines)
    except (OSError, TimeoutError) as error:
        raise _fail(f"Dask scheduler {dask}: {error}" if dask else str(error)) from None
    finally:
        if str(batch) != "-":
            source.close()
        if to_stdout:
            target.flush()
        else:
            target.close()
    if not to_stdout:
        typer.echo(f"{count} line(s) advised into {out}", err=True)
