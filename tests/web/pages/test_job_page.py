"""The job page: the job, then the local market in SVG charts with data tables, or why there is none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from bob_emploi.data import Referential
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
    assert html.count('role="img"') == 3  # offers, seasons, contracts (no BMO figures: no map)
    for chart in re.findall(r"<svg.*?</svg>", html, re.S):
        assert "<title" in chart and "<desc" in chart and "style=" not in chart and "<script" not in chart
    # Offers vs applicants: the département, its région, France, in a table too.
    assert re.search(r"Rhône 12 40 3,0 Auvergne-Rhône-Alpes 15 70 2,1 France entière 16 95 1,7", page), page
    assert "Échantillon de format, pas des statistiques réelles" in page
    assert page.count("échantillon de format, pas des statistiques réelles") >= 2  # each table's caption
    # No BMO or DARES figure in this bundle: the page says so above the samples, never a zero.
    assert "Pas de données pour ce métier dans le Rhône" in page
    # Seasons and contracts.
    assert "Mois de pic d'embauche : juillet, décembre." in page
    assert "CDI 6 50,0 %" in page


def test_market_where_the_departement_has_no_figure(client: Client, use_market_bundle: Path) -> None:
    page = text(client.get("/metiers/K2204?departement=38").content.decode())
    assert "Pas de données pour ce métier en Isère" in page


def test_the_departement_is_asked_when_unknown(client: Client, use_market_bundle: Path) -> None:
    page = text(client.get("/metiers/D1214?departement=zz").content.decode())
    assert "Choisissez un département pour voir son marché." in page


def test_coming_from_the_diagnostic_the_page_is_titled_for_the_person(client: Client) -> None:
    from tests.web.pages.helpers import complete_onboarding

    complete_onboarding(client)  # a woman looking for "Vendeuse en bijouterie" in Lyon
    html = client.get("/metiers/D1214").content.decode()
    assert re.search(r"<h1[^>]*>Vendeuse en bijouterie</h1>", html)
    page = text(html)
    assert "Métier du répertoire ROME « Vente en habillement et accessoires de la personne »" in page
    assert "Le marché du travail dans le Rhône" in page  # her own département, without asking
    # Another job group keeps its own name.
    assert re.search(r"<h1[^>]*>Nettoyage de locaux</h1>", client.get("/metiers/K2204").content.decode())


def test_no_departement_picker_when_there_is_nothing_to_pick(client: Client) -> None:
    html = client.get("/metiers/D1214").content.decode()
    assert 'name="departement"' not in html and "<select" not in html
    assert "Pas de données sur le marché du travail" in text(html)


def test_the_url_of_a_job_page_for_a_person(client: Client) -> None:
    from bob_emploi.web.pages.views.jobs import job_url

    url = job_url("D1214", title_code="20556", gender="feminine", departement="38")
    assert url == "/metiers/D1214?departement=38&appellation=20556&genre=feminine"
    assert job_url("D1214", gender="unknown") == "/metiers/D1214"
    assert re.search(r"<h1[^>]*>Vendeuse en bijouterie</h1>", client.get(url).content.decode())


def test_the_shipped_outlines_are_those_the_script_derives_from_the_npm_package(tmp_path: Path) -> None:
    """departements.json is regenerated, never edited: `python -m bob_emploi.web.pages.map_outlines`."""
    from bob_emploi.web.pages import map_outlines
    from tests.conftest import PROJECT_ROOT

    source = PROJECT_ROOT / map_outlines.DEFAULT_SOURCE
    assert source.is_file(), "run `npm ci` at the repository root"
    out = tmp_path / "departements.json"
    assert map_outlines.regenerate(source, out) == 96
    assert out.read_text(encoding="utf-8") == map_outlines.DATA_FILE.read_text(encoding="utf-8")
    shapes = map_outlines.outlines()
    assert len(shapes.paths) == 96 and {"2A", "2B", "75", "73"} <= set(shapes.paths)
    assert "CC BY 4.0" in shapes.credit


@pytest.mark.slow
def test_close_jobs_show_the_skills_in_common_and_their_local_hiring(
    client: Client, use_real_bundle: Referential
) -> None:
    """The same comparison as the advice (advisor.closejobs) and the same figures as the diagnostic."""
    from bob_emploi.advisor import closejobs
    from bob_emploi.advisor.jobdata import referential_data

    html = client.get("/metiers/N1101?departement=38").content.decode()
    section = text(html.split('id="proches"')[1].split("</details>")[0])
    match = closejobs.compare(use_real_bundle, "N1101", "N1103")
    assert f"Compétences en commun avec ce métier : {match.shared_count} sur {match.total}, dont « " in section
    assert f"À acquérir en priorité : « {match.missing[0].label}" in section
    facts = referential_data(use_real_bundle).facts("N1103", "38")
    assert facts.projects is not None
    assert closejobs.hiring_text(facts, "en Isère")[:40] in section
    assert "enquête BMO 2025, France Travail" in section
    # Without a département: the skills, no hiring figure.
    section = text(client.get("/metiers/N1101").content.decode().split('id="proches"')[1].split("</details>")[0])
    assert "Compétences en commun avec ce métier" in section and "enquête BMO" not in section
