"""The undecided path: from what a person likes to a shortlist of jobs hiring near them.

A person who does not know which job to aim for picks one of ROME 4.0's centres of interest
("J'ai envie de…", `Referential.centres_of_interest()`); the shortlist is the job groups of that
interest (`Referential.job_groups_for_interest`), each with its local hiring (BMO 2025 hiring projects
of its family in the person's département, from `advisor.marketfacts`) and whether a qualification is
required by law (ROME 4.0 `emploi_reglemente` or `jobdata.REGULATED_BY_LAW`) or only usual. Job groups
hiring most come first; the person picks one (its most chosen title) for a full diagnostic.

Pure Python: no Django; the web page and any client call `shortlist()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bob_emploi.advisor.jobdata import referential_data
from bob_emploi.data.figures import Figure, french_source, french_value
from bob_emploi.data.referential import Gender, Referential

SHORTLIST_SIZE = 8


@dataclass(frozen=True, slots=True)
class Lead:
    """A job group to consider, with the figures that make it worth a look."""

    code_rome: str
    name: str  # gendered like the person when known
    title_code: str  # the most chosen job title (code_ogr): what the diagnostic is computed for
    projects: Figure | None  # BMO 2025 hiring projects of its family in the département
    regulated: bool  # a qualification is required by law to be hired
    qualification: str  # "Qualification obligatoire", "Diplôme souvent demandé : CAP", "Accessible sans diplôme"…

    @property
    def hiring(self) -> str:
        """The local hiring, with its year, whose figure it is and its source, for the shortlist."""
        if self.projects is None or self.projects.value is None:
            return "Pas de chiffre de recrutement publié pour ce métier dans votre département"
        figure = self.projects
        return f"{french_value(figure)} en {figure.year} pour {figure.subject} ({french_source(figure)})"


_DEGREE_WORDS = {"cap_bep": "CAP ou BEP", "bac": "bac", "bac+2": "bac+2", "bac+3": "bac+3", "bac+5": "bac+5"}


def shortlist(referential: Referential, interest: str, departement: str, gender: Gender | None = None) -> list[Lead]:
    """The job groups of a centre of interest, those with the most local hiring projects first."""
    data = referential_data(referential)
    leads = []
    for group in referential.job_groups_for_interest(interest):
        titles = referential.titles_of(group.code_rome)
        if not titles:
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
            )
        )
    leads.sort(key=lambda lead: (-(lead.projects.value or 0) if lead.projects else 0, lead.name))
    return leads[:SHORTLIST_SIZE]
