"""The market score read from the loaded rows (`ScoreTable`) is the one the full facts give, on the real bundle."""

from __future__ import annotations

import random

from bob_emploi.advisor.marketfacts import ScoreTable, load_facts
from bob_emploi.data import Referential


def test_the_score_table_gives_the_facts_score_for_every_job_group(referential: Referential) -> None:
    table = ScoreTable(referential)
    departements = sorted(referential.departements)
    rng = random.Random(12)
    checked = scored = 0
    for code in sorted(referential.job_groups):
        # Savoie, Paris, Mayotte (sparse figures), a Corsican and two random départements for each job group.
        for departement in {"73", "75", "976", "2A", *rng.sample(departements, 2)} & set(departements):
            expected = load_facts(referential, code, departement).score
            assert table.score(code, departement) == expected, (code, departement)
            checked += 1
            scored += expected is not None
    assert checked > 3000 and scored > checked // 2  # the real bundle scores most of them


def test_unknown_codes_have_no_score(referential: Referential) -> None:
    table = ScoreTable(referential)
    assert table.score("Z9999", "73") is None
    assert table.score("G1803", "99") is None
