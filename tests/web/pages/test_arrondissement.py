"""An arrondissement chosen without JavaScript keeps its name up to the diagnostic (issue 13)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bob_emploi.data import Referential
from tests.web.pages.helpers import text

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_paris_11_without_javascript(client: Client, use_real_bundle: Referential) -> None:
    client.post("/diagnostic/etape/vous", {"gender": "feminine", "highest_degree": "cap_bep"})
    project = {
        "kind": "new_job",
        "job": "boulangere",
        "city": "paris 11",
        "area": "departement",
        "seniority": "junior",
        "passion": "likeable",
        "training": "unknown",
    }
    page = client.post("/diagnostic/etape/projet", project).content.decode()
    choices = re.findall(r'name="city_choice" value="(\w+)"', page)
    assert choices[:2] == ["75111", "75056"]  # Paris 11e Arrondissement, then Paris
    response = client.post("/diagnostic/etape/projet", {**project, "job_choice": "11573", "city_choice": "75111"})
    assert response.status_code == 302
    client.post(
        "/diagnostic/etape/recherche",
        {"weekly_applications": "0-2", "interviews": "0", "network": "medium", "employment_types": ["cdi"]},
    )
    assert "Paris 11e Arrondissement" in text(client.get("/diagnostic/").content.decode())


def test_a_postcode_lists_the_commune_with_that_insee_code_as_such(
    client: Client, use_real_bundle: Referential
) -> None:
    client.post("/diagnostic/etape/vous", {"gender": "feminine", "highest_degree": "cap_bep"})
    project = {"kind": "new_job", "job": "boulangere", "city": "13013", "area": "departement"}
    page = client.post("/diagnostic/etape/projet", project).content.decode()
    choices = re.findall(r'name="city_choice" value="(\w+)"', page)
    assert choices[:3] == ["13213", "13055", "13013"]  # Marseille 13e, Marseille, then Belcodène
    assert "code INSEE 13013" in text(page)
