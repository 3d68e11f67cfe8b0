"""What every page shares: title, skip links, breadcrumbs, no inline script or style, error pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from bob_emploi.web.pages.views import public
from tests.web.pages.helpers import complete_onboarding, input_value, sign_up, text

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "/": "Accueil",
    "/mentions-legales": "Mentions légales",
    "/donnees-personnelles": "Données personnelles",
    "/accessibilite": "Déclaration d'accessibilité",
    "/diagnostic/etape/vous": "Étape 1 sur 3 : Vous",
    "/compte/connexion": "Se connecter",
    "/compte/inscription": "Créer un compte",
    "/compte/mot-de-passe-oublie": "Mot de passe oublié",
    "/metiers/D1214": "Vente en habillement et accessoires de la personne",
}


def _assert_self_contained(url: str, page: str) -> None:
    """Nothing inline that the CSP would block, nothing from another host."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), f"{url}: inline script"
    assert not re.search(r"<style\b", page) and not re.search(r"\sstyle=", page), f"{url}: inline style"
    assert not re.search(r"\son[a-z]+=", page), f"{url}: inline event handler"
    for resource in re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page):
        assert resource.startswith("/static/"), f"{url}: {resource} is not one of our static files"


@pytest.mark.parametrize(("url", "title"), PUBLIC_PAGES.items())
def test_public_pages_have_a_title_skip_links_and_nothing_inline(client: Client, url: str, title: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    page = response.content.decode()
    assert re.search(r"<title>\s*" + re.escape(title.replace("'", "&#x27;")) + " — Bob", page), url
    assert '<html lang="fr"' in page
    assert '<a class="fr-link" href="#contenu">Contenu</a>' in page and 'id="contenu"' in page
    if url != "/":
        assert 'aria-current="page">' + title.replace("'", "&#x27;") in page  # the breadcrumb's last item
    _assert_self_contained(url, page)


def test_pages_after_the_onboarding_are_self_contained_too(client: Client, use_market_bundle: Path) -> None:
    complete_onboarding(client)
    page = client.get("/diagnostic/").content.decode()
    advice = page.split('href="/diagnostic/conseils/')[1].split('"')[0]
    urls = ["/diagnostic/", f"/diagnostic/conseils/{advice}", "/metiers/D1214?departement=69"]
    for url in urls:
        _assert_self_contained(url, client.get(url).content.decode())
    # The menu leads back to the visitor's diagnostic.
    assert 'href="/diagnostic/">Mon diagnostic</a>' in client.get("/").content.decode()
    # The advisor quoted market figures from format samples: the diagnostic says so.
    assert "échantillon de format, pas de statistiques réelles" in text(client.get("/diagnostic/").content.decode())
    sign_up(client, "zoe@example.org")
    for url in ["/projets/", "/compte/"]:
        _assert_self_contained(url, client.get(url).content.decode())


def test_404_page(client: Client) -> None:
    response = client.get("/nulle-part")
    assert response.status_code == 404
    page = text(response.content.decode())
    assert "Page introuvable" in page and "Erreur 404" in page and "Page d'accueil" in page


def test_500_page_needs_nothing_but_the_template() -> None:
    response = public.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Erreur inattendue" in text(page) and "Erreur 500" in text(page)
    _assert_self_contained("500", page)


def test_a_new_project_starts_from_the_saved_profile(client: Client) -> None:
    complete_onboarding(client)
    sign_up(client, "yann@example.org")
    response = client.post("/projets/nouveau")
    assert response["Location"] == "/diagnostic/etape/vous"
    page = client.get("/diagnostic/etape/vous").content.decode()
    assert input_value(page, "id_year_of_birth") == "1990"
    assert client.get("/diagnostic/etape/projet")["Location"] == "/diagnostic/etape/vous"  # to confirm first
    # A POST only (it resets the onboarding): a GET leads to the page with its button, and resets nothing.
    assert client.get("/projets/nouveau")["Location"] == "/projets/"
    assert input_value(client.get("/diagnostic/etape/vous").content.decode(), "id_year_of_birth") == "1990"
