"""The main challenge of a search: ordered rules, the first that applies wins.

Each rule returns the key of its explanation in `content/challenges.toml` (and
the values its sentence cites), or None when it does not apply. A rule reads only
real answers: a question not answered (None) never counts as "no".
"""

from __future__ import annotations

from collections.abc import Callable

from bob_emploi.advisor import interviews
from bob_emploi.advisor.diagnostic import LONG_TERM_MONTHS, market_facts_text
from bob_emploi.advisor.situation import Situation

Verdict = tuple[str, dict[str, object]] | None

# Months of search after which a search counts as long.
LONG_SEARCH_MONTHS = 6
# find_what_you_like: low passion counts early in a search only (before the search is long).
EARLY_MONTHS = 6


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
    """The search has not started (no start date)."""
    if s.months_searching is None:
        return ("not_started", {})
    return None


def missing_diploma(s: Situation) -> Verdict:
    """The person says a training is missing; or the job is regulated by law (a qualification required to
    be hired), the person is new to it by their own answers (first job, reorientation, no or junior
    experience) and does not say they hold it (the sentence then says "if you do not have it yet").
    Not answering is never read as "missing" on a job the law does not regulate."""
    if s.job is None or s.project.training not in ("training_needed", "unknown", None):
        return None
    if s.project.training == "training_needed":
        if s.required_quote:
            return ("says_missing_regulated", {"quote": s.required_quote})
        return ("says_missing", {})
    if s.required_quote and s.job.regulated and s.newcomer is True:
        if s.job.legal_source and s.job.legal_note:  # the law's own words, not "employers cannot hire without it"
            return ("regulated_newcomer_law", {"legal": s.job.legal_source, "legal_note": s.job.legal_note})
        return ("regulated_newcomer", {"quote": s.required_quote})
    return None


def stuck_market(s: Situation) -> Verdict:
    """Many candidates for the jobs on offer where the person lives: the IMT counts 5+ applicants per
    offer, or the real figures are crowded (advisor.marketfacts: DARES tension class and BMO 2025)."""
    if s.market is not None:
        if s.market.stuck:
            return ("many_applicants", {}) if s.market.offers else ("no_offers", {})
        return None
    if s.facts.crowded:
        return ("crowded_figures", {"facts": market_facts_text(s)})
    return None


def find_what_you_like(s: Situation) -> Verdict:
    """Low passion early in a search ("a living", before 6 months) for a job the person is new to (the
    choice is still open), or a motivation problem the person ticked: never a verdict on a long search
    (a long search calls for methods and support, not a new dream)."""
    months = s.months_searching or 0
    if s.project.passion == "alimentary" and months < EARLY_MONTHS and s.newcomer is True:
        return ("alimentary_early", {})
    if s.says("motivation") and s.project.passion not in ("life_goal", "passionate"):
        return ("motivation", {})
    return None


def convert_interviews(s: Situation) -> Verdict:
    """Many interviews over a long search but no job: the interviews are where it fails."""
    months = s.months_searching or 0
    if s.interviews_known and months >= LONG_SEARCH_MONTHS and s.interviews >= max(4, months // 3):
        return ("many_interviews", {})
    return None


def enhance_methods(s: Situation) -> Verdict:
    """After two months, fewer interviews than half of what the interview model expects (advisor.interviews),
    or an obstacle the person ticked; a 12+ month search that nothing above explains."""
    months = s.months_searching or 0
    if months >= LONG_TERM_MONTHS and not s.interviews_known:
        return ("long_term", {})
    if months < 2 or not s.interviews_known:
        return None
    verdict = interviews.judge(s)
    if verdict.good and months < LONG_TERM_MONTHS:
        return None
    if verdict.good:
        return ("long_term", {})
    if verdict.vetoed and (verdict.ratio is None or verdict.ratio >= interviews.GOOD_RATIO):
        return ("obstacle", {})  # the model sees enough interviews, the person says otherwise: we believe them
    if s.applies_at_least("6-15", "16+"):
        return ("many_applications_few_interviews", verdict.words())
    if verdict.expected is None:
        return ("obstacle", {}) if verdict.vetoed else ("few_interviews_plain", {})
    return ("few_interviews", verdict.words())


def bravo(s: Situation) -> Verdict:
    """Nothing above applies: the search is on a good path, or too young to judge."""
    if (s.months_searching or 0) < 2 or not s.interviews_known:
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
