"""Server time of the diagnostic pages with the full data bundle (issue 6: p99 ≤ 100 ms).

In process, through Django's test client (the whole middleware stack, sessions in SQLite,
no network): the visitor's diagnostic page, the last onboarding step (which runs the
advisor), and a saved project's diagnostic page. The baseline, measured in the same run,
is the lightest page of the site (the legal notice): what any page costs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks._fixtures import setup_django
from benchmarks._stats import summary, timed

PASSWORD = "un mot de passe de banc d'essai"
VOUS = {"gender": "masculine", "year_of_birth": "1988", "highest_degree": "cap_bep", "has_driving_license": "on"}
PROJET = {
    "kind": "new_job",
    "job": "Boulanger",
    "job_code": "11573",
    "city": "Saint-Étienne",
    "city_code": "42218",
    "area": "departement",
    "seniority": "intermediate",
    "passion": "passionate",
    "training": "enough_diplomas",
}
RECHERCHE = {
    "search_started": "03/2026",
    "weekly_applications": "3-5",
    "interviews": "2",
    "network": "weak",
    "employment_types": ["cdi", "cdd"],
    "frustrations": ["no_answers", "interview"],
}


def run(quick: bool) -> None:
    saved = {name: os.environ.get(name) for name in ("BOB_BUNDLE", "DATABASE_URL", "LOG_LEVEL")}
    try:
        _measure(30 if quick else 500)
    finally:  # the other benchmarks of the run read these variables too
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _measure(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bundle = setup_django(tmp)
        from django.test import Client
        from django.test.utils import setup_test_environment

        from bob_emploi.web import bundle as web_bundle

        setup_test_environment()  # allows the test client's host name
        web_bundle.warm_up()
        print(f"bundle: {bundle} ({bundle.stat().st_size / 1e6:.0f} MB)")

        guest = Client()
        assert guest.post("/diagnostic/etape/vous", VOUS).status_code == 302
        assert guest.post("/diagnostic/etape/projet", PROJET).status_code == 302
        response = guest.post("/diagnostic/etape/recherche", RECHERCHE)
        assert response.status_code == 302 and response["Location"] == "/diagnostic/", response.content[:500]

        def finish() -> None:
            answer = guest.post("/diagnostic/etape/recherche", RECHERCHE)
            assert answer.status_code == 302

        def guest_page() -> None:
            assert guest.get("/diagnostic/").status_code == 200

        def legal_page() -> None:
            assert guest.get("/mentions-legales").status_code == 200

        for call in (legal_page, guest_page, finish):
            timed(call, 5)  # warm-up: templates compiled, caches filled
        baseline = timed(legal_page, runs)
        print(summary("baseline GET /mentions-legales", baseline))
        print(summary("GET /diagnostic/ (visitor, from the session)", timed(guest_page, runs)))
        print(summary("POST last onboarding step (runs the advisor)", timed(finish, runs)))

        user = Client()
        assert user.post("/compte/inscription", {"email": "banc@example.org", "password": PASSWORD}).status_code == 302
        for step, data in (("vous", VOUS), ("projet", PROJET)):
            assert user.post(f"/diagnostic/etape/{step}", data).status_code == 302
        project_url = user.post("/diagnostic/etape/recherche", RECHERCHE)["Location"]

        def project_page() -> None:
            assert user.get(project_url).status_code == 200

        timed(project_page, 5)
        print(summary(f"GET {project_url} (saved project, from the database)", timed(project_page, runs)))
