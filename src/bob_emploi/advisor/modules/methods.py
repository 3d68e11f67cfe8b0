"""Search-method modules: how the person applies, follows up and meets employers."""

from __future__ import annotations

from bob_emploi.advisor.modules.registry import Scored, bmo_values, module, reason, scored
from bob_emploi.advisor.situation import Situation

_BUSY = ("6-15", "16+")


def _channel_share(s: Situation, code: str) -> tuple[str, float] | None:
    if s.job is None:
        return None
    return next(((c.label, c.percent) for c in s.job.hiring_channels if c.code == code), None)


@module(
    "network_application",
    reasons=("strong_network", "medium_network", "weak_network", "channel_share"),
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
    score = {"strong": 3, "medium": 2, "weak": 1}[s.project.network]
    share = _channel_share(s, "R2")
    channel = None
    if share is not None and share[1] >= 30:
        score += 1
        channel = reason("channel_share", channel=share[0], share=f"{share[1]:.0f}")
    return scored(score, reason(f"{s.project.network}_network"), channel, sources=("imt_channels",) if channel else ())


@module(
    "spontaneous_application",
    reasons=("no_offers", "channel_share", "bmo_difficult", "default"),
    data=("imt_channels", "bmo"),
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
    if projects is not None and (projects.difficult_share or 0) >= 50:
        difficult = reason("bmo_difficult", **bmo_values(projects, projects.difficult_share or 0))
    strong = no_offers or channel or difficult
    sources = (*(("imt_channels",) if channel else ()), *(("bmo",) if difficult else ()))
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
    silent = months >= 2 and s.project.weekly_applications != "0-2" and s.project.interviews == 0
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
    many = months >= 3 and s.project.interviews >= 3
    return scored(
        3 if months >= 6 and s.project.interviews >= 5 else 2,
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
    if s.months_searching is None or s.project.weekly_applications == "0-2":
        return None
    no_answers = "no_answers" in s.profile.frustrations
    few = months >= 1 and s.project.interviews * 2 < months
    return scored(
        3 if no_answers else 2,
        reason("no_answers") if no_answers else None,
        reason("few_interviews") if few else None,
    )


@module("less_applications", reasons=("too_many",), applies=True)
def less_applications(s: Situation) -> Scored | None:
    """When: 16+ applications a week with fewer than one interview a month.
    Score: 3 when no interview at all after two months, else 2.
    Data: the answers only.
    """
    months = s.months_searching or 0
    if s.project.weekly_applications != "16+" or s.project.interviews >= max(1, months):
        return None
    return scored(3 if months >= 2 and s.project.interviews == 0 else 2, reason("too_many"))


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
    executive = s.profile.highest_degree == "bac+5" or s.project.seniority in ("senior", "expert")
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
