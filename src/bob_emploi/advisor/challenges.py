"""The main challenge of a search: ordered rules, the first that applies wins.

Each rule returns the key of its explanation in `content/challenges.toml` (and
the values its sentence cites), or None when it does not apply.
"""

from __future__ import annotations

from collections.abc import Callable

from bob_emploi.advisor.situation import Situation

Verdict = tuple[str, dict[str, object]] | None

# Months of search after which a search counts as long.
LONG_SEARCH_MONTHS = 6


def create_company(s: Situation) -> Verdict:
    """The person wants to create a company: job-search methods do not apply, the project does."""
    if s.project.kind == "create_company":
        return ("company_project", {})
    return None


def undefined_project(s: Situation) -> Verdict:
    """No target job: everything else depends on choosing one."""
    if s.job is None:
        return ("no_target_job", {})
    return None


def start_your_search(s: Situation) -> Verdict:
    """The search has not started (no start date, or it starts this month with no application)."""
    if s.months_searching is None:
        return ("not_started", {})
    return None


def missing_diploma(s: Situation) -> Verdict:
    """The ROME makes a qualification compulsory (or the person says one is missing) and no training is under way."""
    if s.job is None or s.project.training in ("in_training", "enough_diplomas", "nothing_required"):
        return None
    if s.project.training == "training_needed":
        if s.required_quote:
            return ("says_missing_regulated", {"quote": s.required_quote})
        return ("says_missing", {})
    # training == "unknown": only a regulated job for a newcomer.
    newcomer = s.project.seniority in ("none", "junior") or s.project.kind in ("first_job", "reorientation")
    if s.required_quote and newcomer and s.project.seniority != "expert":
        return ("regulated_newcomer", {"quote": s.required_quote})
    return None


def stuck_market(s: Situation) -> Verdict:
    """The IMT counts many applicants per offer for this job in the person's département (needs market data)."""
    if s.market is not None and s.market.stuck:
        return ("many_applicants", {}) if s.market.offers else ("no_offers", {})
    return None


def find_what_you_like(s: Situation) -> Verdict:
    """The job is only a way to earn a living and the search is long: motivation is the issue."""
    months = s.months_searching or 0
    if s.project.passion == "alimentary" and months >= LONG_SEARCH_MONTHS:
        return ("alimentary_long", {})
    if "motivation" in s.profile.frustrations and s.project.passion != "life_goal" and months >= 2 * LONG_SEARCH_MONTHS:
        return ("motivation_long", {})
    return None


def convert_interviews(s: Situation) -> Verdict:
    """Many interviews over a long search but no job: the interviews are where it fails."""
    months = s.months_searching or 0
    if months >= LONG_SEARCH_MONTHS and s.project.interviews >= max(4, months // 3):
        return ("many_interviews", {})
    return None


def enhance_methods(s: Situation) -> Verdict:
    """An active search with few interviews (less than one every three months after two months)."""
    months = s.months_searching or 0
    if months < 2:
        return None
    if s.project.interviews * 3 < months:
        if s.project.weekly_applications in ("6-15", "16+"):
            return ("many_applications_few_interviews", {})
        return ("few_interviews", {})
    return None


def bravo(s: Situation) -> Verdict:
    """Nothing above applies: the search is on a good path."""
    if (s.months_searching or 0) < 2:
        return ("just_started", {})
    return ("good_path", {})


RULES: tuple[tuple[str, Callable[[Situation], Verdict]], ...] = (
    ("create_company", create_company),
    ("undefined_project", undefined_project),
    ("start_your_search", start_your_search),
    ("missing_diploma", missing_diploma),
    ("stuck_market", stuck_market),
    ("find_what_you_like", find_what_you_like),
    ("convert_interviews", convert_interviews),
    ("enhance_methods", enhance_methods),
    ("bravo", bravo),
)


def main_challenge(s: Situation) -> tuple[str, str, dict[str, object]]:
    """(challenge id, explanation key, values) of the first rule that applies."""
    for challenge_id, rule in RULES:
        verdict = rule(s)
        if verdict is not None:
            return challenge_id, verdict[0], verdict[1]
    raise AssertionError("bravo always applies")  # pragma: no cover
