"""Asking for the follow-up e-mails, changing their frequency, stopping them, and what the person sees of it.

The first e-mail goes FIRST_DELAY after the consent, then one every `frequency_weeks`. Every write
holds the person's row (`accounts.locks.writing_for`), so a deletion of the account wins cleanly.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing
from django.utils import timezone

from bob_emploi.web.accounts.locks import writing_for
from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching.models import EmailLog, Subscription

FIRST_DELAY = datetime.timedelta(days=3)  # "a few days after sign-up"
SURVEY_DELAY = datetime.timedelta(days=90)  # the last short question, after a job found
_UNSUBSCRIBE_SALT = "bob_emploi.web.coaching.unsubscribe"


def subscription_of(user: User) -> Subscription:
    """The person's settings; a fresh unsaved one (no consent) when they never chose."""
    found = Subscription.objects.filter(user=user).first()
    return found if found is not None else Subscription(user=user)


def set_consent(
    user: User, consent: bool, frequency_weeks: int | None = None, now: datetime.datetime | None = None
) -> Subscription:
    """Records the person's choice (and its date when it changes) and schedules accordingly.

    Giving consent again after a stop starts over (the first e-mail a few days later); changing only
    the frequency moves the next e-mail to one period after the last one sent. Raises `ValueError`
    (French) for a frequency outside the choices.
    """
    if frequency_weeks is not None and frequency_weeks not in Subscription.Frequency.values:
        raise ValueError("Choisissez une fréquence parmi celles proposées.")
    now = now or timezone.now()
    with writing_for(user):
        sub = Subscription.objects.select_for_update().filter(user=user).first() or Subscription(user=user)
        changed_frequency = frequency_weeks is not None and frequency_weeks != sub.frequency_weeks
        if frequency_weeks is not None:
            sub.frequency_weeks = frequency_weeks
        if consent and not sub.consent:
            sub.consent, sub.consent_at = True, now
            sub.stopped, sub.stopped_at = "", None
            sub.next_kind = Subscription.Next.COACHING
            sub.next_send_at = now + FIRST_DELAY
        elif consent and changed_frequency and sub.next_kind == Subscription.Next.COACHING and sub.next_send_at:
            last = _last_sent(user)
            sub.next_send_at = max(now, (last or now) + datetime.timedelta(weeks=sub.frequency_weeks))
            if last is None:  # the first e-mail has not gone yet: it keeps its date
                sub.next_send_at = min(sub.next_send_at, (sub.consent_at or now) + FIRST_DELAY)
        elif not consent and sub.consent:
            sub.consent, sub.consent_at = False, now
            sub.next_send_at = None
        sub.save()
    return sub


def _last_sent(user: User) -> datetime.datetime | None:
    last = (
        EmailLog.objects.filter(user=user, kind=EmailLog.Kind.COACHING, state=EmailLog.State.SENT)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    return last


def unsubscribe_token(user: User) -> str:
    """A signed token naming the person, for the one-click unsubscribe link: the same in every e-mail,
    with no expiry (an old e-mail's link must still work), worthless for anyone else's account."""
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(str(user.pk))


def user_for_token(token: str) -> User | None:
    if len(token) > 200:
        return None
    try:
        pk = int(signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return User.objects.filter(pk=pk).first()


def unsubscribe(user: User, now: datetime.datetime | None = None) -> None:
    """Stops every follow-up e-mail for good (until the person asks again on their account page);
    e-mails queued but not yet sent are dropped by the worker, which reads the consent again."""
    now = now or timezone.now()
    with writing_for(user):
        sub = Subscription.objects.select_for_update().filter(user=user).first() or Subscription(user=user)
        sub.consent, sub.consent_at = False, now
        sub.next_send_at = None
        sub.stopped, sub.stopped_at = Subscription.Stop.UNSUBSCRIBED, now
        sub.save()


def job_found(user: User, now: datetime.datetime | None = None) -> None:
    """A job found ends the coaching e-mails; one last short question comes SURVEY_DELAY later."""
    now = now or timezone.now()
    with writing_for(user):
        sub = Subscription.objects.select_for_update().filter(user=user).first()
        if sub is None or not sub.consent:
            return
        sub.stopped, sub.stopped_at = Subscription.Stop.FOUND_JOB, now
        already = EmailLog.objects.filter(user=user, kind=EmailLog.Kind.SURVEY).exists()
        sub.next_kind = Subscription.Next.SURVEY
        sub.next_send_at = None if already else now + SURVEY_DELAY
        sub.save()


def export(user: User) -> dict[str, Any]:
    """The consent, the schedule and every e-mail sent or planned, for the data export."""

    def when(moment: datetime.datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    sub = Subscription.objects.filter(user=user).first()
    return {
        "settings": None
        if sub is None
        else {
            "consent": sub.consent,
            "consent_at": when(sub.consent_at),
            "frequency_weeks": sub.frequency_weeks,
            "next_send_at": when(sub.next_send_at),
            "next_kind": sub.next_kind,
            "stopped": sub.stopped or None,
            "stopped_at": when(sub.stopped_at),
        },
        "emails": [
            {
                "kind": log.kind,
                "step": log.step,
                "state": log.state,
                "subject": log.subject or None,
                "attempts": log.attempts,
                "created_at": when(log.created_at),
                "finished_at": when(log.finished_at),
            }
            for log in EmailLog.objects.filter(user=user)
        ],
    }
