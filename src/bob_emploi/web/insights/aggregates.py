"""Raw counts of people, computed by the database in a few grouped queries (never a loop over rows).

Nothing here is fit to show yet: `figures` hides the small groups (`disclosure`) before anything
reaches a page, a CSV file or a notebook. Every count is of distinct **people** (accounts), never of
rows, so that a person with three projects cannot make a group look bigger than it is. Staff
accounts are left out.

Each person counts once, through their **latest diagnostic**: the most recently diagnosed of their
projects (a project keeps only its latest diagnostic). Advice and challenges then describe the same
people, and an old project's feedback does not linger.

- Advice (`advice_counts`): a person was *shown* an advice when their latest diagnostic lists it; *top 3*
  when it is one of its priorities; *useful*, *done*, *not for me* when they gave that feedback on it
  for that project.
- Main challenges (`challenge_counts`): each person counts under the main challenge of their latest
  diagnostic. For a window of 1, 3 or 6 months (30, 91 and 182 days), the *eligible*
  people are those whose diagnostic is at least that old, and among them *found* are those with a
  "found a job" check-in dated from the diagnostic to the end of the window. People who never answer
  count as not found: the share is a lower bound of the real one.
- Cohorts (`cohort_counts`): people by the ISO week (Monday to Sunday, Paris time) of their sign-up,
  with how many have a diagnosed project, any check-in, and a "found a job" check-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.projects.models import AdviceFeedback, Project

# Advice whose mere display tells a health fact (the person has a recognised disability or says it is
# an obstacle: GDPR article 9). The privacy page promises that this answer serves nothing but the
# person's own advice, so these advice are never counted, not even in totals.
SENSITIVE_ADVICE = ("disability_support",)

# The windows after a diagnostic, in months, and the days each one lasts.
WINDOWS: dict[int, int] = {1: 30, 3: 91, 6: 182}


@dataclass(frozen=True, slots=True)
class AdviceCounts:
    advice_id: str
    shown: int
    top3: int
    useful: int
    done: int
    not_for_me: int


@dataclass(frozen=True, slots=True)
class WindowCounts:
    months: int
    eligible: int  # people whose diagnostic is at least this old
    found: int  # among them, people who reported a job within the window


@dataclass(frozen=True, slots=True)
class ChallengeCounts:
    challenge_id: str
    people: int
    windows: tuple[WindowCounts, ...]


@dataclass(frozen=True, slots=True)
class CohortCounts:
    week: dt.date  # the Monday the ISO week starts on
    people: int
    diagnosed: int
    checked_in: int
    found_job: int


@dataclass(frozen=True, slots=True)
class _Dialect:
    """The few SQL fragments that differ between PostgreSQL (jsonb) and SQLite (JSON as text)."""

    advice_elements: str  # FROM-clause items giving each advice `a` of project `p`
    advice_id: str
    advice_priority: str
    challenge: str  # the main challenge id of project `p`
    within: str  # "{late} is at most {days} days after {early}"


_DIALECTS = {
    "postgresql": _Dialect(
        advice_elements=(
            "CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.diagnostic -> 'advice') = 'array' "
            "THEN p.diagnostic -> 'advice' END) AS a(value)"
        ),
        advice_id="CASE WHEN jsonb_typeof(a.value) = 'object' THEN a.value ->> 'id' END",
        advice_priority=(
            "CASE WHEN jsonb_typeof(a.value) = 'object' AND a.value -> 'priority' = 'true'::jsonb THEN 1 ELSE 0 END"
        ),
        challenge=(
            "CASE WHEN jsonb_typeof(p.diagnostic) = 'object' AND jsonb_typeof(p.diagnostic -> 'diagnostic') = 'object'"
            " AND jsonb_typeof(p.diagnostic -> 'diagnostic' -> 'main_challenge') = 'object'"
            " THEN p.diagnostic -> 'diagnostic' -> 'main_challenge' ->> 'id' END"
        ),
        within="{late} <= {early} + interval '{days} days'",
    ),
    "sqlite": _Dialect(
        # A diagnostic that is not the advisor's shape (never written by Bob, but JSON all the same) gives
        # no row instead of an error: json_each over a scalar, json_extract over a bare string fail.
        advice_elements=(
            ", json_each(CASE WHEN json_type(p.diagnostic, '$.advice') = 'array' THEN p.diagnostic ELSE '{}' END,"
            " '$.advice') AS a"
        ),
        advice_id="CASE WHEN a.type = 'object' THEN json_extract(a.value, '$.id') END",
        advice_priority="CASE WHEN a.type = 'object' AND json_extract(a.value, '$.priority') THEN 1 ELSE 0 END",
        challenge=(
            "CASE WHEN json_type(p.diagnostic, '$.diagnostic.main_challenge.id') = 'text'"
            " THEN json_extract(p.diagnostic, '$.diagnostic.main_challenge.id') END"
        ),
        within="julianday({late}) <= julianday({early}) + {days}",
    ),
}


def _dialect() -> _Dialect:
    try:
        return _DIALECTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"the team's figures need PostgreSQL or SQLite, not {connection.vendor}") from None


def _tables() -> dict[str, str]:
    return {
        "project": Project._meta.db_table,
        "user": User._meta.db_table,
        "feedback": AdviceFeedback._meta.db_table,
        "checkin": CheckIn._meta.db_table,
    }


def _latest() -> str:
    """A CTE `latest`: each person's most recently diagnosed project (ties: the newest), staff left out.

    An anti-join on the project's user index: no sort of every project, the same on both databases.
    """
    t = _tables()
    return f"""latest AS (
        SELECT p.id, p.user_id, p.diagnostic, p.diagnosed_at
        FROM {t["project"]} p JOIN {t["user"]} u ON u.id = p.user_id
        WHERE p.diagnostic IS NOT NULL AND p.diagnosed_at IS NOT NULL AND NOT u.is_staff
          AND NOT EXISTS (
            SELECT 1 FROM {t["project"]} newer
            WHERE newer.user_id = p.user_id AND newer.diagnostic IS NOT NULL AND newer.diagnosed_at IS NOT NULL
              AND (newer.diagnosed_at > p.diagnosed_at OR (newer.diagnosed_at = p.diagnosed_at AND newer.id > p.id))
          )
    )"""


def advice_counts() -> list[AdviceCounts]:
    """Per advice id: the people whose latest diagnostic lists it, has it in its top 3, and per feedback
    value given on it for that project. One pass over each person's latest diagnostic."""
    sql = _dialect()
    query = f"""
        WITH {_latest()}
        SELECT s.advice_id, COUNT(*), SUM(s.priority),
               SUM(CASE WHEN f.value = %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN f.value = %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN f.value = %s THEN 1 ELSE 0 END)
        FROM (
            SELECT p.id AS project_id, {sql.advice_id} AS advice_id, {sql.advice_priority} AS priority
            FROM latest p {sql.advice_elements}
        ) s
        LEFT JOIN {_tables()["feedback"]} f ON f.project_id = s.project_id AND f.advice_id = s.advice_id
        WHERE s.advice_id IS NOT NULL AND s.advice_id NOT IN ({", ".join(["%s"] * len(SENSITIVE_ADVICE))})
        GROUP BY s.advice_id
        ORDER BY s.advice_id"""
    values = [str(v) for v in (AdviceFeedback.Value.USEFUL, AdviceFeedback.Value.DONE, AdviceFeedback.Value.NOT_FOR_ME)]
    with connection.cursor() as cursor:
        cursor.execute(query, [*values, *SENSITIVE_ADVICE])
        return [AdviceCounts(str(row[0]), *(int(count or 0) for count in row[1:])) for row in cursor.fetchall()]


