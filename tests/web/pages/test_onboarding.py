"""The onboarding as plain form posts (no JavaScript): each error next to its field, what was typed kept."""

from __future__ import annotations

import datetime
import re
import secrets

import pytest
from django.test import Client

from bob_emploi.web.accounts.models import Session
from bob_emploi.web.pages import onboarding
from tests.web.pages.helpers import PROJET, RECHERCHE, VOUS, complete_onboarding, field_messages, input_value, text

pytestmark = pytest.mark.django_db


def test_first_step_shows_each_error_next_to_its_field_and_keeps_what_was_typed(client: Client) -> None:
    response = client.post(
        "/diagnostic/etape/vous", {**VOUS, "year_of_birth": "dix-neuf cent", "highest_degree": "phd"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Saisissez une année en chiffres" in field_messages(page, "id_year_of_birth")
    assert input_value(page, "id_year_of_birth") == "dix-neuf cent"
    assert "Sélectionnez un choix valide" in field_messages(page, "id_highest_degree")
    assert 'aria-invalid="true"' in page
    assert text(page).startswith("Erreur : Étape 1 sur 3")  # the <title> says so first
    assert "2 réponses sont à corriger" in text(page)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2024", "Saisissez une année entre"),
        ("1850", "Saisissez une année entre"),
        # The advisor's own bound (90 years old): the step refused nothing between 90 and 100.
        (str(datetime.date.today().year - 95), "Saisissez une année entre"),
    ],
)
def test_impossible_years_of_birth_are_refused(client: Client, year: str, message: str) -> None:
    response = client.post("/diagnostic/etape/vous", {**VOUS, "year_of_birth": year})
    assert response.status_code == 400
    assert message in field_messages(response.content.decode(), "id_year_of_birth")
    assert input_value(response.content.decode(), "id_year_of_birth") == year


def test_a_later_step_is_not_reachable_before_the_first(client: Client) -> None:
    response = client.get("/diagnostic/etape/recherche")
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/etape/vous")


