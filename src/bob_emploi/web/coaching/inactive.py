"""Accounts nobody uses: warned by e-mail after `BOB_INACTIVE_DAYS` (730, two years) without activity, then
deleted `BOB_INACTIVE_GRACE_DAYS` (30) after the warning left if nobody came back meanwhile.

Activity is the latest of: the sign-up, the last login, the last use of an API token. Staff accounts
are left alone. The warning is an e-mail log row (kind "inactivity") whose step is the day of the
activity it warns about, so each period of inactivity is warned once, and coming back (a login)
starts a new one. Guests have no account: their answers live in the session (14 days), untouched here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching.models import EmailLog


def _activity() -> Greatest:
    """The latest of the sign-up, the last login and the last use of an API token."""
    return Greatest(
        Coalesce("last_login", "date_joined"),
        Coalesce(Max("api_tokens__last_used_at"), "date_joined"),
        output_field=DateTimeField(),
    )


def _day(moment: datetime.datetime) -> int:
    return moment.date().toordinal()


def still_inactive(log: EmailLog) -> bool:
    """Whether the person has not come back since the activity this warning is about."""
    found = (
        User.objects.filter(pk=log.user_id).annotate(activity=_activity()).values_list("activity", flat=True).first()
    )
    return found is not None and _day(found) <= log.step


def deletion_date(log: EmailLog) -> datetime.date:
    """The day the warning announces: the grace period from now, when it leaves."""
    return timezone.localdate() + datetime.timedelta(days=settings.BOB_INACTIVE_GRACE_DAYS)


@dataclass(frozen=True, slots=True)
class Cleanup:
    warned: int
    deleted: int


def clean_up(now: datetime.datetime | None = None) -> Cleanup:
    """Queues the warnings due and deletes the accounts whose warning went unanswered."""
    from bob_emploi.web.coaching.tasks import send_email
    from bob_emploi.web.projects.services import delete_account

    now = now or timezone.now()
    threshold = now - datetime.timedelta(days=settings.BOB_INACTIVE_DAYS)
    warned = 0
    candidates = (
        User.objects.filter(is_staff=False, is_active=True)
        .annotate(activity=_activity())
        .filter(activity__lte=threshold)
    )
    for user_id, activity in candidates.values_list("pk", "activity").iterator():
        with transaction.atomic():
            log, created = EmailLog.objects.get_or_create(
                user_id=user_id, kind=EmailLog.Kind.INACTIVITY, step=_day(activity)
            )
            if created:
                send_email.enqueue(log.pk)
                warned += 1
    deleted = 0
    expired = EmailLog.objects.filter(
        kind=EmailLog.Kind.INACTIVITY,
        state__in=(EmailLog.State.SENT, EmailLog.State.FAILED),
        finished_at__lte=now - datetime.timedelta(days=settings.BOB_INACTIVE_GRACE_DAYS),
    ).select_related("user")
    for log in list(expired):
        if still_inactive(log) and not log.user.is_staff:
            delete_account(log.user)
            deleted += 1
    return Cleanup(warned, deleted)
