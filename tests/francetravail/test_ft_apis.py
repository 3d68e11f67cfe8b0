"""ROME 4.0, Marché du travail and La Bonne Boîte through the sync client."""

from __future__ import annotations

import urllib.parse

import pytest

from bob_emploi.francetravail import Client, ClientConfig, CompanySearch, ConfigurationError, MarketQuery
from bob_emploi.francetravail.fake_server import FakeServer


def test_rome_resources(ft_client: Client) -> None:
    assert {metier.code for metier in ft_client.rome.metiers()} >= {"M1805", "F1702"}
    metier = ft_client.rome.metier("M1805")
    assert metier.riasecMajeur == "R"
    assert metier.contextesTravail[0].categorie == "LIEUX"
    assert metier.model_extra == {"themes": [{"code": "1", "libelle": "Thème"}]}
    assert ft_client.rome.appellations()[0].libelleCourt == "Dév"
    assert ft_client.rome.appellation("10000").metier == {"code": "M1805"}
    assert ft_client.rome.competences()[0].type == "SAVOIR_FAIRE"
    assert ft_client.rome.competence("100001").libelle == "Programmer"


def test_market_indicators_are_posted_with_the_documented_body(ft_client: Client, server: FakeServer) -> None:
    result = ft_client.market.job_seekers(MarketQuery(territory="09", activity="F1702"))
    latest = result.latest()
    assert latest is not None
    assert latest.codePeriode == "2025T1"
    assert latest.libTerritoire == "ARIEGE"
    assert latest.listeValeurParCaract[0].codeCaract == "TOTAL"
    assert server.stats()["calls"][0]["path"].endswith("/stats-offres-demandes-emploi/v1/indicateur/stat-demandeurs")


def test_market_figures_combine_three_indicators(ft_client: Client, server: FakeServer) -> None:
    figures = ft_client.market.figures("F1702", "09")
    assert figures.territory_name == "ARIEGE"
    assert figures.job_name == "Construction de routes et voies"
    assert figures.offers is not None and figures.job_seekers is not None
    assert figures.tension is not None and 1 <= figures.tension <= 10
    assert [call["path"].rsplit("/", 1)[1] for call in server.stats()["calls"]] == [
        "stat-offres",
        "stat-demandeurs",
        "stat-perspective-employeur",
    ]


def test_market_pair_without_data_gives_empty_figures(ft_client: Client) -> None:
    figures = ft_client.market.figures("M1805", "75")  # the fake server answers 204 for this pair
    assert (figures.offers, figures.job_seekers, figures.tension) == (None, None, None)


def test_la_bonne_boite_pages_lazily(ft_client: Client, server: FakeServer) -> None:
    search = CompanySearch(rome="M1805", citycode="69123", distance=30)
    companies = ft_client.labonneboite.companies(search, page_size=5)
    first = next(companies)
    assert first.company_name == "Boîte 0"
    assert first.location is not None and first.location.lat == pytest.approx(45.76)
    assert server.stats()["api_calls"] == 1
    rest = list(companies)
    page = ft_client.labonneboite.page(search, 1, 100)
    assert 1 + len(rest) == page.hits
    query = urllib.parse.parse_qs(server.stats()["calls"][0]["query"])
    assert query == {"rome": ["M1805"], "citycode": ["69123"], "distance": ["30"], "page": ["1"], "page_size": ["5"]}


def test_la_bonne_boite_needs_a_place() -> None:
    with pytest.raises(ValueError, match="citycode"):
        CompanySearch(rome="M1805")


def test_config_from_environment() -> None:
    config = ClientConfig.from_env({"FT_CLIENT_ID": "abc", "FT_CLIENT_SECRET": "def"})
    assert config.api_url == "https://api.francetravail.io/partenaire"
    assert config.auth_url == "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire"
    sandbox = ClientConfig.from_env(
        {"FT_CLIENT_ID": "a", "FT_CLIENT_SECRET": "b", "FT_API_URL": "http://x/partenaire", "FT_AUTH_URL": "http://y"}
    )
    assert (sandbox.api_url, sandbox.auth_url) == ("http://x/partenaire", "http://y")
    with pytest.raises(ConfigurationError, match="FT_CLIENT_SECRET"):
        ClientConfig.from_env({"FT_CLIENT_ID": "abc"})
    assert "def" not in repr(config)
