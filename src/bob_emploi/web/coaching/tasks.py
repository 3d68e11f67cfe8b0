"""The background tasks that send the logged e-mails, each at most once.

1. Claim, in one committed transaction: the log row must still be "queued" or "retry" (else another
   run has it: stop), the account active and, for follow-up e-mails, the consent still given (else
   "skipped"); the message is rendered, and the row becomes "sending".
2. Talk to the SMTP server. On PostgreSQL the person's row is held meanwhile (FOR NO KEY UPDATE,
   as every write for them): an account deletion waits for the send, or goes first and the send
   finds no account. On SQLite (one machine, development) the account is read again just before.
3. Record the outcome: "sent"; "retry" with a new task `BOB_COACHING_BACKOFF × 2^(tries-1)`
   seconds later when the server did not take the message (refused connection, 4xx); "failed" for
   a 5xx or after `BOB_COACHING_RETRIES` tries.

A worker killed during step 2 leaves the row "sending" and its task "RUNNING": neither is picked
up again, because the server may have taken the message. Such rows are listed by
`bob coaching status` for someone to look at; the person's next e-mail goes as planned. A worker
killed before step 1 leaves the row "queued": the scheduler queues it again an hour later
(`schedule.STALE_AFTER`), which is safe since step 1 lets only one run through.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching.delivery import Outcome, Result, deliver, rate_limit
from bob_emploi.web.coaching.models import EmailLog, Subscription

State = EmailLog.State


@task()
def send_email(log_id: int) -> str:
    """One e-mail (a retry, a warning); returns the row's final state (kept in the task's result)."""
    return send(log_id)


@task()
def send_emails(log_ids: list[int]) -> dict[str, int]:
    """Several e-mails in turn, each claimed on its own (the scheduler's batches: a task costs the
    worker several queries of its own, an e-mail about a dozen); returns how many ended in each state."""
    states: dict[str, int] = {}
    for log_id in log_ids:
        state = send(int(log_id))
        states[state] = states.get(state, 0) + 1
    return states


def _why_not(log: EmailLog, sub: Subscription | None) -> str:
    """Why this e-mail must not leave now, or "" when it may."""
    if not log.user.is_active:
        return "compte désactivé"
    if log.kind == EmailLog.Kind.INACTIVITY:
        from bob_emploi.web.coaching.inactive import still_inactive

        return "" if still_inactive(log) else "compte utilisé depuis l'avertissement"
    if sub is None or not sub.consent:
        return "consentement retiré"
    if log.kind == EmailLog.Kind.COACHING and sub.stopped == Subscription.Stop.FOUND_JOB:
        return "emploi trouvé"
    return ""


def send(log_id: int) -> str:
    from bob_emploi.web.coaching.content import message_for

    now = timezone.now()
    with transaction.atomic():
        # The account, its settings and its profile in the same query: the e-mail needs all three.
        rows = EmailLog.objects.select_for_update(of=("self",)).select_related("user__coaching", "user__profile")
        log = rows.filter(pk=log_id).first()
        if log is None:
            return "gone"  # the account and its log were deleted
        if log.state not in (State.QUEUED, State.RETRY):
            return str(log.state)  # sent, being sent or given up by another run: never twice
        sub = getattr(log.user, "coaching", None)
        reason = _why_not(log, sub)
        if reason:
            _finish(log, State.SKIPPED, reason, now)
            return str(log.state)
        try:
            message = message_for(log, sub)
        except Exception as error:  # a bug in the content: recorded, never retried in a loop
            _finish(log, State.FAILED, f"rédaction: {error!r}", now)
            return str(log.state)
        log.state, log.claimed_at, log.attempts = State.SENDING, now, log.attempts + 1
        log.subject = message.subject[:200]
        log.save(update_fields=["state", "claimed_at", "attempts", "subject"])
    rate_limit.wait()
    with _holding(log.user) as present:
        if not present:
            return "gone"  # deleted since the claim: its log went with it
        return _record(log, deliver(message))


@contextlib.contextmanager
def _holding(user: User) -> Iterator[bool]:
    """The person's row, held during the send and its record where the database can (see the module's
    docstring); on SQLite, whether the account is still there just before."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            yield bool(list(User.objects.select_for_update(no_key=True).filter(pk=user.pk).values_list("pk")))
    else:
        yield User.objects.filter(pk=user.pk).exists()


def _record(log: EmailLog, result: Result) -> str:
    now = timezone.now()
    with transaction.atomic(savepoint=False):  # inside the hold on PostgreSQL: no savepoint needed
        if result.outcome is Outcome.SENT:
            _finish(log, State.SENT, "", now)
        elif result.outcome is Outcome.UNKNOWN:
            log.error = result.detail[:500]  # stays "sending": perhaps delivered, never sent again
            EmailLog.objects.filter(pk=log.pk).update(error=log.error)
        elif result.outcome is Outcome.RETRY and log.attempts < settings.BOB_COACHING_RETRIES:
            delay = settings.BOB_COACHING_BACKOFF * 2 ** (log.attempts - 1)
            log.state, log.error = State.RETRY, result.detail[:500]
            EmailLog.objects.filter(pk=log.pk).update(state=log.state, error=log.error)
            send_email.using(run_after=now + datetime.timedelta(seconds=delay)).enqueue(log.pk)
        else:
            _finish(log, State.FAILED, result.detail, now)
    return str(log.state)


def _finish(log: EmailLog, state: str, error: str, now: datetime.datetime) -> None:
    log.state, log.error, log.finished_at = state, error[:500], now
    EmailLog.objects.filter(pk=log.pk).update(state=state, error=log.error, finished_at=now)
