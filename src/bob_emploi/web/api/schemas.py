"""The JSON the API answers with, as pydantic models: they are the OpenAPI schema too."""

from __future__ import annotations

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
