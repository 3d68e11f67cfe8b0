"""What the pages and the API do with a person's profile and projects, as plain functions.

Every function that takes a `user` only ever reads or writes that user's rows: another
user's project id raises `Project.DoesNotExist`, exactly like an id that never existed,
so no caller can tell them apart (and the API answers 404 for both).

Every write holds the user's row (`accounts.locks.writing_for`): when the account is deleted
meanwhile, it raises `AccountGone` rather than fail on a foreign key, and the deletion wins.

Inputs are the advisor's own pydantic models (`bob_emploi.advisor.schema`); they are
stored as their JSON dump, so the database keeps only what the advisor needs.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from bob_emploi import advisor
from bob_emploi.advisor import schema
from bob_emploi.web.accounts.locks import AccountGone, deleting, writing_for
from bob_emploi.web.accounts.models import Session, User
from bob_emploi.web.bundle import referential
from bob_emploi.web.projects.models import AdviceFeedback, Profile, Project

__all__ = [
    "AccountGone",
    "AdviceFeedback",
    "Profile",
    "Project",
    "UnknownAdvice",
    "claim_guest",
    "create_project",
    "delete_account",
    "delete_project",
    "diagnose",
    "export_download",
    "export_user_data",
    "feedback_of",
    "get_project",
    "list_projects",
    "profile_of",
    "save_profile",
    "set_feedback",
    "update_project",
]


class UnknownAdvice(ValueError):
    """Feedback about an advice that the project's latest diagnostic does not hold."""


def save_profile(user: User, profile: schema.Profile) -> Profile:
    """Creates or replaces the user's profile."""
    with writing_for(user):
        saved, _ = Profile.objects.update_or_create(user=user, defaults={"data": profile.model_dump(mode="json")})
    return saved


def profile_of(user: User) -> schema.Profile:
    """The user's profile as the advisor reads it; the defaults when none was saved yet."""
    saved = Profile.objects.filter(user=user).first()
    return schema.Profile.model_validate(saved.data) if saved else schema.Profile()


def create_project(user: User, project: schema.Project) -> Project:
    with writing_for(user):
        return Project.objects.create(user=user, data=project.model_dump(mode="json"))


def get_project(user: User, project_id: object) -> Project:
    """The user's project with this id; `Project.DoesNotExist` for anyone else's or a malformed id."""
    try:
        key = int(str(project_id))
    except ValueError:
        key = 0
    if not 0 < key < 2**63:  # beyond a bigint, PostgreSQL would fail rather than find nothing
        raise Project.DoesNotExist(f"no project {str(project_id)[:30]!r}")
    found = Project.objects.get(user=user, pk=key)
    found.user = user  # what `diagnose` writes for, even when the account is deleted meanwhile
    return found


def update_project(user: User, project_id: object, project: schema.Project) -> Project:
    """Replaces the project's answers. The old diagnostic no longer matches them: it is dropped
    (call `diagnose` for a new one); feedback on advice is kept, advice ids are stable."""
    with writing_for(user):
        saved = get_project(user, project_id)
        saved.data = project.model_dump(mode="json")
        saved.diagnostic = None
        saved.diagnosed_at = None
        saved.save(update_fields=["data", "diagnostic", "diagnosed_at", "updated_at"])
    return saved


def delete_project(user: User, project_id: object) -> None:
    with writing_for(user):
        get_project(user, project_id).delete()


def list_projects(user: User) -> list[Project]:
    return list(Project.objects.filter(user=user))


def advisor_input(project: Project) -> schema.AdvisorInput:
    """The profile, the project and the feedback on its advice: the advisor takes the feedback as input,
    so that the pages and the API show the same priorities."""
    return schema.AdvisorInput(
        profile=profile_of(project.user),
        project=schema.Project.model_validate(project.data),
        feedback={
            advice_id: value  # type: ignore[misc]
            for advice_id, value in feedback_of(project).items()
            if value in ("useful", "done", "not_for_me") and 0 < len(advice_id) <= 64
        },
    )


def diagnose(project: Project, today: datetime.date | None = None) -> schema.AdvisorOutput:
    """Runs the advisor on the project and its owner's profile, and stores the output.

    Raises `advisor.errors.InvalidInput` when the stored answers no longer fit the data bundle
    (a job or city code that a new bundle dropped): the person must then edit the project;
    `Project.DoesNotExist` when the project was deleted meanwhile.
    """
    day = today or timezone.localdate()
    request = advisor.parse_input(advisor_input(project).model_dump(mode="json"), referential(), day)
    output = advisor.advise(request, referential(), day)
    with writing_for(project.user):
        if not Project.objects.filter(pk=project.pk).exists():
            raise Project.DoesNotExist(f"project {project.pk} was deleted")
        project.diagnostic = output.model_dump(mode="json")
        project.diagnosed_at = timezone.now()
        project.save(update_fields=["diagnostic", "diagnosed_at", "updated_at"])
    return output


def claim_guest(user: User, guest_input: schema.AdvisorInput, diagnostic: dict[str, Any] | None) -> Project:
    """Saves what a visitor typed in guest mode into their (new) account, so they never type it again.

    The guest's diagnostic is kept when it is a well-formed advisor output; otherwise (none, or
    tampered with) the advisor runs again. Nothing is saved if that raises `InvalidInput`.
    """
    with writing_for(user):
        save_profile(user, guest_input.profile)
        project = create_project(user, guest_input.project)
        output = _valid_output(diagnostic)
        if output is None:
            diagnose(project)
        else:
            project.diagnostic = output.model_dump(mode="json")
            project.diagnosed_at = timezone.now()
            project.save(update_fields=["diagnostic", "diagnosed_at", "updated_at"])
    return project


