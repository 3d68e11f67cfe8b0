"""The follow-up e-mails' settings in the JSON API (`GET` and `PUT /api/v1/me/coaching`, wired in `api.router`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching import services
from bob_emploi.web.coaching.models import Subscription


class CoachingIn(BaseModel):
    """Whether the person wants the follow-up e-mails, and how often (weeks between two)."""

    model_config = ConfigDict(extra="forbid")

    consent: bool
    frequency_weeks: Literal[2, 3, 4] = 3


class CoachingOut(BaseModel):
    consent: bool
    consent_at: str | None
    frequency_weeks: int
    next_send_at: str | None  # None: nothing planned
    next_kind: Literal["coaching", "survey"]
    stopped: Literal["unsubscribed", "found_job"] | None


def read(user: User) -> CoachingOut:
    sub = services.subscription_of(user)
    return CoachingOut(
        consent=sub.consent,
        consent_at=sub.consent_at.isoformat() if sub.consent_at else None,
        frequency_weeks=sub.frequency_weeks,
        next_send_at=sub.next_send_at.isoformat() if sub.next_send_at else None,
        next_kind="survey" if sub.next_kind == Subscription.Next.SURVEY else "coaching",
        stopped="unsubscribed"
        if sub.stopped == Subscription.Stop.UNSUBSCRIBED
        else "found_job"
        if sub.stopped == Subscription.Stop.FOUND_JOB
        else None,
    )


def update(user: User, payload: CoachingIn) -> CoachingOut:
    services.set_consent(user, payload.consent, payload.frequency_weeks)
    return read(user)