def challenge_counts(now: dt.datetime | None = None) -> list[ChallengeCounts]:
    """Per main challenge of each person's latest diagnostic: the people, and per window those
    eligible and those who reported a job (the first "found a job" after the diagnostic, one index
    lookup per person)."""
    now = now or timezone.now()
    sql = _dialect()
    columns, parameters = [], []
    for days in WINDOWS.values():
        # The ORM's own conversion: SQLite compares datetimes as text in its own format.
        old_enough = connection.ops.adapt_datetimefield_value(now - dt.timedelta(days=days))
        within = sql.within.format(late="first_job", early="diagnosed_at", days=days)
        columns.append("SUM(CASE WHEN diagnosed_at <= %s THEN 1 ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN diagnosed_at <= %s AND first_job IS NOT NULL AND {within} THEN 1 ELSE 0 END)")
        parameters += [old_enough, old_enough]
    query = f"""
        WITH {_latest()}
        SELECT challenge, COUNT(*), {", ".join(columns)}
        FROM (
            SELECT {sql.challenge} AS challenge, p.diagnosed_at,
                   (SELECT MIN(c.created_at) FROM {_tables()["checkin"]} c
                    WHERE c.user_id = p.user_id AND c.status = %s AND c.created_at >= p.diagnosed_at
                   ) AS first_job
            FROM latest p
        ) people
        GROUP BY challenge
        ORDER BY challenge"""
    with connection.cursor() as cursor:
        cursor.execute(query, [*parameters, str(CheckIn.Status.FOUND_JOB)])  # in the order of the text
        rows = cursor.fetchall()
    return [
        ChallengeCounts(
            str(row[0] or ""),
            int(row[1]),
            tuple(
                WindowCounts(months, int(row[2 + 2 * i] or 0), int(row[3 + 2 * i] or 0))
                for i, months in enumerate(WINDOWS)
            ),
        )
        for row in rows
    ]


def cohort_counts() -> list[CohortCounts]:
    """Per ISO week of sign-up: people, and how many were diagnosed, checked in, found a job."""
    mine = {"user": OuterRef("pk")}
    rows = (
        User.objects.filter(is_staff=False)
        .annotate(
            week=TruncWeek("date_joined"),
            has_diagnostic=Exists(Project.objects.filter(**mine, diagnostic__isnull=False, diagnosed_at__isnull=False)),
            has_checkin=Exists(CheckIn.objects.filter(**mine)),
            has_job=Exists(CheckIn.objects.filter(**mine, status=CheckIn.Status.FOUND_JOB)),
        )
        .values("week")
        .annotate(
            people=Count("pk"),
            diagnosed=Count("pk", filter=Q(has_diagnostic=True)),
            checked_in=Count("pk", filter=Q(has_checkin=True)),
            found_job=Count("pk", filter=Q(has_job=True)),
        )
        .order_by("week")
    )
    return [
        CohortCounts(_as_date(row["week"]), row["people"], row["diagnosed"], row["checked_in"], row["found_job"])
        for row in rows
    ]


def _as_date(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
