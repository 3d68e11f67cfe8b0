from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bob_emploi.jobsuggest.normalize import deletes, edit_distance, max_typos, normalize, tokens_with_offsets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Infirmière", "infirmiere"),
        ("INFIRMIÉRE", "infirmiere"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Chef d'œuvre  Æther", "chef d oeuvre aether"),
        ("aide—soignant(e)", "aide soignant e"),
        ("  ", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_offsets_point_at_the_original_text() -> None:
    text = "Cœur d'Haÿ-Éole"
    tokens = tokens_with_offsets(text)
    assert [t for t, _, _ in tokens] == ["coeur", "d", "hay", "eole"]
    assert [text[s:e] for _, s, e in tokens] == ["Cœur", "d", "Haÿ", "Éole"]


def _reference_distance(a: str, b: str) -> int:
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7), st.integers(1, 2))
def test_edit_distance_is_bounded_osa(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(_reference_distance(a, b), limit + 1)


def test_typo_budget_grows_with_length() -> None:
    assert [max_typos(n) for n in (3, 4, 7, 8, 12)] == [0, 1, 1, 2, 2]
    assert deletes("abc", 1) == {"abc", "bc", "ac", "ab"}
