"""The job page on the full bundle built from the real open data: published figures, the map, bad input.

The serveuse in Savoie of issue 14: G1803, département 73, whose headline family is S2X61
« Serveurs de cafés restaurants »; BMO 2025 publishes 2,795 hiring projects for it in Savoie.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bob_emploi.data import Referential
from bob_emploi.web.pages import map_outlines
from tests.web.pages.helpers import text

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SERVEUSE = "/metiers/G1803?departement=73&appellation=19427&genre=feminine"  # Serveuse de restaurant


def test_serveuse_in_savoie_reads_the_published_figures(client: Client, use_real_bundle: Referential) -> None:
    html = client.get(SERVEUSE).content.decode()
    page = text(html)
    # Titled for the person; the ROME job group as a subtitle; the code only on the discreet reference line.
    assert re.search(r"<h1[^>]*>Serveuse de restaurant</h1>", html)
    assert "Métier du répertoire ROME « Serveur / Serveuse en restauration »" in page
    assert page.count("G1803") == 1 and "Référence ROME : G1803" in page
    assert "Cet emploi" not in page and "Fiche ROME" not in page
    # First screen: what it is, whether the law requires a diploma, the market here with source and year.
    summary = page[page.index("Le Serveur en restauration") : page.index("Le marché du travail en Savoie")]
    assert "Diplôme exigé par la loi : non" in summary
    assert "En Savoie : 2 795 projets de recrutement en 2025" in summary
    assert "enquête BMO 2025, France Travail" in summary
    assert "la famille de métiers « Serveurs de cafés restaurants »" in summary
    # The figures as published, with no-break spaces in numbers and before colons.
    assert "2\u00a0795 projets de recrutement" in html
    assert "Tension sur le recrutement (de 1, très faible, à 5, très forte)&nbsp;:" in html
    for expected in ("Part des projets saisonniers", "Évolution des projets de recrutement de 2023 à 2025"):
        assert expected in page
    assert "Salaire médian (France entière) : 1 350 € net par mois" in page
    # Folded sections, closed by default and readable without JavaScript.
    for section in ("activites", "competences", "contextes", "secteurs", "appellations", "proches"):
        assert re.search(rf'<details class="bob-details" id="{section}">', html), section
    assert "Savoir-être professionnels" in page


def test_the_map_has_one_shape_per_departement_and_its_table_the_same_values(
    client: Client, use_real_bundle: Referential
) -> None:
    html = client.get(SERVEUSE).content.decode()
    svg = re.search(r'<svg[^>]*class="bob-chart bob-map".*?</svg>', html, re.S)
    assert svg
    shapes = dict(re.findall(r'<(?:path|g) data-code="(\w+)"[^>]*>(?:<title>|.*?<title>)([^<]*)</title>', svg[0]))
    metro = {code for code, d in use_real_bundle.departements.items() if d.zone == "metro"}
    overseas = {code for code, d in use_real_bundle.departements.items() if d.zone == "drom"}
    assert set(shapes) == metro | overseas and len(metro) == 96 and len(overseas) == 5
    assert len(re.findall(r"<path data-code=", svg[0])) == len(map_outlines.outlines().paths) == 96
    assert 'stroke="#ce0500"' in svg[0]  # Savoie outlined
    row = r'<tr data-code="(\w+)"[^>]*><th scope="row">[^<]*</th><td>[^<]*</td><td>([^<]*)</td>'
    rows = dict(re.findall(row, html))
    assert set(rows) == set(shapes)
    for code, title in shapes.items():
        assert title.endswith(f"\u00a0: {rows[code]}"), (code, title, rows[code])
    assert "Savoie\u00a0: " in shapes["73"] and rows["73"] != "pas de chiffre"
    # The same figure of Savoie as on the first screen, in the table.
    assert re.search(r'<tr data-code="73"[^>]*><th scope="row">73 – Savoie</th><td>2\u00a0795</td>', html)
    # The other figure of the map: % difficult, the same share as the summary's.
    difficult = client.get(SERVEUSE + "&carte=difficiles").content.decode()
    savoie = re.search(r'<path data-code="73"[^>]*><title>Savoie\u00a0: ([^<]*)</title>', difficult)
    assert savoie and f"dont {savoie[1]} jugés difficiles" in difficult  # 41 %, in the summary too


def test_any_departement_by_url_and_bad_input(client: Client, use_real_bundle: Referential) -> None:
    overseas = text(client.get("/metiers/G1803?departement=974").content.decode())
    assert "Le marché du travail à La Réunion" in overseas
    by_name = text(client.get("/metiers/G1803?departement=savoie").content.decode())
    assert "Le marché du travail en Savoie" in by_name
    cote_d_or = text(client.get("/metiers/G1803?departement=cote d or").content.decode())
    assert "Le marché du travail en Côte-d'Or" in cote_d_or
    assert "Le marché du travail en Isère" in text(client.get("/metiers/G1803?departement=ISERE").content.decode())
    unknown = client.get("/metiers/G1803?departement=99z")
    assert unknown.status_code == 200
    assert "Nous ne connaissons pas le département « 99z »" in text(unknown.content.decode())
    assert client.get("/metiers/ZZ999?departement=73").status_code == 404
    lower = client.get("/metiers/g1803?departement=73")
    assert lower.status_code == 200 and "2\u00a0795" in lower.content.decode()
    wrong_title = text(client.get("/metiers/G1803?appellation=11573&genre=feminine").content.decode())
    assert "Serveuse en restauration" in wrong_title  # a title of another job group is ignored
    hostile = client.get("/metiers/G1803?departement=%3Cscript%3E&carte=%3Cx%3E&genre=x&appellation=%00")
    assert hostile.status_code == 200 and "<script>" not in hostile.content.decode()


def test_a_job_without_published_figures_says_so(client: Client, use_real_bundle: Referential) -> None:
    # Mayotte has no BMO row for most families: the page says there is no figure, never zero.
    page = text(client.get("/metiers/G1803?departement=976").content.decode())
    assert "Le marché du travail à Mayotte" in page
    assert "Pas de" in page
