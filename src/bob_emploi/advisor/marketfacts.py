"""The real market figures the advisor judges a job and a place by, and the thresholds it uses.

Every figure comes from `Referential.market_figures()` (`bob_emploi.data.figures`), the one
definition shared with the job pages and the API; this module only picks the figures a verdict
needs and says, with documented thresholds, what they mean for a job seeker:

- **BMO 2025** (France Travail): hiring projects of the job's headline family (FAP 2021) in the
  person's département, the share employers judge difficult and the share that is seasonal.
  The share of difficult projects is read as scarce candidates: the national mean over all jobs
  is about half (BMO 2025), so `DIFFICULT_HIGH` (60 %) is clearly above it and
  `DIFFICULT_LOW` (35 %) clearly below. A share computed from fewer than `MIN_PROJECTS` (20)
  projects is noise and is not judged.
- **DARES tension 2019** (DARES, Pôle emploi): the tension class, 1 (very weak) to 5 (very strong),
  of the FAP 2009 family in the département, else in its région. Class 4-5: employers lack
  candidates; class 1-2: many candidates for the jobs on offer.
- **2023 → 2025 change** of hiring projects (BMO), where the families compare.
- **Median salary** (DARES 2017-2019, France) and **Mobiville 2021** offers and job seekers: shown,
  not scored.

The market score (0-100) is the mean of the scores of the indicators present: tension class
1 → 10 … 5 → 90 (20 points a class); difficult share 50 + 1.6 × (share − 50) points, from 10 to 90.
Without either indicator the market is "non évalué": no score.
A market is *crowded* (the `stuck_market` challenge) when its score is at most `CROWDED_SCORE` (30):
tension class 1 or 2 and fewer than about 37 % of projects judged difficult, or one of them alone
that low.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bob_emploi.data.figures import Figure, families, french_source, french_value
from bob_emploi.data.referential import Referential

BMO_YEAR = 2025
READ_YEARS = (2023, BMO_YEAR)  # the surveys a verdict reads: the latest, and 2023 for the change
MIN_PROJECTS = 20
DIFFICULT_HIGH = 60.0
DIFFICULT_LOW = 35.0
SEASONAL_SHARE = 30.0  # seasonal_jobs fires from this share of seasonal projects (BMO 2025)
SEASONAL_HIGH = 60.0  # and ranks first from this one
CROWDED_SCORE = 30
AVERAGE_SCORE = 50  # an average job (tension class 3, half of the projects difficult)
OPEN_SCORE = 70  # a close job or a place is "more open" from this market score, and 20 points above the person's
BETTER_MARGIN = 20


@dataclass(frozen=True, slots=True)
class MarketFacts:
    """The figures for one job group and département (each None when the bundle has none)."""

    projects: Figure | None  # BMO 2025 hiring projects, headline family, département
    difficult: Figure | None  # BMO 2025 share of difficult projects
    seasonal: Figure | None  # BMO 2025 share of seasonal projects
    change: Figure | None  # BMO 2023 → 2025 change, where comparable
    tension: Figure | None  # DARES 2019 tension class, département else région
    salary: Figure | None  # DARES median salary, France
    offers: Figure | None  # Mobiville 2021 offers, département
    job_seekers: Figure | None  # Mobiville 2021 job seekers, département

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(
            f
            for f in (
                self.projects,
                self.difficult,
                self.seasonal,
                self.change,
                self.tension,
                self.salary,
                self.offers,
                self.job_seekers,
            )
            if f is not None
        )

    @property
    def difficult_share(self) -> float | None:
        """The share of difficult projects, when computed from enough projects to mean something."""
        if self.difficult is None or self.difficult.value is None or self.projects is None:
            return None
        if self.projects.value is None or self.projects.value < MIN_PROJECTS:
            return None
        return self.difficult.value

    @property
    def seasonal_share(self) -> float | None:
        if self.seasonal is None or self.seasonal.value is None or self.projects is None:
            return None
        if self.projects.value is None or self.projects.value < MIN_PROJECTS:
            return None
        return self.seasonal.value

    @property
    def tension_class(self) -> int | None:
        return None if self.tension is None or self.tension.value is None else round(self.tension.value)

    @property
    def score(self) -> int | None:
        """0-100, the mean of the indicators present (see the module docstring); None: not evaluated."""
        return _score(self.tension_class, self.difficult_share)

    @property
    def crowded(self) -> bool:
        score = self.score
        return score is not None and score <= CROWDED_SCORE


EMPTY = MarketFacts(None, None, None, None, None, None, None, None)


def _score(tension_class: int | None, difficult_share: float | None) -> int | None:
    parts: list[float] = []
    if tension_class is not None:
        parts.append(10 + 20 * (tension_class - 1))
    if difficult_share is not None:
        parts.append(max(10.0, min(90.0, 50 + 1.6 * (difficult_share - 50))))
    return round(sum(parts) / len(parts)) if parts else None


def _pick(figures: list[Figure], label_start: str, territory: str, family: str | None = None) -> Figure | None:
    return next(
        (
            f
            for f in figures
            if f.label.startswith(label_start)
            and f.territory.type == territory
            and (family is None or f.subject_code == family)
        ),
        None,
    )


def load_facts(referential: Referential, code_rome: str, departement: str) -> MarketFacts:
    """The facts for a job group and a département, from `Referential.market_figures`."""
    try:
        figures = referential.market_figures(code_rome, departement, bmo_years=READ_YEARS, factors=False)
    except KeyError:
        return EMPTY
    if not figures:
        return EMPTY
    bmo = [f for f in figures if f.year == BMO_YEAR and f.dataset.startswith("Enquête Besoins")]
    # The headline family: the first FAP 2021 family with a figure (families come most typical first).
    family = next((f.subject_code for f in bmo if f.value is not None and f.territory.type == "departement"), None)
    bmo = [f for f in bmo if f.subject_code == family]
    tensions = [f for f in figures if f.label.startswith("Tension sur le recrutement") and f.value is not None]
    tension = next((f for f in tensions if f.territory.type == "departement"), None) or next(
        (f for f in tensions if f.territory.type == "region"), None
    )
    change = _pick(figures, "Évolution des projets", "departement", family)
    mobiville = [f for f in figures if "Mobiville" in f.dataset and f.value is not None]
    return MarketFacts(
        projects=_pick(bmo, "Projets de recrutement", "departement"),
        difficult=_pick(bmo, "Part des projets jugés difficiles", "departement"),
        seasonal=_pick(bmo, "Part des projets saisonniers", "departement"),
        change=change if change is not None and change.value is not None else None,
        tension=tension,
        salary=next((f for f in figures if f.label == "Salaire médian" and f.value is not None), None),
        offers=next((f for f in mobiville if f.unit == "offres"), None),
        job_seekers=next((f for f in mobiville if f.unit == "demandeurs d'emploi"), None),
    )


def cite(figure: Figure) -> str:
    """ "2 795 projets de recrutement (enquête BMO 2025, France Travail)"."""
    return f"{french_value(figure)} ({french_source(figure)})"


def bmo_sentence(facts: MarketFacts, territory_in: str) -> str | None:
    """ "En Savoie, les employeurs prévoient 2 795 recrutements pour la famille de métiers « … » en 2025,
    dont 85 % saisonniers et 41 % jugés difficiles (enquête BMO 2025, France Travail).\""""
    projects = facts.projects
    if projects is None or projects.value is None:
        return None
    count = french_value(projects).replace(" projets de recrutement", "")
    details = []
    if facts.seasonal_share is not None and facts.seasonal is not None:
        details.append(f"{french_value(facts.seasonal)} saisonniers")
    if facts.difficult_share is not None and facts.difficult is not None:
        details.append(f"{french_value(facts.difficult)} jugés difficiles par les employeurs")
    detail = f", dont {' et '.join(details)}" if details else ""
    plural = "s" if projects.value >= 2 else ""
    return (
        f"{territory_in[:1].upper()}{territory_in[1:]}, les employeurs prévoient {count} recrutement{plural} pour "
        f"{projects.subject} en {projects.year}{detail} ({french_source(projects)})."
    )


def short_facts(facts: MarketFacts, territory_in: str) -> str:
    """ "en Loire : tension forte (classe 4 sur 5, …2019, DARES, Pôle emploi), 57 projets de recrutement
    dont 60 % jugés difficiles (enquête BMO 2025, France Travail)": a place or job compared in a list."""
    parts = []
    tension = facts.tension
    if tension is not None and tension.value is not None:
        meaning = TENSION_WORDS[round(tension.value)]
        where = "" if tension.territory.type == "departement" else f" pour la région {tension.territory.name}"
        parts.append(f"tension {meaning}{where} ({french_value(tension)}, {french_source(tension)})")
    projects = facts.projects
    if projects is not None and projects.value is not None:
        text = french_value(projects)
        if facts.difficult_share is not None and facts.difficult is not None:
            text += f" dont {french_value(facts.difficult)} jugés difficiles"
        parts.append(f"{text} ({french_source(projects)})")
    return f"{territory_in}\u00a0: {', '.join(parts)}" if parts else territory_in


