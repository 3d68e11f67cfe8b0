"""Saving and reading a person's check-ins; nothing here reads another person's answers."""

from __future__ import annotations

from typing import Any

from bob_emploi.web.accounts.locks import writing_for
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.projects import services as projects
from bob_emploi.web.projects.models import Project

MAX_COMMENT = 1000


def record(
    user: User,
    status: str,
    *,
    contract: str = "",
    in_target_job: bool | None = None,
    helped: str = "",
    comment: str = "",
    project_id: object | None = None,
) -> CheckIn:
    """Saves an answer. A job's details are kept only with a job found; raises `ValueError` (French)
    on a value outside the choices and `Project.DoesNotExist` for a project that is not the user's."""
    if status not in CheckIn.Status.values:
        raise ValueError("Choisissez où vous en êtes parmi les réponses proposées.")
    if contract and contract not in CheckIn.Contract.values:
        raise ValueError("Choisissez le type de contrat parmi les réponses proposées.")
    if helped and helped not in CheckIn.Helped.values:
        raise ValueError("Choisissez si Bob vous a aidé parmi les réponses proposées.")
    if len(comment) > MAX_COMMENT:
        raise ValueError("Votre commentaire dépasse 1\u00a0000\u00a0caractères\u00a0: raccourcissez-le.")
    found = status == CheckIn.Status.FOUND_JOB
    with writing_for(user):
        project = projects.get_project(user, project_id) if project_id not in (None, "") else None
        return CheckIn.objects.create(
            user=user,
            project=project,
            status=status,
            contract=contract if found else "",
            in_target_job=in_target_job if found else None,
            helped=helped,
            comment=comment.strip(),
        )


def latest(user: User) -> CheckIn | None:
    return CheckIn.objects.filter(user=user).first()


def latest_for_project(project: Project) -> CheckIn | None:
    """Where the person said they stand on this project, last: the project's pages show it."""
    return CheckIn.objects.filter(project=project).first()


def latest_by_project(user: User) -> dict[int, CheckIn]:
    """The latest answer for each of the person's projects (one query, for the list of projects)."""
    found: dict[int, CheckIn] = {}
    for checkin in CheckIn.objects.filter(user=user, project__isnull=False):
        found.setdefault(checkin.project_id, checkin)  # type: ignore[arg-type]  # newest first (Meta.ordering)
    return found


def export(user: User) -> list[dict[str, Any]]:
    """The person's answers, for the data export."""
    return [
        {
            "status": checkin.status,
            "contract": checkin.contract or None,
            "in_target_job": checkin.in_target_job,
            "helped": checkin.helped or None,
            "comment": checkin.comment or None,
            "project_id": checkin.project_id,
            "created_at": checkin.created_at.isoformat(),
        }
        for checkin in CheckIn.objects.filter(user=user)
    ]
