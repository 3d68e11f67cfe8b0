"""The facts every rule and module reads, computed once per request."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from bob_emploi.advisor import schema
from bob_emploi.advisor.content import CONTENT, GenderForm, typography
from bob_emploi.advisor.errors import FieldError, InvalidInput
from bob_emploi.advisor.jobdata import DEGREE_ORDER, JobData, ReferentialData, referential_data
from bob_emploi.advisor.marketfacts import EMPTY, MarketFacts
from bob_emploi.data.figures import french_number
from bob_emploi.data.referential import Commune, Departement, JobTitle, MarketStats, Referential

# Applicants per offer from which a local market is "stuck" (IMT tension ratio <= 2 offers per 10 applicants).
STUCK_APPLICANTS_PER_OFFER = 5.0


def _label(group: str, key: str, gender: GenderForm) -> str:
    return CONTENT.labels[group][key].render(gender, {})


@dataclass(frozen=True, slots=True)
class Market:
    """The IMT figures for the target job where the person lives, with what they mean."""

    stats: MarketStats
    offers: int
    applicants: int

    @property
    def applicants_per_offer(self) -> float | None:
        return None if self.offers == 0 else self.applicants / self.offers

    @property
    def stuck(self) -> bool:
        ratio = self.applicants_per_offer
        return self.applicants > 0 and (ratio is None or ratio >= STUCK_APPLICANTS_PER_OFFER)


def market_of(stats: MarketStats | None) -> Market | None:
    """Usable figures (end of month, else last week), or None when the IMT gives no count."""
    if stats is None:
        return None
    if stats.offers_end_month is not None and stats.applicants_end_month is not None:
        return Market(stats, stats.offers_end_month, stats.applicants_end_month)
    if stats.offers_last_week is not None and stats.applicants_last_week is not None:
        return Market(stats, stats.offers_last_week, stats.applicants_last_week)
    return None


@dataclass(frozen=True, slots=True)
class Situation:
    request: schema.AdvisorInput
    profile: schema.Profile
    project: schema.Project
    today: datetime.date
    gender: GenderForm
    age: int | None
    months_searching: int | None  # None: the search has not started
    title: JobTitle | None
    job: JobData | None
    commune: Commune
    departement: Departement
    market: Market | None  # IMT figures (the API's format), when the bundle has them
    facts: MarketFacts  # the real published figures (BMO, DARES, Mobiville): EMPTY without them
    data: ReferentialData
    referential: Referential

    @property
    def required_quote(self) -> str | None:
        """The ROME sentence making a qualification compulsory, unless the person's licence fulfils it."""
        if self.job is None or self.job.required_quote is None:
            return None
        if self.job.required_is_car_licence and self.profile.has_driving_license is True:
            return None
        return self.job.required_quote

    def degree_below(self, degree: schema.Degree | None) -> bool:
        """The person said their highest degree and it is below `degree` (False when not answered)."""
        held = self.profile.highest_degree
        return degree is not None and held is not None and DEGREE_ORDER.index(held) < DEGREE_ORDER.index(degree)

    # Answers, read without turning "not answered" (None) into "no": each is True only on a real answer.
    def says(self, frustration: schema.Frustration) -> bool:
        return frustration in self.profile.frustrations

    @property
    def interviews_known(self) -> bool:
        return self.project.interviews is not None

    @property
    def interviews(self) -> int:
        """The interviews the person reported; callers check `interviews_known` before judging a 0."""
        return self.project.interviews or 0

    @property
    def applications_known(self) -> bool:
        return self.project.weekly_applications is not None

    def applies_at_least(self, *levels: schema.WeeklyApplications) -> bool:
        return self.project.weekly_applications in levels

    def accepts(self, contract: schema.EmploymentType) -> bool:
        """The person ticked this contract (False when the question was not answered)."""
        return self.project.employment_types is not None and contract in self.project.employment_types

    @property
    def newcomer(self) -> bool | None:
        """New to the target job: True, False, or None when the person did not say."""
        if self.project.kind in ("first_job", "reorientation"):
            return True
        if self.project.seniority is None:
            return None
        return self.project.seniority in ("none", "junior")

    def group_name(self, code_rome: str) -> str:
        """A job group's name inside a sentence, gendered like the person, never slashed."""
        group = self.referential.job_groups[code_rome]
        return in_sentence(group.title(None if self.gender == "neutral" else self.gender))

    def source(self, source_id: str) -> schema.Source | None:
        return self.data.sources.get(source_id)

    def market_source(self) -> schema.Source | None:
        """The IMT source, dated with the period the figures cover when the bundle knows it."""
        source = self.data.sources.get("imt")
        if source is None or self.market is None:
            return source
        period = self.market.stats.period or _label("market", "default_period", "neutral")
        # Market files have no version of their own ("as downloaded"): their period is their date.
        date = period if source.date == _label("market", "undated", "neutral") else f"{source.date}, {period}"
        return source.model_copy(update={"date": date})

    def words(self) -> dict[str, object]:
        """The placeholder values every sentence can use (see content.PLACEHOLDERS)."""
        words: dict[str, object] = {
            "city": self.commune.name,
            "city_in": _city_in(self.commune.name),
            "departement_in": self.departement.in_phrase,
            "departement_of": self.departement.of_phrase,
            "departement_in_cap": self.departement.in_phrase[:1].upper() + self.departement.in_phrase[1:],
            "age": self.age if self.age is not None else "",
            "months": self.months_searching if self.months_searching is not None else 0,
            "interviews": self.project.interviews if self.project.interviews is not None else "",
            "interviews_text": _interviews_text(self.project.interviews),
            "applications": _label("applications", self.project.weekly_applications, self.gender)
            if self.project.weekly_applications is not None
            else "",
            "degree": _label("degree", self.profile.highest_degree, self.gender)
            if self.profile.highest_degree is not None
            else "",
        }
        if self.title is not None and self.job is not None:
            label = self.title.title(None if self.gender == "neutral" else self.gender)
            job = in_sentence(label)
            words["job"] = job
            words["job_of"] = f"d'{job}" if job[:1].lower() in _ELIDING else f"de {job}"
            words["job_group"] = self.group_name(self.job.code_rome)
        if self.market is not None:
            words["offers"] = french_number(self.market.offers)
            words["applicants"] = french_number(self.market.applicants)
            ratio = self.market.applicants_per_offer
            words["ratio"] = "" if ratio is None else f"{ratio:.0f}"
            words["period"] = self.market.stats.period or _label("market", "default_period", self.gender)
        return words


