"""`bob advise`: the advisor from the command line, for one person or a batch."""

from __future__ import annotations

import datetime
import json
import os
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
        f"Diagnostic : {diagnostic.score}/100" + (f" ({diagnostic.score_note})" if diagnostic.score_note else ""),
        f"Priorité : {diagnostic.main_challenge.title}",
        f"  {diagnostic.main_challenge.explanation}",
        "",
    ]
    lines += [
        f"- {_TOPICS[sub.topic]} ({f'{sub.score}/100' if sub.score is not None else 'non évalué'}) : {sub.text}"
        for sub in diagnostic.sub_diagnostics
    ]
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
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the interrupted --batch run into --out, after its last complete line."),
    ] = False,
    bundle: BundleOption = None,
) -> None:
    """Diagnose a job search and rank advice (French), from a JSON file or a JSON Lines batch."""
    day = _today(today)
    path = _bundle(bundle)
    if batch is not None:
        if file is not None:
            raise _fail("give either FILE or --batch, not both", 2)
        _run_batch(batch, out, path, day, workers, dask, chunk_lines, dask_timeout, resume)
        return
    if file is None:
        raise _fail("give a FILE or --batch IN.jsonl", 2)
    if resume:
        raise _fail("--resume goes with --batch and --out", 2)
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except OSError as error:
        raise _fail(f"cannot read {file}: {error}") from None
    except UnicodeDecodeError as error:
        raise _fail(
            f"{file}: not UTF-8 text (encoding): invalid byte 0x{raw[error.start]:02x} at {error.start}"
        ) from None
    except json.JSONDecodeError as error:
        raise _fail(f"{file}: not valid JSON: {error}") from None
    except RecursionError:
        raise _fail(f"{file}: not valid JSON: nested too deep") from None
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
    resume: bool = False,
) -> None:
    """Advises a batch into `out` through `OUT.partial`, renamed to `out` once every line is written.

    An interrupted run leaves the previous `out` untouched and its own lines in the partial
    file: `--resume` continues it after its last complete line.
    """
    to_stdout = out is None or str(out) == "-"
    if resume and to_stdout:
        raise _fail("--resume needs --out FILE", 2)
    # Binary in and out: lines travel as UTF-8 bytes; undecodable bytes fail their own line only.
    try:
        source: IO[bytes] = sys.stdin.buffer if str(batch) == "-" else batch.open("rb")
    except OSError as error:
        raise _fail(f"cannot read {batch}: {error}") from None
    # A device or a pipe (/dev/null, a FIFO) is written to as it is: there is nothing to rename.
    special = out is not None and not to_stdout and out.exists() and not out.is_file()
    partial = None if to_stdout or special or out is None else out.with_name(out.name + ".partial")
    kept = 0
    try:
        if partial is None:
            target: IO[bytes] = sys.stdout.buffer if to_stdout or out is None else out.open("wb")
        elif resume and partial.exists():
            kept = complete_lines(partial)
            target = partial.open("ab")
            for _ in range(kept):  # the lines already advised
                if not source.readline():
                    break
        else:
            target = partial.open("wb")
    except OSError as error:
        if str(batch) != "-":
            source.close()
        raise _fail(f"cannot write {partial or out}: {error}") from None
    try:
        if dask:
            count = advise_with_dask(source, target, bundle, day, dask, chunk_lines, connect_timeout=f"{dask_timeout}s")
        else:
            count = advise_file(source, target, bundle, day, workers, chunk_lines)
        target.flush()
        if partial is not None:
            os.fsync(target.fileno())
    except (OSError, TimeoutError) as error:
        _keep_partial(target, partial)
        raise _fail(f"Dask scheduler {dask}: {error}" if dask else str(error)) from None
    except BaseException:  # Ctrl-C, a killed worker: what is written stays for --resume
        _keep_partial(target, partial)
        raise
    finally:
        if str(batch) != "-":
            source.close()
    if to_stdout or out is None:
        return
    target.close()
    if partial is not None:
        os.replace(partial, out)
    resumed = f" ({kept} kept from the interrupted run)" if kept else ""
    typer.echo(f"{count} line(s) advised into {out}{resumed}", err=True)


def _keep_partial(target: IO[bytes], partial: Path | None) -> None:
    if partial is None:
        return
    target.close()
    if partial.stat().st_size == 0:  # nothing to resume from
        partial.unlink()
        return
    typer.echo(f"stopped: the lines written so far are in {partial}; rerun with --resume to continue", err=True)


def complete_lines(path: Path) -> int:
    """The number of complete lines in a partial output; an unfinished last line is cut off."""
    count, end = 0, 0
    with path.open("rb") as file:
        position = 0
        while chunk := file.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk.rfind(b"\n")
            if last >= 0:
                end = position + last + 1
            position += len(chunk)
    if end != path.stat().st_size:
        os.truncate(path, end)
    return count
