"""Which counts of a table may be shown without telling anything about fewer than 10 people.

A table is rows of counts of people; one column (the *group*) is how many people the row is about.
The rules, applied in this order:

1. **Primary suppression.** A row whose group has fewer than `THRESHOLD` people is hidden whole.
   In the other rows, any count from 1 to `THRESHOLD - 1` is hidden. Zero is shown: it names nobody.
2. **Complementary suppression.** A total, or the same people counted in another table, could give a
   hidden count back by subtraction. So in every column the hidden cells must add up to 0 or to at
   least `THRESHOLD`: while they do not, the smallest visible non-zero cell of that column is hidden
   too (the whole row when it is the group column). Subtracting then only ever gives the sum of
   several hidden cells, a group of at least `THRESHOLD` people.
3. A total row (`visible_total`) shows a sum only when it is 0 or at least `THRESHOLD`.

A share is shown only when both its numerator and its denominator are (`figures`).
Every hidden cell reads "masqué", whichever rule hid it: telling "moins de 10" from "masqué pour
protéger une autre case" would narrow the hidden values down again.
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 10


def hidden_cells(rows: Sequence[Sequence[int]], group: int = 0, threshold: int = THRESHOLD) -> list[list[bool]]:
    """For each cell of `rows` (all of the same width), whether it must be hidden."""
    mask = [[row[group] < threshold or 0 < value < threshold for value in row] for row in rows]
    width = len(rows[0]) if rows else 0
    changed = True
    while changed:
        changed = False
        for column in range(width):
            hidden = sum(row[column] for row, hides in zip(rows, mask, strict=True) if hides[column])
            if not 0 < hidden < threshold:
                continue
            visible = [
                (row[column], index) for index, row in enumerate(rows) if not mask[index][column] and row[column]
            ]
            if not visible:
                continue
            _, index = min(visible)
            if column == group:
                mask[index] = [True] * width
            else:
                mask[index][column] = True
            changed = True
    return mask


def shown(rows: Sequence[Sequence[int]], group: int = 0, threshold: int = THRESHOLD) -> list[list[int | None]]:
    """The rows with each hidden count replaced by None."""
    mask = hidden_cells(rows, group, threshold)
    return [
        [None if hides else value for value, hides in zip(row, hidden, strict=True)]
        for row, hidden in zip(rows, mask, strict=True)
    ]


def visible_total(value: int, threshold: int = THRESHOLD) -> int | None:
    return value if value == 0 or value >= threshold else None
