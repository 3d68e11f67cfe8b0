"""Account pages: sign up from guest mode, log in and out, password reset, export, deletion."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client

from bob_emploi.web.accounts.models import User
from bob_emploi.web.projects.models import AdviceFeedback, Project
from tests.web.conftest import PASSWORD
from tests.web.pages.helpers import complete_onboarding, field_messages, input_value, sign_up, text

pytestmark = pytest.mark.django_db


def test_sign_up_errors_are_next_to_the_fields(client: Client) -> None:
    response = client.post("/compte/inscription", {"email": "pas-une-adresse", "password": "1234"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Saisissez une adresse e-mail valide" in field_messages(page, "id_email")
    assert input_value(page, "id_email") == "pas-une-adresse"
    assert field_messages(page, "id_password")  # too short, too common, only digits
    assert input_value(page, "id_password") == ""  # a password is never sent back


def test_a_guest_signs_up_and_finds_the_diagnostic_in_the_account(client: Client) -> None:
    complete_onboarding(client)
    page = client.get("/diagnostic/").content.decode()
    first_advice = page.split('href="/diagnostic/conseils/')[1].split('"')[0]
    client.post(f"/diagnostic/conseils/{first_advice}/avis", {"value": "done"})
    response = client.post("/compte/inscription", {"email": "Claire@Example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/compte/inscription/envoye"
    page = text(client.get(response["Location"]).content.decode())
    assert "Nous avons envoyé un e-mail à claire@example.org." in page
    assert "Votre diagnostic y sera enregistré." in page
    assert not client.session.get("_auth_user_id"), "the account opens with the e-mail's link"
    # The verification e-mail links to this site's page; opened in this browser, it opens the account.
    link = re.search(r"http://testserver(/compte/confirmer/\S+)", mail.outbox[-1].body)
    assert link
    response = client.get(link[1])
    project = Project.objects.get(user__email="claire@example.org")
    assert response.status_code == 302 and response["Location"] == f"/projets/{project.pk}/"
    assert project.diagnostic is not None and project.data["target_job"] == "20556"
    assert AdviceFeedback.objects.get(project=project).value == "done"
    page = text(client.get(response["Location"]).content.decode())
    assert "Votre adresse claire@example.org est confirmée et votre compte est ouvert." in page
    assert "Votre diagnostic y est enregistré." in page
    assert "Vendeuse en bijouterie" in page
    assert User.objects.get(email="claire@example.org").email_verified
    # The session no longer holds the guest's diagnostic.
    assert client.get("/diagnostic/").status_code == 302
    # The link works once; in another browser it only confirms the address.
    assert client.get(link[1]).status_code == 400


def test_the_link_opened_in_another_browser_confirms_without_opening_the_account(client: Client) -> None:
    client.post("/compte/inscription", {"email": "rose@example.org", "password": PASSWORD})
    link = re.search(r"http://testserver(/compte/confirmer/\S+)", mail.outbox[-1].body)
    assert link
    other = Client()
    response = other.get(link[1])
    assert response.status_code == 200
    assert "Merci, votre adresse rose@example.org est confirmée." in text(response.content.decode())
    assert not other.session.get("_auth_user_id")
    assert User.objects.get(email="rose@example.org").email_verified


def test_log_out_and_in_finds_the_projects(client: Client, alice: User) -> None:
    assert client.post("/compte/connexion", {"email": "alice@example.org", "password": "mauvais"}).status_code == 400
    response = client.post("/compte/connexion", {"email": "alice@example.org", "password": "mauvais mot de passe"})
    page = response.content.decode()
    assert "Adresse e-mail ou mot de passe incorrect." in field_messages(page, "id_password")
    assert input_value(page, "id_email") == "alice@example.org"
    response = client.post("/compte/connexion", {"email": " Alice@example.org ", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/projets/"
    page = text(client.get("/projets/").content.decode())
    assert "Connexion réussie." in page  # no gender given: a neutral sentence
    assert "Vous n'avez pas encore de projet." in page
    assert client.post("/compte/deconnexion").status_code == 302
    assert "Déconnexion réussie." in text(client.get("/").content.decode())
    assert client.get("/projets/")["Location"].startswith("/compte/connexion")


def test_logging_in_after_a_guest_diagnostic_saves_it(client: Client, alice: User) -> None:
    complete_onboarding(client)
    response = client.post(
        "/compte/connexion", {"email": "alice@example.org", "password": PASSWORD, "keep_diagnostic": "on"}
    )
    project = Project.objects.get(user=alice)
    assert response["Location"] == f"/projets/{project.pk}/"
    assert "Vous êtes connectée." in text(client.get(response["Location"]).content.decode())  # "au féminin"


def test_too_many_failures_lock_the_login(client: Client, alice: User) -> None:
    for _ in range(5):
        client.post("/compte/connexion", {"email": "alice@example.org", "password": "pas le bon mot de passe"})
    response = client.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion échouées : réessayez dans 30 minutes." in text(response.content.decode())


def test_password_reset_by_email(client: Client, alice: User) -> None:
    response = client.post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/compte/nouveau-mot-de-passe/\S+)", mail.outbox[-1].body)
    assert link
    form_url = client.get(link[1])["Location"]  # Django hides the token behind a redirect
    response = client.post(form_url, {"new_password1": "nouveau", "new_password2": "autre"})
    assert response.status_code == 200
    page = response.content.decode()
    assert field_messages(page, "id_new_password2")
    assert "<title>Erreur : Choisir un nouveau mot de passe" in page  # as on every form sent back
    response = client.post(
        form_url, {"new_password1": "un tout nouveau secret", "new_password2": "un tout nouveau secret"}
    )
    assert response.status_code == 302
    assert (
        client.post("/compte/connexion", {"email": "alice@example.org", "password": "un tout nouveau secret"})[
            "Location"
        ]
        == "/projets/"
    )


def test_projects_edit_new_delete_export_and_account_deletion(client: Client) -> None:
    complete_onboarding(client)
    sign_up(client, "dora@example.org")
    project = Project.objects.get(user__email="dora@example.org")
    page = client.get("/projets/").content.decode()
    assert "Vendeuse en bijouterie — Lyon" in text(page)
    # Edit: the onboarding again, with the saved answers.
    assert client.get(f"/projets/{project.pk}/modifier")["Location"] == "/diagnostic/etape/vous"
    assert input_value(client.get("/diagnostic/etape/vous").content.decode(), "id_year_of_birth") == "1990"
    assert input_value(client.get("/diagnostic/etape/projet").content.decode(), "id_city") == "Lyon"
    response = client.post(
        "/diagnostic/etape/recherche",
        {
            "search_started": "02/2026",
            "weekly_applications": "16+",
            "interviews": "4",
            "network": "strong",
            "employment_types": ["cdi"],
        },
    )
    assert response["Location"] == f"/projets/{project.pk}/"
    project.refresh_from_db()
    assert project.data["weekly_applications"] == "16+" and project.diagnostic is not None
    # Someone else's project is a 404.
    other = Client()
    sign_up(other, "eve@example.org")
    assert other.get(f"/projets/{project.pk}/").status_code == 404
    assert other.post(f"/projets/{project.pk}/supprimer").status_code == 404
    # Export.
    response = client.get("/compte/export")
    assert response["Content-Disposition"].startswith("attachment")
    exported = json.loads(response.content)
    assert exported["account"]["email"] == "dora@example.org"
    assert exported["projects"][0]["project"]["target_job"] == "20556"
    # Delete the project, then the account.
    assert client.post(f"/projets/{project.pk}/supprimer").status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    response = client.post("/compte/supprimer", {"confirm": "non"})
    assert response.status_code == 400
    assert "Tapez exactement SUPPRIMER" in field_messages(response.content.decode(), "id_confirm")
    assert input_value(response.content.decode(), "id_confirm") == "non"
    response = client.post("/compte/supprimer", {"confirm": "SUPPRIMER"})
    assert response["Location"] == "/"
    assert not User.objects.filter(email="dora@example.org").exists()


def test_a_project_that_no_longer_fits_the_data_is_sent_to_editing(client: Client, alice: User) -> None:
    """A new bundle may drop a city or a job: the person is asked to check the answers, never a 500."""
    project = Project.objects.create(user=alice, data={"target_job": "20556", "city": "99999", "kind": "new_job"})
    client.force_login(alice)
    response = client.get(f"/projets/{project.pk}/")
    assert response["Location"] == f"/projets/{project.pk}/modifier"
    assert client.get(response["Location"])["Location"] == "/diagnostic/etape/vous"
    page = text(client.get("/diagnostic/etape/vous").content.decode())
    assert "Vos réponses ne correspondent plus aux données de Bob" in page
    page = client.get("/diagnostic/etape/projet").content.decode()
    assert "Indiquez la ville où vous habitez." in field_messages(page, "id_city")
    assert input_value(page, "id_job") == "Vendeur / Vendeuse en bijouterie"
