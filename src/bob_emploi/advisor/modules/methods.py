"""Search-method modules: how the person applies, follows up and meets employers."""

from __future__ import annotations

from bob_emploi.advisor.marketfacts import DIFFICULT_HIGH, bmo_sentence
from bob_emploi.advisor.modules.registry import Scored, bmo_values, module, reason, scored
from bob_emploi.advisor.situation import Situation

_BUSY = ("6-15", "16+")


def _channel_share(s: Situation, code: str) -> tuple[str, float] | None:
    if s.job is None:
        return None
    return next(((c.label, c.percent) for c in s.job.hiring_channels if c.code == code), None)


@module(
    "network_application",
    reasons=("strong_network", "medium_network", "weak_network", "unknown_network", "channel_share"),
    data=("imt_channels",),
    applies=True,
)
def network_application(s: Situation) -> Scored | None:
    """When: a target job is chosen and the person is not creating a company.
    Score: 3 with a strong network, 2 medium, 1 weak; +1 when the IMT says at least 30 % of
    hires in the job family go through personal networks.
    Data: the answers (network); IMT hiring channels per FAP when the bundle has them.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    network = s.project.network
    score = {"strong": 3, "medium": 2, "weak": 1}[network] if network is not None else 2
    share = _channel_share(s, "R2")
    channel = None
    if share is not None and share[1] >= 30:
        score += 1
        channel = reason("channel_share", channel=share[0], share=f"{share[1]:.0f}")
    said = reason(f"{network}_network") if network is not None else reason("unknown_network")
    return scored(score, said, channel, sources=("imt_channels",) if channel else ())


@module(
    "spontaneous_application",
    reasons=("no_offers", "channel_share", "bmo_difficult", "figures_difficult", "default"),
    data=("imt_channels", "bmo", "bmo_2025"),
    applies=True,
)
def spontaneous_application(s: Situation) -> Scored | None:
    """When: a target job is chosen and the person is not creating a company.
    Score: 2; 3 when the person lacks offers (frustration no_offers), the IMT says at least 30 % of
    hires in the job family come from spontaneous applications, or the BMO survey says employers
    find at least half of their hiring projects in the family difficult in the département.
    Data: the answers; IMT hiring channels per FAP and BMO hiring projects per FAP and département
    when the bundle has them.
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    no_offers = reason("no_offers") if "no_offers" in s.profile.frustrations else None
    share = _channel_share(s, "R3")
    channel = None
    if share is not None and share[1] >= 30:
        channel = reason("channel_share", channel=share[0], share=f"{share[1]:.0f}")
    difficult = None
    projects = s.job.hiring_projects.get(s.departement.code)
    figure_sources: tuple[str, ...] = ()
    if projects is not None and (projects.difficult_share or 0) >= 50:
        difficult = reason("bmo_difficult", **bmo_values(projects, projects.difficult_share or 0))
        figure_sources = ("bmo",)
    elif (s.facts.difficult_share or 0) >= DIFFICULT_HIGH and s.facts.difficult is not None:
        difficult = reason("figures_difficult", figure=bmo_sentence(s.facts, s.departement.in_phrase))
        figure_sources = ("bmo_2025",)
    strong = no_offers or channel or difficult
    sources = (*(("imt_channels",) if channel else ()), *figure_sources)
    return scored(
        3 if strong else 2, no_offers, channel, difficult, None if strong else reason("default"), sources=sources
    )


@module(
    "improve_resume",
    reasons=("frustration", "no_answers", "no_interviews", "applications_without_interviews"),
    applies=True,
)
def improve_resume(s: Situation) -> Scored | None:
    """When: the person says the resume is a problem, gets no answers or no interviews, or sends
    applications (3+ a week) without any interview after two months.
    Score: 3 for many applications without interviews, else 2.
    Data: the answers only.
    """
    months = s.months_searching or 0
    silent = months >= 2 and s.applies_at_least("3-5", "6-15", "16+") and s.interviews_known and s.interviews == 0
    return scored(
        3 if silent else 2,
        reason("frustration") if "resume" in s.profile.frustrations else None,
        reason("no_answers") if "no_answers" in s.profile.frustrations else None,
        reason("no_interviews") if "no_interviews" in s.profile.frustrations and not silent else None,
        reason("applications_without_interviews") if silent else None,
    )


