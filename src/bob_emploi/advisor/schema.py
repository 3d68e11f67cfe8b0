"""The advisor's input and output, as the JSON that the CLI, the API and the web app exchange.

Field names and enum values are the public contract (issue 7): keep them, add to them.
Inputs are validated twice: here for shape and enums, then by `advisor.validate` against
the data bundle and the date (unknown job or city code, a search that starts in the future).
Numbers and booleans are strict: `true` is not the year 1, "3" is not 3 interviews.

A question the person did not answer is `null` ("non renseigné"), distinct from every answer:
no diploma is `"none"`, no licence is `false`, no interview is `0`. The advisor never reads null
as "no"; clients that send every field, as before issue 12, get the same meaning as before.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Gender = Literal["feminine", "masculine", "unknown"]
Degree = Literal["none", "cap_bep", "bac", "bac+2", "bac+3", "bac+5"]
Family = Literal["single", "single_parent", "couple", "couple_with_children"]
Frustration = Literal[
    "no_offers",
    "no_interviews",
    "no_answers",
    "motivation",
    "time_management",
    "self_confidence",
    "interview",
    "resume",
    "training",
    "age_discrimination",
    "sex_discrimination",
    "disability",
    "single_parent",
    "atypic_profile",
    "salary",
    "little_experience",
]
ProjectKind = Literal["first_job", "new_job", "reorientation", "create_company"]
Area = Literal["city", "departement", "region", "country"]
Seniority = Literal["none", "junior", "intermediate", "senior", "expert"]
Passion = Literal["life_goal", "passionate", "likeable", "alimentary"]
Training = Literal["nothing_required", "enough_diplomas", "training_needed", "in_training", "unknown"]
WeeklyApplications = Literal["0-2", "3-5", "6-15", "16+"]
Network = Literal["weak", "medium", "strong"]
EmploymentType = Literal["cdi", "cdd", "interim", "alternance"]
Topic = Literal["market", "profile", "project", "search"]
Feedback = Literal["useful", "done", "not_for_me"]
# How many advice the diagnostic puts forward as priorities; the rest are "other leads".
PRIORITIES = 3

# ASCII digits only: pydantic's \d, like Python's, also matches full-width and other digits.
YEAR_MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Profile(_Input):
    """Who the person is: only what the advice needs, nothing more (data minimisation)."""

    gender: Gender = "unknown"
    year_of_birth: int | None = Field(default=None, ge=1900, le=2100, strict=True)
    highest_degree: Degree | None = Field(default=None, description='Null: not answered (not "no diploma").')
    has_driving_license: bool | None = Field(default=None, strict=True, description="Null: not answered.")
    has_car: bool | None = Field(default=None, strict=True, description="Null: not answered.")
    has_disability: bool | None = Field(
        default=None, strict=True, description="Recognised disabled worker (RQTH); null: not answered."
    )
    family: Family | None = None
    frustrations: tuple[Frustration, ...] = Field(default=(), max_length=16)


class Project(_Input):
    """What the person looks for and how the search is going."""

    kind: ProjectKind = "new_job"
    target_job: str | None = Field(
        default=None, min_length=1, max_length=10, description="A ROME job title code_ogr; null when undecided."
    )
    previous_job: str | None = Field(
        default=None,
        min_length=1,
        max_length=10,
        description=(
            "A ROME job title code_ogr the person has done (their current or last job); null: not said. "
            "Close jobs are compared with its skills, else with the target job's."
        ),
    )
    city: str = Field(min_length=5, max_length=5, description="INSEE code of the city where the person lives.")
    area: Area | None = None
    seniority: Seniority | None = None
    passion: Passion | None = None
    training: Training | None = Field(
        default=None, description='Null: not answered; "unknown": the person said they do not know.'
    )
    search_started: str | None = Field(
        default=None, pattern=YEAR_MONTH_PATTERN, description="YYYY-MM; null when the search has not started."
    )
    weekly_applications: WeeklyApplications | None = None
    interviews: int | None = Field(default=None, ge=0, le=10_000, strict=True, description="Null: not answered.")
    network: Network | None = None
    employment_types: tuple[EmploymentType, ...] | None = Field(
        default=None, max_length=4, description="Null: not answered (every contract may do)."
    )
    part_time: bool | None = Field(
        default=None, strict=True, description="Looks for part-time work; null: not answered."
    )


class AdvisorInput(_Input):
    profile: Profile
    project: Project
    feedback: dict[Annotated[str, StringConstraints(min_length=1, max_length=64)], Feedback] = Field(
        default_factory=dict,
        max_length=64,
        description=(
            'The person\'s feedback per advice id: "not_for_me" takes the advice out of the priorities, '
            '"done" moves it down; unknown ids are ignored. The pages and the API send the same.'
        ),
    )


class _Output(BaseModel):
    model_config = ConfigDict(frozen=True)


class Source(_Output):
    """A piece of data an advice rests on, so that the person can check it."""

    id: str
    title: str
    publisher: str
    date: str = Field(description="Version or period of the data, as published.")
    url: str = ""


class Link(_Output):
    label: str
    url: str


class Challenge(_Output):
    id: str
    title: str
    explanation: str


class SubDiagnostic(_Output):
    topic: Topic
    score: int | None = Field(ge=0, le=100, description="Null: not evaluated (the data cannot judge this topic).")
    text: str
    evaluated: bool = True
    sources: tuple[Source, ...] = ()


class Diagnostic(_Output):
    score: int = Field(ge=0, le=100, description="The mean of the evaluated topics only (see score_note).")
    score_note: str = Field(default="", description="Which topics the score averages, when some are not evaluated.")
    main_challenge: Challenge
    sub_diagnostics: tuple[SubDiagnostic, ...]


class Advice(_Output):
    id: str
    title: str
    score: int = Field(ge=1, le=3, description="3: do it first; 1: worth a look.")
    summary: str = ""
    explanations: tuple[str, ...] = Field(min_length=1)
    steps: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    priority: bool = Field(default=False, description="One of the (at most three) priorities of the diagnostic.")
    feedback: Feedback | None = Field(default=None, description="The person's feedback on this advice, if any.")


class AdvisorOutput(_Output):
    diagnostic: Diagnostic
    advice: tuple[Advice, ...]
    today: str = Field(description="The date the advice was computed for (YYYY-MM-DD).")
    bundle_checksum: str = Field(description="The data bundle the advice was computed from.")
