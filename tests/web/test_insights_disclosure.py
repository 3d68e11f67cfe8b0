"""The k-anonymity rules of the team's figures, on tables of counts (no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bob_emploi.web.insights import disclosure
from bob_emploi.web.insights.rates import Share, wilson


def test_a_group_under_10_is_hidden_whole_and_another_one_hides_it_from_the_total() -> None:
    rows = [(40, 12, 0), (25, 15, 11), (4, 2, 1)]
    shown = disclosure.shown(rows)
    assert shown[2] == [None, None, None]
    # Alone, 4 would be the total (69) minus 40 and 25: the smaller of them is hidden too, whole.
    assert shown[1] == [None, None, None]
    assert shown[0] == [40, 12, 0]


def test_a_small_count_in_a_big_group_is_hidden_with_a_complement_in_its_column() -> None:
    shown = disclosure.shown([(100, 3), (50, 30), (60, 45)])
    assert shown == [[100, None], [50, None], [60, 45]]


def test_zero_names_nobody() -> None:
    assert disclosure.shown([(12, 0), (15, 0)]) == [[12, 0], [15, 0]]
    assert disclosure.visible_total(0) == 0 and disclosure.visible_total(9) is None
    assert disclosure.visible_total(10) == 10


tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=width, max_size=width),
        min_size=1,
        max_size=8,
    )
)


@given(tables)
def test_no_small_group_shows_or_can_be_subtracted(rows: list[list[int]]) -> None:
    mask = disclosure.hidden_cells(rows)
    for row, hides in zip(rows, mask, strict=True):
        if row[0] < disclosure.THRESHOLD:
            assert all(hides)
        for value, hidden in zip(row, hides, strict=True):
            assert hidden or value == 0 or value >= disclosure.THRESHOLD
    for column in range(len(rows[0])):
        hidden_sum = sum(row[column] for row, hides in zip(rows, mask, strict=True) if hides[column])
        visible_left = any(row[column] for row, hides in zip(rows, mask, strict=True) if not hides[column])
        # What a known total gives back is a sum of at least 10 people, or nothing to subtract from.
        assert hidden_sum == 0 or hidden_sum >= disclosure.THRESHOLD or not visible_left


def test_shares_and_their_intervals() -> None:
    assert Share(None, 50).hidden and Share(None, 50).rate is None and Share(None, 50).interval is None
    assert Share(0, 0).empty and Share(0, 0).rate is None
    low, high = wilson(20, 100)
    assert round(low, 3) == 0.133 and round(high, 3) == 0.289
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