TENSION_WORDS = {1: "très faible", 2: "faible", 3: "moyenne", 4: "forte", 5: "très forte"}


def tension_sentence(facts: MarketFacts, referential: Referential) -> str | None:
    tension = facts.tension
    if tension is None or tension.value is None:
        return None
    meaning = TENSION_WORDS[round(tension.value)]
    return (
        f"La tension sur le recrutement pour {tension.subject} était {meaning} ({french_value(tension)}) "
        f"{territory_in(tension, referential)} en {tension.year} ({french_source(tension)})\u00a0: "
        + (
            "les employeurs manquaient de candidats."
            if tension.value >= 4
            else "il y avait beaucoup de candidats pour les postes offerts."
            if tension.value <= 2
            else "ni pénurie ni excès de candidats."
        )
    )


def change_sentence(facts: MarketFacts, referential: Referential) -> str | None:
    change = facts.change
    if change is None or change.value is None:
        return None
    where = territory_in(change, referential)
    if round(change.value) == 0:
        trend = "sont restés stables"
    else:
        amount = french_value(change).lstrip("+-")
        trend = f"ont augmenté de {amount}" if change.value > 0 else f"ont baissé de {amount}"
    return f"De 2023 à 2025, ces projets de recrutement {trend} {where} ({french_source(change)})."


