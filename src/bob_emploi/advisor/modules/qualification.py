"""Qualification modules: diplomas, training, validation of experience, driving licence."""

from __future__ import annotations

import re

from bob_emploi.advisor import closejobs
from bob_emploi.advisor.modules.registry import Reason, Scored, module, reason, scored
from bob_emploi.advisor.situation import Situation


@module(
    "training",
    reasons=(
        "required",
        "legal",
        "usual",
        "says_needed",
        "below_first_degree",
        "reorientation",
        "reorientation_skills",
        "frustration",
    ),
    data=("rome_texts", "rome_skills"),
)
def training(s: Situation) -> Scored | None:
    """When: a target job is chosen and the person is not already training, and either the job is
    regulated (ROME 4.0 emploi_reglemente or a sourced legal list) and the person does not say they
    hold its qualification, the person says training is needed, the person's degree (when given) is
    below the first one the ROME names, the project is a reorientation, or the person is frustrated
    about training. A qualification the ROME text calls required on a job the law does not regulate
    is "souvent demandé", never "obligatoire". For a qualification of `jobdata.REGULATED_BY_LAW` it also
    says what the law requires, in exact words (CACES: an employer's driving authorisation, usually after
    a CACES). A reorientation from a job the person did (`previous_job`) says which of the target's skills
    they already have and the most important ones to acquire (advisor.closejobs).
    Score: 3 when the person says training is needed, or for a regulated job when the person says they
    do not know whether they hold it; 2 for a regulated job when the question was not answered or
    below the ROME's first degree; else 1.
    Data: the ROME "accès au métier" text, the ROME 4.0 regulated flag and skills.
    """
    if s.job is None or s.project.training in ("in_training", "nothing_required"):
        return None
    job = s.job
    holds = s.project.training == "enough_diplomas"
    required = reason("required", quote=s.required_quote) if s.required_quote and not holds else None
    usual = reason("usual", quote=job.usual_quote) if job.usual_quote and not holds and not required else None
    needed = reason("says_needed") if s.project.training == "training_needed" else None
    below = None
    if not holds and s.degree_below(job.first_degree) and job.degree_quote:
        below = reason("below_first_degree", quote=job.degree_quote)
    short_course = s.project.kind == "reorientation" and not holds and not required
    reorientation = reason("reorientation") if short_course else None
    frustration = reason("frustration") if "training" in s.profile.frustrations else None
    legal = None
    if required and job.legal_note and job.legal_source:
        legal = reason("legal", legal=job.legal_source, legal_note=job.legal_note)
    skills = _skills_to_acquire(s) if not holds else None
    sure = needed or (required and s.project.training == "unknown")
    score = 3 if sure else 2 if (required or below) else 1
    return scored(
        score,
        required,
        legal,
        usual,
        needed,
        below,
        reorientation,
        skills if (required or usual or needed or below or reorientation or frustration) else None,
        frustration,
        sources=("rome_texts", *(("rome_skills",) if skills else ())),
    )


def _skills_to_acquire(s: Situation) -> Reason | None:
    """A reorientation from a job the person did: what they already have of the target, what to acquire."""
    previous = closejobs.job_group_of(s.referential, s.project.previous_job)
    if s.job is None or previous is None or previous == s.job.code_rome or s.project.kind != "reorientation":
        return None
    match = closejobs.compare(s.referential, previous, s.job.code_rome)
    if not match.total:
        return None
    gender = None if s.gender == "neutral" else s.gender
    return reason(
        "reorientation_skills",
        previous_job_of=closejobs.job_of(s.referential, s.project.previous_job or "", gender),
        skills=closejobs.skills_sentence(match, shown=2),
    )