@module("improve_interview", reasons=("frustration", "interviews_without_job"), applies=True)
def improve_interview(s: Situation) -> Scored | None:
    """When: the person says interviews are hard, or has had at least 3 interviews over 3+
    months without a job.
    Score: 3 with at least 5 interviews over 6+ months, else 2.
    Data: the answers only.
    """
    months = s.months_searching or 0
    many = months >= 3 and s.interviews >= 3
    return scored(
        3 if months >= 6 and s.interviews >= 5 else 2,
        reason("frustration") if "interview" in s.profile.frustrations else None,
        reason("interviews_without_job") if many else None,
    )


@module("follow_up", reasons=("no_answers", "few_interviews"), applies=True)
def follow_up(s: Situation) -> Scored | None:
    """When: the person applies (3+ a week) and gets no answers or few interviews after a month.
    Score: 3 when the person says employers do not answer, else 2.
    Data: the answers only.
    """
    months = s.months_searching or 0
    if s.months_searching is None or not s.applies_at_least("3-5", "6-15", "16+"):
        return None
    no_answers = "no_answers" in s.profile.frustrations
    few = months >= 1 and s.interviews_known and s.interviews * 2 < months
    return scored(
        3 if no_answers else 2,
        reason("no_answers") if no_answers else None,
        reason("few_interviews") if few else None,
    )


@module("less_applications", reasons=("too_many",), applies=True)
def less_applications(s: Situation) -> Scored | None:
    """When: 16+ applications a week with fewer than one interview a month.
    Score: 3 after two months with fewer than one interview every two months, else 2.
    Data: the answers only.
    """
    months = s.months_searching or 0
    if not s.applies_at_least("16+") or not s.interviews_known or s.interviews >= max(1, months):
        return None
    rare = s.interviews == 0 or s.interviews * 2 < months  # fewer than one interview every two months
    return scored(3 if months >= 2 and rare else 2, reason("too_many"))


# ROME domains (first letter of a code) with a public or joint-body job board in content/advice.toml.
_DOMAINS = frozenset({"domain_A", "domain_J", "domain_K"})


@module("job_boards", reasons=("generic", "young", "executive", *sorted(_DOMAINS)), data=("rome",), applies=True)
def job_boards(s: Situation) -> Scored | None:
    """When: a target job is chosen and the person is not creating a company.
    Score: 2 when the person lacks offers or applies little (0-2 a week), else 1.
    Data: the ROME job group's domain (first letter of its code) picks the specialised boards
    listed in content/advice.toml (job_boards.explanations.domain_*).
    """
    if s.job is None or s.project.kind == "create_company":
        return None
    few = "no_offers" in s.profile.frustrations or s.project.weekly_applications == "0-2"
    young = s.age is not None and s.age <= 30
    # Apec: managerial jobs (ROME 4.0 emploi_cadre) or a bac+3 and above, never a CAP-level operator.
    executive = s.job.managerial or s.profile.highest_degree in ("bac+3", "bac+5")
    domain = f"domain_{s.job.code_rome[0]}"
    return scored(
        2 if few else 1,
        reason("generic"),
        reason("young") if young else None,
        reason("executive") if executive else None,
        reason(domain) if domain in _DOMAINS else None,
        sources=("rome",),
    )


@module("events", reasons=("weak_network", "long_search"), applies=True)
def events(s: Situation) -> Scored | None:
    """When: the search has started (not a company creation) and the network is weak or the search is
    3+ months long.
    Score: 2 with a weak network, else 1.
    Data: the answers only.
    """
    if s.months_searching is None or s.project.kind == "create_company":
        return None
    weak = s.project.network == "weak"
    return scored(
        2 if weak else 1,
        reason("weak_network") if weak else None,
        reason("long_search") if s.months_searching >= 3 else None,
    )
