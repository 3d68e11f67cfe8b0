"""The JSON API, version 1 (django-ninja; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Public: the JobSuggest autocompletes (same query parameters and answers as the standalone
JobSuggest service), what the data bundle knows about a job, and a stateless diagnostic.
Authenticated (bearer token or session, see `auth`): the person's profile, projects,
feedback on advice, data export and account deletion. Every error has the shape of `errors`.
"""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth import logout
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Status
from ninja.params import functions as param

from bob_emploi import advisor
from bob_emploi.advisor import schema
from bob_emploi.advisor.validate import profile_errors
from bob_emploi.data.referential import JobGroup, JobTitle
from bob_emploi.jobsuggest import service as suggest_service
from bob_emploi.web.accounts import services as accounts
from bob_emploi.web.accounts.models import User
from bob_emploi.web.api import schemas
from bob_emploi.web.api.auth import AUTH
from bob_emploi.web.api.errors import CODES, ApiError, error_response, install_handlers
from bob_emploi.web.bundle import city_index, job_index, referential
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.coaching import api as coaching_api
from bob_emploi.web.plan import services as plan
from bob_emploi.web.plan.models import PlanStep
from bob_emploi.web.projects import services as projects
from bob_emploi.web.projects.models import Project
from bob_emploi.web.throttling.responses import throttled_json
from bob_emploi.web.throttling.services import Throttled

api = NinjaAPI(
    title="Bob",
    version="1",
    description=(
        "Bob, a data-driven job-search coach for France. Errors always have the shape "
        '`{"error": {"code", "message", "fields": [{"field", "message"}]}}`.'
    ),
    urls_namespace="api",
    docs_url="/docs",
)
install_handlers(api)

ERRORS: dict[int, Any] = {
    400: schemas.ErrorOut,
    413: schemas.ErrorOut,
    415: schemas.ErrorOut,
    422: schemas.ErrorOut,
}
AUTH_ERRORS: dict[int, Any] = {**ERRORS, 401: schemas.ErrorOut, 403: schemas.ErrorOut, 404: schemas.ErrorOut}


# --- JobSuggest and the data bundle ------------------------------------------------------


def _from_service(answer: suggest_service.ApiResponse, request: HttpRequest) -> HttpResponse:
    """The shared handler's answer as a Django response, its errors in this API's shape."""
    if answer.status >= 400:
        return error_response(answer.status, str(answer.json()["error"]), "invalid_parameter")
    answer = suggest_service.not_modified(answer, request.headers.get("If-None-Match"))
    response = HttpResponse(answer.body, status=answer.status)
    for header, value in answer.headers:
        response[header] = value
    return response


Limit = param.Query(suggest_service.DEFAULT_LIMIT, ge=1, le=suggest_service.MAX_LIMIT)
SearchText = param.Query("", max_length=suggest_service.MAX_QUERY_CHARACTERS, description="What the person typed.")


@api.get("/jobs/suggest", response={200: list[schemas.JobSuggestionOut], **ERRORS}, tags=["jobsuggest"])
def suggest_jobs(
    request: HttpRequest,
    q: str = SearchText,
    limit: int = Limit,
    gender: Literal["masculine", "feminine"] | None = None,
) -> HttpResponse:
    """Job titles matching what the person typed, typo-tolerant, in the given grammatical gender."""
    params = {"q": q, "limit": str(limit), "gender": gender or ""}
    return _from_service(suggest_service.suggest_jobs(job_index(), params), request)


@api.get("/job-groups/suggest", response={200: list[dict[str, Any]] | dict[str, Any], **ERRORS}, tags=["jobsuggest"])
def suggest_job_groups(
    request: HttpRequest, q: str = SearchText, limit: int = Limit, mode: Literal["suggest", "describe"] = "suggest"
) -> HttpResponse:
    """ROME job groups matching what the person typed; `mode=describe`: an object with scored
    groups (`items`), an `unsure` flag, a `confidence` and a French `message`."""
    params = {"q": q, "limit": str(limit), "mode": mode}
    return _from_service(suggest_service.suggest_job_groups(job_index(), params), request)


