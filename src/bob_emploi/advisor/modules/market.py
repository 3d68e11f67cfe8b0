"""Market modules: where and in which jobs the person's chances are better, from the figures and the ROME.

They read the IMT format files when the bundle has them, else the real published figures
(`advisor.marketfacts`: BMO 2025, DARES tension 2019, with their thresholds and reasons).
Without figures for the job and place these modules abstain, or say plainly that the figures
are missing: they never estimate one.
"""

from __future__ import annotations

from collections.abc import Iterable

from bob_emploi.advisor import closejobs
from bob_emploi.advisor.closejobs import skills_sentence
from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.marketfacts import (
    AVERAGE_SCORE,
    BETTER_MARGIN,
    OPEN_SCORE,
    SEASONAL_HIGH,
    SEASONAL_SHARE,
    MarketFacts,
    bmo_sentence,
    short_facts,
)
from bob_emploi.advisor.modules.registry import Reason, Scored, bmo_values, module, reason, scored
from bob_emploi.advisor.situation import Market, Situation, in_sentence, market_of
from bob_emploi.data.figures import french_number

# A place or job is "better" when it has at most this share of the local applicants per offer.
BETTER_RATIO = 0.67
SHOWN = 3
CLOSE_COMPARED = 5  # close job groups compared on the real figures (the ROME lists the closest first)
ADVICE_SKILLS = 2  # skills named per close job in an advice, of those had and of those to acquire
RELOCATE_MIN_PROJECTS = 50  # a département with fewer BMO 2025 projects is not worth a move
INTERIM = "04"  # IMT contract code


def _figures(market: Market) -> str:
    return f"{french_number(market.offers)} offres pour {french_number(market.applicants)} demandeurs d'emploi"


def _better_markets(candidates: Iterable[tuple[str, Market | None]], local: Market) -> list[tuple[str, Market]]:
    """The candidates (by code) with offers and clearly fewer applicants per offer than locally, fewest first."""
    local_ratio = local.applicants_per_offer
    better = []
    for code, candidate in candidates:
        ratio = None if candidate is None else candidate.applicants_per_offer
        if candidate is not None and ratio is not None and (local_ratio is None or ratio <= local_ratio * BETTER_RATIO):
            better.append((ratio, code, candidate))
    return [(code, candidate) for _, code, candidate in sorted(better, key=lambda item: item[:2])]


