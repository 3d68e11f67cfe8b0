"""The web app under load: gunicorn and PostgreSQL on loopback, wrk mixing diagnostics and job suggestions.

Production settings (DEBUG off), a fresh PostgreSQL database migrated for the run, gunicorn
with sync workers. wrk sends, on each connection, `POST /api/v1/diagnostic` (valid inputs drawn
from the bundle: real job titles and cities) and `GET /api/v1/jobs/suggest` (typed prefixes of
the evaluation queries) in turn, so half the requests are diagnostics. Meanwhile a signed-in
API client saves projects; after the load each one must be read back unchanged.

Targets on this machine (full mode): >= 200 diagnostics/s, p99 <= 100 ms, zero errors.
Needs wrk and a PostgreSQL server (BOB_BENCH_PG, default postgres://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import httpx

from benchmarks._fixtures import gunicorn, lua_strings, wrk
from benchmarks.jobsuggest_service import _bundle, _paths

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BOB_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
DIAGNOSTIC_TARGET = 200  # per second
P99_TARGET_MS = 100


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def _inputs(bundle: Path, count: int) -> list[dict[str, Any]]:
    """Advisor inputs a job seeker could send: common job titles, cities of some size, varied answers."""
    from bob_emploi.data.referential import Referential

    ref = Referential.load(bundle)
    jobs = sorted((t for t in ref.job_titles.values() if t.frequency > 0), key=lambda t: -t.frequency)[:2000]
    cities = [c for c in ref.communes.values() if c.population >= 5000 and c.kind == "commune"]
    rng = random.Random(7)
    inputs = []
    for _ in range(count):
        inputs.append(
            {
                "profile": {
                    "gender": rng.choice(["feminine", "masculine", "unknown"]),
                    "year_of_birth": rng.randint(1960, 2005),
                    "highest_degree": rng.choice(["none", "cap_bep", "bac", "bac+2", "bac+3", "bac+5"]),
                    "has_driving_license": rng.random() < 0.7,
                    "frustrations": rng.sample(["no_offers", "interview", "resume", "motivation", "salary"], 2),
                },
                "project": {
                    "kind": rng.choice(["first_job", "new_job", "reorientation"]),
                    "target_job": rng.choice(jobs).code_ogr,
                    "city": rng.choice(cities).code,
                    "seniority": rng.choice(["none", "junior", "intermediate", "senior"]),
                    "search_started": f"{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}",
                    "weekly_applications": rng.choice(["0-2", "3-5", "6-15", "16+"]),
                    "interviews": rng.randint(0, 6),
                },
            }
        )
    return inputs


def _wrk_script(bodies: list[str], paths: list[str], host: str, tmp: Path, delay_ms: float = 0) -> Path:
    """A wrk script that alternates a diagnostic and a suggestion on every connection,
    at full speed or waiting `delay_ms` before each request (a paced load)."""
    body_table = ",\n".join(f"[==[{body}]==]" for body in bodies)
    path_table = lua_strings(paths)
    script = tmp / ("web_load_paced.lua" if delay_ms else "web_load.lua")
    pacing = f"delay = function() return {delay_ms:.1f} end\n" if delay_ms else ""
    script.write_text(
        f"local bodies = {{\n{body_table}\n}}\nlocal paths = {{\n{path_table}\n}}\n"
        "local i = 0\n"
        # Headers given to wrk.format replace wrk's own: Host must be there too.
        f'local headers = {{["Host"] = "{host}", ["Content-Type"] = "application/json"}}\n'
        "request = function()\n"
        "  i = i + 1\n"
        "  if i % 2 == 1 then\n"
        '    return wrk.format("POST", "/api/v1/diagnostic", headers, bodies[math.floor(i / 2) % #bodies + 1])\n'
        "  end\n"
        '  return wrk.format("GET", paths[math.floor(i / 2) % #paths + 1])\n'
        "end\n"
        # Count the answers by status, to say what went wrong if anything did.
        "statuses = {}\n"
        "response = function(status, headers, body)\n"
        "  statuses[status] = (statuses[status] or 0) + 1\n"
        '  if status >= 400 and statuses[status] <= 2 then io.write("body " .. status .. " " .. body .. "\\n") end\n'
        "end\n"
        "local threads = {}\n"
        "setup = function(thread) table.insert(threads, thread) end\n"
        "done = function(summary, latency, requests)\n"
        "  for _, thread in ipairs(threads) do\n"
        '    for code, n in pairs(thread:get("statuses")) do io.write("status " .. code .. " " .. n .. "\\n") end\n'
        "  end\n"
        "end\n" + pacing,
        encoding="utf-8",
    )
    return script


def _wrk(base: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = wrk(base, script, seconds, connections)

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    statuses = dict(re.findall(r"^status (\d+) (\d+)$", out, re.MULTILINE))
    bad = {code: n for code, n in statuses.items() if not code.startswith("2")}
    if bad:
        print(f"  answers by status: {statuses}; first error bodies:")
        for line in re.findall(r"^body .*$", out, re.MULTILINE)[:4]:
            print("   ", line[:300])
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": ms("50%"),
        "p90": ms("90%"),
        "p99": ms("99%"),
        "errors": socket_errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


class _ProjectSaver(threading.Thread):
    """A signed-in client that saves a project every `interval` seconds while the load runs."""

    def __init__(self, base: str, token: str, inputs: list[dict[str, Any]], interval: float) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        self.inputs = inputs
        self.interval = interval
        self.saved: dict[int, dict[str, Any]] = {}
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            project = self.inputs[i % len(self.inputs)]["project"]
            i += 1
            response = self.client.post("/api/v1/me/projects", json=project)
            if response.status_code == 201:
                self.saved[response.json()["id"]] = response.json()["project"]
            else:
                self.failures.append(f"{response.status_code} {response.text[:200]}")
            self.stop.wait(self.interval)

    def check(self) -> list[str]:
        """Every saved project, read back after the load: the problems found."""
        problems = list(self.failures)
        listed = {p["id"] for p in self.client.get("/api/v1/me/projects").json()}
        for project_id, project in self.saved.items():
            response = self.client.get(f"/api/v1/me/projects/{project_id}")
            if response.status_code != 200 or response.json()["project"] != project or project_id not in listed:
                problems.append(f"project {project_id} lost or changed ({response.status_code})")
        return problems


def _django(env: dict[str, str], code: str) -> str:
    full = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", full], env=env, capture_output=True, text=True, check=True, cwd=ROOT, timeout=300
    ).stdout.strip()


def run(quick: bool) -> None:
    if shutil.which("wrk") is None:
        print("  wrk is not installed (apt-get install wrk): nothing measured")
        return
    import psycopg

    try:
        _admin("SELECT 1")
    except psycopg.Error as error:
        print(f"  no PostgreSQL server at {PG_ADMIN} ({error.__class__.__name__}): nothing measured")
        return
    database = f"bob_web_load_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bundle = _bundle(tmp)
        _admin(f'CREATE DATABASE "{database}"')
        base_url = PG_ADMIN.rsplit("/", 1)[0]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bob_emploi.web.settings",
            "BOB_ENV": "production",
            "SECRET_KEY": "benchmark-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{base_url}/{database}",
            "BOB_BUNDLE": str(bundle),
            "BOB_VAR_DIR": str(tmp),
            "LOG_LEVEL": "ERROR",
        }
        try:
            _django(env, "from django.core.management import call_command; call_command('migrate', verbosity=0)")
            token = _django(
                env,
                "from bob_emploi.web.accounts.models import User\n"
                "from bob_emploi.web.accounts.services import create_api_token\n"
                "print(create_api_token(User.objects.create_user('charge@example.org', 'x' * 20)))",
            )
            workers = 3
            app, ready = "bob_emploi.web.wsgi:application", "/api/v1/jobs/suggest?q=a"
            with gunicorn(app, workers, env, ready, tmp / "gunicorn.log") as port:
                base = f"http://127.0.0.1:{port}"
                inputs = _inputs(bundle, 100 if quick else 400)
                bodies = []
                with httpx.Client(base_url=base, timeout=10) as client:
                    for data in inputs:  # only inputs the advisor accepts: the load must have no expected errors
                        if client.post("/api/v1/diagnostic", json=data).status_code == 200:
                            bodies.append(json.dumps(data, separators=(",", ":")))
                paths = _paths(1000 if quick else 20000)
                script = _wrk_script(bodies, paths, f"127.0.0.1:{port}", tmp)
                seconds, connections = (3, 8) if quick else (20, 8)
                print(
                    f"gunicorn {workers} sync workers, PostgreSQL on loopback, production settings; wrk 1 thread, "
                    f"{connections} connections, {seconds} s; {len(bodies)} distinct diagnostic inputs, "
                    f"{len(paths)} suggest queries, one of each in turn"
                )
                # Baseline, same server and connections: the cheapest API request (health: one SELECT 1),
                # so the ratio says what the advisor and JobSuggest cost above Django, gunicorn and wrk.
                health = tmp / "health.lua"
                health.write_text('request = function() return wrk.format("GET", "/api/v1/health") end\n')
                baseline = _wrk(base, health, seconds, connections)
                print(
                    f"  baseline GET /api/v1/health at full speed: {baseline['rps']:.0f} req/s; latency p50 "
                    f"{baseline['p50']:.2f} ms, p99 {baseline['p99']:.2f} ms; errors {int(baseline['errors'])}"
                )
                saver = _ProjectSaver(base, token, inputs, interval=0.1)
                saver.start()
                full = _wrk(base, script, seconds, connections)
                _report("full speed", full)
                print(f"  full speed is {full['rps'] / baseline['rps']:.2f}x the baseline's request rate")
                # Then paced at the target rate (one diagnostic and one suggestion per 1/200 s): the latency
                # a user sees at that load, not the queueing of a saturated server.
                period_ms = 1000 * connections / (2 * DIAGNOSTIC_TARGET)
                delay = max(0.0, period_ms - full["p50"])
                paced = _wrk(base, _wrk_script(bodies, paths, f"127.0.0.1:{port}", tmp, delay), seconds, connections)
                _report(f"paced ({delay:.1f} ms between requests on each connection)", paced)
                saver.stop.set()
                saver.join(timeout=15)
                problems = saver.check()
                print(
                    f"  projects saved during the loads: {len(saver.saved)}, read back after them: "
                    + ("all there, unchanged" if not problems else f"{len(problems)} problems: {problems[:3]}")
                )
                if not quick:
                    met = (
                        max(full["rps"], paced["rps"]) / 2 >= DIAGNOSTIC_TARGET
                        and paced["rps"] / 2 >= DIAGNOSTIC_TARGET * 0.95
                        and paced["p99"] <= P99_TARGET_MS
                        and full["errors"] + paced["errors"] == 0
                        and not problems
                    )
                    print(
                        f"  targets (>= {DIAGNOSTIC_TARGET} diagnostics/s with p99 <= {P99_TARGET_MS} ms, no error, "
                        f"no project lost): {'met' if met else 'NOT met'}"
                    )
        finally:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _report(label: str, figures: dict[str, float]) -> None:
    diagnostics = figures["rps"] / 2
    print(
        f"  {label}: {figures['rps']:.0f} req/s ({diagnostics:.0f} diagnostics/s + {diagnostics:.0f} suggestions/s), "
        f"{int(figures['requests'])} requests; latency p50 {figures['p50']:.2f} ms, p90 {figures['p90']:.2f} ms, "
        f"p99 {figures['p99']:.2f} ms; errors {int(figures['errors'])}"
    )
