"""What several benchmarks measure against: the full data bundle, Django in process, gunicorn and wrk on loopback.

Shared so that the benchmarks find the same bundle and drive servers the same way,
and a fix to one (a server that never starts, a wrk script error) serves them all.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def raw_dir() -> Path:
    """$BOB_RAW_DATA, else the shared raw data: exits with a message rather than build a bundle from nothing."""
    path = Path(os.environ.get("BOB_RAW_DATA") or ROOT.parent / "shared" / "data")
    if not (path / "rome").is_dir():
        raise SystemExit(f"no raw data at {path}: set BOB_RAW_DATA")
    return path


def find_bundle(tmp: Path) -> Path:
    """$BOB_BUNDLE, else the development bundle, else a full bundle built in `tmp` from the raw data."""
    for candidate in (os.environ.get("BOB_BUNDLE"), str(ROOT / "var" / "bundle.sqlite")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    from bob_emploi.data import build_bundle

    out = tmp / "bundle.sqlite"
    build_bundle(raw_dir(), out, quiet=True)
    return out


def setup_django(tmp: Path) -> Path:
    """Django set up in this process on the full bundle and a fresh SQLite database in `tmp` (migrated), its
    log quiet; the bundle's path. Sets BOB_BUNDLE, DATABASE_URL and LOG_LEVEL: a caller that runs other
    benchmarks after it restores them."""
    bundle = find_bundle(tmp)
    os.environ["BOB_BUNDLE"] = str(bundle)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bob_emploi.web.settings")
    os.environ["LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return bundle


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(
    app: str, workers: int, env: dict[str, str], ready_path: str, log: Path, preload: bool = False
) -> Iterator[int]:
    """gunicorn serving `app` on a free loopback port (yielded) once `ready_path` answers 200; stopped on exit,
    even when the benchmark fails, so that no server outlives its run."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", *(["--preload"] if preload else [])]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        _wait_ready(f"http://127.0.0.1:{port}{ready_path}", process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped before serving:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def lua_strings(texts: list[str]) -> str:
    """The texts as the items of a Lua table, for wrk scripts."""
    return ",\n".join('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' for text in texts)


def wrk(base: str, script: Path, seconds: int, connections: int) -> str:
    """wrk's report (1 thread, latency percentiles) of a load driven by a Lua script. Raises on a script
    error, which makes wrk fall back to GET / and report figures of the wrong page."""
    path = shutil.which("wrk")
    assert path is not None
    result = subprocess.run(
        [path, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    if result.stderr.strip():
        raise RuntimeError(f"wrk: {result.stderr.strip()[:500]}")
    return result.stdout