@module(
    "reorient_to_close_job",
    reasons=(
        "better_close_jobs",
        "open_close_jobs",
        "close_jobs_no_data",
        "from_previous_job",
        "undecided_previous_job",
        "close_job_skills",
    ),
    data=("rome_mobility", "rome_skills", "imt", "bmo_2025", "dares_tensions"),
)
def reorient_to_close_job(s: Situation) -> Scored | None:
    """When: the target job has close job groups in the ROME mobility graph and either (IMT format)
    some have clearly fewer applicants per offer in the person's département, or (real figures,
    advisor.marketfacts) the local market is below average (score under 50), or the search is 6+
    months long, or the job is only a living, and some of the 5 closest job groups have a market
    score of at least 70 and 20 points above the target job's; or (no figures to compare) the search
    is long (9+ months) or the job is only a living. Also, on skills (advisor.closejobs): a person
    who reorients from a job they did (`previous_job`) gets the close jobs of their target that share
    at least 3 skills with it; an undecided person who did a job gets that job's close jobs.
    Each close job shown comes with the skills the person already has (from the job they did, else
    from the target job, and the text says which) and the most important ones to acquire, and (on
    the skills branches) its local hiring (BMO 2025).
    Score: 3 when the local market is stuck or crowded, else 2; on skills 2 (a reorientation after 6+
    months of search or on a crowded market, an undecided person), else 1; without figures 1, and the
    explanation says the figures are missing.
    Data: ROME mobility (close links) and ROME 4.0 skills; IMT offers and applicants, or BMO 2025 and
    DARES tension, per job group and département.
    """
    previous = closejobs.job_group_of(s.referential, s.project.previous_job)
    if s.job is None:
        return _undecided_close_jobs(s, previous)
    if not s.job.close_groups:
        return None
    base = previous if previous is not None and previous != s.job.code_rome else s.job.code_rome
    own = base != s.job.code_rome or s.newcomer is False  # skills the person has, not only the target's
    if s.market is not None:
        better = _better_markets(
            ((code, market_of(s.data.job(code).market.get(s.departement.code))) for code in s.job.close_groups),
            s.market,
        )
        if not better:
            return _reorientation_close_jobs(s, previous)
        jobs = ", ".join(f"{s.group_name(code)} ({_figures(market)})" for code, market in better[:SHOWN])
        return scored(
            3 if s.market.stuck else 2,
            reason("better_close_jobs", jobs=jobs),
            *_skills_reasons(s, base, own, [code for code, _ in better[:SHOWN]]),
            sources=("rome_mobility", "rome_skills", "imt"),
        )
    local = s.facts.score
    months = s.months_searching or 0
    # A detour is worth it when the local market is below average or the search drags on.
    worth = (local is not None and local < AVERAGE_SCORE) or months >= 6 or s.project.passion == "alimentary"
    if (local is None or local < OPEN_SCORE) and s.facts.figures and worth:
        opener = []
        for code in s.job.close_groups[:CLOSE_COMPARED]:
            score = s.data.score(code, s.departement.code)  # the figures only for the ones named
            if score is not None and score >= OPEN_SCORE and (local is None or score >= local + BETTER_MARGIN):
                opener.append((-score, code, s.data.facts(code, s.departement.code)))
        if opener:
            opener.sort(key=lambda item: item[:2])
            jobs = "\u00a0; ".join(_open_job(s, code, facts) for _, code, facts in opener[:SHOWN])
            return scored(
                3 if s.facts.crowded else 2,
                reason("open_close_jobs", jobs=jobs),
                *_skills_reasons(s, base, own, [code for _, code, _ in opener[:SHOWN]]),
                sources=("rome_mobility", "rome_skills", "bmo_2025", "dares_tensions"),
            )
    if s.facts.figures:  # figures to compare, and no close job does clearly better: skills only
        return _reorientation_close_jobs(s, previous)
    if months >= 9 or s.project.passion == "alimentary":
        codes = list(s.job.close_groups[:SHOWN])
        jobs = ", ".join(s.group_name(code) for code in codes)
        return scored(
            1,
            reason("close_jobs_no_data", jobs=jobs),
            *_skills_reasons(s, base, own, codes),
            sources=("rome_mobility", "rome_skills"),
        )
    return _reorientation_close_jobs(s, previous)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _skills_reasons(s: Situation, base: str, own: bool, codes: list[str], hiring: bool = False) -> list[Reason]:
    """One sentence per close job: its name, the skills had and to acquire, and (`hiring`) its local hiring."""
    reasons = []
    for code in codes:
        match = closejobs.compare(s.referential, base, code)
        text = f"{_capital(s.group_name(code))}\u00a0: {skills_sentence(match, own=own, shown=ADVICE_SKILLS)}"
        if hiring:
            text += f"\u00a0; {closejobs.hiring_text(s.data.facts(code, s.departement.code), s.departement.in_phrase)}"
        reasons.append(reason("close_job_skills", close_job=text))
    return reasons


def _previous_job_of(s: Situation) -> str:
    return closejobs.job_of(s.referential, s.project.previous_job or "", None if s.gender == "neutral" else s.gender)


