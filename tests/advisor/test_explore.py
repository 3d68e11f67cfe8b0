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
