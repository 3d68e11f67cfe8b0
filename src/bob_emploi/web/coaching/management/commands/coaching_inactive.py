from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bob_emploi.web.coaching.inactive import clean_up


class Command(BaseCommand):
    help = "Warn the accounts inactive for BOB_INACTIVE_DAYS, delete those warned BOB_INACTIVE_GRACE_DAYS ago (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = clean_up()
        self.stdout.write(f"{result.warned} inactive accounts warned, {result.deleted} deleted")
