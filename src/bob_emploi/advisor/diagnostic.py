"""The sub-diagnostics per topic (market, profile, project, search) and the overall score.

Each topic gets a score from 0 to 100 and the key of a sentence in
`content/topics.toml`. The market topic says plainly when the bundle has no
figure for this job and place instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable

from bob_emploi.advisor.schema import Topic
from bob_emploi.advisor.situation import Situation

TopicVerdict = tuple[int, str, dict[str, object]]


def market_topic(s: Situation) -> TopicVerdict:
    """From the IMT applicants per offer: 1 or fewer → 90, 5 or more → 20."""
    if s.job is None:
        return 50, "no_job", {}
    if s.market is None:
        return 50, "no_data", {}
    ratio = s.market.applicants_per_offer
    if ratio is None:
        return 10, "no_offers", {}
    if ratio <= 1:
        return 90, "more_offers", {}
    if ratio < 5:
        return round(90 - (ratio - 1) * 17), "balanced", {}
    return 20, "stuck", {}


def profile_topic(s: Situation) -> TopicVerdict:
    """Starts at 70; a missing compulsory qualification, obstacles the person names and no licence lower it."""
    score = 70
    obstacles = {"age_discrimination", "sex_discrimination", "disability", "atypic_profile", "little_experience"}
    named = obstacles.intersection(s.profile.frustrations)
    score -= 10 * len(named)
    required = s.job is not None and s.required_quote and s.project.training in ("training_needed", "unknown")
    if required:
        score -= 20
    if s.project.seniority in ("senior", "expert"):
        score += 15
    score = max(5, min(95, score))
    if required:
        return score, "qualification", {}
    if named:
        return score, "obstacles", {}
    return score, "solid", {}


def project_topic(s: Situation) -> TopicVerdict:
    """No target job → 20; else from passion (life goal 90 … alimentary 40) and training needs."""
    if s.job is None:
        return 20, "undefined", {}
    score = {"life_goal": 90, "passionate": 80, "likeable": 65, "alimentary": 40}[s.project.passion]
    if s.project.training == "training_needed":
        score -= 15
    return max(5, score), "passion_" + s.project.passion, {}


def search_topic(s: Situation) -> TopicVerdict:
    """Not started → 50; else from interviews per month of search."""
    if s.months_searching is None:
        return 50, "not_started", {}
    months = max(1, s.months_searching)
    per_month = s.project.interviews / months
    if per_month >= 1:
        return 85, "many_interviews", {}
    if per_month >= 1 / 3:
        return 65, "some_interviews", {}
    if s.months_searching < 2:
        return 55, "just_started", {}
    return 30, "few_interviews", {}


TOPICS: tuple[tuple[Topic, Callable[[Situation], TopicVerdict]], ...] = (
    ("market", market_topic),
    ("profile", profile_topic),
    ("project", project_topic),
    ("search", search_topic),
)