def _valid_output(diagnostic: dict[str, Any] | None) -> schema.AdvisorOutput | None:
    if not diagnostic:
        return None
    try:
        return schema.AdvisorOutput.model_validate(diagnostic)
    except ValueError:  # pydantic.ValidationError is a ValueError
        return None


def set_feedback(user: User, project_id: object, advice_id: str, value: str) -> AdviceFeedback:
    """Records what the person thinks of one advice of the project's latest diagnostic.

    Raises `Project.DoesNotExist` (not theirs), `UnknownAdvice` (not in the diagnostic) or
    `ValueError` (value not one of useful, done, not_for_me).
    """
    if value not in AdviceFeedback.Value.values:
        raise ValueError("La valeur doit être useful, done ou not_for_me.")
    with writing_for(user):
        project = get_project(user, project_id)
        advice_ids = {advice.get("id") for advice in (project.diagnostic or {}).get("advice", [])}
        if advice_id not in advice_ids:
            raise UnknownAdvice(f"Le conseil « {advice_id[:64]} » ne fait pas partie du diagnostic de ce projet.")
        feedback, _ = AdviceFeedback.objects.update_or_create(
            project=project, advice_id=advice_id, defaults={"value": value}
        )
    # The advisor takes the feedback as input: the stored diagnostic follows it. Answers a new bundle
    # no longer knows raise InvalidInput: the diagnostic page then asks to edit them.
    with contextlib.suppress(advisor.InvalidInput):
        diagnose(project)
    return feedback


def feedback_of(project: Project) -> dict[str, str]:
    """advice_id → value, for one project."""
    return dict(project.feedback.values_list("advice_id", "value"))


def _when(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_user_data(user: User) -> dict[str, Any]:
    """Everything Bob stores about the user, JSON-ready (the right of access, RGPD art. 15)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from bob_emploi.web.accounts.models import ApiToken
    from bob_emploi.web.checkins.services import export as checkins_export  # both build on projects:
    from bob_emploi.web.coaching.services import export as coaching_export
    from bob_emploi.web.plan.services import export as plan_export  # imported here, not at the top

    mine = {"username__iexact": user.email}
    saved_profile = Profile.objects.filter(user=user).first()
    projects = []
    for project in Project.objects.filter(user=user).prefetch_related("feedback"):
        projects.append(
            {
                "id": project.pk,
                "project": project.data,
                "created_at": _when(project.created_at),
                "updated_at": _when(project.updated_at),
                "diagnostic": project.diagnostic,
                "diagnosed_at": _when(project.diagnosed_at),
                "feedback": [
                    {"advice_id": feedback.advice_id, "value": feedback.value, "updated_at": _when(feedback.updated_at)}
                    for feedback in project.feedback.all()
                ],
                "plan": plan_export(project),
            }
        )
    logins = [{**_access(log), "logout_time": _when(log.logout_time)} for log in AccessLog.objects.filter(**mine)]
    failures = [_access(log) for log in AccessFailureLog.objects.filter(**mine)]
    failures += [
        {
            **_access(attempt),
            "get_data": attempt.get_data,
            "post_data": attempt.post_data,  # axes masks the password
            "failures": attempt.failures_since_start,
        }
        for attempt in AccessAttempt.objects.filter(**mine)
    ]
    return {
        "account": {
            "email": user.email,
            "email_verified": user.email_verified,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": saved_profile.data if saved_profile else None,
        "profile_updated_at": _when(saved_profile.updated_at) if saved_profile else None,
        "projects": projects,
        "checkins": checkins_export(user),
        "coaching_emails": coaching_export(user),  # the consent, its schedule and the e-mail log
        "api_tokens": [
            {"created_at": _when(token.created_at), "last_used_at": _when(token.last_used_at)}
            for token in ApiToken.objects.filter(user=user)
        ],
        "logins": logins,
        "failed_logins": failures,
        # Only when each session ends: its key would let anyone in, and it holds nothing else of
        # lasting value (the login, and answers of an onboarding not finished yet).
        "sessions": [
            {"expires_at": _when(session.expire_date)} for session in _sessions_of(user).order_by("expire_date")
        ],
    }


def export_download(user: User) -> HttpResponse:
    """`export_user_data` as a JSON file to save, for the account page and the API alike."""
    response = HttpResponse(
        json.dumps(export_user_data(user), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="bob-mes-donnees.json"'
    response["Cache-Control"] = "no-store"  # personal data: no copy in a shared or browser cache
    return response


def _access(record: Any) -> dict[str, Any]:
    """What django-axes keeps of a login attempt (its models share these fields)."""
    return {
        "at": _when(record.attempt_time),
        "ip_address": record.ip_address,
        "user_agent": record.user_agent,
        "http_accept": record.http_accept,
        "path_info": record.path_info,
    }


def delete_account(user: User) -> None:
    """Deletes the user and everything attached: profile, projects, diagnostics, feedback,
    API tokens, sessions and the login records kept by django-axes for that e-mail.

    In one transaction holding the user's row: a write in progress commits first and its rows
    are deleted too; a later one raises `AccountGone`. Deleting an account twice does nothing more.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    with deleting(user) as present:
        if not present:
            return
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=user.email).delete()
        _delete_sessions(user)
        user.delete()


def _delete_sessions(user: User) -> None:
    """The expired sessions too: they keep the answers typed in them until `clearsessions` runs."""
    _sessions_of(user).delete()


def _sessions_of(user: User) -> QuerySet[Session]:
    return Session.objects.filter(user_id=user.pk)
