"""The JSON API: plain handlers, then the WSGI app served for real on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from bob_emploi.jobsuggest import CityIndex, JobIndex, service
from bob_emploi.jobsuggest.wsgi import _LazyApplication


def test_handlers_are_plain_functions(job_index: JobIndex, city_index: CityIndex) -> None:
    response = service.suggest_jobs(job_index, {"q": "boulanjer", "limit": "2", "gender": "feminine"})
    assert response.status == 200
    assert response.json()[0]["title"] == "Boulangère"
    assert set(response.json()[0]) == {"code_ogr", "code_rome", "title", "job_group", "score", "spans"}
    cities = service.suggest_cities(city_index, {"q": "st etienne"}).json()
    assert cities[0]["code"] == "42218"
    assert set(cities[0]) == {"code", "name", "postcodes", "departement", "population", "score", "spans", "note"}
    groups = service.suggest_job_groups(job_index, {"q": "boulangerie"}).json()
    assert groups[0]["code_rome"] == "D1102"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a", "limit": "abc"},
        {"q": "a", "limit": "0"},
        {"q": "a", "limit": "51"},
        {"q": "a", "limit": "-3"},
        {"q": "a", "limit": "1e3"},
        {"q": "a", "gender": "neutre"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_are_400(job_index: JobIndex, params: dict[str, str]) -> None:
    response = service.suggest_jobs(job_index, params)
    assert response.status == 400
    assert "error" in response.json()


def test_bad_requests_over_http(suggest_server: str) -> None:
    with httpx.Client(base_url=suggest_server) as client:
        for url in (
            "/api/v1/jobs/suggest?q=a&limit=abc",
            "/api/v1/jobs/suggest?q=a&limit=0",
            "/api/v1/jobs/suggest?q=a&limit=500",
            "/api/v1/jobs/suggest?q=a&gender=x",
            "/api/v1/cities/suggest?q=lyon&limit=nope",
            "/api/v1/job-groups/suggest?q=lyon&limit=99",
        ):
            response = client.get(url)
            assert response.status_code == 400, url
            assert response.headers["content-type"].startswith("application/json")
            assert response.headers["access-control-allow-origin"] == "*"
            assert response.json()["error"]
        huge = client.get("/api/v1/jobs/suggest", params={"q": "é" * 10_000})
        assert huge.status_code in (400, 414)
        assert huge.json()["error"]
        assert client.post("/api/v1/jobs/suggest?q=a").status_code == 405
        assert client.get("/api/v1/nothing").status_code == 404


def test_empty_and_odd_queries(suggest_server: str) -> None:
    with httpx.Client(base_url=suggest_server) as client:
        assert client.get("/api/v1/jobs/suggest?q=").json() == []
        assert client.get("/api/v1/jobs/suggest").json() == []
        assert client.get("/api/v1/cities/suggest?q=%20%27-").json() == []
        assert client.get("/api/v1/jobs/suggest?q=%ff%fe").status_code == 200  # not UTF-8
        assert client.get("/api/v1/jobs/suggest?q=a&q=b&limit=3").status_code == 200


def test_suggestions_over_http(suggest_server: str) -> None:
    with httpx.Client(base_url=suggest_server) as client:
        jobs = client.get("/api/v1/jobs/suggest", params={"q": "aesh", "limit": 3}).json()
        assert jobs[0]["code_rome"] == "K2113"  # ROME 4.0: child of K2104
        assert len(client.get("/api/v1/jobs/suggest", params={"q": "agent", "limit": 50}).json()) == 50
        cities = client.get("/api/v1/cities/suggest", params={"q": "69003"}).json()
        assert [c["code"] for c in cities[:2]] == ["69383", "69123"]  # the postcode's arrondissement first
        groups = client.get("/api/v1/job-groups/suggest", params={"q": "rh"}).json()
        assert groups[0]["code_rome"] in {"M1501", "M1503"}


def test_cors_and_cache_headers(suggest_server: str) -> None:
    with httpx.Client(base_url=suggest_server) as client:
        preflight = client.options(
            "/api/v1/jobs/suggest",
            headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "GET" in preflight.headers["access-control-allow-methods"]
        response = client.get("/api/v1/jobs/suggest?q=boulanger", headers={"Origin": "https://example.org"})
        assert response.headers["access-control-allow-origin"] == "*"
        assert "max-age=" in response.headers["cache-control"]
        etag = response.headers["etag"]
        again = client.get("/api/v1/jobs/suggest?q=boulanger", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        other = client.get("/api/v1/jobs/suggest?q=boulangere")
        assert other.headers["etag"] != etag
        assert client.get("/api/v1/jobs/suggest?q=a&limit=x").headers["cache-control"] == "no-store"


def test_demo_and_widget_files(suggest_server: str) -> None:
    with httpx.Client(base_url=suggest_server) as client:
        demo = client.get("/demo")
        assert demo.status_code == 200
        assert "<bob-job-suggest" in demo.text and "<bob-city-suggest" in demo.text
        assert "http" not in demo.text.split("<body>")[1].split("</main>")[0].replace("…", "")  # no CDN
        assert client.get("/").text == demo.text
        script = client.get("/static/jobsuggest.js")
        assert script.headers["content-type"].startswith("text/javascript")
        assert "aria-activedescendant" in script.text
        assert client.get("/static/../wsgi.py").status_code == 404
        echoed = client.get("/demo/submitted", params={"code_ogr": "11573", "job": "<b>Boulanger</b>"})
        assert "11573" in echoed.text and "&lt;b&gt;Boulanger&lt;/b&gt;" in echoed.text


def test_module_level_application_reads_bob_bundle(real_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `gunicorn bob_emploi.jobsuggest.wsgi:application` runs: the bundle comes from $BOB_BUNDLE."""
    monkeypatch.setenv("BOB_BUNDLE", str(real_bundle))
    application = _LazyApplication()  # a fresh one, not the module's shared instance
    environ: dict[str, object] = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO="/api/v1/cities/suggest", QUERY_STRING="q=lyon&limit=1")
    statuses: list[str] = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"]
    assert json.loads(body)[0]["code"] == "69123"
