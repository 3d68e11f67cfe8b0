"""JobSuggest as a standalone WSGI app: the JSON API, the widget files and a demo page.

`gunicorn bob_emploi.jobsuggest.wsgi:application` serves the bundle named by
$BOB_BUNDLE (indexes built by each worker on its first request), and
`gunicorn --preload 'bob_emploi.jobsuggest.wsgi:load_application()'` builds them once at start;
`create_app(referential)` gives an app for tests or for embedding.
"""

from __future__ import annotations

import gc
import html
import threading
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from bob_emploi.data.referential import Referential
from bob_emploi.jobsuggest import service
from bob_emploi.jobsuggest.cities import CityIndex
from bob_emploi.jobsuggest.index import JobIndex

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# Longer query strings are refused before parsing (414), whatever they hold.
MAX_QUERY_STRING = 2048
STATIC_FILES = {"jobsuggest.js": "text/javascript; charset=utf-8", "jobsuggest.css": "text/css; charset=utf-8"}
REASONS = {
    200: "OK",
    204: "No Content",
    304: "Not Modified",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    414: "URI Too Long",
    500: "Internal Server Error",
}


def _static(name: str) -> bytes:
    return resources.files("bob_emploi.jobsuggest").joinpath("static", name).read_bytes()


def _html(body: str, status: int = 200) -> service.ApiResponse:
    headers = (
        ("Content-Type", "text/html; charset=utf-8"),
        ("Cache-Control", "no-cache"),
        ("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'"),
    )
    return service.ApiResponse(status, headers, body.encode("utf-8"))


def _submitted(params: list[tuple[str, str]]) -> service.ApiResponse:
    rows = "".join(
        f"<tr><th scope='row'><code>{html.escape(k)}</code></th><td id='param-{html.escape(k)}'>"
        f"{html.escape(v)}</td></tr>"
        for k, v in params
    )
    return _html(
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Formulaire reçu</title></head>"
        "<body><main><h1>Formulaire reçu</h1><p>Voici ce que le formulaire a envoyé :</p>"
        f"<table><tbody>{rows}</tbody></table><p><a href='../demo'>Revenir à la démonstration</a></p>"
        "</main></body></html>"
    )


class JobSuggestApp:
    """Routes requests to the plain handlers of `service`."""

    def __init__(self, jobs: JobIndex, cities: CityIndex) -> None:
        self.jobs = jobs
        self.cities = cities
        self._static = {name: _static(name) for name in STATIC_FILES}
        self._demo = _static("demo.html").decode("utf-8")

    def handle(self, method: str, path: str, query_string: str, headers: dict[str, str]) -> service.ApiResponse:
        if len(query_string) > MAX_QUERY_STRING:
            return service.json_response(414, {"error": "La requête est trop longue."})
        api = path.startswith("/api/")
        if method == "OPTIONS" and api:
            return service.preflight()
        if method not in ("GET", "HEAD"):
            return service.json_response(405, {"error": "Seules les requêtes GET sont acceptées."})
        pairs = parse_qsl(query_string, keep_blank_values=True, errors="replace")
        params = dict(reversed(pairs))  # the first value of a repeated parameter wins
        if path == "/api/v1/jobs/suggest":
            response = service.suggest_jobs(self.jobs, params)
        elif path == "/api/v1/job-groups/suggest":
            response = service.suggest_job_groups(self.jobs, params)
        elif path == "/api/v1/cities/suggest":
            response = service.suggest_cities(self.cities, params)
        elif path in ("/", "/demo", "/demo/"):
            return _html(self._demo)
        elif path == "/demo/submitted":
            return _submitted(pairs)
        elif path.startswith("/static/") and path[len("/static/") :] in self._static:
            name = path[len("/static/") :]
            content_type = STATIC_FILES[name]
            static_headers = (("Content-Type", content_type), ("Cache-Control", "public, max-age=300"))
            return service.ApiResponse(200, (*static_headers, *service.CORS_HEADERS[:1]), self._static[name])
        elif path == "/healthz":
            return service.json_response(200, {"status": "ok", "titles": len(self.jobs), "cities": len(self.cities)})
        else:
            return service.json_response(404, {"error": "Adresse inconnue."})
        return service.not_modified(response, headers.get("If-None-Match"))

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            response = self.handle(
                method,
                environ.get("PATH_INFO", "") or "/",
                environ.get("QUERY_STRING", ""),
                {"If-None-Match": environ.get("HTTP_IF_NONE_MATCH", "")},
            )
        except Exception:
            response = service.json_response(500, {"error": "Erreur interne du service."})
        status = f"{response.status} {REASONS.get(response.status, 'Unknown')}"
        headers = list(response.headers)
        body = b"" if method == "HEAD" else response.body
        if response.status not in (204, 304):
            headers.append(("Content-Length", str(len(response.body))))
        start_response(status, headers)
        return [body]


def create_app(referential: Referential) -> JobSuggestApp:
    """Build the indexes once; then keep the garbage collector off them (they live forever)."""
    app = JobSuggestApp(JobIndex.from_referential(referential), CityIndex.from_referential(referential))
    gc.collect()
    gc.freeze()
    return app


class _LazyApplication:
    """The module-level WSGI callable: loads $BOB_BUNDLE on the first request."""

    def __init__(self) -> None:
        self._app: JobSuggestApp | None = None
        self._lock = threading.Lock()

    def load(self) -> JobSuggestApp:
        if self._app is None:
            with self._lock:
                if self._app is None:
                    from bob_emploi.data.paths import resolve_bundle_path

                    self._app = create_app(Referential.load(resolve_bundle_path(None)))
        return self._app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        return self.load()(environ, start_response)


application = _LazyApplication()


def load_application() -> JobSuggestApp:
    """For `gunicorn --preload 'bob_emploi.jobsuggest.wsgi:load_application()'`: index once, before forking."""
    return application.load()
