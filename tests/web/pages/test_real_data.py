"""The pages on the full bundle built from the real open data: every job page renders."""

from __future__ import annotations

import pytest
from django.test import Client

from bob_emploi.data import Referential
from tests.web.pages.helpers import text

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_every_job_page_renders_its_figures_or_says_why_not(client: Client, use_real_bundle: Referential) -> None:
    with_figures = 0
    for code_rome, group in use_real_bundle.job_groups.items():
        response = client.get(f"/metiers/{code_rome}?departement=75")
        assert response.status_code == 200, code_rome
        page = text(response.content.decode())
        assert group.name in page
        assert "Pas de données sur le marché du travail" not in page  # the real bundle has BMO and DARES figures
        if "Projets de recrutement en 2025 :" in page:
            with_figures += 1
        else:
            assert "Pas de données pour ce métier à Paris" in page or "Pas de chiffre" in page, code_rome
    assert with_figures > len(use_real_bundle.job_groups) // 2


def test_the_misspelt_baker_of_the_issue_without_javascript(client: Client, use_real_bundle: Referential) -> None:
    client.post("/diagnostic/etape/vous", {"gender": "masculine", "highest_degree": "cap_bep"})
    project = {
        "kind": "new_job",
        "job": "boulanjer",
        "city": "st etienne",
        "area": "departement",
        "seniority": "junior",
        "passion": "likeable",
        "training": "unknown",
    }
    page = client.post("/diagnostic/etape/projet", project).content.decode()
    assert 'name="job_choice" value="11573"' in page  # Boulanger, proposed for "boulanjer"
    assert 'name="city_choice" value="42218"' in page  # Saint-Étienne
    response = client.post("/diagnostic/etape/projet", {**project, "job_choice": "11573", "city_choice": "42218"})
    assert response.status_code == 302
    response = client.post(
        "/diagnostic/etape/recherche",
        {"weekly_applications": "0-2", "interviews": "0", "network": "medium", "employment_types": ["cdi"]},
    )
    assert response["Location"] == "/diagnostic/"
    assert "Boulanger — Saint-Étienne (Loire)" in text(client.get("/diagnostic/").content.decode())
