"""The periodic scheduler: who is due now, one log row per e-mail, a task per CHUNK, a transaction per batch.

Due: a subscription whose `next_send_at` has passed (it is None without consent, after an
unsubscribe or when nothing more is planned: the partial index `coaching_due_idx` holds only the
others), for an active account with a verified address (an unverified address may be someone
else's: nobody gets coaching e-mails they did not ask for).

The log row (person, kind, step) is unique: running the scheduler twice, or two schedulers at once,
inserts it once. The task row is written by the database backend in the same transaction as the log
row and the advanced schedule, so they exist together or not at all (a crash loses nothing and
sends nothing twice). On PostgreSQL the batch is read `FOR UPDATE SKIP LOCKED`: two schedulers share
the work instead of waiting for each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from bob_emploi.web.coaching.models import EmailLog, Subscription

BATCH = 500
CHUNK = 20  # e-mails per task: each is still claimed, sent and recorded on its own
# A log row still "queued" this long after it was written lost its task (a worker died between
# taking the task and claiming the row): the scheduler queues it again. Safe: whichever task comes
# first claims the row, the other finds it taken.
STALE_AFTER = datetime.timedelta(hours=1)
# Someone due whose address is not verified (or whose account is disabled) is looked at again a day
# later, so that the range of the index the scheduler reads holds only people it can write to.
PARKED_FOR = datetime.timedelta(days=1)


def due(now: datetime.datetime) -> QuerySet[Subscription]:
    """The subscriptions due at `now`, earliest first: one query on the partial index."""
    return Subscription.objects.filter(next_send_at__lte=now, user__is_active=True, user__email_verified=True).order_by(
        "next_send_at"
    )


@dataclass(frozen=True, slots=True)
class Scheduled:
    queued: int
    already_logged: int  # the same step was logged before (a rerun after a crash): not queued again
    requeued: int = 0  # rows whose task was lost, queued again
    parked: int = 0  # due, but not to be written to yet (address not verified): looked at again tomorrow


def schedule(now: datetime.datetime | None = None, limit: int | None = None) -> Scheduled:
    """Queues every e-mail due at `now` (at most `limit`); returns how many."""
    from bob_emploi.web.coaching.tasks import send_emails

    now = now or timezone.now()
    requeued = _requeue_stale(now)
    queued = already = 0
    while limit is None or queued + already < limit:
        size = BATCH if limit is None else min(BATCH, limit - queued - already)
        with transaction.atomic():
            rows = due(now)
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True, of=("self",))
            batch = list(rows[:size])
            if not batch:
                break
            new_logs: list[int] = []
            for sub in batch:
                kind = EmailLog.Kind.SURVEY if sub.next_kind == Subscription.Next.SURVEY else EmailLog.Kind.COACHING
                step = sub.next_step if kind == EmailLog.Kind.COACHING else 1
                log, created = EmailLog.objects.get_or_create(user_id=sub.user_id, kind=kind, step=step)
                if created:
                    new_logs.append(log.pk)
                else:
                    already += 1
                advance(sub, now)
                sub.save(update_fields=["next_send_at", "next_step", "updated_at"])
            for start in range(0, len(new_logs), CHUNK):
                send_emails.enqueue(new_logs[start : start + CHUNK])
            queued += len(new_logs)
    parked = (
        Subscription.objects.filter(next_send_at__lte=now)
        .exclude(user__is_active=True, user__email_verified=True)
        .update(next_send_at=now + PARKED_FOR)
    )
    return Scheduled(queued, already, requeued, parked)


def _requeue_stale(now: datetime.datetime) -> int:
    from bob_emploi.web.coaching.tasks import send_emails

    with transaction.atomic():
        stale = list(
            EmailLog.objects.filter(state=EmailLog.State.QUEUED, queued_at__lte=now - STALE_AFTER)
            .order_by("queued_at")
            .values_list("pk", flat=True)[: BATCH * 10]
        )
        EmailLog.objects.filter(pk__in=stale).update(queued_at=now)  # once an hour at most
        for start in range(0, len(stale), CHUNK):
            send_emails.enqueue(stale[start : start + CHUNK])
    return len(stale)


def advance(sub: Subscription, now: datetime.datetime) -> None:
    """The next e-mail after the one just queued: one period later; nothing after the survey."""
    if sub.next_kind == Subscription.Next.SURVEY:
        sub.next_send_at = None
        return
    sub.next_step += 1
    sub.next_send_at = max(now, sub.next_send_at or now) + datetime.timedelta(weeks=sub.frequency_weeks)