def territory_in(figure: Figure, referential: Referential) -> str:
    """ "en Savoie", "en Auvergne-Rhône-Alpes", "en France": where a figure was measured."""
    code = figure.territory.code
    if figure.territory.type == "departement" and code in referential.departements:
        return referential.departements[code].in_phrase
    if figure.territory.type == "region" and code in referential.regions:
        return referential.regions[code].in_phrase
    return "en France" if figure.territory.type == "france" else f"en {figure.territory.name}"


class ScoreTable:
    """The rows a market score reads (BMO 2025 per family and département, DARES tension classes per
    family, département and région), loaded once per bundle: `score()` then costs a few dictionary
    look-ups, where `load_facts` builds every figure with its provenance.

    The close jobs and the other départements a verdict compares are many (a batch asks for tens of
    thousands of job groups × départements) and only their score decides whether they are named:
    the ones named get their full `load_facts`. `score()` gives exactly `load_facts(...).score`
    (tests/advisor/test_marketfacts.py checks every job group on the real bundle).
    """

    def __init__(self, referential: Referential) -> None:
        self._referential = referential
        # (FAP 2021 family, département) → (projects, difficult projects), BMO_YEAR's survey.
        self.bmo: dict[tuple[str, str], tuple[float | None, float | None]] = {}
        # (FAP 2009 family, territory type, code) → tension class 1-5 (None: published without one).
        self.tension: dict[tuple[str, str, str], int | None] = {}
        try:
            for year, job_code, area_type, area_code, projects, difficult, *_ in referential.iter_rows("bmo_area"):
                if year == BMO_YEAR and area_type == "departement":
                    self.bmo[(job_code, area_code)] = (projects, difficult)
            for (
                fap,
                _level,
                area_type,
                area_code,
                _year,
                _employment,
                _index,
                tension_class,
                *_,
            ) in referential.iter_rows("dares_tensions"):
                if area_type in ("departement", "region"):
                    self.tension[(fap, area_type, area_code)] = tension_class
        except sqlite3.Error:  # a bundle built before the statistics: no score, as load_facts
            self.bmo.clear()
            self.tension.clear()

    def score(self, code_rome: str, departement: str) -> int | None:
        referential = self._referential
        known = referential.departements.get(departement)
        if code_rome not in referential.job_groups or known is None:
            return None
        job_families = families(referential, code_rome)
        projects = difficult = None
        for family in job_families:  # the headline family: the first with projects published
            if family.nomenclature == "FAP2021":
                row = self.bmo.get((family.code, departement))
                if row is not None and row[0] is not None:
                    projects, difficult = row
                    break
        tension = None
        for area_type, area_code in (("departement", departement), ("region", known.region)):
            tension = next(
                (
                    found
                    for family in job_families
                    if family.nomenclature == "FAP2009"
                    and (found := self.tension.get((family.code, area_type, area_code))) is not None
                ),
                None,
            )
            if tension is not None:
                break
        share = None
        if projects is not None and projects >= MIN_PROJECTS and difficult is not None and projects:
            share = round(100 * difficult / projects, 1)  # as figures._percent
        return _score(tension, share)
