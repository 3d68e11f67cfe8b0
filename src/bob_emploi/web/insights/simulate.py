"""A simulated population, so that the team's figures and notebook can be shown and tested without
anyone's data. Everything it writes is labelled: e-mails `simule-<seed>-<n>@simulation.invalid` (a
domain that cannot exist, RFC 2606), diagnostics computed from bundle "simulation" whose every
explanation reads "Données simulées", check-in comments "Commentaire simulé". It refuses to write
into a database that holds any other account than the team's (staff, never counted).

The assumptions (all in `Assumptions`, seeded: the same seed gives the same people):

- sign-ups spread evenly over the `weeks` weeks before `now`;
- `diagnosed` of them (85 %) get a diagnostic 0 to 3 days after signing up, with a main challenge drawn
  from `challenge_mix`;
- their advice: every advice the challenge lists in `advisor/content/challenges.toml`, then 2 to 6
  other advice modules drawn at random; the first three are the priorities (the top 3);
- feedback on an advice: with probability `feedback_priority` (35 %) for a priority, `feedback_other`
  (8 %) for the others; which feedback follows `reception` (useful, done, not for me), the same for
  every advice except a few **planted** ones: `less_applications` and `relocate` are often "not for
  me", `improve_interview` and `network_application` are often useful and done. The notebook should
  find exactly these;
- finding a job: each 30 days after the diagnostic, a chance `monthly_job_chance` that depends on the
  main challenge (from 3 % for a company creator to 14 % for `bravo`), times `done_effect` (1.5) when
  the person marked their first priority "done" — a planted *causal* effect that, in real data, could
  not be told apart from selection (people who act on advice may be those who would find anyway);
- saying so: a person who found a job answers "found a job" with probability `report_job` (60 %), 0
  to 30 days later; anyone diagnosed may also answer "still searching" once, 20 to 60 days after the
  diagnostic, with probability `report_searching` (35 %) while still searching; answers after `now`
  are never written. People who found a job and never said so count as not found, as in real life.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.schema import PRIORITIES
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.projects.models import AdviceFeedback, Project

EMAIL_DOMAIN = "simulation.invalid"
LABEL = "Données simulées."
BATCH = 500

FeedbackOdds = tuple[float, float, float]  # useful, done, not for me; adds up to 1


@dataclass(frozen=True)
class Assumptions:
    weeks: int = 52
    diagnosed: float = 0.85
    challenge_mix: dict[str, float] = field(
        default_factory=lambda: {
            "enhance_methods": 0.25,
            "stuck_market": 0.15,
            "start_your_search": 0.12,
            "bravo": 0.10,
            "missing_diploma": 0.10,
            "undefined_project": 0.10,
            "find_what_you_like": 0.08,
            "convert_interviews": 0.06,
            "create_company": 0.04,
        }
    )
    feedback_priority: float = 0.35
    feedback_other: float = 0.08
    reception: FeedbackOdds = (0.50, 0.25, 0.25)
    planted_reception: dict[str, FeedbackOdds] = field(
        default_factory=lambda: {
            "less_applications": (0.15, 0.10, 0.75),
            "relocate": (0.25, 0.10, 0.65),
            "improve_interview": (0.60, 0.35, 0.05),
            "network_application": (0.55, 0.35, 0.10),
        }
    )
    monthly_job_chance: dict[str, float] = field(
        default_factory=lambda: {
            "bravo": 0.14,
            "convert_interviews": 0.10,
            "start_your_search": 0.09,
            "enhance_methods": 0.08,
            "find_what_you_like": 0.06,
            "stuck_market": 0.05,
            "missing_diploma": 0.04,
            "undefined_project": 0.04,
            "create_company": 0.03,
        }
    )
    done_effect: float = 1.5
    report_job: float = 0.60
    report_searching: float = 0.35
    comment: float = 0.2


@dataclass(frozen=True, slots=True)
class Simulated:
    people: int
    diagnosed: int
    feedback: int
    checkins: int


class RealAccountsPresent(RuntimeError):
    pass


def advisor_output(challenge: str, advice: list[str], feedback: dict[str, str], today: dt.date) -> dict[str, Any]:
    """An advisor output (`advisor.schema.AdvisorOutput`) with real ids and titles, labelled simulated."""
    return {
        "diagnostic": {
            "score": 50,
            "score_note": LABEL,
            "main_challenge": {
                "id": challenge,
                "title": CONTENT.challenges[challenge].title.neutral,
                "explanation": LABEL,
            },
            "sub_diagnostics": [],
        },
        "advice": [
            {
                "id": advice_id,
                "title": CONTENT.advice[advice_id].title.neutral,
                "score": 3 if rank == 0 else 2 if rank < PRIORITIES else 1,
                "explanations": [LABEL],
                "priority": rank < PRIORITIES,
                "feedback": feedback.get(advice_id),
            }
            for rank, advice_id in enumerate(advice)
        ],
        "today": today.isoformat(),
        "bundle_checksum": "simulation",
    }


def _pick(rng: random.Random, odds: dict[str, float]) -> str:
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def simulate(
    people: int, *, seed: int = 16, now: dt.datetime | None = None, assumptions: Assumptions | None = None
) -> Simulated:
    """Writes `people` simulated accounts with their projects, feedback and check-ins, in one transaction."""
    if people < 0:
        raise ValueError("people must be 0 or more")
    now = now or timezone.now()
    odds = assumptions or Assumptions()
    rng = random.Random(seed)
    if User.objects.filter(is_staff=False).exclude(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        raise RealAccountsPresent("this database holds real accounts: simulate only into an empty database")
    start = now - dt.timedelta(weeks=odds.weeks)
    span = (now - start).total_seconds()
    taken = User.objects.filter(email__startswith=f"simule-{seed}-").count()
    users = [
        User(email=f"simule-{seed}-{taken + n:06d}@{EMAIL_DOMAIN}", password=make_password(None)) for n in range(people)
    ]
    joined = [start + dt.timedelta(seconds=rng.uniform(0, span)) for _ in users]
    projects: list[Project] = []
    feedback: list[tuple[int, str, str]] = []  # project index, advice id, value
    checkins: list[CheckIn] = []
    others = list(CONTENT.advice)
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=BATCH)
        for user, date_joined in zip(users, joined, strict=True):
            user.date_joined = date_joined
        User.objects.bulk_update(users, ["date_joined"], batch_size=BATCH)
        for user, date_joined in zip(users, joined, strict=True):
            if rng.random() >= odds.diagnosed:
                continue
            diagnosed_at = min(now, date_joined + dt.timedelta(days=rng.uniform(0, 3)))
            challenge = _pick(rng, odds.challenge_mix)
            listed = list(CONTENT.challenges[challenge].advice)
            extra = rng.sample([a for a in others if a not in listed], rng.randint(2, 6))
            advice = listed + extra
            given: dict[str, str] = {}
            for rank, advice_id in enumerate(advice):
                chance = odds.feedback_priority if rank < PRIORITIES else odds.feedback_other
                if rng.random() < chance:
                    reception = odds.planted_reception.get(advice_id, odds.reception)
                    given[advice_id] = rng.choices(("useful", "done", "not_for_me"), weights=reception)[0]
            for advice_id, value in given.items():
                feedback.append((len(projects), advice_id, value))
            project = Project(
                user=user,
                data={},
                diagnostic=advisor_output(challenge, advice, given, diagnosed_at.date()),
                diagnosed_at=diagnosed_at,
            )
            projects.append(project)
            checkins.extend(_checkins(rng, odds, user, project, challenge, given.get(advice[0]) == "done", now))
        Project.objects.bulk_create(projects, batch_size=BATCH)
        for project in projects:
            project.created_at = project.user.date_joined  # the project was made at sign-up
        Project.objects.bulk_update(projects, ["created_at"], batch_size=BATCH)
        AdviceFeedback.objects.bulk_create(
            [AdviceFeedback(project=projects[i], advice_id=a, value=v) for i, a, v in feedback], batch_size=BATCH
        )
        dates = [checkin.created_at for checkin in checkins]
        CheckIn.objects.bulk_create(checkins, batch_size=BATCH)
        for checkin, created_at in zip(checkins, dates, strict=True):
            checkin.created_at = created_at
        CheckIn.objects.bulk_update(checkins, ["created_at"], batch_size=BATCH)
    return Simulated(len(users), len(projects), len(feedback), len(checkins))


def _checkins(
    rng: random.Random,
    odds: Assumptions,
    user: User,
    project: Project,
    challenge: str,
    top_done: bool,
    now: dt.datetime,
) -> list[CheckIn]:
    """The person's answers to "Où en êtes-vous ?", dated (created_at is set again after saving)."""
    assert project.diagnosed_at is not None
    chance = min(0.95, odds.monthly_job_chance[challenge] * (odds.done_effect if top_done else 1))
    months = math.floor(math.log(1 - rng.random()) / math.log(1 - chance))
    found_at = project.diagnosed_at + dt.timedelta(days=30 * (months + rng.random()))
    answers: list[CheckIn] = []

    def answer(status: str, at: dt.datetime, **details: Any) -> None:
        if at <= now:
            comment = "Commentaire simulé." if rng.random() < odds.comment else ""
            answers.append(
                CheckIn(user=user, project=project, status=status, comment=comment, created_at=at, **details)
            )

    searching_at = project.diagnosed_at + dt.timedelta(days=rng.uniform(20, 60))
    if rng.random() < odds.report_searching and searching_at < found_at:
        answer(CheckIn.Status.SEARCHING, searching_at)
    if rng.random() < odds.report_job:
        contract = rng.choice(CheckIn.Contract.values)
        helped = rng.choice(CheckIn.Helped.values)
        answer(
            CheckIn.Status.FOUND_JOB,
            found_at + dt.timedelta(days=rng.uniform(0, 30)),
            contract=contract,
            in_target_job=rng.random() < 0.7,
            helped=helped,
        )
    return answers
