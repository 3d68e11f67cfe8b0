from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bob_emploi.web.coaching.schedule import schedule


class Command(BaseCommand):
    help = "Queue the follow-up e-mails due now (run it every few minutes: cron, systemd timer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="The moment to schedule for, ISO 8601 with its offset (tests, catching up).")
        parser.add_argument("--limit", type=int, help="Queue at most this many e-mails.")

    def handle(self, *args: Any, now: str | None = None, limit: int | None = None, **options: Any) -> None:
        moment = None
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(f"--now: not an ISO 8601 date and time: {now!r}") from None
            if moment.tzinfo is None:
                raise CommandError("--now: give the offset too, e.g. 2026-12-05T09:00:00+01:00")
        if limit is not None and limit <= 0:
            raise CommandError("--limit must be positive")
        result = schedule(moment, limit)
        self.stdout.write(
            f"{result.queued} e-mails queued ({result.already_logged} already logged), {result.requeued} queued "
            f"again after a lost task, {result.parked} people due with an unverified address put off a day"
        )
