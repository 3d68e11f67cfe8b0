"""The team's figures as published: counts from `aggregates`, small groups hidden by `disclosure`,
shares with their confidence intervals, and French labels. The staff page, its CSV export and the
notebook all read `published()`, so they never disagree and never show a hidden count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from bob_emploi.advisor.content import CONTENT
from bob_emploi.web.accounts.models import User
from bob_emploi.web.insights import aggregates, disclosure
from bob_emploi.web.insights.rates import Share
from bob_emploi.web.insights.simulate import EMAIL_DOMAIN
from bob_emploi.web.pages.labels import french_date

Count = int | None  # None: hidden
UNANSWERED = "non_renseigne"  # the group of diagnostics without a main challenge id ("" is the total row)


@dataclass(frozen=True, slots=True)
class AdviceRow:
    advice_id: str
    title: str
    shown: Count
    top3: Count
    useful: Count
    done: Count
    not_for_me: Count

    def share(self, count: Count) -> Share:
        return Share(count, self.shown)

    @property
    def answered(self) -> Count:
        """People who gave any feedback on it (the three answers exclude each other); hidden with any of them."""
        values = (self.useful, self.done, self.not_for_me)
        return None if any(value is None for value in values) else sum(value or 0 for value in values)

    @property
    def rejection(self) -> Share:
        """ "Pas pour moi" among the people who answered: unlike shares of the people shown the advice, it
        does not grow with how often the advice is a priority (priorities get more answers of every kind)."""
        return Share(self.not_for_me, self.answered)

    @property
    def counts(self) -> tuple[tuple[Count, Share], ...]:
        """Top 3, useful, done, not for me: each count with its share of the people shown the advice."""
        return tuple((value, self.share(value)) for value in (self.top3, self.useful, self.done, self.not_for_me))


@dataclass(frozen=True, slots=True)
class WindowRow:
    months: int
    eligible: Count
    found: Count

    @property
    def share(self) -> Share:
        return Share(self.found, self.eligible)


@dataclass(frozen=True, slots=True)
class ChallengeRow:
    challenge_id: str
    title: str
    people: Count
    windows: tuple[WindowRow, ...]


@dataclass(frozen=True, slots=True)
class CohortRow:
    week: dt.date | None  # None for the total row
    people: Count
    diagnosed: Count
    checked_in: Count
    found_job: Count

    @property
    def iso_week(self) -> str:
        """'2026-S49': the ISO year and week (S for semaine)."""
        if self.week is None:
            return ""
        year, week, _ = self.week.isocalendar()
        return f"{year}-S{week:02d}"

    @property
    def label(self) -> str:
        return f"semaine du {french_date(self.week.isoformat())}" if self.week else "Ensemble"


@dataclass(frozen=True, slots=True)
class Figures:
    computed_at: dt.datetime
    advice: tuple[AdviceRow, ...]
    challenges: tuple[ChallengeRow, ...]
    challenges_total: ChallengeRow
    cohorts: tuple[CohortRow, ...]
    cohorts_total: CohortRow
    simulated_accounts: int  # accounts made by `simulate`: then the figures are not real
    threshold: int = disclosure.THRESHOLD

    @property
    def windows(self) -> tuple[int, ...]:
        return tuple(aggregates.WINDOWS)


def advice_title(advice_id: str) -> str:
    text = CONTENT.advice.get(advice_id)
    return text.title.neutral if text else f"Conseil retiré ({advice_id})"


def challenge_title(challenge_id: str) -> str:
    text = CONTENT.challenges.get(challenge_id)
    if text:
        return text.title.neutral
    return f"Défi inconnu ({challenge_id})" if challenge_id else "Non renseigné"


def _advice() -> tuple[AdviceRow, ...]:
    counts = aggregates.advice_counts()
    shown = disclosure.shown([(c.shown, c.top3, c.useful, c.done, c.not_for_me) for c in counts])
    rows = [AdviceRow(c.advice_id, advice_title(c.advice_id), *cells) for c, cells in zip(counts, shown, strict=True)]
    return tuple(sorted(rows, key=lambda row: (row.shown is None, -(row.shown or 0), row.title)))


def _challenges(now: dt.datetime) -> tuple[tuple[ChallengeRow, ...], ChallengeRow]:
    counts = aggregates.challenge_counts(now)
    table = [(c.people, *(value for w in c.windows for value in (w.eligible, w.found))) for c in counts]
    months = tuple(aggregates.WINDOWS)

    def row(challenge_id: str, title: str, cells: list[int | None]) -> ChallengeRow:
        windows = tuple(WindowRow(m, cells[1 + 2 * i], cells[2 + 2 * i]) for i, m in enumerate(months))
        return ChallengeRow(challenge_id, title, cells[0], windows)

    rows = [
        row(c.challenge_id or UNANSWERED, challenge_title(c.challenge_id), cells)
        for c, cells in zip(counts, disclosure.shown(table), strict=True)
    ]
    width = 1 + 2 * len(months)
    totals = [disclosure.visible_total(sum(line[i] for line in table)) for i in range(width)]
    rows.sort(key=lambda r: (r.people is None, -(r.people or 0), r.title))
    return tuple(rows), row("", "Ensemble", totals)


def _cohorts() -> tuple[tuple[CohortRow, ...], CohortRow]:
    counts = aggregates.cohort_counts()
    table = [(c.people, c.diagnosed, c.checked_in, c.found_job) for c in counts]
    rows = tuple(CohortRow(c.week, *cells) for c, cells in zip(counts, disclosure.shown(table), strict=True))
    totals = [disclosure.visible_total(sum(line[i] for line in table)) for i in range(4)]
    return rows, CohortRow(None, *totals)


def published(now: dt.datetime | None = None) -> Figures:
    """Every figure of the staff page, small groups hidden. `now` fixes which diagnostics are old enough."""
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # PostgreSQL's JIT compiler costs more than it saves on these short grouped queries (about
            # 1 s of 2 on 100,000 projects, benchmarks/insights_figures.py).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        challenges, challenges_total = _challenges(now)
        cohorts, cohorts_total = _cohorts()
        return Figures(
            computed_at=now,
            advice=_advice(),
            challenges=challenges,
            challenges_total=challenges_total,
            cohorts=cohorts,
            cohorts_total=cohorts_total,
            simulated_accounts=User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count(),
        )
