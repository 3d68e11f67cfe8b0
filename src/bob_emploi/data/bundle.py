"""The bundle file: one read-only SQLite database, written atomically, with a content checksum.

Written to a temporary file beside the target and renamed only once complete,
so a failed build leaves the previous bundle untouched. The checksum covers
every content table, rows in a fixed order, and not the build date: the same
raw files always give the same checksum.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Mapping
from pathlib import Path

from bob_emploi.data.context import Row
from bob_emploi.data.errors import BundleError
from bob_emploi.data.schema import CONTENT_TABLES, INDEXES, SCHEMA_VERSION, TABLES


def content_checksum(tables: Mapping[str, list[Row]]) -> str:
    digest = hashlib.sha256(f"bob-bundle-v{SCHEMA_VERSION}".encode())
    for name in CONTENT_TABLES:
        digest.update(f"\n#{name}\n".encode())
        digest.update(json.dumps(tables.get(name, []), ensure_ascii=False, separators=(",", ":")).encode())
    return digest.hexdigest()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Deletes what killed builds left beside `out` (`.NAME.PID.tmp` and its SQLite `-journal`),
    but never the files of a build still running; returns the paths removed."""
    removed = []
    for path in out.parent.glob(f".{out.name}.*.tmp*"):
        pid_text = path.name.removeprefix(f".{out.name}.").split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def write_bundle(tables: Mapping[str, list[Row]], meta: Mapping[str, str], out: Path) -> str:
    """Writes the bundle to `out` atomically and returns its checksum."""
    unknown = set(tables) - set(CONTENT_TABLES)
    if unknown:
        raise ValueError(f"no such bundle tables: {', '.join(sorted(unknown))}")
    checksum = content_checksum(tables)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                for ddl, _ in TABLES.values():
                    connection.execute(ddl)
                for name in CONTENT_TABLES:
                    rows = tables.get(name, [])
                    if rows:
                        placeholders = ", ".join("?" * len(rows[0]))
                        connection.executemany(f"INSERT INTO {name} VALUES ({placeholders})", rows)
                for index in INDEXES:
                    connection.execute(index)
                all_meta = {**meta, "schema_version": str(SCHEMA_VERSION), "checksum": checksum}
                connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(all_meta.items()))
            connection.execute("VACUUM")
        finally:
            connection.close()
        temporary.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(temporary, out)
    except BaseException:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return checksum


def open_bundle(path: Path) -> sqlite3.Connection:
    """A read-only connection to a bundle, usable from any thread (callers serialise access)."""
    if not path.is_file():
        raise BundleError(f"{path}: no such bundle (build one with `bob data build`)")
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as error:
        raise BundleError(f"{path}: not a Bob data bundle ({error})") from None
    return connection


def read_meta(path: Path) -> dict[str, str]:
    connection = open_bundle(path)
    try:
        return dict(connection.execute("SELECT key, value FROM meta").fetchall())
    finally:
        connection.close()