_ELIDING = frozenset("aeiouyhàâéèêëîïôöûü")


def _city_in(name: str) -> str:
    """'à Lyon', 'aux Abrets', 'au Mans', 'à La Rochelle': French contracts à + le / les."""
    if name.startswith("Les "):
        return f"aux {name[4:]}"
    if name.startswith("Le "):
        return f"au {name[3:]}"
    return f"à {name}"


def _interviews_text(count: int | None) -> str:
    if count is None:
        return ""
    if count == 0:
        return "aucun entretien"
    return f"{french_number(count)} entretien" + ("s" if count > 1 else "")


def in_sentence(label: str) -> str:
    """A ROME label inside a sentence, each part with a lower-cased first letter unless it starts an acronym.

    The ROME's slashed neutral forms ("Serveur / Serveuse") are rephrased with "ou" ("serveur ou
    serveuse"): French text rule of issue 12, no slash in a sentence.
    """
    return typography(" ou ".join(_lower_first(part) for part in label.split(" / ")))


def _lower_first(part: str) -> str:
    if len(part) > 1 and part[1].islower():
        return part[0].lower() + part[1:]
    return part


def _months_between(start: str, today: datetime.date) -> int:
    year, month = (int(part) for part in start.split("-"))
    return (today.year - year) * 12 + today.month - month


def _gender(gender: Literal["feminine", "masculine", "unknown"]) -> GenderForm:
    return "neutral" if gender == "unknown" else gender


def situation_of(request: schema.AdvisorInput, referential: Referential, today: datetime.date) -> Situation:
    """The facts about a request; raises InvalidInput for codes the bundle does not know."""
    data = referential_data(referential)
    profile, project = request.profile, request.project
    errors: list[FieldError] = []
    commune = referential.current_commune(project.city)
    if commune is None:
        errors.append(FieldError("project.city", f"Code INSEE de commune inconnu : « {project.city} »."))
    title = referential.job_titles.get(project.target_job) if project.target_job else None
    if project.target_job and title is None:
        errors.append(FieldError("project.target_job", f"Code métier inconnu : « {project.target_job} »."))
    departement = referential.departements.get(commune.departement) if commune else None
    if commune is not None and departement is None:
        errors.append(FieldError("project.city", f"Le département de la commune « {project.city} » est inconnu."))
    if errors or commune is None or departement is None:
        raise InvalidInput(errors)
    job = data.job(title.code_rome) if title is not None and title.code_rome in referential.job_groups else None
    market = market_of(job.market.get(departement.code)) if job is not None else None
    months = None
    if project.search_started is not None:
        months = max(0, _months_between(project.search_started, today))
    return Situation(
        request=request,
        profile=profile,
        project=project,
        today=today,
        gender=_gender(profile.gender),
        age=None if profile.year_of_birth is None else today.year - profile.year_of_birth,
        months_searching=months,
        title=title if job is not None else None,
        job=job,
        commune=commune,
        departement=departement,
        market=market,
        facts=data.facts(job.code_rome, departement.code) if job is not None else EMPTY,
        data=data,
        referential=referential,
    )
