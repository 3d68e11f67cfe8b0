"""How many interviews a search should have given: the model the search verdicts rest on.

The person tells us how many applications they send a week (a range) and how many interviews
they had since the start. We estimate the applications sent (the middle of the range × 4.33 weeks
× months) and expect one interview for `APPLICATIONS_PER_INTERVIEW` (20) applications: a working
assumption, the order of magnitude job-search counsellors use for targeted applications, not a
published statistic (for scale: 2.2 % of 18.3 million online answers to French job ads led to an
interview, SmartRecruiters 2025; docs/advisor.md). A search is going well when it has at least half of
the expected interviews (`GOOD_RATIO`). Without the weekly applications, we fall back to one
interview every three months.

An obstacle the person ticked ("je n'obtiens pas d'entretien", "les employeurs ne répondent pas")
vetoes "going well": the person knows their search better than the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from bob_emploi.advisor.schema import Frustration
from bob_emploi.advisor.situation import Situation
from bob_emploi.data.figures import french_number

APPLICATIONS_PER_INTERVIEW = 20
GOOD_RATIO = 0.5
WEEKS_PER_MONTH = 4.33
# The middle of each weekly-applications answer; "16+" counts as 20.
WEEKLY_MIDPOINT = {"0-2": 1.0, "3-5": 4.0, "6-15": 10.0, "16+": 20.0}
VETOES: tuple[Frustration, ...] = ("no_interviews", "no_answers")


@dataclass(frozen=True, slots=True)
class InterviewVerdict:
    applications: float | None  # estimated applications sent since the start
    expected: float | None  # interviews the model expects for them
    ratio: float | None  # interviews / expected
    vetoed: bool  # the person ticked an obstacle that says it is not going well
    good: bool

    def words(self) -> dict[str, object]:
        if self.applications is None or self.expected is None:
            return {"sent": "", "expected": ""}
        return {
            "sent": french_number(round(self.applications, -1) or self.applications),
            "expected": french_number(max(1, round(self.expected))),
        }


def judge(s: Situation) -> InterviewVerdict:
    """The verdict for a started search whose interviews are known."""
    months = max(1, s.months_searching or 0)
    vetoed = any(s.says(frustration) for frustration in VETOES)
    weekly = s.project.weekly_applications
    if weekly is None:
        good = s.interviews * 3 >= months
        return InterviewVerdict(None, None, None, vetoed, good and not vetoed)
    applications = WEEKLY_MIDPOINT[weekly] * WEEKS_PER_MONTH * months
    expected = applications / APPLICATIONS_PER_INTERVIEW
    ratio = s.interviews / expected
    return InterviewVerdict(applications, expected, ratio, vetoed, ratio >= GOOD_RATIO and not vetoed)
