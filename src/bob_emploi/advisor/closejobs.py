"""Close jobs on skills (ROME 4.0): what a person already knows of a neighbouring job, what they would learn.

The close jobs of a job group are its ROME 4.0 mobility links ("emplois et métiers proches"), in the
ROME's order. Each is compared with the person's *base* job, by ROME 4.0 skill code:

- the base is the job the person did before (`project.previous_job`) when they said it, else the job
  they aim for (the text then says that the comparison starts from the target job, not from them);
- compared: savoir-faire and savoirs (`jobdata.JobSkills`). Soft skills (savoir-être: 16 in all,
  shared by most jobs) say nothing about closeness, and a certification (CACES, diploma…) is not
  acquired by doing a job, so neither counts as "already had" or "to acquire";
- shared skills are shown savoir-faire first, the close job's core skills ("compétences clés") first,
  then in the order of its sheet;
- missing skills are "the most important first": the close job's core skills, then those of a
  macro-skill the person has nothing of yet (really new, where a skill of a known macro-skill is a
  variant of what they do), then savoir-faire before savoirs, then the sheet's order. A macro-skill
  listed as such ("Manipuler un engin de manutention") that the person practises through one of its
  skills ("Conduire un chariot élévateur") is not to acquire.

The local hiring of each close job is its `advisor.marketfacts` facts (BMO 2025 projects of its headline
family in the département, with source and year), the same figures the market verdicts read.

Skills are read once per job group (`ReferentialData.skills`) and each comparison once per pair of
job groups (an LRU): a person costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bob_emploi.advisor.jobdata import JobSkills, referential_data
from bob_emploi.advisor.marketfacts import EMPTY, MarketFacts
from bob_emploi.advisor.situation import in_sentence
from bob_emploi.data.figures import french_source, french_value
from bob_emploi.data.referential import Gender, Referential, Skill

SHOWN_SKILLS = 3  # skills named in a sentence, of each list
# A close job "on your skills" shares at least this many of its comparable skills with the person's job:
# a sheet has about 48 of them and two ROME-linked jobs share 3 (the median) by code.
MIN_SHARED = 3
_PAIRS_CACHE_SIZE = 65_536  # compared pairs of job groups (about 15,000 mobility links exist)


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one object per pair of job groups (cached)
class SkillMatch:
    """What the skills of a base job cover of another job's comparable skills."""

    shared: tuple[Skill, ...]  # most telling first
    missing: tuple[Skill, ...]  # most important first
    total: int  # the other job's comparable skills

    @property
    def shared_count(self) -> int:
        return len(self.shared)


@dataclass(frozen=True, slots=True)
class CloseJob:
    """A close job, what the person knows of it and its local hiring."""

    code_rome: str
    match: SkillMatch
    facts: MarketFacts  # EMPTY without a département or figures


@lru_cache(maxsize=_PAIRS_CACHE_SIZE)
def _compare(base: JobSkills, other: JobSkills) -> SkillMatch:
    shared = [skill for skill in other.skills if skill.code_ogr in base.codes]
    shared.sort(key=lambda skill: (skill.kind != "savoir-faire", not skill.core, skill.block, skill.position))
    # A macro-skill the person practises through one of its skills is not "to acquire" (nor counted as had).
    missing = [skill for skill in other.skills if skill.code_ogr not in base.codes and skill.label not in base.macros]
    missing.sort(
        key=lambda skill: (
            not skill.core,
            skill.macro_label in base.macros,
            skill.kind != "savoir-faire",
            skill.block,
            skill.position,
        )
    )
    return SkillMatch(tuple(shared), tuple(missing), len(other.skills))


def compare(referential: Referential, base_rome: str, other_rome: str) -> SkillMatch:
    """What a person whose skills are those of `base_rome` already has of `other_rome`, and lacks."""
    data = referential_data(referential)
    return _compare(data.skills(base_rome), data.skills(other_rome))


