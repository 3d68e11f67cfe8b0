"""Pre-filled links: each builder's URL parsed back, places and areas, encoding, and nothing personal."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bob_emploi import advisor
from bob_emploi.advisor import prefilled
from bob_emploi.advisor.content import CONTENT, CONTENT_DIR, ContentError, load_content
from bob_emploi.advisor.linkcheck import allowed_hosts, check_offline, prefilled_links
from bob_emploi.advisor.prefilled import Job, Place
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY

WAITER = Job(code_rome="G1803", keyword="Employé de café, bar-brasserie")
SAINT_ETIENNE = Place("42218", "Saint-Étienne", "42000", "42", "city")


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=bool(urlsplit(url).query))


def _at(area: Any) -> Place:
    return Place("42218", "Saint-Étienne", "42000", "42", area)


def test_france_travail_offers_around_the_commune_in_the_departement_or_france() -> None:
    url = prefilled.francetravail_offers(WAITER, SAINT_ETIENNE)
    assert url.startswith("https://candidat.francetravail.fr/offres/recherche?")
    assert _query(url) == {
        "motsCles": ["G1803"],
        "lieux": ["42218"],
        "rayon": [str(prefilled.NEAR_KM)],
        "offresPartenaires": ["true"],
        "tri": ["0"],
    }
    assert _query(prefilled.francetravail_offers(WAITER, _at(None)))["lieux"] == ["42218"]  # not answered: near
    departement = _query(prefilled.francetravail_offers(WAITER, _at("departement")))
    assert departement["lieux"] == ["42D"] and "rayon" not in departement
    assert _query(prefilled.francetravail_offers(WAITER, _at("region")))["lieux"] == ["42D"]
    france = _query(prefilled.francetravail_offers(WAITER, _at("country")))
    assert "lieux" not in france and "rayon" not in france and france["motsCles"] == ["G1803"]
    interim = _query(prefilled.francetravail_interim(WAITER, SAINT_ETIENNE))
    assert interim["typeContrat"] == ["MIS"] and interim["lieux"] == ["42218"]


def test_without_job_or_place_a_link_says_nothing_of_them() -> None:
    assert prefilled.francetravail_offers(None, None) == prefilled.FRANCE_TRAVAIL_OFFERS
    assert _query(prefilled.francetravail_offers(None, SAINT_ETIENNE)).keys() == {
        "lieux",
        "rayon",
        "offresPartenaires",
        "tri",
    }
    assert "lieux" not in _query(prefilled.francetravail_offers(WAITER, None))
    assert prefilled.la_bonne_alternance(None, SAINT_ETIENNE) == prefilled.LA_BONNE_ALTERNANCE
    assert prefilled.un_jeune_une_solution_offers(None, None) == prefilled.UN_JEUNE_UNE_SOLUTION_OFFERS
    assert "motCle" not in _query(prefilled.un_jeune_une_solution_offers(None, SAINT_ETIENNE))


def test_accents_spaces_commas_and_brackets_are_encoded_and_read_back() -> None:
    url = prefilled.un_jeune_une_solution_offers(WAITER, SAINT_ETIENNE)
    raw = urlsplit(url).query
    assert " " not in raw and "É" not in raw and "é" not in raw and "(" not in raw and "," not in raw
    assert "Saint-%C3%89tienne+%2842000%29" in raw
    assert _query(url) == {
        "motCle": ["Employé de café, bar-brasserie"],
        "libelleLocalisation": ["Saint-Étienne (42000)"],
        "typeLocalisation": ["COMMUNE"],
        "codeLocalisation": ["42218"],
        "page": ["1"],
    }
    departement = _query(prefilled.un_jeune_une_solution_offers(WAITER, _at("departement")))
    assert departement["typeLocalisation"] == ["DEPARTEMENT"] and departement["codeLocalisation"] == ["42"]
    no_postcode = Place("42218", "Saint-Étienne", None, "42", "city")
    assert _query(prefilled.un_jeune_une_solution_offers(WAITER, no_postcode))["libelleLocalisation"] == [
        "Saint-Étienne"
    ]
    alternance = prefilled.la_bonne_alternance(WAITER, SAINT_ETIENNE)
    assert urlsplit(alternance).path == "/recherche"
    assert _query(alternance) == {"romes": ["G1803"], "job_name": ["Employé de café, bar-brasserie"]}


def test_services_without_a_confirmed_search_url_open_their_page_unparametrised() -> None:
    assert prefilled.la_bonne_boite(WAITER, SAINT_ETIENNE) == "https://labonneboite.francetravail.fr"
    assert prefilled.mon_compte_formation(WAITER, SAINT_ETIENNE) == "https://www.moncompteformation.gouv.fr"


def test_every_builder_makes_links_check_links_accepts() -> None:
    links = prefilled_links()
    assert len(links) == len(prefilled.BUILDERS) * (len(prefilled.SAMPLE_PLACES) + 1)
    assert check_offline(links, allowed_hosts()) == []
    for builder, area in itertools.product(prefilled.BUILDERS.values(), ("city", "departement", "region", "country")):
        assert urlsplit(builder(WAITER, _at(area))).hostname in allowed_hosts()


def test_every_prefill_named_in_the_content_is_a_builder() -> None:
    named = {link.prefill for advice in CONTENT.advice.values() for link in advice.links if link.prefill}
    assert named <= set(prefilled.BUILDERS)
    assert {"francetravail_offers", "la_bonne_alternance", "la_bonne_boite"} <= named


def _advise(ref: Referential, profile: dict[str, Any], **project: Any) -> advisor.AdvisorOutput:
    data = {"profile": profile, "project": {"target_job": "19427", "city": "69123", **project}}
    return advisor.advise(advisor.parse_input(data, ref, TODAY), ref, TODAY)


@pytest.mark.parametrize("gender", ["feminine", "masculine", "unknown"])
def test_nothing_personal_is_in_any_url(plain_ref: Referential, gender: str) -> None:
    """Only the job (code, masculine title) and the place leave Bob: never the age, gender or answers."""
    profile = {
        "gender": gender,
        "year_of_birth": 2004,
        "highest_degree": "bac",
        "has_disability": True,
        "frustrations": ["no_offers", "interview"],
    }
    output = _advise(
        plain_ref,
        profile,
        employment_types=["interim", "alternance"],
        search_started="2026-03",
        weekly_applications="0-2",
        interviews=0,
    )
    urls = [link.url for advice in output.advice for link in advice.links]
    prefilled_urls = [url for url in urls if "?" in url]
    assert len(prefilled_urls) >= 3, urls
    commune = plain_ref.communes["69123"]
    allowed = {
        "G1803",
        "Serveur de restaurant",
        commune.code,
        commune.departement,
        f"{commune.name} ({commune.postcodes[0]})",
        str(prefilled.NEAR_KM),
        "true",
        "0",
        "1",
        "MIS",
        "COMMUNE",
    }
    for url in prefilled_urls:
        values = {value for values in _query(url).values() for value in values}
        assert values <= allowed, (url, values - allowed)
        for personal in ("2004", "22", "Serveuse", "feminine", "bac", "no_offers", "disab"):
            assert personal not in urlsplit(url).query, (url, personal)


def test_the_offers_advice_links_follow_the_accepted_area(plain_ref: Referential) -> None:
    profile = {"gender": "unknown", "year_of_birth": 1990}
    by_area = {}
    for area in ("city", "departement", "country"):
        output = _advise(plain_ref, profile, area=area, weekly_applications="0-2")
        boards = next(advice for advice in output.advice if advice.id == "job_boards")
        by_area[area] = _query(boards.links[0].url)
    assert by_area["city"]["lieux"] == ["69123"] and by_area["city"]["rayon"] == ["10"]
    assert by_area["departement"]["lieux"] == ["69D"]
    assert "lieux" not in by_area["country"]


def test_an_unknown_builder_in_the_content_stops_bob_with_the_file_and_key(tmp_path: Path) -> None:
    for file in CONTENT_DIR.glob("*.toml"):
        shutil.copy(file, tmp_path / file.name)
    advice = tmp_path / "advice.toml"
    text = advice.read_text(encoding="utf-8")
    advice.write_text(text.replace('prefill = "francetravail_offers"', 'prefill = "francetravail_offres"', 1))
    with pytest.raises(
        ContentError, match=r"advice\.toml: \[\w+\.links\[\d\]\.prefill\]: unknown builder 'francetravail_offres'"
    ):
        load_content(tmp_path)


@given(st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=40), min_size=1, max_size=5))
def test_urls_are_encoded_exactly_as_urlencode_does(parameters: dict[str, str]) -> None:
    assert prefilled._url("https://example.gouv.fr/r", parameters) == "https://example.gouv.fr/r?" + urlencode(
        parameters
    )
