"""The JSON the API answers with, as pydantic models: they are the OpenAPI schema too."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bob_emploi.advisor import schema


class FieldErrorOut(BaseModel):
    field: str
    message: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: list[FieldErrorOut]


class ErrorOut(BaseModel):
    error: ErrorDetail


class JobSuggestionOut(BaseModel):
    code_ogr: str
    code_rome: str
    title: str
    job_group: str
    score: float
    spans: list[list[int]]


class CitySuggestionOut(BaseModel):
    code: str
    name: str
    postcodes: list[str]
    departement: str
    population: int
    score: float
    spans: list[list[int]]
    note: str = Field("", description="Why it is listed when its name was not typed, e.g. « code INSEE 13013 ».")


class JobTitleOut(BaseModel):
    code_ogr: str
    code_rome: str
    title: str = Field(description="Neutral form, e.g. « Vendeur / Vendeuse en bijouterie ».")
    masculine: str
    feminine: str
    job_group: str


class SkillOut(BaseModel):
    code_ogr: str
    label: str
    kind: str


class MobilityOut(BaseModel):
    code_rome: str
    name: str
    kind: Literal["close", "evolution"]


class MarketOut(BaseModel):
    departement: str
    offers_last_week: int | None
    applicants_last_week: int | None
    offers_end_month: int | None
    applicants_end_month: int | None
    tension_ratio: int | None
    seasonal: bool | None
    seasonal_months: list[int]
    period: str


class JobGroupOut(BaseModel):
    code_rome: str
    name: str
    riasec_major: str
    riasec_minor: str
    fap_codes: list[str]
    titles: list[JobTitleOut]
    texts: dict[str, list[str]]
    skills: list[SkillOut]
    work_environments: dict[str, list[str]]
    close_jobs: list[MobilityOut]
    evolutions: list[MobilityOut]
    market: list[MarketOut] = Field(description="Local market per département, where the data bundle has figures.")


class JobOut(JobTitleOut):
    group: JobGroupOut


class AccountOut(BaseModel):
    email: str
    email_verified: bool
    profile: schema.Profile


class ProjectOut(BaseModel):
    id: int
    project: schema.Project
    created_at: str
    updated_at: str
    diagnostic: schema.AdvisorOutput | None
    diagnosed_at: str | None
    feedback: dict[str, Literal["useful", "done", "not_for_me"]] = Field(description="advice id → feedback")


class FeedbackIn(BaseModel):
    """Like every request body, unknown fields are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")

    value: Literal["useful", "done", "not_for_me"]


class FeedbackOut(BaseModel):
    advice_id: str
    value: Literal["useful", "done", "not_for_me"]


class CredentialsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class TokenOut(BaseModel):
    token: str = Field(description="Send it as `Authorization: Bearer <token>`; it is shown only once.")


class HealthOut(BaseModel):
    status: Literal["ok"]
    bundle_checksum: str


class PlanAddIn(BaseModel):
    """An advice of the project's diagnostic whose steps go into the plan, due on a date (or later)."""

    model_config = ConfigDict(extra="forbid")

    advice_id: str = Field(min_length=1, max_length=64)
    due: datetime.date | None = Field(default=None, description="YYYY-MM-DD; null: later, without a date.")


class PlanStepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done: bool | None = None
    due: datetime.date | None = None


class PlanStepOut(BaseModel):
    id: int
    advice_id: str
    advice_title: str
    step: str
    due: str | None
    done_at: str | None


class PlanOut(BaseModel):
    due: list[PlanStepOut] = Field(description="Not done, due within a week (or late).")
    later: list[PlanStepOut]
    done: list[PlanStepOut]


class CheckInIn(BaseModel):
    """« Où en êtes-vous ? »: only `status` is required; a job's details count only with a job found."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["searching", "found_job", "training", "stopped"]
    contract: Literal["cdi", "long_cdd", "short_cdd", "interim", "alternance", "own_business", "other"] | None = None
    in_target_job: bool | None = None
    helped: Literal["a_lot", "a_little", "not_at_all"] | None = None
    comment: str = Field(default="", max_length=1000)
    project_id: int | None = None


class CheckInOut(BaseModel):
    status: str
    contract: str | None
    in_target_job: bool | None
    helped: str | None
    comment: str | None
    project_id: int | None
    created_at: str