def _reorientation_close_jobs(s: Situation, previous: str | None) -> Scored | None:
    """A reorientation from a job the person did: the target's close jobs that reuse most of their skills."""
    if s.job is None or previous is None or previous == s.job.code_rome or s.project.kind != "reorientation":
        return None
    jobs = closejobs.close_jobs(s.referential, s.job.code_rome, previous, s.departement.code)
    shown = closejobs.by_skills_then_hiring(jobs)[:SHOWN]
    if not shown:
        return None
    pressing = (s.months_searching or 0) >= 6 or s.facts.crowded
    return scored(
        2 if pressing else 1,
        reason("from_previous_job", previous_job_of=_previous_job_of(s)),
        *_skills_reasons(s, previous, True, [job.code_rome for job in shown], hiring=True),
        sources=("rome_mobility", "rome_skills", "bmo_2025"),
    )


def _undecided_close_jobs(s: Situation, previous: str | None) -> Scored | None:
    """No target job yet, but a job done: its close jobs that reuse most of the person's skills."""
    if previous is None:
        return None
    jobs = closejobs.close_jobs(s.referential, previous, previous, s.departement.code)
    shown = closejobs.by_skills_then_hiring(jobs)[:SHOWN]
    if not shown:
        return None
    return scored(
        2,
        reason("undecided_previous_job", previous_job_of=_previous_job_of(s)),
        *_skills_reasons(s, previous, True, [job.code_rome for job in shown], hiring=True),
        sources=("rome_mobility", "rome_skills", "bmo_2025"),
    )


def _open_job(s: Situation, code: str, facts: MarketFacts) -> str:
    """A close job compared: its name, tension class and BMO 2025 projects, each with its source."""
    return short_facts(facts, s.group_name(code))


def _area_departements(s: Situation) -> list[str]:
    if s.project.area == "region":
        return [d.code for d in s.referential.departements.values() if d.region == s.departement.region]
    if s.project.area == "country":
        return [d.code for d in s.referential.departements.values() if d.zone == s.departement.zone]
    return []


@module("relocate", reasons=("better_places", "open_places"), data=("imt", "bmo_2025", "dares_tensions"), applies=True)
def relocate(s: Situation) -> Scored | None:
    """When: the person accepts to work in their région or anywhere and other départements of their
    région (IMT format: of their area) clearly do better: fewer applicants per offer (IMT), or, when
    the local market is below average (score under 50: moving is a big step), a market score of at
    least 70 and 20 points above the person's département (real figures, advisor.marketfacts) with
    at least 50 hiring projects (BMO 2025). Abstains without figures.
    Score: 3 when the local market is stuck or crowded, else 2.
    Data: IMT offers and applicants, or BMO 2025 and DARES tension, per job group and département.
    """
    if s.job is None or s.project.area not in ("region", "country"):
        return None
    if s.market is not None:
        better = _better_markets(
            ((code, market_of(s.job.market.get(code))) for code in _area_departements(s) if code != s.departement.code),
            s.market,
        )
        if not better:
            return None
        places = ", ".join(
            f"{s.referential.departements[code].in_phrase} ({_figures(market)})" for code, market in better[:SHOWN]
        )
        return scored(3 if s.market.stuck else 2, reason("better_places", places=places), sources=("imt",))
    local = s.facts.score
    if local is None or local >= AVERAGE_SCORE:  # no figures, or a local market at least average: no move
        return None
    found = []
    for departement in s.referential.departements.values():
        if departement.region != s.departement.region or departement.code == s.departement.code:
            continue
        score = s.data.score(s.job.code_rome, departement.code)  # the figures only for the ones that pass
        if score is None or score < OPEN_SCORE or score < local + BETTER_MARGIN:
            continue
        facts = s.data.facts(s.job.code_rome, departement.code)
        projects = facts.projects.value if facts.projects is not None else None
        if projects is not None and projects >= RELOCATE_MIN_PROJECTS:
            found.append((-score, departement.code, facts))
    if not found:
        return None
    found.sort(key=lambda item: item[:2])
    places = "\u00a0; ".join(
        short_facts(facts, s.referential.departements[code].in_phrase) for _, code, facts in found[:SHOWN]
    )
    return scored(
        3 if s.facts.crowded else 2, reason("open_places", places=places), sources=("bmo_2025", "dares_tensions")
    )


def _month_names(months: tuple[int, ...]) -> str:
    return ", ".join(CONTENT.labels["months"][str(month)].neutral for month in months)


@module(
    "seasonal_jobs",
    reasons=("seasonal_soon", "seasonal", "bmo_seasonal", "figures_seasonal", "rome_mentions"),
    data=("imt", "bmo", "bmo_2025", "rome_texts"),
    applies=True,
)
def seasonal_jobs(s: Situation) -> Scored | None:
    """When: the IMT flags the job as seasonal in the person's département; else the BMO survey says
    at least 30 % of the job family's hiring projects there are seasonal (BMO 2025, from at least
    20 projects); else the ROME access text mentions seasonal contracts.
    Score: 3 when an IMT hiring peak is within the next three months or when 60 % or more of the
    BMO 2025 projects are seasonal, 2 otherwise with the IMT or the BMO; 1 on the ROME text alone.
    Data: IMT seasonality per job group and département; BMO per FAP and département; ROME text.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    if s.market is not None and s.market.stats.seasonal and s.market.stats.seasonal_months:
        months = s.market.stats.seasonal_months
        upcoming = {(s.today.month + offset - 1) % 12 + 1 for offset in range(4)}
        key = "seasonal_soon" if upcoming.intersection(months) else "seasonal"
        return scored(
            3 if key == "seasonal_soon" else 2, reason(key, months_list=_month_names(months)), sources=("imt",)
        )
    projects = s.job.hiring_projects.get(s.departement.code)
    if projects is not None and (projects.seasonal_share or 0) >= 30:
        return scored(2, reason("bmo_seasonal", **bmo_values(projects, projects.seasonal_share or 0)), sources=("bmo",))
    share = s.facts.seasonal_share
    if share is not None and share >= SEASONAL_SHARE:
        figure = bmo_sentence(s.facts, s.departement.in_phrase)
        return scored(
            3 if share >= SEASONAL_HIGH else 2, reason("figures_seasonal", figure=figure), sources=("bmo_2025",)
        )
    if s.job.seasonal_quote:
        return scored(1, reason("rome_mentions", quote=s.job.seasonal_quote), sources=("rome_texts",))
    return None


@module("interim", reasons=("chosen", "share", "share_not_chosen"), data=("imt_contracts",), applies=True)
def interim(s: Situation) -> Scored | None:
    """When: the person accepts interim work, or the IMT says at least half of the job's local offers
    are interim. The real published datasets (BMO, DARES, Mobiville) give no interim share: with them
    only, the module fires on the person's answer alone and cites no figure.
    Score: 3 when interim is accepted and at least 30 % of local offers are interim, 2 otherwise.
    Data: the answers (employment types); IMT contract shares per job group and département.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    chosen = s.accepts("interim")
    share = s.job.contracts.get(s.departement.code, {}).get(INTERIM)
    if chosen:
        if share is not None and share >= 30:
            return scored(3, reason("chosen"), reason("share", share=f"{share:.0f}"), sources=("imt_contracts",))
        return scored(2, reason("chosen"))
    if share is not None and share >= 50:
        return scored(2, reason("share_not_chosen", share=f"{share:.0f}"), sources=("imt_contracts",))
    return None


@module("other_work_env", reasons=("environments",), data=("rome_environments",))
def other_work_env(s: Situation) -> Scored | None:
    """When: the ROME lists at least two structures or sectors where the target job is done.
    Score: 2 when the search is 6+ months long or the local market is stuck, else 1.
    Data: ROME work environments (structures, sectors) of the job group.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    environments = (*s.job.sectors, *s.job.structures)
    if len(environments) < 2:
        return None
    long_or_stuck = (s.months_searching or 0) >= 6 or (s.market is not None and s.market.stuck) or s.facts.crowded
    shown = ", ".join(in_sentence(label) for label in environments[:6])
    return scored(2 if long_or_stuck else 1, reason("environments", environments=shown), sources=("rome_environments",))
