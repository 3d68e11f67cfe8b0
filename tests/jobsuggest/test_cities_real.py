from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bob_emploi.jobsuggest import CityIndex


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("lyon", "69123"),
        ("Lyon", "69123"),
        ("st etienne", "42218"),
        ("saint-étienne", "42218"),
        ("l'hay les roses", "94038"),
        ("lhay les roses", "94038"),
        ("94038", "94038"),  # INSEE code
        ("75056", "75056"),
        ("marseile", "13055"),  # typo
        ("bordeau", "33063"),
        ("clermont fer", "63113"),
        ("aix en pro", "13001"),
    ],
)
def test_first_city(city_index: CityIndex, query: str, code: str) -> None:
    assert city_index.suggest(query, 1)[0].code == code


def test_postcode_finds_arrondissement_then_commune(city_index: CityIndex) -> None:
    codes = [c.code for c in city_index.suggest("69003", 5)]
    assert codes[:2] == ["69383", "69123"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("paris 11", "75111"),
        ("paris 11e", "75111"),
        ("paris 11eme", "75111"),
        ("Paris 11ème", "75111"),
        ("paris 1", "75101"),
        ("paris 1er", "75101"),
        ("marseille 13", "13213"),
        ("lyon 3e", "69383"),
        ("lyon 3", "69383"),
        ("pari 11", "75111"),  # a typo in the name
        ("lyon 69003", "69383"),  # name and postcode
    ],
)
def test_arrondissement_first(city_index: CityIndex, query: str, code: str) -> None:
    first = city_index.suggest(query, 3)[0]
    assert first.code == code, [c.name for c in city_index.suggest(query, 3)]
    assert first.name.endswith("Arrondissement")  # the label the person chose, kept as is


def test_a_number_that_is_no_arrondissement_is_a_code(city_index: CityIndex) -> None:
    assert city_index.suggest("13", 1)[0].code == "13055"  # a département: its biggest commune first
    assert city_index.suggest("lyon 69", 1)[0].code == "69123"  # the Rhône
    assert city_index.suggest("paris 25", 3) == []  # no 25th arrondissement, no such code
    assert city_index.suggest("aix 13", 1)[0].code == "13001"


def test_postcode_before_insee_code_labelled(city_index: CityIndex) -> None:
    results = city_index.suggest("13013", 5)
    assert [c.code for c in results] == ["13213", "13055", "13013"]
    assert [c.note for c in results] == ["", "", "code INSEE 13013"]  # Belcodène: its INSEE code, not a postcode
    assert results[2].name == "Belcodène" and "13013" not in results[2].postcodes


def test_ranked_by_population_and_fields(city_index: CityIndex) -> None:
    results = city_index.suggest("saint denis", 5)
    assert results[0].name == "Saint-Denis" and results[0].population > 100_000
    lhay = city_index.suggest("l'hay les roses", 1)[0]
    assert (lhay.name, lhay.postcodes, lhay.departement) == ("L'Haÿ-les-Roses", ("94240",), "94")
    assert [lhay.name[s:e] for s, e in lhay.spans] == ["L", "Haÿ", "les", "Roses"]


@settings(max_examples=100, deadline=None)
@given(query=st.text(max_size=40), limit=st.integers(1, 50))
def test_any_text_is_safe(city_index: CityIndex, query: str, limit: int) -> None:
    results = city_index.suggest(query, limit)
    assert len(results) <= limit
    assert len({r.code for r in results}) == len(results)