@api.get("/cities/suggest", response={200: list[schemas.CitySuggestionOut], **ERRORS}, tags=["jobsuggest"])
def suggest_cities(request: HttpRequest, q: str = SearchText, limit: int = Limit) -> HttpResponse:
    """Cities (communes and arrondissements) by name, postcode or INSEE code."""
    return _from_service(suggest_service.suggest_cities(city_index(), {"q": q, "limit": str(limit)}), request)


def _preflight() -> HttpResponse:
    answer = suggest_service.preflight()
    response = HttpResponse(status=answer.status)
    for header, value in answer.headers:
        response[header] = value
    return response


@api.api_operation(["OPTIONS"], "/jobs/suggest", response={204: None}, tags=["jobsuggest"])
def suggest_jobs_preflight(request: HttpRequest) -> HttpResponse:
    """CORS preflight: the autocompletes may be called from any site (the JobSuggest widget)."""
    return _preflight()


@api.api_operation(["OPTIONS"], "/job-groups/suggest", response={204: None}, tags=["jobsuggest"])
def suggest_job_groups_preflight(request: HttpRequest) -> HttpResponse:
    return _preflight()


@api.api_operation(["OPTIONS"], "/cities/suggest", response={204: None}, tags=["jobsuggest"])
def suggest_cities_preflight(request: HttpRequest) -> HttpResponse:
    return _preflight()


def _title_out(title: JobTitle) -> schemas.JobTitleOut:
    return schemas.JobTitleOut(
        code_ogr=title.code_ogr,
        code_rome=title.code_rome,
        title=title.neutral,
        masculine=title.masculine,
        feminine=title.feminine,
        job_group=title.code_rome,
    )


def _group_out(group: JobGroup) -> schemas.JobGroupOut:
    ref = referential()

    links = ref.mobility(group.code_rome)

    def moves(kind: Literal["close", "evolution"]) -> list[schemas.MobilityOut]:
        """The links of one kind (close jobs, which include ROME 4.0's untyped links, or evolutions),
        each with its target's name."""
        found = [
            (link.target_rome, ref.job_groups.get(link.target_rome))
            for link in links
            if (link.is_close if kind == "close" else link.kind == kind)
        ]
        return [
            schemas.MobilityOut(code_rome=code, name=target.name if target else code, kind=kind)
            for code, target in found
        ]

    by_departement = ref.market_by_departement(group.code_rome)
    market = [
        schemas.MarketOut.model_validate(by_departement[code], from_attributes=True)
        for code in sorted(by_departement)
        if code in ref.departements
    ]
    return schemas.JobGroupOut(
        code_rome=group.code_rome,
        name=group.name,
        riasec_major=group.riasec_major,
        riasec_minor=group.riasec_minor,
        fap_codes=list(group.fap_codes),
        titles=[_title_out(title) for title in ref.titles_of(group.code_rome)],
        texts=ref.texts(group.code_rome),
        skills=[schemas.SkillOut(code_ogr=s.code_ogr, label=s.label, kind=s.kind) for s in ref.skills(group.code_rome)],
        work_environments=ref.work_environments(group.code_rome),
        close_jobs=moves("close"),
        evolutions=moves("evolution"),
        market=market,
    )


@api.get("/jobs/{code_ogr}", response={200: schemas.JobOut, 404: schemas.ErrorOut, **ERRORS}, tags=["jobs"])
def job(request: HttpRequest, code_ogr: str = param.Path(..., max_length=16)) -> schemas.JobOut:
    """A ROME job title (appellation) and what the bundle knows about its job group."""
    title = referential().job_titles.get(code_ogr)
    group = referential().job_groups.get(title.code_rome) if title else None
    if title is None or group is None:
        raise ApiError(404, f"Aucun métier n'a le code OGR « {code_ogr} ».")
    return schemas.JobOut(**_title_out(title).model_dump(), group=_group_out(group))


@api.get("/job-groups/{code_rome}", response={200: schemas.JobGroupOut, 404: schemas.ErrorOut, **ERRORS}, tags=["jobs"])
def job_group(request: HttpRequest, code_rome: str = param.Path(..., max_length=16)) -> schemas.JobGroupOut:
    """A ROME job group: descriptions, skills, close jobs and the local market where known."""
    group = referential().job_groups.get(code_rome.upper())
    if group is None:
        raise ApiError(404, f"Aucune fiche ROME n'a le code « {code_rome} ».")
    return _group_out(group)


