"""The undecided path's shortlist on the real bundle: jobs of a centre of interest with local hiring."""

from __future__ import annotations

import pytest

from bob_emploi.advisor.explore import SHORTLIST_SIZE, shortlist
from bob_emploi.data import Referential

pytestmark = pytest.mark.slow


def test_every_centre_of_interest_gives_a_shortlist_with_figures(referential: Referential) -> None:
    interests = referential.centres_of_interest()
    assert len(interests) == 30
    with_hiring = 0
    for interest in interests:
        leads = shortlist(referential, interest.code, "38", "feminine")
        assert 0 < len(leads) <= SHORTLIST_SIZE, interest.label
        for lead in leads:
            assert lead.title_code in referential.job_titles
            assert lead.qualification
            if lead.projects is not None and lead.projects.value is not None:
                assert lead.projects.year == 2025 and "BMO 2025" in lead.hiring
                with_hiring += 1
        values = [lead.projects.value or 0 for lead in leads if lead.projects is not None]
        assert values == sorted(values, reverse=True)
    assert with_hiring > 100


def test_a_regulated_job_says_the_qualification_is_required(referential: Referential) -> None:
    leads = [
        lead for interest in referential.centres_of_interest() for lead in shortlist(referential, interest.code, "69")
    ]
    assert any(lead.regulated and lead.qualification.startswith("Qualification obligatoire") for lead in leads)


def test_a_job_done_ranks_by_skills_already_had_then_by_local_hiring(referential: Referential) -> None:
    """A former shop assistant (D1214): the close jobs of her job, most skills in common first, each
    saying how many she has with examples and what to acquire; her own job is not a lead."""
    from bob_emploi.advisor.explore import MANY_SHARED

    leads = shortlist(referential, None, "33", "feminine", "D1214")
    assert 0 < len(leads) <= SHORTLIST_SIZE
    assert "D1214" not in {lead.code_rome for lead in leads}
    tiers = [
        0 if lead.match.shared_count >= MANY_SHARED else 1 if lead.match.shared_count >= 3 else 2
        for lead in leads
        if lead.match
    ]
    assert tiers == sorted(tiers) and tiers[0] == 0
    first = leads[0]
    assert first.skills.startswith(f"Vous avez déjà {first.match.shared_count} compétences de ce métier sur ")  # type: ignore[union-attr]
    assert "«\u00a0" in first.skills and first.to_acquire.startswith("À acquérir\u00a0: «\u00a0")
    for tier in (0, 1, 2):
        values = [lead.projects.value or 0 for lead, t in zip(leads, tiers, strict=True) if t == tier and lead.projects]
        assert values == sorted(values, reverse=True)


def test_a_centre_of_interest_with_a_job_done_counts_the_skills_on_each_lead(referential: Referential) -> None:
    interest = referential.centres_of_interest()[2].code
    with_job = shortlist(referential, interest, "33", None, "D1214")
    without = shortlist(referential, interest, "33")
    assert all(lead.match is not None and lead.skills for lead in with_job)
    assert all(lead.match is None and lead.skills == "" for lead in without)
    assert {lead.code_rome for lead in with_job} != {lead.code_rome for lead in without} or with_job != without


def test_neither_an_interest_nor_a_job_done_gives_no_lead(referential: Referential) -> None:
    assert shortlist(referential, None, "33") == []
    assert shortlist(referential, None, "33", None, "Z9999") == []
    assert shortlist(referential, "no-such-interest", "33", None, "D1214") == []
