"""`bob coaching …`: the scheduler, the worker and the inactive accounts' cleanup, for cron or systemd.

Imported by `bob_emploi.cli`; Django is set up only when a command runs (database from $DATABASE_URL).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

app = typer.Typer(help="Follow-up e-mails: schedule, send, clean up inactive accounts.", no_args_is_help=True)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bob_emploi.web.settings")
    import django

    django.setup()


@app.command("schedule")
def schedule_command(
    now: Annotated[str | None, typer.Option(help="Schedule as if it were this moment (ISO 8601 with offset).")] = None,
    limit: Annotated[int | None, typer.Option(help="Queue at most this many e-mails.")] = None,
) -> None:
    """Queue the e-mails due now, one log row each, in tasks of up to 20 (run every few minutes)."""
    _django()
    from django.core.management import call_command

    call_command("coaching_schedule", now=now, limit=limit)


@app.command("worker")
def worker_command(
    batch: Annotated[bool, typer.Option(help="Send what is queued, then exit.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between looks at an empty queue.")] = 1.0,
) -> None:
    """Send the queued e-mails (django-tasks-db's `db_worker`); run several on PostgreSQL if needed."""
    _django()
    from django.core.management import call_command

    call_command("db_worker", batch=batch, interval=interval, reload=False, startup_delay=not batch)


@app.command("inactive")
def inactive_command() -> None:
    """Warn the inactive accounts, delete the ones warned long enough ago (daily)."""
    _django()
    from django.core.management import call_command

    call_command("coaching_inactive")


@app.command("status")
def status_command() -> None:
    """The e-mail log by kind and state, and the e-mails a dead worker left 'sending'."""
    _django()
    from django.core.management import call_command

    call_command("coaching_status")
