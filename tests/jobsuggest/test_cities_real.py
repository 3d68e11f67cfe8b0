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


def test_postcode_finds_commune_and_arrondissement(city_index: CityIndex) -> None:
    codes = [c.code for c in city_index.suggest("69003", 5)]
    assert codes[:2] == ["69123", "69383"]


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
