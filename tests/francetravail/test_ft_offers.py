"""Offres d'emploi v2: paging through `range` / `Content-Range`, offers by id, referentials."""

from __future__ import annotations

import urllib.parse

import pytest

from bob_emploi.francetravail import (
    BadRequestError,
    Client,
    ContentRange,
    NotFoundError,
    Offer,
    OfferFilters,
    Operation,
)
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.francetravail.offers import search_page_operation


def _ranges(server: FakeServer) -> list[str]:
    calls = [call for call in server.stats()["calls"] if call["path"].endswith("/offres/search")]
    return [urllib.parse.parse_qs(call["query"])["range"][0] for call in calls]


def test_iteration_is_lazy(ft_client: Client, server: FakeServer) -> None:
    server.control(offers_total=400)
    results = ft_client.offers.search(OfferFilters(code_rome="M1805"))
    assert server.stats()["api_calls"] == 0, "creating the iterator fetches nothing"
    assert results.total is None

    first = next(results)
    assert isinstance(first, Offer)
    assert _ranges(server) == ["0-149"]
    assert results.total == 400

    for _ in range(149):
        next(results)
    assert _ranges(server) == ["0-149"], "the first page is used up before asking the next"
    next(results)
    assert _ranges(server) == ["0-149", "150-299"]


def test_pages_up_to_the_documented_ceiling(ft_client: Client, server: FakeServer) -> None:
    server.control(offers_by_rome={"M1805": 3456})
    results = ft_client.offers.search(OfferFilters(code_rome="M1805", departement="75"))

    offers = list(results)

    assert len(offers) == 3150
    assert len({offer.id for offer in offers}) == 3150
    ranges = _ranges(server)
    assert len(ranges) == 21 == results.pages_fetched
    assert ranges[-1] == "3000-3149"
    assert results.total == 3456
    assert results.truncated


def test_last_page_is_200_and_stops(ft_client: Client, server: FakeServer) -> None:
    server.control(offers_total=160)
    offers = list(ft_client.offers.search(OfferFilters(code_rome="F1702")))
    assert len(offers) == 160
    assert _ranges(server) == ["0-149", "150-159"]


def test_a_single_complete_page(ft_client: Client, server: FakeServer) -> None:
    page = ft_client.offers.search_page(OfferFilters(code_rome="M1805"), 0, 149)
    assert page.status == 200
    assert page.complete
    assert page.content_range == ContentRange("offres", 0, 41, 42)
    assert page.facets[0].filtre == "typeContrat"
    assert len(page.offers) == 42


def test_max_results_limits_the_ranges_asked(ft_client: Client, server: FakeServer) -> None:
    server.control(offers_total=1000)
    offers = list(ft_client.offers.search(OfferFilters(code_rome="M1805"), max_results=200))
    assert len(offers) == 200
    assert _ranges(server) == ["0-149", "150-199"]


def test_no_content_is_an_empty_search(ft_client: Client, server: FakeServer) -> None:
    server.control(offers_total=0)
    results = ft_client.offers.search(OfferFilters(code_rome="M1805"))
    assert list(results) == []
    assert results.total == 0
    page = ft_client.offers.search_page(OfferFilters(code_rome="M1805"))
    assert page.status == 204
    assert page.offers == []


def test_filters_become_the_documented_parameters(ft_client: Client, server: FakeServer) -> None:
    filters = OfferFilters(
        code_rome=["M1805", "M1806"],
        departement="69",
        commune="69123",
        distance=10,
        type_contrat=("CDI", "CDD"),
        experience="D",
        publiee_depuis=7,
        mots_cles="python",
        temps_plein=True,
    )
    ft_client.offers.search_page(filters, 0, 9)
    query = urllib.parse.parse_qs(server.stats()["calls"][0]["query"])
    assert query == {
        "codeROME": ["M1805,M1806"],
        "departement": ["69"],
        "commune": ["69123"],
        "distance": ["10"],
        "typeContrat": ["CDI,CDD"],
        "experience": ["D"],
        "publieeDepuis": ["7"],
        "motsCles": ["python"],
        "tempsPlein": ["true"],
        "range": ["0-9"],
    }


def test_ranges_beyond_the_ceiling_are_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="3000"):
        search_page_operation(OfferFilters(), 3001, 3010)
    with pytest.raises(ValueError):
        search_page_operation(OfferFilters(), 0, 150)


def test_server_refusal_of_a_range_is_a_bad_request_with_its_message(ft_client: Client) -> None:
    valid = search_page_operation(OfferFilters(), 0, 9)
    params = tuple((key, "3100-3200" if key == "range" else value) for key, value in valid.params)
    with pytest.raises(BadRequestError, match="3149") as caught:
        ft_client.execute(Operation(valid.api, valid.method, valid.path, valid.parse, params))
    assert caught.value.status == 400
    assert caught.value.body is not None and "codeHttp" in caught.value.body


def test_offer_by_id_keeps_unknown_fields(ft_client: Client) -> None:
    offer = ft_client.offers.get("123ABCD")
    assert offer.id == "123ABCD"
    assert offer.lieuTravail is not None
    assert offer.model_extra == {"champFutur": {"ajoutéPlusTard": True}}


def test_unknown_offer_is_not_found(ft_client: Client, server: FakeServer) -> None:
    with pytest.raises(NotFoundError) as caught:
        ft_client.offers.get("UNKNOWN1")
    assert caught.value.status == 404
    assert caught.value.url == f"{server.api_url}/offresdemploi/v2/offres/UNKNOWN1"
    assert "Aucune offre" in (caught.value.body or "")


def test_referentials(ft_client: Client) -> None:
    communes = ft_client.offers.referential("communes")
    assert communes[0].code == "75056"
    assert communes[0].model_extra == {"codePostal": "75001", "codeDepartement": "75"}
