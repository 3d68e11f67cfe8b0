"""Deleting an account while the same account writes, from other connections, against `bob serve` for real.

The deletion must win: the account and everything attached are gone, no request answers 5xx,
and a write that comes after the deletion is refused as the API and the pages refuse a stranger
(401 or 404 JSON; the login page or a French page saying the account is gone).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import GRENOBLE, LYON, PASSWORD, advisor_input
from tests.web.live import DATABASES, LiveServer, bob_serve, log_in_page, query, seed_accounts

ROUNDS = 6
API_WRITERS = 4
AFTER_DELETION = 0.4  # seconds the writers go on once the deletion is acknowledged


@dataclass
class Answer:
    operation: str
    started: float
    status: int  # 0: no HTTP answer
    location: str = ""
    body: str = ""


@dataclass
class Race:
    """One account raced: what every request got, and when the deletion was acknowledged."""

    email: str
    token: str
    answers: list[Answer] = field(default_factory=list)
    deleted_at: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, operation: str, started: float, answer: httpx.Response | None, error: str = "") -> None:
        status = answer.status_code if answer is not None else 0
        with self.lock:
            self.answers.append(
                Answer(
                    operation,
                    started,
                    status,
                    answer.headers.get("location", "") if answer is not None else "",
                    answer.text[:300] if answer is not None else error,
                )
            )


def _request(race: Race, client: httpx.Client, operation: str, method: str, path: str, **kwargs: Any) -> Any:
    started = time.monotonic()
    try:
        answer = client.request(method, path, **kwargs)
    except httpx.HTTPError as error:
        race.record(operation, started, None, repr(error))
        return None
    race.record(operation, started, answer)
    return answer


def _api_writer(server: LiveServer, race: Race, project_id: int, advice_id: str, seed: int) -> None:
    """Writes every kind of thing an account holds, over and over: profile, new and updated projects, feedback."""
    start = advisor_input()
    turn = seed
    with server.client(headers={"Authorization": f"Bearer {race.token}"}) as client:
        while not race.stop.is_set():
            turn += 1
            project = start["project"] | {"interviews": turn, "city": GRENOBLE if turn % 2 else LYON}
            match turn % 4:
                case 0:
                    _request(race, client, "PUT me", "PUT", "/api/v1/me", json=start["profile"])
                case 1:
                    _request(race, client, "POST project", "POST", "/api/v1/me/projects", json=project)
                case 2:
                    path = f"/api/v1/me/projects/{project_id}"
                    _request(race, client, "PUT project", "PUT", path, json=project)
                case _:
                    path = f"/api/v1/me/projects/{project_id}/advice/{advice_id}/feedback"
                    _request(race, client, "PUT feedback", "PUT", path, json={"value": "useful"})


def _page_writer(client: httpx.Client, race: Race, csrf: str, project_id: int, advice_id: str) -> None:
    """The same person in a browser, giving feedback on an advice through its form."""
    path = f"/projets/{project_id}/conseils/{advice_id}/avis"
    while not race.stop.is_set():
        _request(race, client, "page feedback", "POST", path, data={"value": "done", "csrfmiddlewaretoken": csrf})


def _delete(server: LiveServer, race: Race, page: httpx.Client, csrf: str, by_page: bool) -> None:
    time.sleep(random.uniform(0.15, 0.5))
    if by_page:
        answer = _request(
            race,
            page,
            "page delete",
            "POST",
            "/compte/supprimer",
            data={"confirm": "SUPPRIMER", "csrfmiddlewaretoken": csrf},
        )
        done = answer is not None and answer.status_code == 302 and answer.headers["location"] == "/"
    else:
        with server.client(headers={"Authorization": f"Bearer {race.token}"}) as client:
            answer = _request(race, client, "DELETE me", "DELETE", "/api/v1/me")
        done = answer is not None and answer.status_code == 204
    if done:
        race.deleted_at = time.monotonic()
    time.sleep(AFTER_DELETION)
    race.stop.set()


def run_race(server: LiveServer, race: Race, by_page: bool) -> None:
    with server.client(headers={"Authorization": f"Bearer {race.token}"}) as client:
        created = client.post("/api/v1/me/projects", json=advisor_input()["project"]).json()
    project_id, advice_id = created["id"], created["diagnostic"]["advice"][0]["id"]
    with server.client() as page:
        csrf = log_in_page(page, race.email, PASSWORD)
        threads = [
            threading.Thread(target=_api_writer, args=(server, race, project_id, advice_id, seed))
            for seed in range(API_WRITERS)
        ]
        threads.append(threading.Thread(target=_page_writer, args=(page, race, csrf, project_id, advice_id)))
        threads.append(threading.Thread(target=_delete, args=(server, race, page, csrf, by_page)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)


def _refused_as_gone(answer: Answer) -> bool:
    """How a write for an account that no longer exists may be answered."""
    if answer.operation.startswith("page"):
        return (answer.status == 302 and answer.location.startswith("/compte/connexion")) or answer.status in {404, 410}
    return answer.status in {401, 404} and '"error"' in answer.body


@pytest.mark.parametrize("database_kind", DATABASES)
def test_deleting_an_account_wins_over_its_concurrent_writes(
    database_kind: str, small_bundle: Path, tmp_path: Path
) -> None:
    with bob_serve(small_bundle, tmp_path, database_kind, workers=2) as server:
        emails = [f"race{i}@example.org" for i in range(ROUNDS)]
        tokens = seed_accounts(server, emails, PASSWORD)
        races = [Race(email, token) for email, token in zip(emails, tokens, strict=True)]
        for number, race in enumerate(races):
            run_race(server, race, by_page=number % 2 == 1)
        output = server.output()
        for race in races:
            with server.client(headers={"Authorization": f"Bearer {race.token}"}) as client:
                assert client.get("/api/v1/me").status_code == 401
        users = query(server, "SELECT id FROM accounts_user")
        orphans = {
            table: query(server, f"SELECT count(*) FROM {table} WHERE user_id NOT IN (SELECT id FROM accounts_user)")
            for table in ("projects_profile", "projects_project", "accounts_apitoken", "accounts_session")
        }
    answers = [answer for race in races for answer in race.answers]
    failures = [answer for answer in answers if answer.status == 0 or answer.status >= 500]
    tally = Counter((answer.operation, answer.status) for answer in answers)
    print(f"{database_kind}: {len(failures)} of {len(answers)} requests failed;", dict(sorted(tally.items())))
    assert not failures, f"{len(failures)} of {len(answers)} requests failed: {failures[:3]}\n{output[-3000:]}"
    assert all(race.deleted_at is not None for race in races), [
        answer for race in races for answer in race.answers if "delete" in answer.operation
    ]
    late = [
        answer
        for race in races
        for answer in race.answers
        if race.deleted_at is not None and answer.started > race.deleted_at and "delete" not in answer.operation
    ]
    assert late, "no write came after a deletion: the race was not run"
    assert all(_refused_as_gone(answer) for answer in late), [a for a in late if not _refused_as_gone(a)][:3]
    assert users == []
    assert all(rows == [(0,)] for rows in orphans.values()), orphans
