"""`bob serve`'s gunicorn as clients meet it: slow clients, over-long URLs, throttling across
workers behind a proxy, and two servers on one machine."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.web.test_serve import BOB, _free_port, _wait


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int, home: Path) -> None:
        self.process = process
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.home = home


def _start(small_bundle: Path, directory: Path, **env: str) -> Server:
    directory.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOB_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    environment.pop("XDG_RUNTIME_DIR", None)
    environment |= {"BOB_VAR_DIR": str(directory), "HOME": str(directory), **env}
    process = subprocess.Popen(
        [str(BOB), "serve", "--port", str(port), "--bundle", str(small_bundle), "--workers", "2"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, port, directory)
    _wait(f"{server.base}/api/v1/health", process, timeout=120)
    return server


def _stop(server: Server) -> str:
    os.killpg(server.process.pid, signal.SIGTERM)
    return server.process.communicate(timeout=30)[0].decode()


@pytest.fixture
def server(small_bundle: Path, tmp_path: Path) -> Iterator[Server]:
    """Two workers behind a "load balancer" on loopback: 127.0.0.1 is the trusted proxy."""
    running = _start(small_bundle, tmp_path, BOB_TRUSTED_PROXIES="127.0.0.1")
    try:
        yield running
    finally:
        _stop(running)


def _trickle(port: int, stop: threading.Event) -> None:
    """A slow client: sends its request headers one byte every half second, never finishing."""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        for byte in b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 1000:
            if stop.wait(0.5):
                return
            connection.send(bytes([byte]))


def test_slow_clients_do_not_hold_the_workers(server: Server) -> None:
    """Two clients sending their headers byte by byte once held both sync workers for 30 s."""
    stop = threading.Event()
    slow = [threading.Thread(target=_trickle, args=(server.port, stop), daemon=True) for _ in range(3)]
    for thread in slow:
        thread.start()
    try:
        time.sleep(1.5)  # every slow client has started sending
        started = time.monotonic()
        for _ in range(4):
            assert httpx.get(f"{server.base}/api/v1/health", timeout=5).status_code == 200
        assert time.monotonic() - started < 4
    finally:
        stop.set()
        for thread in slow:
            thread.join(timeout=5)


@pytest.mark.parametrize("length", [5_000, 8_000])
def test_an_over_long_api_url_is_a_json_414(server: Server, length: int) -> None:
    """gunicorn answered URLs over 4 KB with its own HTML page; now Django answers, in JSON."""
    url = f"{server.base}/api/v1/jobs/suggest?q=" + "a" * length
    response = httpx.get(url, timeout=10)
    assert response.status_code == 414
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == "uri_too_long"
    page = httpx.get(f"{server.base}/metiers/D1214?x=" + "a" * length, timeout=10)
    assert page.status_code == 414
    assert "L'adresse demandée est trop longue" in page.text.replace("&#x27;", "'")


def _away_from_a_window_end(period: int = 900, margin: float = 20) -> None:
    """The limits count in fixed windows (every 15 minutes): a test must not straddle two."""
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.5)


def test_login_throttling_holds_across_workers_behind_a_proxy(server: Server) -> None:
    """Each request on a new connection (any of the two workers); the proxy forwards the client."""
    _away_from_a_window_end()

    def token(client_ip: str, email: str, password: str = "pas le bon mot de passe") -> httpx.Response:
        return httpx.post(
            f"{server.base}/api/v1/auth/token",
            json={"email": email, "password": password},
            headers={"X-Forwarded-For": client_ip},
            timeout=10,
        )

    # django-axes: 5 failures for one address from one client, then 429 for that client only.
    assert [token("198.51.100.1", "claire@example.org").status_code for _ in range(5)] == [401] * 4 + [429]
    locked = token("198.51.100.1", "claire@example.org")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) == 1800
    assert int(locked.headers["content-length"]) == len(locked.content)
    assert token("198.51.100.2", "claire@example.org").status_code == 401, "another client behind the proxy"
    # Password spraying from one client: slowed after 20 failures, whatever the addresses.
    answers = [token("198.51.100.3", f"personne{index}@example.org").status_code for index in range(22)]
    assert answers == [401] * 20 + [429] * 2
    refused = token("198.51.100.3", "encore@example.org")
    assert "depuis votre adresse IP" in refused.json()["error"]["message"]
    assert 0 < int(refused.headers["retry-after"]) <= 900
    assert token("198.51.100.4", "encore@example.org").status_code == 401


def test_concurrent_failures_are_counted_exactly(server: Server) -> None:
    """28 failed logins at once from one client, over 8 threads of 2 workers: 20 checked, 8 refused, no 5xx."""
    _away_from_a_window_end()

    def token(index: int) -> int:
        return httpx.post(
            f"{server.base}/api/v1/auth/token",
            json={"email": f"personne{index}@example.org", "password": "pas le bon mot de passe"},
            headers={"X-Forwarded-For": "198.51.100.9"},
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(token, range(28)))
    assert sorted(statuses) == [401] * 20 + [429] * 8, statuses


def test_the_forwarded_address_of_an_untrusted_peer_is_ignored(small_bundle: Path, tmp_path: Path) -> None:
    """Without BOB_TRUSTED_PROXIES, a client that invents X-Forwarded-For is still counted as itself."""
    server = _start(small_bundle, tmp_path)
    try:
        answers = [
            httpx.post(
                f"{server.base}/api/v1/auth/token",
                json={"email": "claire@example.org", "password": "pas le bon mot de passe"},
                headers={"X-Forwarded-For": f"203.0.113.{index}"},
                timeout=10,
            ).status_code
            for index in range(6)
        ]
    finally:
        _stop(server)
    assert answers == [401] * 4 + [429] * 2


def test_two_servers_on_one_machine_each_serve(small_bundle: Path, tmp_path: Path) -> None:
    """gunicorn put every instance's control socket at ~/.gunicorn/gunicorn.ctl: none now."""
    first = _start(small_bundle, tmp_path / "one")
    try:
        second = _start(small_bundle, tmp_path / "two", HOME=str(tmp_path / "one"))
        try:
            for running in (first, second):
                health = httpx.get(f"{running.base}/api/v1/health", timeout=5)
                assert health.status_code == 200 and json.loads(health.content)["status"] == "ok"
            assert not (tmp_path / "one" / ".gunicorn").exists()
        finally:
            _stop(second)
    finally:
        output = _stop(first)
    assert "gunicorn.ctl" not in output, output


def test_bob_serve_listens_on_loopback_with_timeouts_by_default() -> None:
    """Exposed directly, gunicorn meets slow clients: by default it listens on 127.0.0.1 only,
    behind the buffering proxy of docs/deployment.md."""
    from bob_emploi.web.cli import gunicorn_command

    help_text = subprocess.run([str(BOB), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "127.0.0.1" in help_text
    command = gunicorn_command("127.0.0.1", 8000, 2)
    assert command is not None
    assert "--no-control-socket" in command
    for flag, value in [
        ("--bind", "127.0.0.1:8000"),
        ("--worker-class", "gthread"),
        ("--timeout", "30"),
        ("--limit-request-line", "8190"),
    ]:
        assert command[command.index(flag) + 1] == value
