"""`bob serve` for real: migrates a fresh SQLite database, then gunicorn answers on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

BOB = Path(sys.executable).parent / "bob"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"bob serve stopped: {process.stdout.read() if process.stdout else ''!r}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("bob serve did not answer in time")


def test_bob_serve_migrates_then_serves(small_bundle: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOB_ENV", "DJANGO_SETTINGS_MODULE"}}
    env["BOB_VAR_DIR"] = str(tmp_path)
    process = subprocess.Popen(
        [str(BOB), "serve", "--port", str(port), "--bundle", str(small_bundle), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        answer = _wait(f"{base}/api/v1/jobs/suggest?q=vendeuse", process)
        assert answer.status_code == 200
        assert answer.json()[0]["code_ogr"] == "20556"
        static = httpx.get(f"{base}/static/ninja/swagger-ui.css", timeout=5)
        assert static.status_code == 200
        assert "text/css" in static.headers["content-type"]
        with sqlite3.connect(tmp_path / "bob.sqlite3") as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"accounts_user", "projects_project", "axes_accessattempt", "django_session"} <= tables
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert "gunicorn" in output.lower() or "Booting worker" in output


def test_bob_serve_in_production(small_bundle: Path, tmp_path: Path) -> None:
    """Production settings: static files collected and served by WhiteNoise, HTTPS enforced, HSTS."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env |= {
        "BOB_ENV": "production",
        "SECRET_KEY": "serve-test-" + "s" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "BOB_VAR_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [str(BOB), "serve", "--port", str(port), "--bundle", str(small_bundle)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https"}  # what the load balancer adds
    try:
        plain = _wait(f"{base}/api/v1/health", process, timeout=120)
        assert plain.status_code == 301
        assert plain.headers["location"] == f"https://127.0.0.1:{port}/api/v1/health"
        health = httpx.get(f"{base}/api/v1/health", headers=https, timeout=5)
        assert health.status_code == 200
        assert health.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["ninja/swagger-ui.css"]
        static = httpx.get(f"{base}/static/{hashed}", headers=https | {"Accept-Encoding": "gzip"}, timeout=5)
        assert static.status_code == 200
        assert "immutable" in static.headers["cache-control"]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)


def test_bob_serve_without_bundle_says_how_to_build_one(tmp_path: Path) -> None:
    env = {**os.environ, "BOB_VAR_DIR": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    env.pop("BOB_BUNDLE", None)
    result = subprocess.run(
        [str(BOB), "serve", "--bundle", str(tmp_path / "missing.sqlite")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "bob data build" in result.stderr


@pytest.mark.parametrize("command", [["data", "--help"], ["jobs", "--help"]])
def test_other_commands_never_load_django(command: list[str]) -> None:
    code = (
        "import sys; from bob_emploi.cli import app\n"
        "try:\n    app(" + repr(command) + ")\nexcept SystemExit:\n    pass\n"
        "print('django' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr
