"""Market modules: where and in which jobs the person's chances are better, from the IMT and the ROME.

Without market figures for the job and place these modules abstain, or say
plainly that the figures are missing: they never estimate one.
"""

from __future__ import annotations

from collections.abc import Iterable

from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.modules.registry import Scored, bmo_values, module, reason, scored
from bob_emploi.advisor.situation import Market, Situation, in_sentence, market_of

# A place or job is "better" when it has at most this share of the local applicants per offer.
BETTER_RATIO = 0.67
SHOWN = 3
INTERIM = "04"  # IMT contract code


def _figures(market: Market) -> str:
    return f"{market.offers} offres pour {market.applicants} demandeurs d'emploi"


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
    reasons=("better_close_jobs", "close_jobs_no_data"),
    data=("rome_mobility", "imt"),
)
def reorient_to_close_job(s: Situation) -> Scored | None:
    """When: the target job has close job groups in the ROME mobility graph and either (with market
    data) some of them have clearly fewer applicants per offer in the person's département, or
    (without) the search is long (9+ months) or the job is only a way to earn a living.
    Score: with market data 3 when the local market is stuck, else 2; without market data 1, and the
    explanation says the figures are missing.
    Data: ROME mobility (close links); IMT offers and applicants per job group and département.
    """
    if s.job is None or not s.job.close_groups:
        return None
    if s.market is not None:
        better = _better_markets(
            ((code, market_of(s.data.job(code).market.get(s.departement.code))) for code in s.job.close_groups),
            s.market,
        )
        if not better:
            return None
        jobs = ", ".join(f"{s.data.job(code).name} ({_figures(market)})" for code, market in better[:SHOWN])
        return scored(
            3 if s.market.stuck else 2, reason("better_close_jobs", jobs=jobs), sources=("rome_mobility", "imt")
        )
    months = s.months_searching or 0
    if months >= 9 or s.project.passion == "alimentary":
        jobs = ", ".join(s.data.job(code).name for code in s.job.close_groups[:SHOWN])
        return scored(1, reason("close_jobs_no_data", jobs=jobs), sources=("rome_mobility",))
    return None


def _area_departements(s: Situation) -> list[str]:
    if s.project.area == "region":
        return [d.code for d in s.referential.departements.values() if d.region == s.departement.region]
    if s.project.area == "country":
        return [d.code for d in s.referential.departements.values() if d.zone == s.departement.zone]
    return []


@module("relocate", reasons=("better_places",), data=("imt",), applies=True)
def relocate(s: Situation) -> Scored | None:
    """When: the person accepts to work in their région or anywhere, the bundle has market figures for
    the job locally, and other départements of that area have clearly fewer applicants per offer.
    Score: 3 when the local market is stuck, else 2.
    Data: IMT offers and applicants per job group and département. Abstains without them.
    """
    if s.job is None or s.market is None:
        return None
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


def _month_names(months: tuple[int, ...]) -> str:
    return ", ".join(CONTENT.labels["months"][str(month)].neutral for month in months)


@module(
    "seasonal_jobs",
    reasons=("seasonal_soon", "seasonal", "bmo_seasonal", "rome_mentions"),
    data=("imt", "bmo", "rome_texts"),
    applies=True,
)
def seasonal_jobs(s: Situation) -> Scored | None:
    """When: the IMT flags the job as seasonal in the person's département; else the BMO survey says
    at least 30 % of the job family's hiring projects there are seasonal; else the ROME access text
    mentions seasonal contracts.
    Score: 3 when an IMT hiring peak is within the next three months, 2 otherwise with the IMT or the
    BMO; 1 on the ROME text alone.
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
    if s.job.seasonal_quote:
        return scored(1, reason("rome_mentions", quote=s.job.seasonal_quote), sources=("rome_texts",))
    return None


@module("interim", reasons=("chosen", "share", "share_not_chosen"), data=("imt_contracts",), applies=True)
def interim(s: Situation) -> Scored | None:
    """When: the person accepts interim work, or the IMT says at least half of the job's local offers
    are interim.
    Score: 3 when interim is accepted and at least 30 % of local offers are interim, 2 otherwise.
    Data: the answers (employment types); IMT contract shares per job group and département.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    chosen = "interim" in s.project.employment_types
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
    long_or_stuck = (s.months_searching or 0) >= 6 or (s.market is not None and s.market.stuck)
    shown = ", ".join(in_sentence(label) for label in environments[:6])
    return scored(2 if long_or_stuck else 1, reason("environments", environments=shown), sources=("rome_environments",))
