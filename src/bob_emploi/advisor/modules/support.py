"""Support modules: public services and programmes for the person's situation."""

from __future__ import annotations

from bob_emploi.advisor.modules.registry import Scored, module, reason, scored
from bob_emploi.advisor.situation import Situation


@module("explore_jobs", reasons=("no_target_job", "reorientation_low_passion", "low_passion_early", "motivation"))
def explore_jobs(s: Situation) -> Scored | None:
    """When: no target job yet (and not creating a company), a reorientation towards a job the person
    only sees as a living, such a job early in a search (under 6 months), or a motivation problem the
    person ticked (unless the job is their passion). Never a verdict on a long search alone.
    Score: 3 without a target job, else 2.
    Data: the answers only.
    """
    if s.project.kind == "create_company":
        return None
    if s.job is None:
        return scored(3, reason("no_target_job"))
    months = s.months_searching or 0
    low = s.project.passion == "alimentary"
    motivated = s.project.passion in ("life_goal", "passionate")
    # Low passion counts early in a search, or with a motivation problem the person ticked (issue 12).
    return scored(
        2,
        reason("reorientation_low_passion") if s.project.kind == "reorientation" and low else None,
        reason("low_passion_early") if low and months < 6 and s.project.kind != "reorientation" else None,
        reason("motivation") if s.says("motivation") and not motivated else None,
    )


@module("young_support", reasons=("young", "no_degree", "first_job"))
def young_support(s: Situation) -> Scored | None:
    """When: the person is 16 to 25 (Mission locale, Contrat d'engagement jeune), up to 29 with a
    disability (the CEJ's limit).
    Score: 3 without a degree or for a first job, else 2.
    Data: the answers (year of birth, degree, project kind).
    """
    if s.age is None or s.age < 16 or s.age > (29 if s.profile.has_disability is True else 25):
        return None
    no_degree = s.profile.highest_degree in ("none", "cap_bep")  # None: not answered, not "no degree"
    first = s.project.kind == "first_job"
    return scored(
        3 if no_degree or first else 2,
        reason("young"),
        reason("no_degree") if no_degree else None,
        reason("first_job") if first else None,
    )


@module("senior", reasons=("age", "age_discrimination", "long_search"))
def senior(s: Situation) -> Scored | None:
    """When: the person is 50 or older.
    Score: 3 when the person reports age discrimination or searches for 12+ months, else 2.
    Data: the answers only.
    """
    if s.age is None or s.age < 50:
        return None
    discrimination = "age_discrimination" in s.profile.frustrations
    long_search = (s.months_searching or 0) >= 12 and s.project.kind != "create_company"
    return scored(
        3 if discrimination or long_search else 2,
        reason("age"),
        reason("age_discrimination") if discrimination else None,
        reason("long_search") if long_search else None,
    )


@module("disability_support", reasons=("rqth", "no_rqth"))
def disability_support(s: Situation) -> Scored | None:
    """When: the person has a recognised disability (RQTH) or says disability is an obstacle.
    Score: 3.
    Data: the answers only.
    """
    if s.profile.has_disability:
        return scored(3, reason("rqth"))
    if "disability" in s.profile.frustrations:
        return scored(3, reason("no_rqth"))
    return None


@module("self_confidence", reasons=("frustration", "long_without_interview"))
def self_confidence(s: Situation) -> Scored | None:
    """When: the person says self-confidence is a problem, or searches for 12+ months without interviews.
    Score: 3 for the frustration, else 1.
    Data: the answers only.
    """
    frustration = "self_confidence" in s.profile.frustrations
    long_without = (
        (s.months_searching or 0) >= 12
        and s.interviews_known
        and s.interviews == 0
        and s.project.kind != "create_company"
    )
    return scored(
        3 if frustration else 1,
        reason("frustration") if frustration else None,
        reason("long_without_interview") if long_without else None,
    )


@module("civic_service", reasons=("age", "first_experience"))
def civic_service(s: Situation) -> Scored | None:
    """When: the person is 16 to 25, or up to 30 with a disability (Service civique's limits).
    Score: 2 for someone without experience (first job, no seniority or little experience), else 1.
    Data: the answers only.
    """
    if s.age is None or s.age < 16 or s.age > (30 if s.profile.has_disability is True else 25):
        return None
    first = (
        s.project.kind == "first_job" or s.project.seniority == "none" or "little_experience" in s.profile.frustrations
    )
    return scored(2 if first else 1, reason("age"), reason("first_experience") if first else None)


@module("volunteer", reasons=("little_experience", "long_search", "morale"))
def volunteer(s: Situation) -> Scored | None:
    """When: the person lacks experience, searches for 6+ months, or lacks motivation or confidence.
    Score: 2 for little experience, else 1.
    Data: the answers only.
    """
    little = "little_experience" in s.profile.frustrations
    morale = bool({"motivation", "self_confidence"}.intersection(s.profile.frustrations))
    return scored(
        2 if little else 1,
        reason("little_experience") if little else None,
        reason("long_search") if (s.months_searching or 0) >= 6 else None,
        reason("morale") if morale else None,
    )


@module("association_help", reasons=("long_search", "atypic_profile", "discrimination", "young_graduate"))
def association_help(s: Situation) -> Scored | None:
    """When: the search lasts 12+ months, the person reports an atypical profile or discrimination, or
    is a graduate (bac+3 or more) under 31 searching for 3+ months (mentoring associations).
    Score: 2 for a 12+ month search, else 1.
    Data: the answers only.
    """
    months = s.months_searching or 0
    long_search = months >= 12
    discrimination = bool({"age_discrimination", "sex_discrimination"}.intersection(s.profile.frustrations))
    graduate = s.age is not None and s.age <= 30 and s.profile.highest_degree in ("bac+3", "bac+5") and months >= 3
    return scored(
        2 if long_search else 1,
        reason("long_search") if long_search else None,
        reason("atypic_profile") if "atypic_profile" in s.profile.frustrations else None,
        reason("discrimination") if discrimination else None,
        reason("young_graduate") if graduate else None,
    )


@module("create_your_company", reasons=("project", "expert_long_search"))
def create_your_company(s: Situation) -> Scored | None:
    """When: the project is to create a company, or an expert has searched for 12+ months.
    Score: 3 for a company project, else 1.
    Data: the answers only.
    """
    if s.project.kind == "create_company":
        return scored(3, reason("project"))
    if s.project.seniority == "expert" and (s.months_searching or 0) >= 12:
        return scored(1, reason("expert_long_search"))
    return None


@module("life_balance", reasons=("single_parent", "part_time", "time_management", "motivation", "long_search"))
def life_balance(s: Situation) -> Scored | None:
    """When: the person is a single parent, wants part-time work, struggles to organise their time or
    stay motivated, or searches for 12+ months.
    Score: 3 for a single parent, 2 for the other reasons they told us, 1 for a long search alone.
    Data: the answers only.
    """
    single_parent = s.profile.family == "single_parent" or "single_parent" in s.profile.frustrations
    told = [
        reason("part_time") if s.project.part_time else None,
        reason("time_management") if "time_management" in s.profile.frustrations else None,
        reason("motivation") if "motivation" in s.profile.frustrations else None,
    ]
    long_search = reason("long_search") if (s.months_searching or 0) >= 12 else None
    score = 3 if single_parent else 2 if any(told) else 1
    return scored(score, reason("single_parent") if single_parent else None, *told, long_search)