def test_misspelt_job_and_city_get_choices_then_the_chosen_ones_are_kept(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    response = client.post("/diagnostic/etape/projet", {**PROJET, "job": "vendeuse bijoux", "city": "grenble"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez votre métier parmi les propositions" in field_messages(page, "id_job")
    assert input_value(page, "id_job") == "vendeuse bijoux"
    assert 'name="job_choice" value="20556"' in page
    assert "Vendeuse en bijouterie" in text(page)  # feminine titles: the person chose "au féminin"
    assert 'name="city_choice" value="38185"' in page
    response = client.post(
        "/diagnostic/etape/projet",
        {**PROJET, "job": "vendeuse bijoux", "city": "grenble", "job_choice": "20556", "city_choice": "38185"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/etape/recherche")
    # Going back shows the chosen title and city, not the typos.
    page = client.get("/diagnostic/etape/projet").content.decode()
    assert input_value(page, "id_job") == "Vendeuse en bijouterie"
    assert input_value(page, "id_city") == "Grenoble"


def test_a_missing_city_does_not_hide_the_job_choices(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    response = client.post("/diagnostic/etape/projet", {**PROJET, "job": "vendeuse bijoux", "city": ""})
    page = response.content.decode()
    assert "Indiquez la ville où vous habitez." in field_messages(page, "id_city")
    assert "Choisissez votre métier parmi les propositions" in field_messages(page, "id_job")
    assert 'name="job_choice" value="20556"' in page


def test_unknown_job_says_so(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    response = client.post("/diagnostic/etape/projet", {**PROJET, "job": "zzzzqqq"})
    assert response.status_code == 400
    assert "Aucun métier ne correspond" in field_messages(response.content.decode(), "id_job")


def test_the_code_chosen_in_the_widget_is_used(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    typed = {**PROJET, "job": "Agente d'entretien/propreté de locaux", "job_code": "10688", "city_code": "69123"}
    response = client.post("/diagnostic/etape/projet", typed)
    assert response.status_code == 302
    page = client.get("/diagnostic/etape/projet").content.decode()
    assert input_value(page, "id_job") == "Agente d'entretien/propreté de locaux"


def test_search_step_errors_and_back_keeps_answers(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    client.post("/diagnostic/etape/projet", PROJET)
    response = client.post(
        "/diagnostic/etape/recherche",
        {**RECHERCHE, "search_started": "13/2026", "interviews": "-1", "employment_types": []},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le mois doit être entre 01 et 12" in field_messages(page, "id_search_started")
    assert input_value(page, "id_search_started") == "13/2026"
    assert "ne peut pas être négatif" in field_messages(page, "id_interviews")
    assert input_value(page, "id_interviews") == "-1"
    assert field_messages(page, "id_employment_types") == ""  # optional since issue 12: no contract assumed
    # "Étape précédente" keeps what was typed here, valid or not, and shows the previous answers.
    response = client.post("/diagnostic/etape/recherche", {**RECHERCHE, "search_started": "2099-01", "action": "back"})
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/etape/projet")
    assert input_value(client.get("/diagnostic/etape/projet").content.decode(), "id_city") == "Lyon"
    page = client.get("/diagnostic/etape/recherche").content.decode()
    assert input_value(page, "id_search_started") == "2099-01"
    assert "Cette date est dans le futur" in field_messages(page, "id_search_started")


def test_the_first_step_is_kept_when_coming_back(client: Client) -> None:
    client.post("/diagnostic/etape/vous", {**VOUS, "family": "single_parent", "has_disability": "yes"})
    page = client.get("/diagnostic/etape/vous").content.decode()
    assert input_value(page, "id_year_of_birth") == "1990"
    assert 'value="single_parent" checked' in page
    assert 'name="has_disability" value="yes" checked' in page


def test_nothing_substantive_is_pre_selected(client: Client) -> None:
    """Issue 12: an unanswered question is null for the advisor, so the steps pre-select no answer."""
    client.post("/diagnostic/etape/vous", {})
    client.post(
        "/diagnostic/etape/projet",
        {"kind": "new_job", "job": "Vendeuse en bijouterie", "job_code": "20556", "city": "Lyon"},
    )
    pages = [client.get(f"/diagnostic/etape/{step}").content.decode() for step in ("vous", "projet", "recherche")]
    for name in ("highest_degree", "has_driving_license", "has_car", "has_disability", "area", "seniority"):
        assert not re.search(rf'name="{name}" value="[^"]+" checked', "".join(pages)), name
    for name in ("passion", "training", "weekly_applications", "network", "employment_types"):
        assert not re.search(rf'name="{name}" value="[^"]+" checked', "".join(pages)), name
    assert not re.search(r'<option value="[^"]+" selected', pages[0])  # the select starts on "ne pas répondre"
    assert input_value(pages[2], "id_interviews") == ""


def test_the_rqth_question_says_why_it_is_asked(client: Client) -> None:
    page = client.get("/diagnostic/etape/vous").content.decode()
    assert "Pourquoi cette question" in text(page) and "Facultatif" in text(page)
    assert "effacer cette réponse" in text(page)


def test_only_a_job_and_a_city_give_null_answers_not_defaults(client: Client) -> None:
    client.post("/diagnostic/etape/vous", {})
    client.post(
        "/diagnostic/etape/projet",
        {"kind": "new_job", "job": "Vendeuse en bijouterie", "job_code": "20556", "city": "Lyon"},
    )
    response = client.post("/diagnostic/etape/recherche", {"search_started": "01/2026"})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"].endswith("/diagnostic/"), response["Location"]
    stored = client.session[onboarding.GUEST_KEY]["input"]
    assert stored["profile"]["highest_degree"] is None and stored["profile"]["has_driving_license"] is None
    project = stored["project"]
    for key in ("seniority", "passion", "training", "weekly_applications", "interviews", "network", "employment_types"):
        assert project[key] is None, key
    page = client.get(response["Location"]).content.decode()
    assert "qualification que vous ne dites pas avoir" not in text(page)
    assert "vous plaît" not in text(page)
    assert "non évalué" in text(page)  # the search, without the interviews


def test_a_guest_gets_a_diagnostic_then_opens_an_advice_and_gives_feedback(client: Client) -> None:
    url = complete_onboarding(client)
    assert url.endswith("/diagnostic/")
    page = client.get(url).content.decode()
    assert "Votre diagnostic" in text(page)
    assert "sur 100" in text(page)
    assert "Vendeuse en bijouterie — Lyon (Rhône)" in text(page)
    assert 'href="/metiers/D1214?departement=69">Tout savoir sur le métier' in page
    assert 'href="/metiers/K2204?departement=69">Nettoyage de locaux</a>' in page  # a close job to explore
    advice_links = [part.split('"')[0] for part in page.split('href="/diagnostic/conseils/')[1:]]
    assert advice_links, "the diagnostic lists advice"
    advice = client.get(f"/diagnostic/conseils/{advice_links[0]}")
    assert advice.status_code == 200
    assert "Pourquoi ce conseil" in text(advice.content.decode())
    response = client.post(f"/diagnostic/conseils/{advice_links[0]}/avis", {"value": "useful"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Merci, votre avis est enregistré." in text(page)
    assert 'value="useful" id="avis-useful" class="fr-btn fr-btn--primary" aria-pressed="true"' in page
    assert client.post(f"/diagnostic/conseils/{advice_links[0]}/avis", {"value": "bof"}).status_code == 404
    assert client.get("/diagnostic/conseils/not-an-advice").status_code == 404


def test_diagnostic_without_answers_sends_to_the_onboarding(client: Client) -> None:
    response = client.get("/diagnostic/")
    assert response.status_code == 302 and "/diagnostic/commencer" in response["Location"]


def test_a_step_made_invalid_again_blocks_the_next_ones(client: Client) -> None:
    client.post("/diagnostic/etape/vous", VOUS)
    client.post("/diagnostic/etape/projet", PROJET)
    assert client.get("/diagnostic/etape/recherche").status_code == 200
    assert client.post("/diagnostic/etape/projet", {**PROJET, "job": ""}).status_code == 400
    response = client.get("/diagnostic/etape/recherche")
    assert response.status_code == 302 and response["Location"].endswith("/diagnostic/etape/projet")
    page = client.get(response["Location"]).content.decode()
    assert "Indiquez le métier que vous recherchez" in field_messages(page, "id_job")


def test_unknown_fields_are_not_kept_in_the_session(client: Client) -> None:
    """A visitor's session keeps the step's own answers, cut to a size no answer needs: 20 posts
    of 60 KB of made-up fields once made a 1.2 MB session table."""
    for _ in range(20):
        junk = {f"champ_{index}": secrets.token_hex(750) for index in range(40)}  # sessions are compressed
        response = client.post("/diagnostic/etape/vous", {**VOUS, **junk, "family": secrets.token_hex(1500)})
        assert response.status_code == 400  # the family is not one of the choices
    stored = Session.objects.get(pk=client.session.session_key).session_data
    assert len(stored) < 5_000, len(stored)
    raw = client.session[onboarding.SESSION_KEY]["raw"]["vous"]
    assert set(raw) == {"gender", "year_of_birth", "highest_degree", "has_driving_license", "family"}
    assert raw["year_of_birth"] == ["1990"] and len(raw["family"][0]) == onboarding.MAX_RAW_LENGTH
