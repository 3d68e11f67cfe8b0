"""The job page: the job, then the local market in SVG charts with data tables, or why there is none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.web.pages.helpers import text

pytestmark = pytest.mark.django_db


def test_without_market_data_the_page_says_so(client: Client) -> None:
    response = client.get("/metiers/D1214?departement=69")
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "Vente en habillement et accessoires de la personne" in page
    assert "Vend des articles d'habillement" in page  # the ROME definition
    assert "Techniques de vente" in page  # a skill
    assert "Nettoyage de locaux" in page  # a close job
    assert "Pas de données sur le marché du travail" in page
    assert "<svg" not in response.content.decode()


def test_unknown_job_is_a_404_page(client: Client) -> None:
    response = client.get("/metiers/Z9999")
    assert response.status_code == 404
    assert "Page introuvable" in text(response.content.decode())


def test_market_pictures_with_tables_labelled_as_samples(client: Client, use_market_bundle: Path) -> None:
    html = client.get("/metiers/D1214?departement=69").content.decode()
    page = text(html)
    assert html.count('role="img"') == 4  # offers, map, seasons, contracts
    for chart in re.findall(r"<svg.*?</svg>", html, re.S):
        assert "<title" in chart and "<desc" in chart and "style=" not in chart and "<script" not in chart
    # Offers vs applicants: the département, its région, France, in a table too.
    assert re.search(r"Rhône 12 40 3,0 Auvergne-Rhône-Alpes 15 70 2,1 France entière 16 95 1,7", page), page
    assert "Échantillon de format, pas des statistiques réelles" in page
    assert page.count("échantillon de format, pas des statistiques réelles") >= 3  # each table's caption
    # The map has a square per département, Rhône outlined; its table lists every département with figures.
    assert 'stroke="#000091" stroke-width="3"' in html
    assert "974 – La Réunion 1 25 0,4" in page
    # Seasons and contracts.
    assert "Mois de pic d'embauche : juillet, décembre." in page
    assert "CDI 6 50,0 %" in page


def test_market_where_the_departement_has_no_figure(client: Client, use_market_bundle: Path) -> None:
    page = text(client.get("/metiers/K2204?departement=38").content.decode())
    assert "Pas de données pour ce métier en Isère" in page


def test_the_departement_is_asked_when_unknown(client: Client, use_market_bundle: Path) -> None:
    page = text(client.get("/metiers/D1214?departement=zz").content.decode())
    assert "Choisissez un département pour voir son marché." in page
