"""Fixtures for JobSuggest: indexes over the real data (once per worker) and a live WSGI server.

The tests run on the default ROME 4.0 bundle (`real_bundle`, v460). An expectation naming a ROME
v3 job group accepts its ROME 4.0 children too (`v3`: a job group taken to its v3 parent), as the
evaluation set does: ROME 4.0 splits fiches (`AESH` -> K2113, child of K2104).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from bob_emploi.data import Referential
from bob_emploi.jobsuggest import CityIndex, JobIndex
from bob_emploi.jobsuggest.wsgi import JobSuggestApp


@pytest.fixture(scope="session")
def referential(real_bundle: Path) -> Referential:
    return Referential.load(real_bundle)


@pytest.fixture(scope="session")
def job_index(referential: Referential) -> JobIndex:
    return JobIndex.from_referential(referential)


@pytest.fixture(scope="session")
def city_index(referential: Referential) -> CityIndex:
    return CityIndex.from_referential(referential)


@pytest.fixture(scope="session")
def wsgi_app(job_index: JobIndex, city_index: CityIndex) -> JobSuggestApp:
    return JobSuggestApp(job_index, city_index)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _SilentHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def suggest_server(wsgi_app: JobSuggestApp) -> Iterator[str]:
    """The app served for real on a free loopback port, in a thread."""
    server = make_server("127.0.0.1", 0, wsgi_app, server_class=_ThreadingServer, handler_class=_SilentHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
