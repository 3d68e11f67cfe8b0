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


def _undecided(client: Client, city: str = "33063") -> None:
    client.post("/diagnostic/etape/vous", {"gender": "feminine"})
    client.post("/diagnostic/etape/projet", {"kind": "new_job", "undecided": "on", "city": city})


@pytest.mark.slow
def test_a_job_done_ranks_the_leads_by_the_skills_already_had(client: Client, use_real_bundle: Referential) -> None:
    """Typed without the suggestions (no JavaScript): the server finds the job, then the close jobs of
    that job show the skills already had and to acquire, with their local hiring."""
    _undecided(client)
    response = client.post(
        "/diagnostic/explorer", {"action": "savoir-faire", "metier": "Vendeuse en prêt-à-porter", "metier_code": ""}
    )
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/explorer")
    assert onboarding.load(client.session)["clean"]["projet"]["previous_job"] == "20613"
    page = text(client.get("/diagnostic/explorer").content.decode())
    assert 'value="Vendeuse en prêt-à-porter"' in client.get("/diagnostic/explorer").content.decode()
    assert "Des métiers proches de celui que vous avez exercé" in page
    assert "Vous avez déjà 19 compétences de ce métier sur 45, dont « " in page
    assert "À acquérir : « " in page
    assert "enquête BMO 2025, France Travail" in page
    # With a centre of interest too: its job groups, the skills already had counted on each.
    interest = use_real_bundle.centres_of_interest()[2]  # "J'ai le sens des affaires"
    page = text(client.get(f"/diagnostic/explorer?interet={interest.code}").content.decode())
    assert interest.label in page and "Vous avez déjà" in page
    # Going on without a job keeps what the person did: the diagnostic starts from it.
    client.post("/diagnostic/explorer", {})
    client.post("/diagnostic/etape/recherche", {})
    assert "Élargissez à un métier proche" in text(client.get("/diagnostic/").content.decode())
    page = text(client.get("/diagnostic/conseils/reorient_to_close_job").content.decode())
    assert "vos compétences du métier de vendeuse en prêt-à-porter servent dans ces métiers proches" in page
    assert "vous avez déjà 19 de ses 45 compétences" in page
    # Sending the project's step again (to change the city, say) keeps the job done.
    client.post("/diagnostic/etape/projet", {"kind": "new_job", "undecided": "on", "city": "33063"})
    assert onboarding.load(client.session)["clean"]["projet"]["previous_job"] == "20613"


@pytest.mark.slow
def test_a_job_done_that_matches_nothing_is_kept_with_an_error(client: Client, use_real_bundle: Referential) -> None:
    _undecided(client)
    response = client.post("/diagnostic/explorer", {"action": "savoir-faire", "metier": "xqzwv", "interet": "3"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aucun métier ne correspond" in text(page) and 'value="xqzwv"' in page
    assert text(page).startswith("Erreur") or "<title>Erreur" in page
    assert "previous_job" not in onboarding.load(client.session)["clean"]["projet"]
    # An ambiguous word: choices to pick from, without JavaScript.
    response = client.post("/diagnostic/explorer", {"action": "savoir-faire", "metier": "vendeur", "interet": "3"})
    assert response.status_code == 400 and 'name="metier_choix"' in response.content.decode()
    choice = response.content.decode().split('name="metier_choix" value="')[1].split('"')[0]
    response = client.post(
        "/diagnostic/explorer", {"action": "savoir-faire", "metier": "vendeur", "metier_choix": choice, "interet": "3"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/explorer?interet=3")
    assert onboarding.load(client.session)["clean"]["projet"]["previous_job"] == choice
    # Emptied: forgotten.
    client.post("/diagnostic/explorer", {"action": "savoir-faire", "metier": ""})
    assert "previous_job" not in onboarding.load(client.session)["clean"]["projet"]


def test_the_job_done_form_needs_the_csrf_token(client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.post("/diagnostic/etape/vous", {})
    response = strict.post("/diagnostic/explorer", {"action": "savoir-faire", "metier": "Cariste"})
    assert response.status_code == 403