@module("vae", reasons=("experienced_without_degree", "experienced_regulated"), data=("rome_texts",))
def vae(s: Situation) -> Scored | None:
    """When: the person has experience (intermediate or more) in the target job and either lacks
    the first degree the ROME names for it or the job needs a compulsory qualification the person
    does not say they hold. Not for a qualification the VAE cannot give (`LegalRequirement.vae`: the
    CACES is a test, and the law asks for the employer's driving authorisation): `training` says how.
    Score: 3 for senior or expert, else 2.
    Data: the answers (seniority, degree, training); the ROME "accès au métier" text.
    """
    if s.job is None or s.project.seniority in (None, "none", "junior") or s.project.training == "enough_diplomas":
        return None
    score = 3 if s.project.seniority in ("senior", "expert") else 2
    if s.required_quote and not s.job.vae_applies:
        return None  # an authorisation given after a test (CACES): the training module says how to get it
    if s.required_quote and s.project.training in ("training_needed", "unknown", None):
        return scored(score, reason("experienced_regulated", quote=s.required_quote), sources=("rome_texts",))
    if s.degree_below(s.job.first_degree) and s.job.degree_quote:
        return scored(score, reason("experienced_without_degree", quote=s.job.degree_quote), sources=("rome_texts",))
    return None


@module("alternance", reasons=("chosen", "rqth_no_limit", "young_training", "young_first_job", "adult_chosen"))
def alternance(s: Situation) -> Scored | None:
    """When: the person accepts work-study (alternance), or is 16 to 29 and needs a qualification (says
    so, has a degree below the ROME's first one, or lacks a compulsory one) or looks for a first job.
    Apprenticeship has no age limit with a disability (RQTH: said so to the person); from 26 the
    contrat de professionnalisation is open to job seekers. Never "the qualification you lack" to
    someone who said they have the diplomas.
    Score: 3 when chosen and apprenticeship is open to the person, 2 otherwise.
    Data: the answers only.
    """
    if s.age is None or s.age < 16 or s.project.kind == "create_company":
        return None
    rqth_lifts = s.age > 29 and s.profile.has_disability is True
    apprenticeship = s.age <= 29 or rqth_lifts
    chosen = s.accepts("alternance")
    if chosen:
        key = "rqth_no_limit" if rqth_lifts else "chosen" if apprenticeship else "adult_chosen"
        return scored(3 if apprenticeship else 2, reason(key))
    if not apprenticeship or s.project.training in ("in_training", "enough_diplomas", "nothing_required"):
        return None
    needs_training = (
        s.project.training == "training_needed"
        or (s.job is not None and s.degree_below(s.job.first_degree))
        or (s.required_quote is not None and s.project.training == "unknown")
    )
    if needs_training:
        return scored(2, reason("young_training"))
    if s.project.kind == "first_job" and s.profile.highest_degree in ("none", "cap_bep", "bac"):
        return scored(2, reason("young_first_job"))
    return None


_MAY = re.compile(r"\bpeu(ven)?t\b", re.I)
# Communes under this population count as rural for the driving-licence advice.
RURAL_POPULATION = 10_000


@module("driving_license", reasons=("job_requires", "wide_area", "rural"), data=("rome_texts", "geo"))
def driving_license(s: Situation) -> Scored | None:
    """When: the person has no driving licence and either the ROME access text mentions a licence or
    a vehicle for the target job, the person accepts to work in the région or farther, or lives in
    a commune under 10,000 inhabitants.
    Score: 3 when the job text requires it ("est exigé"), 2 when it only may ("peut être exigé") or
    for the other reasons.
    Data: the answers; ROME "accès au métier" text; commune population (INSEE, via Etalab).
    """
    if s.profile.has_driving_license is not False or (s.age is not None and s.age < 17):
        return None
    quote = s.job.driving_quote if s.job is not None else None
    rural = s.commune.population < RURAL_POPULATION
    firm = quote is not None and not _MAY.search(quote)
    return scored(
        3 if firm else 2,
        reason("job_requires", quote=quote) if quote else None,
        reason("wide_area") if s.project.area in ("region", "country") else None,
        reason("rural") if rural else None,
        sources=(*(("rome_texts",) if quote else ()), *(("geo",) if rural else ())),
    )
