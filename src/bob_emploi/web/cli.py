"""`bob serve`: migrate the database if needed, then serve the web app.

Under gunicorn (WhiteNoise serves the static files) when it is installed, else Django's
development server. The database comes from $DATABASE_URL (SQLite in var/ by default).
Imported lazily by `bob_emploi.cli`, so the other commands never load Django.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from bob_emploi.data.errors import DataError
from bob_emploi.data.paths import resolve_bundle_path

SETTINGS = "bob_emploi.web.settings"


def prepare(bundle: Path | None) -> Path:
    """Points the app at the bundle, sets Django up and migrates; returns the bundle path."""
    path = resolve_bundle_path(bundle).resolve()
    os.environ["BOB_BUNDLE"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=1)
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    return path


# Threads per worker: a client that sends its request slowly holds one thread, not the whole
# worker (sync workers are held by two slow clients). Production puts a buffering reverse proxy
# in front anyway (docs/deployment.md).
THREADS = 4
TIMEOUT = 30  # seconds a worker may stay silent before gunicorn restarts it
KEEPALIVE = 5  # seconds an idle kept-alive connection stays open
# gunicorn's maximum: longer request lines than Django's own limit (settings.BOB_MAX_URI_LENGTH)
# reach Django, which answers them 414 in the API's JSON shape instead of gunicorn's HTML.
LIMIT_REQUEST_LINE = 8190


def gunicorn_command(host: str, port: int, workers: int) -> list[str] | None:
    """The gunicorn command line for the app, or None when gunicorn is not installed.

    No control socket: gunicorn would put every instance's at the same path ($XDG_RUNTIME_DIR
    or ~/.gunicorn/gunicorn.ctl), so that two `bob serve` on one machine would take each other's.
    """
    if importlib.util.find_spec("gunicorn") is None:  # run as `python -m gunicorn`: this Python must have it
        return None
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--timeout",
        str(TIMEOUT),
        "--graceful-timeout",
        str(TIMEOUT),
        "--keep-alive",
        str(KEEPALIVE),
        "--limit-request-line",
        str(LIMIT_REQUEST_LINE),
        "--no-control-socket",
        "--bind",
        f"{host}:{port}",
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "bob_emploi.web.wsgi:application",
    ]


def serve(port: int, host: str, bundle: Path | None, workers: int) -> int:
    try:
        path = prepare(bundle)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Bob sur http://{host}:{port}/ (données : {path})", flush=True)
    command = gunicorn_command(host, port, workers)
    if command is None:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return 0
    os.execv(command[0], command)  # gunicorn takes over the process: signals reach it directly


def affected_projects(reasons: dict[str, str]) -> list[dict[str, object]]:
    """The saved projects of the database that $DATABASE_URL names (SQLite in var/ by default)
    whose job title is among `reasons` (see `bob_emploi.data.diff`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()
    from bob_emploi.web.projects.affected import affected_projects as find

    return list(find(reasons))
