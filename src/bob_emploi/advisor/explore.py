"""The undecided path: from what a person likes to a shortlist of jobs hiring near them.

A person who does not know which job to aim for picks one of ROME 4.0's centres of interest
("J'ai envie de…", `Referential.centres_of_interest()`); the shortlist is the job groups of that
interest (`Referential.job_groups_for_interest`), each with its local hiring (BMO 2025 hiring projects
of its family in the person's département, from `advisor.marketfacts`) and whether a qualification is
required by law (ROME 4.0 `emploi_reglemente` or `jobdata.REGULATED_BY_LAW`) or only usual. Job groups
hiring most come first; the person picks one (its most chosen title) for a full diagnostic.

What the person can already do: a job they did (`done_rome`). Each lead then says how many of its
skills they already have, with examples (ROME 4.0 skills compared by code, `advisor.closejobs`), and
the shortlist ranks by skills first, in three tiers, then by local hiring within a tier: at least
`MANY_SHARED` (10) shared skills, about a fifth of a sheet's compared skills; at least
`closejobs.MIN_SHARED` (3), the median of two jobs the ROME links; fewer. Tiers rather than a count,
so that a job hiring much more nearby is not pushed down by one skill less. Without a centre of
interest, the leads are the close jobs of the job they did (ROME 4.0 mobility links). The job they did
is not itself a lead.

Pure Python: no Django; the web page and any client call `shortlist()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bob_emploi.advisor import closejobs
from bob_emploi.advisor.closejobs import SkillMatch, skill_label
from bob_emploi.advisor.jobdata import referential_data
from bob_emploi.data.figures import Figure, french_source, french_value
from bob_emploi.data.referential import Gender, Referential

SHORTLIST_SIZE = 8
MANY_SHARED = 10


@dataclass(frozen=True, slots=True)
class Lead:
    """A job group to consider, with the figures that make it worth a look."""

    code_rome: str
    name: str  # gendered like the person when known
    title_code: str  # the most chosen job title (code_ogr): what the diagnostic is computed for
    projects: Figure | None  # BMO 2025 hiring projects of its family in the département
    regulated: bool  # a qualification is required by law to be hired
    qualification: str  # "Qualification obligatoire", "Diplôme souvent demandé : CAP", "Accessible sans diplôme"…
    match: SkillMatch | None = None  # what the person already has of its skills, when they said a job they did

    @property
    def skills(self) -> str:
        """ "Vous avez déjà 12 compétences de ce métier, dont « … » et « … »", or "" without a job done."""
        match = self.match
        if match is None or not match.total:
            return ""
        if not match.shared:
            return "Aucune compétence de ce métier n'est dans celui que vous avez exercé"
        examples = [skill_label(skill) for skill in match.shared[:2]]
        count = match.shared_count
        noun = "compétences" if count > 1 else "compétence"
        if count <= len(examples):
            return f"Vous avez déjà {count} {noun} de ce métier\u00a0: {' et '.join(examples)}"
        return f"Vous avez déjà {count} {noun} de ce métier sur {match.total}, dont {' et '.join(examples)}"

    @property
    def to_acquire(self) -> str:
        """ "À acquérir : « … », « … »": its most important skills the person does not have yet."""
        if self.match is None or not self.match.missing:
            return ""
        return "À acquérir\u00a0: " + ", ".join(skill_label(skill) for skill in self.match.missing[:2])

    @property
    def hiring(self) -> str:
        """The local hiring, with its year, whose figure it is and its source, for the shortlist."""
        if self.projects is None or self.projects.value is None:
            return "Pas de chiffre de recrutement publié pour ce métier dans votre département"
        figure = self.projects
        return f"{french_value(figure)} en {figure.year} pour {figure.subject} ({french_source(figure)})"


_DEGREE_WORDS = {"cap_bep": "CAP ou BEP", "bac": "bac", "bac+2": "bac+2", "bac+3": "bac+3", "bac+5": "bac+5"}


def shortlist(
    referential: Referential,
    interest: str | None,
    departement: str,
    gender: Gender | None = None,
    done_rome: str | None = None,
) -> list[Lead]:
    """The job groups of a centre of interest (else the close jobs of the job done), ranked by the skills
    the person already has (when they said a job they did), then by local hiring projects."""
    data = referential_data(referential)
    if interest:
        groups = referential.job_groups_for_interest(interest)
    elif done_rome in referential.job_groups:
        groups = [referential.job_groups[code] for code in data.job(done_rome or "").close_groups]
    else:
        return []
    base = data.skills(done_rome) if done_rome in referential.job_groups else None
    leads = []
    for group in groups:
        titles = referential.titles_of(group.code_rome)
        if not titles or group.code_rome == done_rome:
            continue
        job = data.job(group.code_rome)
        facts = data.facts(group.code_rome, departement)
        if job.regulated:
            qualification = "Qualification obligatoire pour exercer"
        elif job.first_degree in _DEGREE_WORDS:
            qualification = f"Diplôme souvent demandé\u00a0: {_DEGREE_WORDS[job.first_degree]}"
        else:
            qualification = "Pas de diplôme exigé par la loi"
        leads.append(
            Lead(
                code_rome=group.code_rome,
                name=group.title(gender),
                title_code=titles[0].code_ogr,
                projects=facts.projects,
                regulated=job.regulated,
                qualification=qualification,
                match=closejobs.compare(referential, base.code_rome, group.code_rome) if base is not None else None,
            )
        )
    leads.sort(key=lambda lead: (_tier(lead), -(lead.projects.value or 0) if lead.projects else 0, lead.name))
    return leads[:SHORTLIST_SIZE]


def _tier(lead: Lead) -> int:
    """0: many of its skills already had, 1: some, 2: few or the person did not say a job they did."""
    if lead.match is None:
        return 2
    shared = lead.match.shared_count
    return 0 if shared >= MANY_SHARED else 1 if shared >= closejobs.MIN_SHARED else 2
