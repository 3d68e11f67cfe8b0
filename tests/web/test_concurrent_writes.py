"""Many people writing at once, against `bob serve` for real (2 gunicorn workers): nothing refused, nothing lost.

SQLite is what `bob serve` and `make run` use by default; with deferred transactions two workers
writing at once got "database is locked" (500). PostgreSQL is what production uses.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import GRENOBLE, LYON, advisor_input
from tests.web.live import DATABASES, LiveServer, bob_serve, seed_accounts

CLIENTS = 20
SECONDS = 10
MIN_TURNS = 3  # each client writes at least this often, however loaded the machine (up to a minute more)
FEEDBACK_VALUES = ("useful", "done", "not_for_me")


@dataclass
class Tally:
    """What one client saw: answers by operation and status, and what did not read back."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    transport_errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    def writes(self) -> int:
        return sum(count for (operation, _), count in self.statuses.items() if not operation.startswith("GET"))

    def server_errors(self) -> int:
        return sum(count for (_, status), count in self.statuses.items() if status >= 500)


def _call(client: httpx.Client, tally: Tally, operation: str, method: str, path: str, body: Any = None) -> Any:
    """The JSON answer when it is a success, else None (the status is counted either way)."""
    try:
        answer = client.request(method, path, json=body)
    except httpx.HTTPError as error:
        tally.transport_errors.append(f"{operation}: {error!r}")
        return None
    tally.statuses[(operation, answer.status_code)] += 1
    return answer.json() if answer.is_success and answer.content else None


def _write_for(server: LiveServer, token: str, deadline: float, tally: Tally) -> None:
    """One person's session: the profile, one project and feedback on its advice, rewritten in turn
    until the deadline, each acknowledged write read back at once (often from the other worker)."""
    cutoff = deadline + 60
    start = advisor_input()
    with server.client(headers={"Authorization": f"Bearer {token}"}) as client:
        created = _call(client, tally, "POST project", "POST", "/api/v1/me/projects", start["project"])
        if created is None:
            return
        project_id = created["id"]
        advice_ids = [advice["id"] for advice in created["diagnostic"]["advice"]]
        turn = 0
        while (time.monotonic() < deadline or turn < MIN_TURNS) and time.monotonic() < cutoff:
            turn += 1
            profile = start["profile"] | {"year_of_birth": 1960 + turn % 40}
            if _call(client, tally, "PUT me", "PUT", "/api/v1/me", profile) is not None:
                read = _call(client, tally, "GET me", "GET", "/api/v1/me")
                if read is None or read["profile"]["year_of_birth"] != profile["year_of_birth"]:
                    tally.lost.append(f"profile {profile['year_of_birth']} read back as {read}")
            project = start["project"] | {"interviews": turn, "city": GRENOBLE if turn % 2 else LYON}
            updated = _call(client, tally, "PUT project", "PUT", f"/api/v1/me/projects/{project_id}", project)
            if updated is not None:
                advice_ids = [advice["id"] for advice in updated["diagnostic"]["advice"]] or advice_ids
                read = _call(client, tally, "GET project", "GET", f"/api/v1/me/projects/{project_id}")
                if read is None or read["project"]["interviews"] != turn:
                    tally.lost.append(f"project interviews={turn} read back as {read}")
            advice_id, value = advice_ids[turn % len(advice_ids)], FEEDBACK_VALUES[turn % 3]
            path = f"/api/v1/me/projects/{project_id}/advice/{advice_id}/feedback"
            if _call(client, tally, "PUT feedback", "PUT", path, {"value": value}) is not None:
                read = _call(client, tally, "GET project", "GET", f"/api/v1/me/projects/{project_id}")
                if read is None or read["feedback"].get(advice_id) != value:
                    tally.lost.append(f"feedback {advice_id}={value} read back as {read and read['feedback']}")


def run_writers(server: LiveServer, tokens: list[str], seconds: float) -> list[Tally]:
    deadline = time.monotonic() + seconds
    tallies = [Tally() for _ in tokens]
    threads = [
        threading.Thread(target=_write_for, args=(server, token, deadline, tally))
        for token, tally in zip(tokens, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tallies


@pytest.mark.parametrize("database_kind", DATABASES)
def test_concurrent_writes_are_never_refused_nor_lost(database_kind: str, small_bundle: Path, tmp_path: Path) -> None:
    with bob_serve(small_bundle, tmp_path, database_kind, workers=2) as server:
        tokens = seed_accounts(server, [f"writer{i}@example.org" for i in range(CLIENTS)])
        tallies = run_writers(server, tokens, SECONDS)
        output = server.output()
    statuses = sum((tally.statuses for tally in tallies), Counter[tuple[str, int]]())
    writes = sum(tally.writes() for tally in tallies)
    errors = sum(tally.server_errors() for tally in tallies)
    transport = [error for tally in tallies for error in tally.transport_errors]
    lost = [loss for tally in tallies for loss in tally.lost]
    summary = f"{database_kind}: {writes} writes, {errors} answered 5xx ({errors / max(writes, 1):.1%}), " + ", ".join(
        f"{operation} {status}: {count}" for (operation, status), count in sorted(statuses.items())
    )
    print(summary)
    assert all(tally.writes() >= 1 + 3 * MIN_TURNS for tally in tallies), summary  # every client kept writing
    assert errors == 0, summary + "\n" + output[-3000:]
    assert not transport, transport[:5]
    assert not lost, lost[:5]
    assert {status for _, status in statuses} == {200, 201}, summary
