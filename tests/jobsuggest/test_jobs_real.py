"""JobSuggest on the real ROME titles: what people type, and what they should get."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bob_emploi.data import Referential
from bob_emploi.jobsuggest import JobIndex, SynonymTable


def _top(index: JobIndex, query: str, n: int = 5) -> list[str]:
    """The ROME v3 codes (parents of the ROME 4.0 job groups) of the first `n` suggestions."""
    return [index.v3_code(s.code_rome) for s in index.suggest(query, n)]


@pytest.mark.parametrize(
    ("query", "rome"),
    [
        # typos
        ("boulanjer", "D1102"),
        ("secretaire medicalle", "M1609"),
        ("tehcnicien de maintenance industrielle", "I1304"),
        ("plomber", "F1603"),
        ("auxilaire de vie", "K1302"),
        ("mecanicein auto", "I1604"),
        # accents: none, wrong, or too many
        ("infirmiere de bloc", "J1504"),
        ("infirmiére en puericulture", "J1507"),
        ("électricien bâtiment", "F1602"),
        ("ELECTRICIEN BATIMENT", "F1602"),
        # prefixes, as typed letter by letter
        ("aide soi", "J1501"),
        ("dévelop", "M1805"),
        ("magasin", "N1103"),
        # word order and punctuation
        ("cariste magasinier", "N1103"),
        ("soignante-aide", "J1501"),
        ("  Agent   de SÉCURITÉ ", "K2503"),
        # everyday names, acronyms, English: the synonym table
        ("AVS", "K1302"),
        ("AESH", "K2104"),
        ("atsem", "K1303"),
        ("ASH", "J1301"),
        ("DRH", "M1503"),
        ("RH", "M1501"),
        ("VTC", "N4102"),
        ("SSIAP", "K2503"),
        ("dev web", "M1805"),
        ("nounou", "K1303"),
        ("femme de ménage", "K1304"),
        ("prof de maths", "K2107"),
        ("product owner", "M1806"),
        ("kiné", "J1404"),
        ("chauffeur pl", "N4101"),
        ("EJE", "K1202"),
        ("docteur", "J1102"),
        ("postier", "M1603"),
        # a whole word is meant as itself, not as the start of a longer one
        ("taxi", "N4102"),
    ],
)
def test_first_suggestion_is_in_the_right_job_group(job_index: JobIndex, query: str, rome: str) -> None:
    assert _top(job_index, query, 1) == [rome], [s.title for s in job_index.suggest(query, 3)]


def test_accents_do_not_matter(job_index: JobIndex) -> None:
    expected = job_index.suggest("infirmière", 10, cache=False)
    for query in ("infirmiere", "infirmiére", "INFIRMIÈRE", "infirmîere"):
        assert job_index.suggest(query, 10) == expected
    assert "J1506" in _top(job_index, "infirmiere", 3)


def test_gender(job_index: JobIndex) -> None:
    feminine = job_index.suggest("boulangere", 1, "feminine")[0]
    masculine = job_index.suggest("boulangere", 1, "masculine")[0]
    neutral = job_index.suggest("boulangere", 1)[0]
    assert (feminine.title, masculine.title, neutral.title) == ("Boulangère", "Boulanger", "Boulanger / Boulangère")
    assert feminine.code_ogr == masculine.code_ogr == neutral.code_ogr
    # a feminine query finds the title whatever the display gender
    assert job_index.suggest("assistante maternelle", 1, "masculine")[0].title == "Assistant maternel"


def test_spans_highlight_the_typed_text(job_index: JobIndex) -> None:
    result = job_index.suggest("aide soi", 1, "feminine")[0]
    assert [result.title[s:e] for s, e in result.spans] == ["Aide", "soi"]
    result = job_index.suggest("infirmiere", 1)[0]
    assert all(result.title[s:e].lower().startswith("infirmi") for s, e in result.spans)


def test_no_duplicates_and_fields(job_index: JobIndex) -> None:
    for query in ("agent", "vendeur", "chef de", "a"):
        results = job_index.suggest(query, 50)
        assert len(results) == len({r.code_ogr for r in results}) == len({(r.title, r.code_rome) for r in results})
        assert all(r.job_group and r.code_rome and r.title for r in results)
        assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_frequency_breaks_ties(job_index: JobIndex, referential: Referential) -> None:
    first = job_index.suggest("vendeu", 10)
    assert referential.job_titles[first[0].code_ogr].frequency >= referential.job_titles[first[-1].code_ogr].frequency


def test_job_group_mode(job_index: JobIndex) -> None:
    def first(query: str) -> str:
        return job_index.v3_code(job_index.suggest_job_groups(query, 3)[0].code_rome)

    assert first("boulangerie") == "D1102"
    assert first("développeur") == "M1805"  # through its titles
    assert first("rh") in {"M1501", "M1503"}
    groups = job_index.suggest_job_groups("technicien", 50)
    assert 10 <= len(groups) == len({g.code_rome for g in groups}) <= 50


def test_synonym_table_targets_exist(referential: Referential) -> None:
    table = SynonymTable.load()
    assert len(table.entries) > 50
    for entry in table.entries:
        if entry.kind == "ogr":
            assert entry.target in referential.job_titles, entry
        elif entry.kind == "rome":
            assert entry.target in referential.job_groups, entry
        assert entry.note, f"{entry.alias}: say where the synonym comes from"


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=60), limit=st.integers(1, 50), gender=st.sampled_from([None, "masculine", "feminine"]))
def test_any_text_is_safe(job_index: JobIndex, query: str, limit: int, gender: str | None) -> None:
    results = job_index.suggest(query, limit, gender)  # type: ignore[arg-type]
    assert len(results) <= limit
    assert len({r.code_ogr for r in results}) == len(results)
    for result in results:
        assert all(0 <= s < e <= len(result.title) for s, e in result.spans)


@settings(max_examples=60, deadline=None)
@given(query=st.text(alphabet="abcdeéilmnorstu -'", min_size=1, max_size=30))
def test_job_groups_any_text(job_index: JobIndex, query: str) -> None:
    groups = job_index.suggest_job_groups(query, 10)
    assert len(groups) <= 10
    assert len({g.code_rome for g in groups}) == len(groups)
