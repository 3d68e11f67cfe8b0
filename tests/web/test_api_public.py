"""The public API: JobSuggest autocompletes, the bundle's job sheets, the stateless diagnostic, and errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bob_emploi.jobsuggest import service as suggest_service
from bob_emploi.web.bundle import city_index, job_index
from tests.web.conftest import JEWELLERY_SELLER, LYON, Api, advisor_input

pytestmark = pytest.mark.django_db


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Checks the one error shape of the API and returns the error."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert error["message"]
    return error


@pytest.mark.parametrize(
    ("path", "handler", "params"),
    [
        ("/jobs/suggest", "jobs", {"q": "vendeuse bijou", "limit": "3", "gender": "feminine"}),
        ("/jobs/suggest", "jobs", {"q": "agent entretien"}),
        ("/jobs/suggest", "jobs", {"q": ""}),
        ("/job-groups/suggest", "groups", {"q": "vente"}),
        ("/job-groups/suggest", "groups", {"q": "je vends des chaussures", "mode": "describe"}),
        ("/cities/suggest", "cities", {"q": "lyon", "limit": "5"}),
        ("/cities/suggest", "cities", {"q": "38000"}),
    ],
)
def test_suggest_keeps_the_jobsuggest_contract(
    anonymous_api: Api, path: str, handler: str, params: dict[str, str]
) -> None:
    response = anonymous_api.client.get(f"/api/v1{path}", params)
    expected = {
        "jobs": lambda: suggest_service.suggest_jobs(job_index(), params),
        "groups": lambda: suggest_service.suggest_job_groups(job_index(), params),
        "cities": lambda: suggest_service.suggest_cities(city_index(), params),
    }[handler]()
    assert response.status_code == 200
    assert response.json() == expected.json()
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Access-Control-Allow-Origin"] == "*"
    again = anonymous_api.client.get(f"/api/v1{path}", params, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_suggest_finds_the_job(anonymous_api: Api) -> None:
    [first, *_] = anonymous_api.get("/jobs/suggest?q=vendeuse+bijouterie&gender=feminine").json()
    assert first["code_ogr"] == JEWELLERY_SELLER
    assert first["title"] == "Vendeuse en bijouterie"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=51", "limit"),
        ("limit=abc", "limit"),
        ("gender=x", "gender"),
        ("q=" + "a" * 201, "q"),
    ],
)
def test_suggest_bad_parameters(anonymous_api: Api, query: str, field: str) -> None:
    error = _error(anonymous_api.get(f"/jobs/suggest?{query}"), 422, "invalid_input")
    assert [f["field"] for f in error["fields"]] == [field]


def test_job_sheet(anonymous_api: Api) -> None:
    job = anonymous_api.get(f"/jobs/{JEWELLERY_SELLER}").json()
    assert job["feminine"] == "Vendeuse en bijouterie"
    group = job["group"]
    assert group["code_rome"] == "D1214"
    assert group["texts"]["definition"] == ["Vend des articles d'habillement à une clientèle de particuliers."]
    assert [skill["label"] for skill in group["skills"]] == ["Techniques de vente"]
    assert group["close_jobs"] == [{"code_rome": "K2204", "name": "Nettoyage de locaux", "kind": "close"}]
    assert group["market"] == []  # the small bundle has no market figures
    assert anonymous_api.get("/job-groups/d1214").json() == group


@pytest.mark.parametrize("path", ["/jobs/99999999", "/job-groups/Z9999", "/jobs/%00", "/job-groups/" + "x" * 17])
def test_unknown_job(anonymous_api: Api, path: str) -> None:
    response = anonymous_api.get(path)
    assert response.status_code in {404, 422}
    _error(response, response.status_code, "not_found" if response.status_code == 404 else "invalid_input")


def test_diagnostic_is_the_advisors_output(anonymous_api: Api) -> None:
    response = anonymous_api.call("POST", "/diagnostic", advisor_input())
    assert response.status_code == 200
    output = response.json()
    assert 0 <= output["diagnostic"]["score"] <= 100
    assert output["advice"]
    assert output["bundle_checksum"]


def test_diagnostic_names_each_bad_field(anonymous_api: Api) -> None:
    data = advisor_input(target_job="99999999", city="00000")
    error = _error(anonymous_api.call("POST", "/diagnostic", data), 422, "invalid_input")
    assert {f["field"] for f in error["fields"]} == {"project.target_job", "project.city"}
    assert all(f["message"] for f in error["fields"])


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"profile": {}}, {"project"}),
        ({"profile": {"gender": "other"}, "project": {"city": LYON}}, {"profile.gender"}),
        ({"profile": {}, "project": {"city": LYON, "surprise": 1}}, {"project.surprise"}),
        ({"profile": {}, "project": {"city": LYON, "interviews": -1}}, {"project.interviews"}),
        ([], {"body"}),
    ],
)
def test_diagnostic_shape_errors(anonymous_api: Api, body: object, fields: set[str]) -> None:
    error = _error(anonymous_api.call("POST", "/diagnostic", body), 422, "invalid_input")
    assert {f["field"] for f in error["fields"]} >= fields


@pytest.mark.parametrize("raw", ["{bad json", "", "\x00", "[" * 5000])
def test_diagnostic_unreadable_body(anonymous_api: Api, raw: str) -> None:
    response = anonymous_api.client.post("/api/v1/diagnostic", raw, content_type="application/json")
    assert response.status_code in {400, 422}
    _error(response, response.status_code, "bad_request" if response.status_code == 400 else "invalid_input")


def test_too_large_body_is_413(anonymous_api: Api) -> None:
    body = json.dumps({"profile": {}, "project": {"city": LYON, "padding": "x" * 100_000}})
    _error(anonymous_api.client.post("/api/v1/diagnostic", body, content_type="application/json"), 413, "too_large")


def test_wrong_method_is_405(anonymous_api: Api) -> None:
    response = anonymous_api.client.delete("/api/v1/diagnostic")
    _error(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST"


def test_unknown_path_is_404(anonymous_api: Api) -> None:
    _error(anonymous_api.get("/nothing/here"), 404, "not_found")
    _error(anonymous_api.client.get("/api/v2/jobs/suggest"), 404, "not_found")


def test_openapi_and_docs_are_served_without_any_other_host(anonymous_api: Api) -> None:
    schema = anonymous_api.get("/openapi.json").json()
    assert {"/api/v1/diagnostic", "/api/v1/me/projects/{project_id}", "/api/v1/jobs/suggest"} <= set(schema["paths"])
    docs = anonymous_api.get("/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_only_json_bodies_are_read(anonymous_api: Api) -> None:
    form = anonymous_api.client.post("/api/v1/auth/token", {"email": "a@example.org", "password": "x"})
    _error(form, 415, "unsupported_media_type")
    broken = anonymous_api.client.post("/api/v1/auth/token", '{"email": "a@b.fr"}', content_type="multipart/form-data")
    _error(broken, 415, "unsupported_media_type")


def test_health_for_load_balancers(anonymous_api: Api) -> None:
    response = anonymous_api.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert len(response.json()["bundle_checksum"]) >= 16


@pytest.mark.parametrize("path", ["/jobs/suggest", "/job-groups/suggest", "/cities/suggest"])
def test_suggest_answers_cors_preflights_like_jobsuggest(anonymous_api: Api, path: str) -> None:
    response = anonymous_api.client.options(f"/api/v1{path}", headers={"Origin": "https://ailleurs.example"})
    expected = suggest_service.preflight()
    assert response.status_code == expected.status == 204
    for header, value in expected.headers:
        assert response[header] == value