@api.get("/health", response={200: schemas.HealthOut, 503: schemas.ErrorOut}, tags=["ops"])
def health(request: HttpRequest) -> schemas.HealthOut:
    """For load balancers: the bundle is loaded and the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        raise ApiError(503, "La base de données ne répond pas.", "database_unavailable") from None
    return schemas.HealthOut(status="ok", bundle_checksum=referential().checksum)


# --- The advisor ------------------------------------------------------------------------


def _checked(profile: schema.Profile, project: schema.Project) -> schema.AdvisorInput:
    """The input, checked against the data bundle and today's date (unknown codes → 422)."""
    data = schema.AdvisorInput(profile=profile, project=project).model_dump(mode="json")
    return advisor.parse_input(data, referential(), timezone.localdate())


@api.post("/diagnostic", response={200: schema.AdvisorOutput, **ERRORS}, tags=["advisor"])
def diagnostic(request: HttpRequest, payload: schema.AdvisorInput) -> schema.AdvisorOutput:
    """Bob's diagnostic and advice for a profile and a project. Stateless: nothing is stored."""
    today = timezone.localdate()
    checked = advisor.parse_input(payload.model_dump(mode="json"), referential(), today)
    return advisor.advise(checked, referential(), today)


# --- The person's own data --------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _project_out(project: Project) -> schemas.ProjectOut:
    return schemas.ProjectOut(
        id=project.pk,
        project=schema.Project.model_validate(project.data),
        created_at=project.created_at.isoformat(),
        updated_at=project.updated_at.isoformat(),
        diagnostic=schema.AdvisorOutput.model_validate(project.diagnostic) if project.diagnostic else None,
        diagnosed_at=project.diagnosed_at.isoformat() if project.diagnosed_at else None,
        feedback=projects.feedback_of(project),  # type: ignore[arg-type]
    )


NO_SUCH_PROJECT = "Vous n'avez pas de projet avec cet identifiant."


def _own_project(user: User, project_id: int) -> Project:
    try:
        return projects.get_project(user, project_id)
    except Project.DoesNotExist:
        raise ApiError(404, NO_SUCH_PROJECT) from None


def _account(user: User) -> schemas.AccountOut:
    return schemas.AccountOut(email=user.email, email_verified=user.email_verified, profile=projects.profile_of(user))


