"""Running the advisor over many people: one JSON object per line in, one result per line out.

A bad line (not UTF-8, not JSON, nested too deep, invalid input) gives `{"error": {...}}`
on its output line, never a crash, so line N of the output always answers line N of the input.
Three runners share `advise_blob`: in-process, a local process pool (each
worker loads the bundle once), and a Dask cluster (see `advise_with_dask`).
"""

from __future__ import annotations

import datetime
import gc
import json
import multiprocessing
import multiprocessing.context
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from bob_emploi.advisor.engine import advise
from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.advisor.validate import parse_input
from bob_emploi.data.referential import Referential

CHUNK_LINES = 500

# One referential per bundle path per process: a worker loads its bundle once.
_REFERENTIALS: dict[str, Referential] = {}


def referential_for(bundle: str | Path) -> Referential:
    key = str(Path(bundle).resolve())
    referential = _REFERENTIALS.get(key)
    if referential is None:
        referential = _REFERENTIALS[key] = Referential.load(key)
    return referential


def error_payload(error: Exception) -> dict[str, Any]:
    """The `{"error": …}` object written for a line that cannot be advised."""
    if isinstance(error, InvalidInput):
        return {
            "error": {
                "message": "Entrée invalide.",
                "fields": [{"field": item.field, "message": item.message} for item in error.errors],
            }
        }
    if isinstance(error, json.JSONDecodeError):
        return {"error": {"message": f"JSON invalide : {error.msg} (colonne {error.colno})."}}
    if isinstance(error, UnicodeDecodeError):
        return {
            "error": {
                "message": f"Encodage invalide : cette ligne n'est pas du texte UTF-8 "
                f"(octet 0x{error.object[error.start]:02x} en position {error.start + 1})."
            }
        }
    if isinstance(error, RecursionError):
        return {"error": {"message": "JSON invalide : trop de niveaux d'imbrication."}}
    return {"error": {"message": f"Erreur inattendue : {type(error).__name__}."}}


def advise_line(line: str, referential: Referential, today: datetime.date) -> str:
    """The output line (JSON, no newline) for one input line."""
    try:
        request = parse_input(json.loads(line), referential, today)
        return advise(request, referential, today).model_dump_json()
    except Exception as error:  # one bad line must not stop a run over millions
        return json.dumps(error_payload(error), ensure_ascii=False)


def advise_bytes(line: bytes, referential: Referential, today: datetime.date) -> str:
    """The output line for one input line as read: a line that is not UTF-8 fails on its own, saying so."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return json.dumps(error_payload(error), ensure_ascii=False)
    return advise_line(text, referential, today)


def advise_blob(blob: bytes, bundle: str, today: str) -> tuple[bytes, int]:
    """A partition of the input (UTF-8 lines joined by newlines) → its output bytes and line count.

    One bytes object each way is what crosses process boundaries (pool or Dask): pickling
    hundreds of strings would cost the parent process more CPU than the advice itself.
    """
    referential, day = referential_for(bundle), datetime.date.fromisoformat(today)
    results = [advise_bytes(line, referential, day) for line in blob.split(b"\n")]
    return ("\n".join(results) + "\n").encode("utf-8"), len(results)


def blobs(source: IO[bytes], size: int = CHUNK_LINES) -> Iterator[bytes]:
    """The input's lines (line ends stripped) in partitions of `size` lines, joined by newlines."""
    chunk: list[bytes] = []
    for line in source:
        chunk.append(line.rstrip(b"\r\n"))
        if len(chunk) >= size:
            yield b"\n".join(chunk)
            chunk = []
    if chunk:
        yield b"\n".join(chunk)


def _write(out: IO[bytes], results: Iterable[tuple[bytes, int]]) -> int:
    count = 0
    for data, lines in results:
        out.write(data)
        count += lines
    return count


def _init_worker(bundle: str) -> None:
    referential_for(bundle)
    # The referential lives as long as the worker: moved out of the cyclic collector's sight, it is not
    # scanned again at every full collection (about 2 % of a batch's time).
    gc.freeze()


def _advise_blob_args(arguments: tuple[bytes, str, str]) -> tuple[bytes, int]:
    return advise_blob(*arguments)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork when this process has a single thread (the CLI): workers start at once, the advisor already
    imported; else forkserver, as forking a multi-threaded process (a web server, a notebook) can deadlock."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["bob_emploi.advisor.batch"])
        return context
    return multiprocessing.get_context("spawn")


def advise_file(
    source: IO[bytes],
    out: IO[bytes],
    bundle: Path,
    today: datetime.date,
    workers: int = 1,
    chunk_lines: int = CHUNK_LINES,
) -> int:
    """Advises every line of `source` into `out` (both binary, UTF-8), in order; returns the line count."""
    bundle_key, day = str(Path(bundle).resolve()), today.isoformat()
    if workers <= 1:
        return _write(out, (advise_blob(blob, bundle_key, day) for blob in blobs(source, chunk_lines)))
    with _pool_context().Pool(workers, initializer=_init_worker, initargs=(bundle_key,)) as pool:
        jobs = ((blob, bundle_key, day) for blob in blobs(source, chunk_lines))
        return _write(out, pool.imap(_advise_blob_args, jobs))


def advise_with_dask(
    source: IO[bytes],
    out: IO[bytes],
    bundle: Path,
    today: datetime.date,
    scheduler: str,
    chunk_lines: int = CHUNK_LINES,
    in_flight_per_worker: int = 4,
    connect_timeout: str = "20s",
) -> int:
    """Maps `advise_blob` over partitions of the input on a Dask cluster, writing results in order.

    The bundle path must be readable by every worker (same path on a shared disk); each worker
    process loads it once. At most `in_flight_per_worker` partitions per worker are pending, so
    memory stays flat for a national run (millions of lines).
    """
    from distributed import Client

    bundle_key, day = str(Path(bundle).resolve()), today.isoformat()
    count = 0
    with Client(scheduler, timeout=connect_timeout) as client:  # type: ignore[no-untyped-call]
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[Any] = deque()
        for blob in blobs(source, chunk_lines):
            pending.append(client.submit(advise_blob, blob, bundle_key, day, pure=False))
            while len(pending) >= workers * in_flight_per_worker:
                count += _write(out, [pending.popleft().result()])
        while pending:
            count += _write(out, [pending.popleft().result()])
    return count
