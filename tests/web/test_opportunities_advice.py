"""Live offers and employers in the advice they concern, on the diagnostic's cards and the advice page,
against the fake France Travail server run as a real process; the pre-filled links stand in otherwise."""

from __future__ import annotations

import time
import urllib.parse

import pytest
from django.core.cache import cache
from django.test import Client

from bob_emploi.advisor import schema
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.web.accounts.models import User
from bob_emploi.web.opportunities import display, fetch, service
from bob_emploi.web.projects import services
from bob_emploi.web.projects.models import Project
from tests.web.conftest import LYON, advisor_input

pytestmark = pytest.mark.django_db
JEWELLERY = "D1214"


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FT_CLIENT_ID", raising=False)
    monkeypatch.delenv("FT_CLIENT_SECRET", raising=False)
    cache.clear()


def _project(user: User) -> Project:
    """A young person who applies little and accepts alternance: offers, employers and alternance advice."""
    data = advisor_input(employment_types=["cdi", "alternance"], weekly_applications="0-2")
    data["profile"] = {"gender": "feminine", "year_of_birth": 2005, "highest_degree": "bac"}
    request = schema.AdvisorInput.model_validate(data)
    services.save_profile(user, request.profile)
    project = services.create_project(user, request.project)
    services.diagnose(project)
    project.refresh_from_db()
    assert project.diagnostic is not None
    shown = {item["id"] for item in project.diagnostic["advice"]}
    assert {"job_boards", "spontaneous_application", "alternance"} <= shown, shown
    return project


def _settled(seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kinds = [service.lookup(JEWELLERY, LYON, "69", kind).status for kind in ("local", "alternance")]
        if "pending" not in kinds:
            return
        time.sleep(0.05)
    raise AssertionError("the refresh never settled")


def _card(page: str, advice_id: str) -> str:
    """The HTML of one advice card of the diagnostic page."""
    start = page.index(f'conseils/{advice_id}"')
    ends = [end for end in (page.find('<li class="fr-card', start), page.find("</ol>", start)) if end != -1]
    return page[start : min(ends)]


def _get(client: Client, url: str) -> tuple[str, float]:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    assert response.status_code == 200
    return response.content.decode(), seconds


def test_cards_and_advice_pages_show_offers_employers_and_alternance(alice: User, france_travail: FakeServer) -> None:
    project = _project(alice)
    client = Client()
    client.force_login(alice)
    first, _ = _get(client, f"/projets/{project.pk}/")
    assert "rechargez la page dans quelques secondes" in _card(first, "job_boards")
    assert "lieux=69123" in _card(first, "job_boards")  # the pre-filled search stands in meanwhile
    _settled()
    page, _ = _get(client, f"/projets/{project.pk}/")
    offers = _card(page, "job_boards")
    assert "Les dernières offres (42 au total)" in offers and "publiée le 15\u00a0janvier 2025" in offers
    assert offers.count("offres/recherche/detail/") == 3 and "fr-enlarge-link" not in offers
    employers = _card(page, "spontaneous_application")
    assert "Des entreprises susceptibles d&#x27;embaucher" in employers or "susceptibles d'embaucher" in employers
    assert "Boîte 0" in employers and "10 à 19 salariés" in employers and "La Bonne Boîte (France Travail)" in employers
    alternance = _card(page, "alternance")
    assert "Les dernières offres d'apprentissage" in alternance
    assert "labonnealternance.apprentissage.beta.gouv.fr/recherche?romes=D1214" in alternance
    # The advice page shows every result fetched, with the same pre-filled links.
    advice, _ = _get(client, f"/projets/{project.pk}/conseils/job_boards")
    assert advice.count("offres/recherche/detail/") == fetch.OFFERS_SHOWN and "Des offres pour vous" in advice
    spontaneous, _ = _get(client, f"/projets/{project.pk}/conseils/spontaneous_application")
    assert (
        spontaneous.count("Boîte ") >= fetch.COMPANIES_SHOWN
        and "susceptibles d&#x27;embaucher près de chez vous" in spontaneous
    ) or "susceptibles d'embaucher près de chez vous" in spontaneous
    # Apprenticeship offers were asked with the apprenticeship contract; nothing personal left Bob.
    queries = [urllib.parse.parse_qs(call["query"]) for call in france_travail.stats()["calls"] if call["query"]]
    assert any(query.get("natureContrat") == [fetch.APPRENTICESHIP] for query in queries)
    sent = {key for query in queries for key in query}
    assert sent <= {
        "codeROME",
        "commune",
        "departement",
        "range",
        "rome",
        "citycode",
        "page",
        "page_size",
        "natureContrat",
    }


def test_a_slow_api_never_slows_the_pages_and_the_links_stand_in(alice: User, france_travail: FakeServer) -> None:
    project = _project(alice)
    france_travail.control(delay=2.0)
    client = Client()
    client.force_login(alice)
    page, seconds = _get(client, f"/projets/{project.pk}/")
    assert seconds < 1.0, f"the diagnostic waited {seconds:.2f} s on France Travail"
    _settled()
    page, seconds = _get(client, f"/projets/{project.pk}/")
    card = _card(page, "job_boards")
    assert "ne sont pas disponibles pour le moment" in card and "lieux=69123" in card
    assert "ne sont pas disponibles pour le moment" in _card(page, "spontaneous_application")
    assert "labonneboite.francetravail.fr" in _card(page, "spontaneous_application")
    advice, _ = _get(client, f"/projets/{project.pk}/conseils/alternance")
    assert "ne sont pas disponibles pour le moment" in advice and "romes=D1214" in advice


def test_without_credentials_the_cards_stay_plain_and_the_pages_say_where_to_search(
    alice: User, no_credentials: None
) -> None:
    project = _project(alice)
    client = Client()
    client.force_login(alice)
    page, _ = _get(client, f"/projets/{project.pk}/")
    card = _card(page, "job_boards")
    assert "fr-enlarge-link" in page[page.rindex("<li", 0, page.index('conseils/job_boards"')) :][:200]
    assert "Les dernières offres" not in card and "rechargez" not in card
    advice, _ = _get(client, f"/projets/{project.pk}/conseils/job_boards")
    assert "Bob n&#x27;affiche pas" in advice or "Bob n'affiche pas" in advice
    assert "candidat.francetravail.fr/offres/recherche?motsCles=D1214&amp;lieux=69123&amp;rayon=10" in advice
    assert project.diagnostic is not None
    other = next(item["id"] for item in project.diagnostic["advice"] if item["id"] not in display.ADVICE_SHOWS)
    plain, _ = _get(client, f"/projets/{project.pk}/conseils/{other}")
    assert "Bob n&#x27;affiche pas" not in plain and "Bob n'affiche pas" not in plain
