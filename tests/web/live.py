"""The web app served for real, as `bob serve` serves it: gunicorn workers on a loopback port.

For the tests that need what only separate processes and a real socket show: concurrent writes
from several workers to one database, and the framing (Content-Length) of the answers.
The database is SQLite (the default `bob serve` configuration, a fresh file) or a PostgreSQL
database created for the server and dropped after it. Like every web test, these run on SQLite,
and on PostgreSQL when DATABASE_URL names a PostgreSQL database (`make unit-pg`): the server then
gets its own database on that server, named after it (…/r1 → r1_live_<pid>).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg

BOB = Path(sys.executable).parent / "bob"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def _on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


# The database the servers of this test run use, as a one-item list for pytest.mark.parametrize.
DATABASES = ["postgresql" if _on_postgresql() else "sqlite"]


@dataclass(frozen=True)
class LiveServer:
    base: str  # http://127.0.0.1:port
    database_url: str
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30, **kwargs)  # type: ignore[arg-type]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pg_server() -> str:
    """The PostgreSQL server of $DATABASE_URL when it names one, else the machine's."""
    if _on_postgresql():
        parts = urlsplit(os.environ["DATABASE_URL"])
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return PG_SERVER


def _pg_name() -> str:
    """A database name of its own: the test run's name (r1 for DATABASE_URL=…/r1), then this process."""
    base = urlsplit(os.environ["DATABASE_URL"]).path.strip("/") if _on_postgresql() else ""
    return f"{base or 'bob'}_live_{os.getpid()}"


@contextmanager
def pg_database() -> Iterator[str]:
    """A new empty PostgreSQL database (its URL), dropped on exit."""
    server, name = _pg_server(), _pg_name()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    """The DATABASE_URL of a fresh database of this kind ("sqlite" is the file `bob serve` uses by default)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bob.sqlite3'}"
    else:
        with pg_database() as url:
            yield url


@contextmanager
def bob_serve(
    bundle: Path, tmp: Path, database_kind: str = DATABASES[0], workers: int = 2, production: bool = False
) -> Iterator[LiveServer]:
    """`bob serve` (migrate, then gunicorn with `workers` processes) on a free loopback port, stopped on exit.

    For SQLite, DATABASE_URL is left unset: the server uses its default file in BOB_VAR_DIR.
    In production mode the server trusts X-Forwarded-Proto from loopback: send `https` with it.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BOB_ENV", "DJANGO_SETTINGS_MODULE"}}
    env |= {"BOB_VAR_DIR": str(tmp), "LOG_LEVEL": "WARNING"}
    if production:
        env |= {"BOB_ENV": "production", "SECRET_KEY": "live-test-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1"}
    log = tmp / "serve.log"
    with database(database_kind, tmp) as url:
        if database_kind != "sqlite":
            env["DATABASE_URL"] = url
        command = [str(BOB), "serve", "--port", str(port), "--bundle", str(bundle), "--workers", str(workers)]
        with log.open("wb") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        server = LiveServer(f"http://127.0.0.1:{port}", url, log)
        try:
            _wait_ready(server, process, {"X-Forwarded-Proto": "https"} if production else {})
            yield server
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_ready(server: LiveServer, process: subprocess.Popen[bytes], headers: dict[str, str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"bob serve stopped:\n{server.output()[-3000:]}")
        try:
            if httpx.get(f"{server.base}/api/v1/health", headers=headers, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"bob serve did not answer in time:\n{server.output()[-3000:]}")


_SEED = """
import json, sys
import django
django.setup()
from bob_emploi.web.accounts.models import User
from bob_emploi.web.accounts.services import create_api_token
tokens = []
for email in json.loads(sys.argv[1]):
    user = User.objects.create_user(email, sys.argv[2] or None)
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    tokens.append(create_api_token(user))
print(json.dumps(tokens))
"""


def seed_accounts(server: LiveServer, emails: list[str], password: str = "") -> list[str]:
    """Creates verified accounts straight in the server's database (sign-ups are throttled per IP);
    returns an API token for each. Without a password the accounts can only use their token."""
    env = {k: v for k, v in os.environ.items() if k not in {"BOB_ENV"}}
    env |= {"DATABASE_URL": server.database_url, "DJANGO_SETTINGS_MODULE": "bob_emploi.web.settings"}
    result = subprocess.run(
        [sys.executable, "-c", _SEED, json.dumps(emails), password],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    tokens: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return tokens


def query(server: LiveServer, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows straight from the server's database (`%s` placeholders, as psycopg writes them)."""
    if server.database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(server.database_url.removeprefix("sqlite:///"))) as db:
            return list(db.execute(sql.replace("%s", "?"), params))
    with psycopg.connect(server.database_url) as db:
        return list(db.execute(sql, params))  # type: ignore[arg-type]


def log_in_page(client: httpx.Client, email: str, password: str) -> str:
    """Signs in through the login form as a browser does; returns the CSRF token for the next forms."""
    client.get("/compte/connexion")
    token = client.cookies["csrftoken"]
    answer = client.post("/compte/connexion", data={"email": email, "password": password, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302, answer.text[:2000]
    return str(client.cookies["csrftoken"])
