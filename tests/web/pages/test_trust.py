"""Trust and small dead ends (issue 14): who publishes the site, the RQTH on the privacy page,
and no empty 405 on a URL that only takes a form's POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bob_emploi.web.accounts.models import User
from tests.web.pages.helpers import text

pytestmark = pytest.mark.django_db


def test_without_a_publisher_the_pages_say_it_is_a_development_instance(client: Client) -> None:
    html = client.get("/mentions-legales").content.decode()
    page = text(html)
    assert "Instance de développement" in page
    assert "aucun éditeur, aucun directeur de la publication ni aucun hébergeur n'est déclaré" in page
    assert "L'organisme qui déploie ce service indique ici" not in page
    assert "République<br>française" not in html  # no Marianne block: not a State service
    assert "CC BY 4.0" in page  # the map's credit
    home = client.get("/").content.decode()
    assert "République<br>française" not in home and "Instance de développement" in text(home)


def test_a_declared_publisher_and_a_state_service(client: Client, settings: Any) -> None:
    settings.BOB_PUBLISHER_NAME = "Association Exemple"
    settings.BOB_PUBLISHER_ADDRESS = "1 rue de l'Exemple, 75001 Paris"
    settings.BOB_PUBLICATION_DIRECTOR = "Camille Martin"
    settings.BOB_CONTACT_EMAIL = "contact@example.org"
    settings.BOB_HOST = "Hébergeur SAS, 2 rue du Serveur, 59000 Lille"
    page = text(client.get("/mentions-legales").content.decode())
    assert "Ce service est édité par Association Exemple" in page and "1 rue de l'Exemple, 75001 Paris." in page
    assert "Directeur ou directrice de la publication : Camille Martin." in page
    assert "Hébergeur : Hébergeur SAS, 2 rue du Serveur, 59000 Lille." in page
    assert "Ce service n'est pas un service de l'État." in page
    assert "Instance de développement" not in page
    assert "République<br>française" not in client.get("/").content.decode()
    settings.BOB_STATE_SERVICE = True
    html = client.get("/mentions-legales").content.decode()
    assert "République<br>française" in html and "n'est pas un service de l'État" not in html
    privacy = text(client.get("/donnees-personnelles").content.decode())
    assert "Association Exemple" in privacy and "contact@example.org" in privacy


def test_the_privacy_page_lists_the_rqth_as_sensitive_data_with_its_legal_basis(client: Client) -> None:
    page = text(client.get("/donnees-personnelles").content.decode())
    section = page[page.index("Une donnée sensible") :]
    assert "reconnaissance de la qualité de travailleur handicapé (RQTH)" in section
    assert "donnée de santé" in section and "article 9" in section
    assert "Base légale : votre consentement explicite (article 9.2.a du RGPD)" in section
    assert "Répondre est facultatif" in section
    assert "Retirer votre consentement" in section


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/compte/supprimer", "/compte/"),
        ("/compte/deconnexion", "/"),
        ("/compte/confirmer/renvoyer", "/compte/"),
        ("/projets/nouveau", "/projets/"),
        ("/diagnostic/conseils/un-conseil/avis", "/diagnostic/conseils/un-conseil"),
        ("/projets/12/conseils/un-conseil/avis", "/projets/12/conseils/un-conseil"),
    ],
)
def test_a_get_on_a_post_only_url_leads_to_its_form(client: Client, url: str, target: str) -> None:
    response = client.get(url)
    assert response.status_code == 303 and response["Location"] == target
    assert client.head(url).status_code == 303
    other = client.put(url)
    assert other.status_code == 405 and other["Allow"] == "POST"
    page = text(other.content.decode())
    assert "Action impossible à cette adresse" in page and "Aller à la page du formulaire" in page


def test_a_signed_in_person_following_a_get_on_delete_reaches_the_account_page(client: Client) -> None:
    user = User.objects.create_user("lea@example.org", "un mot de passe assez long")
    client.force_login(user)
    response = client.get("/compte/supprimer", follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/compte/"
    assert User.objects.filter(pk=user.pk).exists()  # a GET never deletes
    response = client.get("/projets/nouveau", follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/projets/"
