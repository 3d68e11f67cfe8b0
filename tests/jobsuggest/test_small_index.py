"""The engine on a hand-built referential: fast, and independent of the real data."""

from __future__ import annotations

import pytest

from bob_emploi.data import Commune, Departement, JobGroup, JobTitle, Referential
from bob_emploi.jobsuggest import CityIndex, JobIndex, SynonymTable
from bob_emploi.jobsuggest.synonyms import SynonymError


def _title(ogr: str, rome: str, masculine: str, feminine: str, frequency: int) -> JobTitle:
    neutral = masculine if masculine == feminine else f"{masculine} / {feminine}"
    return JobTitle(ogr, rome, neutral, masculine, feminine, frequency=frequency)


@pytest.fixture(scope="module")
def small() -> Referential:
    titles = [
        _title("1", "D1102", "Boulanger", "Boulangère", 500),
        _title("2", "D1102", "Boulanger-pâtissier", "Boulangère-pâtissière", 50),
        _title("3", "D1106", "Vendeur en boulangerie", "Vendeuse en boulangerie", 300),
        _title("4", "J1501", "Aide-soignant", "Aide-soignante", 4000),
        _title("5", "K2104", "Auxiliaire de vie scolaire", "Auxiliaire de vie scolaire", 10),
        _title("6", "M1607", "Secrétaire", "Secrétaire", 900),
        _title("7", "M1609", "Secrétaire médical", "Secrétaire médicale", 1900),
        _title("8", "D1401", "Commercial itinérant", "Commerciale itinérante", 80),
    ]
    groups = {
        code: JobGroup(code, name, "R", "I")
        for code, name in [
            ("D1102", "Boulangerie - viennoiserie"),
            ("D1106", "Vente en alimentation"),
            ("J1501", "Soins d'hygiène, de confort du patient"),
            ("K2104", "Éducation et surveillance"),
            ("M1607", "Secrétariat"),
            ("M1609", "Secrétariat et assistanat médical ou médico-social"),
            ("D1401", "Assistanat commercial"),
        ]
    }
    communes = {
        c.code: c
        for c in [
            Commune("42218", "Saint-Étienne", "42", "84", ("42000", "42100"), 170000),
            Commune("94038", "L'Haÿ-les-Roses", "94", "11", ("94240",), 31000),
            Commune("69123", "Lyon", "69", "84", ("69001", "69003"), 520000),
            Commune("69383", "Lyon 3e Arrondissement", "69", "84", ("69003",), 100000, "arrondissement", "69123"),
            Commune("01001", "Lyons-la-Forêt", "27", "28", ("27480",), 700),
        ]
    }
    departements = {"42": Departement("42", "Loire", "84", "metro", "dans la Loire", "de la Loire")}
    return Referential(
        job_groups=groups,
        job_titles={t.code_ogr: t for t in titles},
        regions={},
        departements=departements,
        communes=communes,
    )


SYNONYMS = SynonymTable.parse("alias\tkind\ttarget\tnote\nAVS\togr\t5\tacronym\nbiscuit\trome\tD1102\ttest\n")


@pytest.fixture(scope="module")
def jobs(small: Referential) -> JobIndex:
    return JobIndex.from_referential(small, SYNONYMS)


@pytest.mark.parametrize(
    ("query", "ogr"),
    [
        ("boulanjer", "1"),  # typo
        ("BOULANGERE", "1"),  # case, missing accent, feminine
        ("aide soi", "4"),  # prefixes
        ("soignante aide", "4"),  # word order
        ("secretaire medicalle", "7"),  # accent and doubled letter
        ("itinérante commerciale", "8"),
        ("avs", "5"),  # synonym table, ogr row
        ("biscuit", "1"),  # synonym table, rome row
        ("aide-soignant(e)", "4"),
    ],
)
def test_first_suggestion(jobs: JobIndex, query: str, ogr: str) -> None:
    assert jobs.suggest(query)[0].code_ogr == ogr


def test_gendered_titles_and_spans(jobs: JobIndex) -> None:
    neutral, masculine, feminine = (jobs.suggest("boulang", 1, gender)[0] for gender in (None, "masculine", "feminine"))
    assert (neutral.title, masculine.title, feminine.title) == ("Boulanger / Boulangère", "Boulanger", "Boulangère")
    assert [feminine.title[s:e] for s, e in feminine.spans] == ["Boulang"]
    assert neutral.job_group == "Boulangerie - viennoiserie"
    with pytest.raises(ValueError, match="gender"):
        jobs.suggest("x", gender="other")  # type: ignore[arg-type]


def test_relevance_before_frequency(jobs: JobIndex) -> None:
    codes = [s.code_ogr for s in jobs.suggest("boulanger")]
    assert codes[:2] == ["1", "2"]  # the exact title, then the one starting with the word
    assert "3" in codes  # "boulangerie" as a prefix of another word still comes


def test_nothing_to_suggest(jobs: JobIndex) -> None:
    assert jobs.suggest("") == []
    assert jobs.suggest("  --  ") == []
    assert jobs.suggest("zzzzqqq") == []
    assert jobs.suggest("boulanger", limit=0) == []


def test_cache_gives_the_same_answers(jobs: JobIndex) -> None:
    assert jobs.suggest("secr", cache=False) == jobs.suggest("secr") == jobs.suggest("secr")


def test_job_group_mode(jobs: JobIndex) -> None:
    groups = jobs.suggest_job_groups("boulangerie")
    assert groups[0].code_rome == "D1102"
    assert len({g.code_rome for g in groups}) == len(groups)
    assert jobs.suggest_job_groups("aide soignante")[0].code_rome == "J1501"  # found through its titles


def test_cities(small: Referential) -> None:
    cities = CityIndex.from_referential(small)
    assert cities.suggest("st etienne")[0].code == "42218"
    assert cities.suggest("l'hay les roses")[0].name == "L'Haÿ-les-Roses"
    assert [c.code for c in cities.suggest("69003")] == ["69383", "69123"]  # the postcode's arrondissement first
    assert [c.code for c in cities.suggest("lyon")][:2] == ["69123", "69383"]
    assert cities.suggest("94038")[0].postcodes == ("94240",)


def test_synonym_table_errors() -> None:
    with pytest.raises(SynonymError, match=":2: kind must be"):
        SynonymTable.parse("alias\tkind\ttarget\nfoo\tbar\tbaz\n")
    with pytest.raises(SynonymError, match="one word to one word"):
        SynonymTable.parse("a b\tword\tc\n")