def close_jobs(referential: Referential, code_rome: str, base_rome: str, departement: str | None) -> list[CloseJob]:
    """The close jobs of `code_rome` (ROME 4.0 mobility, the ROME's order), compared with `base_rome`."""
    data = referential_data(referential)
    base = data.skills(base_rome)
    return [
        CloseJob(
            code_rome=code,
            match=_compare(base, data.skills(code)),
            facts=data.facts(code, departement) if departement else EMPTY,
        )
        for code in data.job(code_rome).close_groups
        if code != base_rome
    ]


_ELLIPSIS = re.compile(r",?\s*(\.\.\.|…)\s*(?=\))|,?\s*(\.\.\.|…)$")


def skill_label(skill: Skill) -> str:
    """A skill's ROME label, quoted as published (its own typography), without a trailing "...": « … »."""
    return f"«\u00a0{_ELLIPSIS.sub('', skill.label).strip().rstrip(',')}\u00a0»"


@lru_cache(maxsize=_PAIRS_CACHE_SIZE)  # the same pair of jobs gives the same sentence: written once
def skills_sentence(match: SkillMatch, *, own: bool = True, shown: int = SHOWN_SKILLS) -> str:
    """ "vous avez déjà 17 de ses 53 compétences, dont « … », « … » ; à acquérir : « … », « … »".

    `own`: the base is a job the person did; else it is the job they aim for, and the sentence says
    "en commun avec le métier que vous visez" instead of "vous avez déjà".
    """
    if match.total == 0:
        return "le ROME ne détaille pas ses compétences"
    examples = ", ".join(skill_label(skill) for skill in match.shared[:shown])
    count = f"{match.shared_count} de ses {match.total} compétence{'s' if match.total > 1 else ''}"
    if not match.shared:
        known = "aucune compétence en commun" + ("" if own else " avec le métier que vous visez")
    elif own:
        known = f"vous avez déjà {count}, dont {examples}"
    else:
        known = f"{count} en commun avec le métier que vous visez, dont {examples}"
    if match.shared_count and match.shared_count <= shown:
        known = known.replace(", dont ", " : ", 1)
    if not match.missing:
        return known
    return f"{known} ; à acquérir : {', '.join(skill_label(skill) for skill in match.missing[:shown])}"


def hiring_text(facts: MarketFacts, territory_in: str) -> str:
    """ "300 projets de recrutement en Isère en 2025 pour la famille de métiers « … » (enquête BMO 2025,
    France Travail)", or that no figure is published there."""
    projects = facts.projects
    if projects is None or projects.value is None:
        return f"pas de chiffre de recrutement publié {territory_in}"
    where = f"{territory_in} en {projects.year} pour {projects.subject}"
    return f"{french_value(projects)} {where} ({french_source(projects)})"


def by_skills_then_hiring(jobs: list[CloseJob], minimum: int = MIN_SHARED) -> list[CloseJob]:
    """The close jobs sharing at least `minimum` skills, most shared first, then most local hiring projects."""
    kept = [job for job in jobs if job.match.shared_count >= minimum]
    return sorted(kept, key=lambda job: (-job.match.shared_count, -_projects(job.facts), job.code_rome))


def _projects(facts: MarketFacts) -> float:
    return facts.projects.value or 0.0 if facts.projects is not None else 0.0


def job_group_of(referential: Referential, code_ogr: str | None) -> str | None:
    """The job group of a job title code, None when not given or unknown to the bundle."""
    title = referential.job_titles.get(code_ogr) if code_ogr else None
    return title.code_rome if title is not None and title.code_rome in referential.job_groups else None


_ELIDING = frozenset("aeiouyhàâéèêëîïôöûü")


def job_of(referential: Referential, code_ogr: str, gender: Gender | None) -> str:
    """ "de vendeuse", "d'opérateur de production": a job title after "le métier", gendered, never slashed."""
    label = in_sentence(referential.job_titles[code_ogr].title(gender))
    return f"d'{label}" if label[:1].lower() in _ELIDING else f"de {label}"
