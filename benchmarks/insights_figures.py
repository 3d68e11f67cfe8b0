"""The team's figures (`/equipe/chiffres`): every aggregate of the staff page, small groups hidden, on a
simulated population of 100,000 people (quick: 5,000), about 85 % of them with a diagnosed project.

Timed: `bob_emploi.web.insights.figures.published()` (the page's three tables: a few grouped SQL
queries, plus hiding the small groups). Baseline of the same run: the naive way, loading every
project's diagnostic, the feedback and the check-ins into Python and counting there.

Run twice, each in a child process with a database of its own, the tables analysed after loading:
SQLite in a temporary directory (the app's default), then PostgreSQL (production) in a database
`bob_bench_insights` created and dropped on the server of BOB_BENCH_PG (default
postgres://postgres@127.0.0.1:5432/postgres); skipped with a message when no server answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks._stats import summary

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BOB_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "bob_bench_insights"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def _child_run(database_url: str, tmp: str, people: int, runs: int, label: str) -> None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bob_emploi.web.settings",
        "DATABASE_URL": database_url,
        "BOB_VAR_DIR": tmp,
        "LOG_LEVEL": "ERROR",
    }
    command = [sys.executable, "-m", "benchmarks.insights_figures", str(people), str(runs), label]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def run(quick: bool) -> None:
    people = 5_000 if quick else 100_000
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bob-bench-insights-") as tmp:
        _child_run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", tmp, people, runs, "SQLite")
        try:
            _admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            _admin(f"CREATE DATABASE {PG_DATABASE}")
        except Exception as error:  # no server: say so, the SQLite figures stand
            print(f"PostgreSQL skipped: {PG_ADMIN} does not answer ({type(error).__name__})", flush=True)
            return
        try:
            _child_run(f"{PG_ADMIN.rsplit('/', 1)[0]}/{PG_DATABASE}", tmp, people, runs, "PostgreSQL")
        finally:
            _admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def _naive_counts() -> tuple[int, int]:
    """What the SQL does, in Python: every diagnostic read and walked (the baseline)."""
    from bob_emploi.web.checkins.models import CheckIn
    from bob_emploi.web.projects.models import AdviceFeedback, Project

    feedback = {(f.project_id, f.advice_id): f.value for f in AdviceFeedback.objects.all()}
    jobs: dict[int, list[object]] = defaultdict(list)
    for user_id, created_at in CheckIn.objects.filter(status="found_job").values_list("user_id", "created_at"):
        jobs[user_id].append(created_at)
    shown: dict[str, set[int]] = defaultdict(set)
    values: Counter[tuple[str, str]] = Counter()
    challenges: Counter[str] = Counter()
    for project in Project.objects.filter(diagnostic__isnull=False, user__is_staff=False).iterator(chunk_size=2000):
        diagnostic = project.diagnostic or {}
        challenges[diagnostic["diagnostic"]["main_challenge"]["id"]] += 1
        for advice in diagnostic.get("advice", []):
            shown[advice["id"]].add(project.user_id)
            value = feedback.get((project.id, advice["id"]))
            if value:
                values[advice["id"], value] += 1
    return len(shown), len(challenges)


def _child(people: int, runs: int, label: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from bob_emploi.web.insights import figures
    from bob_emploi.web.insights.simulate import simulate

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    made = simulate(people, seed=16)
    print(
        f"{label}: simulated {made.people:,} people, {made.diagnosed:,} diagnosed projects, "
        f"{made.feedback:,} feedback, "
        f"{made.checkins:,} check-ins in {time.perf_counter() - start:.1f} s",
        flush=True,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    published = figures.published()  # warm the caches once, like a page loaded before
    assert published.challenges_total.people == made.diagnosed
    timed, baseline = [], []
    for _ in range(runs):
        start = time.perf_counter()
        figures.published()
        timed.append(time.perf_counter() - start)
        start = time.perf_counter()
        _naive_counts()
        baseline.append(time.perf_counter() - start)
    print(summary(f"{label}: figures.published() on {made.diagnosed:,} projects", timed, baseline), flush=True)


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
