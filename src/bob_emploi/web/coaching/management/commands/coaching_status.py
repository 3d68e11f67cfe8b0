from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count

from bob_emploi.web.coaching.models import EmailLog


class Command(BaseCommand):
    help = "Count the e-mail log by kind and state; list the e-mails left 'sending' by a worker that died."

    def handle(self, *args: Any, **options: Any) -> None:
        for row in EmailLog.objects.values("kind", "state").annotate(n=Count("id")).order_by("kind", "state"):
            self.stdout.write(f"{row['kind']:<12} {row['state']:<8} {row['n']}")
        stuck = EmailLog.objects.filter(state=EmailLog.State.SENDING).order_by("claimed_at")
        for log in stuck[:100]:
            self.stdout.write(
                f"sending since {log.claimed_at:%Y-%m-%d %H:%M}: log {log.pk} ({log.kind} {log.step}) {log.error}"
            )