@api.get("/me", response={200: schemas.AccountOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def me(request: HttpRequest) -> schemas.AccountOut:
    """The signed-in person's account and profile."""
    return _account(_user(request))


@api.put("/me", response={200: schemas.AccountOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def update_me(request: HttpRequest, profile: schema.Profile) -> schemas.AccountOut:
    """Replaces the profile (checked as the diagnostic checks it: a profile saved here never makes
    the person's next project write fail)."""
    user = _user(request)
    errors = profile_errors(profile.model_dump(mode="json"), timezone.localdate())
    if errors:
        raise ApiError(
            422, CODES[422][1], fields=[(error.field.removeprefix("profile."), error.message) for error in errors]
        )
    projects.save_profile(user, profile)
    return _account(user)


@api.delete("/me", response={204: None, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def delete_me(request: HttpRequest) -> Status[None]:
    """Deletes the account and everything attached to it, for good."""
    projects.delete_account(_user(request))
    if request.session.session_key:
        logout(request)
    return Status(204, None)


@api.get("/me/export", response={200: dict[str, Any], **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def export(request: HttpRequest) -> HttpResponse:
    """Everything Bob stores about the person, as one JSON document."""
    return projects.export_download(_user(request))


@api.get("/me/projects", response={200: list[schemas.ProjectOut], **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def list_projects(request: HttpRequest) -> list[schemas.ProjectOut]:
    return [_project_out(project) for project in projects.list_projects(_user(request))]


@api.post("/me/projects", response={201: schemas.ProjectOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def create_project(request: HttpRequest, project: schema.Project) -> Status[schemas.ProjectOut]:
    """Saves a new project and diagnoses it."""
    user = _user(request)
    _checked(projects.profile_of(user), project)
    with transaction.atomic():
        saved = projects.create_project(user, project)
        projects.diagnose(saved)
    return Status(201, _project_out(saved))


@api.get("/me/projects/{project_id}", response={200: schemas.ProjectOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def read_project(request: HttpRequest, project_id: int) -> schemas.ProjectOut:
    return _project_out(_own_project(_user(request), project_id))


@api.put("/me/projects/{project_id}", response={200: schemas.ProjectOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def update_project(request: HttpRequest, project_id: int, project: schema.Project) -> schemas.ProjectOut:
    """Replaces the project's answers and diagnoses it again."""
    user = _user(request)
    _own_project(user, project_id)
    _checked(projects.profile_of(user), project)
    try:
        with transaction.atomic():
            saved = projects.update_project(user, project_id, project)
            projects.diagnose(saved)
    except Project.DoesNotExist:  # deleted by another request since the check above
        raise ApiError(404, NO_SUCH_PROJECT) from None
    return _project_out(saved)


@api.delete("/me/projects/{project_id}", response={204: None, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def delete_project(request: HttpRequest, project_id: int) -> Status[None]:
    try:
        projects.delete_project(_user(request), project_id)
    except Project.DoesNotExist:
        raise ApiError(404, NO_SUCH_PROJECT) from None
    return Status(204, None)


@api.api_operation(
    ["PUT", "POST"],
    "/me/projects/{project_id}/advice/{advice_id}/feedback",
    response={200: schemas.FeedbackOut, **AUTH_ERRORS},
    auth=AUTH,
    tags=["me"],
)
def feedback(
    request: HttpRequest, project_id: int, feedback: schemas.FeedbackIn, advice_id: str = param.Path(..., max_length=64)
) -> schemas.FeedbackOut:
    """What the person thinks of one advice: useful, done or not_for_me."""
    user = _user(request)
    _own_project(user, project_id)
    try:
        saved = projects.set_feedback(user, project_id, advice_id, feedback.value)
    except projects.UnknownAdvice as error:
        raise ApiError(404, str(error)) from None
    except Project.DoesNotExist:  # deleted by another request since the check above
        raise ApiError(404, NO_SUCH_PROJECT) from None
    return schemas.FeedbackOut(advice_id=saved.advice_id, value=feedback.value)


# --- Tokens -----------------------------------------------------------------------------


@api.post(
    "/auth/token",
    response={201: schemas.TokenOut, 401: schemas.ErrorOut, 429: schemas.ErrorOut, **ERRORS},
    tags=["auth"],
)
def create_token(request: HttpRequest, credentials: schemas.CredentialsIn) -> Status[schemas.TokenOut] | HttpResponse:
    """A bearer token for an API client, for the e-mail and password of an account.

    After 5 failures for one address from one IP, every attempt is refused for 30 minutes (429);
    too many failures from one IP or for one account are refused too (429, with Retry-After).
    """
    try:
        user = accounts.log_in(request, credentials.email, credentials.password)
    except Throttled as error:
        return throttled_json(error)
    if getattr(request, "axes_locked_out", False):
        raise ApiError(429, accounts.LOCKED_OUT_MESSAGE)
    if user is None:
        raise ApiError(401, "Adresse e-mail ou mot de passe incorrect.", "invalid_credentials")
    return Status(201, schemas.TokenOut(token=accounts.create_api_token(user)))


@api.delete("/auth/token", response={204: None, **AUTH_ERRORS}, auth=AUTH[:1], tags=["auth"])
def revoke_token(request: HttpRequest) -> Status[None]:
    """Revokes the bearer token this request carries."""
    token = request.headers.get("Authorization", "").partition(" ")[2].strip()
    accounts.revoke_api_token(token)
    return Status(204, None)


# --- Action plan ------------------------------------------------------------------------


def _step_out(step: PlanStep) -> schemas.PlanStepOut:
    return schemas.PlanStepOut(
        id=step.pk,
        advice_id=step.advice_id,
        advice_title=step.advice_title,
        step=step.text,
        due=step.due.isoformat() if step.due else None,
        done_at=step.done_at.isoformat() if step.done_at else None,
    )


def _plan_out(user: User, project_id: int) -> schemas.PlanOut:
    try:
        found = plan.plan_of(user, project_id)
    except Project.DoesNotExist:
        raise ApiError(404, NO_SUCH_PROJECT) from None
    return schemas.PlanOut(
        due=[_step_out(step) for step in found.due],
        later=[_step_out(step) for step in found.later],
        done=[_step_out(step) for step in found.done],
    )


@api.get("/me/projects/{project_id}/plan", response={200: schemas.PlanOut, **AUTH_ERRORS}, auth=AUTH, tags=["plan"])
def read_plan(request: HttpRequest, project_id: int) -> schemas.PlanOut:
    """The project's action plan: steps due within a week (or late), later, done."""
    return _plan_out(_user(request), project_id)


@api.post("/me/projects/{project_id}/plan", response={201: schemas.PlanOut, **AUTH_ERRORS}, auth=AUTH, tags=["plan"])
def add_to_plan(request: HttpRequest, project_id: int, payload: schemas.PlanAddIn) -> Status[schemas.PlanOut]:
    """Puts an advice's steps in the plan (adding it again changes the date of its open steps)."""
    user = _user(request)
    try:
        plan.add_advice(user, project_id, payload.advice_id, payload.due)
    except plan.PastDate as error:
        raise ApiError(422, CODES[422][1], fields=[("due", str(error))]) from None
    except Project.DoesNotExist:
        raise ApiError(404, NO_SUCH_PROJECT) from None
    except projects.UnknownAdvice as error:
        raise ApiError(404, str(error)) from None
    return Status(201, _plan_out(user, project_id))


@api.put(
    "/me/projects/{project_id}/plan/{step_id}",
    response={200: schemas.PlanStepOut, **AUTH_ERRORS},
    auth=AUTH,
    tags=["plan"],
)
def update_plan_step(
    request: HttpRequest, project_id: int, step_id: int, payload: schemas.PlanStepIn
) -> schemas.PlanStepOut:
    """Ticks or unticks a step (`done`), or changes its date (`due`; null: later)."""
    user = _user(request)
    try:
        step = plan.step_of(user, project_id, step_id)
        if "due" in payload.model_fields_set:
            step = plan.set_due(user, step.pk, payload.due)
        if payload.done is not None:
            step = plan.set_done(user, step.pk, payload.done)
    except plan.UnknownStep:
        raise ApiError(404, "Cette étape n'est pas dans le plan de ce projet.") from None
    return _step_out(step)


@api.delete("/me/projects/{project_id}/plan/{step_id}", response={204: None, **AUTH_ERRORS}, auth=AUTH, tags=["plan"])
def remove_plan_step(request: HttpRequest, project_id: int, step_id: int) -> Status[None]:
    user = _user(request)
    try:
        plan.remove(user, plan.step_of(user, project_id, step_id).pk)
    except plan.UnknownStep:
        raise ApiError(404, "Cette étape n'est pas dans le plan de ce projet.") from None
    return Status(204, None)


# --- Où en êtes-vous ? ------------------------------------------------------------------


@api.get("/me/checkins", response={200: list[schemas.CheckInOut], **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def list_checkins(request: HttpRequest) -> list[dict[str, Any]]:
    """The person's answers to « Où en êtes-vous ? », newest first."""
    return checkins.export(_user(request))


@api.post("/me/checkins", response={201: schemas.CheckInOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def add_checkin(request: HttpRequest, payload: schemas.CheckInIn) -> Status[dict[str, Any]]:
    """Where the person stands: still searching, a job found (contract, in the target job or not), training,
    stopped; and whether Bob helped."""
    user = _user(request)
    try:
        checkins.record(
            user,
            payload.status,
            contract=payload.contract or "",
            in_target_job=payload.in_target_job,
            helped=payload.helped or "",
            comment=payload.comment,
            project_id=payload.project_id,
        )
    except Project.DoesNotExist:
        raise ApiError(404, NO_SUCH_PROJECT) from None
    return Status(201, checkins.export(user)[0])


# --- Follow-up e-mails ------------------------------------------------------------------


@api.get("/me/coaching", response={200: coaching_api.CoachingOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def read_coaching(request: HttpRequest) -> coaching_api.CoachingOut:
    """Whether the person asked for the follow-up e-mails, how often, and when the next one goes."""
    return coaching_api.read(_user(request))


@api.put("/me/coaching", response={200: coaching_api.CoachingOut, **AUTH_ERRORS}, auth=AUTH, tags=["me"])
def update_coaching(request: HttpRequest, payload: coaching_api.CoachingIn) -> coaching_api.CoachingOut:
    """Asks for the follow-up e-mails (the first a few days later) or stops them; changes their frequency."""
    return coaching_api.update(_user(request), payload)
