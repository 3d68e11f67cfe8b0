"""The undecided path (issue 12), as plain form posts: "Je ne sais pas encore quel métier viser" →
what the person likes (ROME 4.0 centres of interest) → a shortlist with local hiring → a diagnostic."""

from __future__ import annotations

import pytest
from django.test import Client

from bob_emploi.data import Referential
from bob_emploi.web.pages import onboarding
from tests.web.pages.helpers import text

pytestmark = pytest.mark.django_db


def test_undecided_gets_through_the_onboarding_without_a_job(client: Client) -> None:
    client.post("/diagnostic/etape/vous", {})
    response = client.post("/diagnostic/etape/projet", {"kind": "new_job", "undecided": "on", "city": "Lyon"})
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/explorer")
    page = client.get("/diagnostic/explorer").content.decode()
    assert "Trouver un métier à viser" in text(page)
    response = client.post("/diagnostic/explorer", {})  # "Continuer sans choisir de métier"
    assert response["Location"].endswith("/diagnostic/etape/recherche")
    response = client.post("/diagnostic/etape/recherche", {})
    assert response["Location"].endswith("/diagnostic/")
    page = text(client.get("/diagnostic/").content.decode())
    assert "Votre priorité : Choisir un métier à viser" in page
    assert "Aucun métier ne correspond" not in page


def test_neither_a_job_nor_undecided_says_what_to_do(client: Client) -> None:
    client.post("/diagnostic/etape/vous", {})
    response = client.post("/diagnostic/etape/projet", {"kind": "new_job", "city": "Lyon"})
    assert response.status_code == 400
    assert "Je ne sais pas encore quel métier viser" in text(response.content.decode())


def test_the_explorer_needs_the_city_first(client: Client) -> None:
    response = client.get("/diagnostic/explorer")
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/etape/projet")


@pytest.mark.slow
def test_undecided_picks_a_job_from_a_centre_of_interest(client: Client, use_real_bundle: Referential) -> None:
    client.post("/diagnostic/etape/vous", {"gender": "feminine"})
    client.post("/diagnostic/etape/projet", {"kind": "reorientation", "undecided": "on", "city": "38185"})
    page = client.get("/diagnostic/explorer").content.decode()
    assert "J'ai envie de" in text(page)
    interest = use_real_bundle.centres_of_interest()[0]
    page = client.get(f"/diagnostic/explorer?interet={interest.code}").content.decode()
    assert interest.label in text(page)
    assert "enquête BMO 2025, France Travail" in text(page)
    assert "Diplôme souvent demandé" in text(page) or "Qualification obligatoire" in text(page)
    code = page.split('name="job_code" value="')[1].split('"')[0]
    response = client.post("/diagnostic/explorer", {"job_code": code})
    assert response["Location"].endswith("/diagnostic/etape/recherche")
    assert onboarding.load(client.session)["clean"]["projet"]["target_job"] == code
    response = client.post("/diagnostic/etape/recherche", {"search_started": "10/2026"})
    assert response["Location"].endswith("/diagnostic/")
    page = text(client.get("/diagnostic/").content.decode())
    assert "Choisir un métier à viser" not in page  # a full diagnostic for the chosen job
