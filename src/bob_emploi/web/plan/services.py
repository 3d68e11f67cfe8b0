"""Adding advice to a plan, ticking steps, and reading the plan back, for one person at a time.

Every function takes the user and reaches only that user's projects (another's project id is
`Project.DoesNotExist`, like an id that never existed). Writes hold the user's row
(`accounts.locks.writing_for`), so a deletion of the account in between wins cleanly.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from bob_emploi.web.accounts.locks import writing_for
from bob_emploi.web.accounts.models import User
from bob_emploi.web.plan.models import PlanStep
from bob_emploi.web.projects import services as projects
from bob_emploi.web.projects.models import AdviceFeedback, Project

SOON_DAYS = 7  # a step due within a week is "à faire" on the plan page; later ones are "plus tard"


class UnknownStep(LookupError):
    """No such step in this person's plan."""


class PastDate(ValueError):
    """A plan's steps are due on a date to come."""

    def __init__(self) -> None:
        super().__init__("Choisissez une date à venir.")


def end_of_week(today: datetime.date) -> datetime.date:
    """ "Cette semaine": until Sunday."""
    return today + datetime.timedelta(days=6 - today.weekday())


def _advice(project: Project, advice_id: str) -> dict[str, Any]:
    for advice in (project.diagnostic or {}).get("advice", []):
        if advice.get("id") == advice_id:
            return dict(advice)
    raise projects.UnknownAdvice(f"Le conseil « {advice_id[:64]} » ne fait pas partie du diagnostic de ce projet.")


def add_advice(user: User, project_id: object, advice_id: str, due: datetime.date | None) -> list[PlanStep]:
    """Puts the advice's steps in the plan (its title when it has none), due on `due`.

    Adding an advice already there changes its open steps' date and keeps what was done.
    Raises `PastDate` for a day before today.
    """
    if due is not None and due < timezone.localdate():
        raise PastDate
    with writing_for(user):
        project = projects.get_project(user, project_id)
        advice = _advice(project, advice_id)
        texts = [str(step) for step in advice.get("steps") or ()] or [str(advice.get("title", advice_id))]
        saved = []
        for position, text in enumerate(texts):
            step, created = PlanStep.objects.get_or_create(
                project=project,
                advice_id=advice_id,
                position=position,
                defaults={"advice_title": str(advice.get("title", ""))[:300], "text": text[:1000], "due": due},
            )
            if not created and step.done_at is None and step.due != due:
                step.due = due
                step.save(update_fields=["due"])
            saved.append(step)
    return saved


def _step(user: User, step_id: object) -> PlanStep:
    try:
        key = int(str(step_id))
    except ValueError:
        raise UnknownStep(step_id) from None
    if not 0 < key < 2**63:
        raise UnknownStep(step_id)
    try:
        return PlanStep.objects.select_related("project").get(pk=key, project__user=user)
    except PlanStep.DoesNotExist:
        raise UnknownStep(step_id) from None


def step_of(user: User, project_id: object, step_id: object) -> PlanStep:
    """One step of one of the user's projects; `UnknownStep` for anything else."""
    step = _step(user, step_id)
    if str(step.project_id) != str(project_id):
        raise UnknownStep(step_id)
    return step


def set_done(user: User, step_id: object, done: bool) -> PlanStep:
    """Ticks (or unticks) a step; the advice is marked "Fait" once all its steps are done."""
    with writing_for(user):
        step = _step(user, step_id)
        step.done_at = timezone.now() if done else None
        step.save(update_fields=["done_at"])
        siblings = PlanStep.objects.filter(project=step.project, advice_id=step.advice_id)
        all_done = not siblings.filter(done_at__isnull=True).exists()
    if all_done:  # an advice that left the diagnostic since keeps its steps in the plan all the same
        with contextlib.suppress(projects.UnknownAdvice):
            projects.set_feedback(user, step.project_id, step.advice_id, AdviceFeedback.Value.DONE)
    return step


def set_due(user: User, step_id: object, due: datetime.date | None) -> PlanStep:
    with writing_for(user):
        step = _step(user, step_id)
        step.due = due
        step.save(update_fields=["due"])
    return step


def remove(user: User, step_id: object) -> None:
    with writing_for(user):
        _step(user, step_id).delete()


@dataclass(frozen=True, slots=True)
class Plan:
    """A project's plan as the page shows it: what is due (late first), what comes later, what is done."""

    due: list[PlanStep]
    later: list[PlanStep]
    done: list[PlanStep]

    def __bool__(self) -> bool:
        return bool(self.due or self.later or self.done)


def plan_of(user: User, project_id: object, today: datetime.date | None = None) -> Plan:
    project = projects.get_project(user, project_id)
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=SOON_DAYS)
    due, later, done = [], [], []
    for step in PlanStep.objects.filter(project=project):
        if step.done_at is not None:
            done.append(step)
        elif step.due is not None and step.due <= soon:
            due.append(step)
        else:
            later.append(step)
    done.sort(key=lambda step: step.done_at or timezone.now(), reverse=True)
    later.sort(key=lambda step: (step.due is None, step.due or today, step.advice_id, step.position))
    return Plan(due, later, done)


def export(project: Project) -> list[dict[str, Any]]:
    """The plan of a project, for the person's data export."""
    return [
        {
            "advice_id": step.advice_id,
            "advice_title": step.advice_title,
            "step": step.text,
            "due": step.due.isoformat() if step.due else None,
            "done_at": step.done_at.isoformat() if step.done_at else None,
            "created_at": step.created_at.isoformat(),
        }
        for step in PlanStep.objects.filter(project=project).order_by("advice_id", "position")
    ]
