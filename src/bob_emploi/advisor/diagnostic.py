"""The sub-diagnostics per topic (market, profile, project, search) and the overall score.

Each topic gets a score from 0 to 100, or None when the answers or the data cannot judge it
("non évalué": no score, no bar), and the key of a sentence in `content/topics.toml`. The
overall score is the mean of the evaluated topics only, and says so when some are left out.
No topic reads an unanswered question (None) as "no".
"""

from __future__ import annotations

from collections.abc import Callable

from bob_emploi.advisor import interviews
from bob_emploi.advisor.marketfacts import bmo_sentence, change_sentence, tension_sentence
from bob_emploi.advisor.schema import Topic
from bob_emploi.advisor.situation import Situation

TopicVerdict = tuple[int | None, str, dict[str, object]]

# A search of this many months is long-term unemployment (France Travail's and INSEE's definition: 12 months).
LONG_TERM_MONTHS = 12


def market_facts_text(s: Situation) -> str:
    """The real figures for the job and place, each sentence with its figure, territory, dataset and year."""
    sentences = [
        bmo_sentence(s.facts, s.departement.in_phrase),
        change_sentence(s.facts, s.referential),
        tension_sentence(s.facts, s.referential),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def market_topic(s: Situation) -> TopicVerdict:
    """From the IMT applicants per offer when the bundle has them (1 or fewer → 90, 5 or more → 20);
    else from the real figures (advisor.marketfacts: DARES tension class and BMO 2025 share of
    difficult projects); else not evaluated."""
    if s.job is None:
        return None, "no_job", {}
    if s.market is not None:
        ratio = s.market.applicants_per_offer
        if ratio is None:
            return 10, "no_offers", {}
        if ratio <= 1:
            return 90, "more_offers", {}
        if ratio < 5:
            return round(90 - (ratio - 1) * 17), "balanced", {}
        return 20, "stuck", {}
    score = s.facts.score
    facts = market_facts_text(s)
    if score is None:
        return None, "figures_not_judged" if facts else "no_data", {"facts": facts}
    key = "figures_crowded" if s.facts.crowded else "figures_open" if score >= 70 else "figures_balanced"
    return score, key, {"facts": facts}


def profile_topic(s: Situation) -> TopicVerdict:
    """Starts at 70; a qualification the person says is missing (or a compulsory one a newcomer does not
    say they hold) and the obstacles the person names lower it; senior or expert raises it."""
    score = 70
    obstacles = {"age_discrimination", "sex_discrimination", "disability", "atypic_profile", "little_experience"}
    named = obstacles.intersection(s.profile.frustrations)
    score -= 10 * len(named)
    training = s.project.training
    required = s.job is not None and (
        training == "training_needed"
        or (bool(s.required_quote) and training in ("unknown", None) and s.newcomer is True and s.job.regulated)
    )
    if required:
        score -= 20
    if s.project.seniority in ("senior", "expert"):
        score += 15
    score = max(5, min(95, score))
    if required:
        return score, "qualification" if training == "training_needed" else "qualification_unsure", {}
    if named:
        return score, "obstacles", {}
    return score, "solid", {}


def motivation_at_stake(s: Situation) -> bool:
    """Motivation is judged only when the search is long or the person ticked a motivation problem."""
    return s.says("motivation") or (s.months_searching or 0) >= LONG_TERM_MONTHS


def project_topic(s: Situation) -> TopicVerdict:
    """No target job → 20; else 75, life goal 90, passionate 85, "a living" 45 only when motivation is at
    stake (long search or motivation problem); −15 when the person says training is needed."""
    if s.job is None:
        return 20, "undefined", {}
    passion = s.project.passion
    if passion is None:
        score, key = 75, "passion_unknown"
    elif passion == "alimentary" and not motivation_at_stake(s):
        score, key = 75, "passion_alimentary_fine"
    else:
        score = {"life_goal": 90, "passionate": 85, "likeable": 75, "alimentary": 45}[passion]
        key = "passion_" + passion
    if s.project.training == "training_needed":
        score -= 15
    return max(5, score), key, {}


def search_topic(s: Situation) -> TopicVerdict:
    """Not evaluated for a company creator or when the interviews were not given; 50 not started;
    else from the interview model (advisor.interviews): 85 at or above the expected interviews,
    65 at half of them, 55 in the first two months, else 30. An obstacle the person ticked
    (no interviews, no answers) caps it at 45; 12+ months is long-term unemployment, said so."""
    if s.project.kind == "create_company":
        return None, "company", {}
    if s.months_searching is None:
        return 50, "not_started", {}
    long_term = s.months_searching >= LONG_TERM_MONTHS
    if not s.interviews_known:
        return None, "long_term_unknown" if long_term else "interviews_unknown", {}
    verdict = interviews.judge(s)
    if long_term:
        return (45 if verdict.good else 25), "long_term_good" if verdict.good else "long_term", {}
    if s.months_searching < 2 and not verdict.vetoed:
        return 55, "just_started", {}
    if verdict.good:
        return (85 if verdict.ratio is None or verdict.ratio >= 1 else 65), "good", verdict.words()
    if verdict.vetoed and s.interviews > 0:
        return 45, "obstacle", verdict.words()
    return 30, "few_interviews", verdict.words()


TOPICS: tuple[tuple[Topic, Callable[[Situation], TopicVerdict]], ...] = (
    ("market", market_topic),
    ("profile", profile_topic),
    ("project", project_topic),
    ("search", search_topic),
)
