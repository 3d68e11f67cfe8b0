"""The API's edge: strict types, the same bounds wherever a value is saved, unknown fields
refused in every body, personal answers never cached, and a JSON 414 for an over-long URL."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bob_emploi.web.accounts.models import User
from tests.web.conftest import PASSWORD, Api, advisor_input
from tests.web.pages.helpers import text

pytestmark = pytest.mark.django_db

PROJECT = advisor_input()["project"]


def _fields(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {item["field"]: item["message"] for item in response.json()["error"]["fields"]}


@pytest.mark.parametrize("year", [1900, 2100, timezone.localdate().year - 91, timezone.localdate().year - 13])
def test_put_me_refuses_the_ages_the_diagnostic_refuses(alice_api: Api, year: int) -> None:
    """1900 was saved, then every project write answered 422 on a field the request did not hold."""
    fields = _fields(alice_api.call("PUT", "/me", {"year_of_birth": year}))
    assert set(fields) == {"year_of_birth"} and fields["year_of_birth"].startswith("Âge impossible")
    assert alice_api.get("/me").json()["profile"]["year_of_birth"] is None
    assert alice_api.call("POST", "/me/projects", PROJECT).status_code == 201


def test_put_me_accepts_the_ages_the_diagnostic_accepts(alice_api: Api) -> None:
    for year in (timezone.localdate().year - 90, timezone.localdate().year - 14):
        assert alice_api.call("PUT", "/me", {"year_of_birth": year}).status_code == 200
        assert alice_api.call("POST", "/me/projects", PROJECT).status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year_of_birth": True}, "year_of_birth"),
        ({"year_of_birth": "1990"}, "year_of_birth"),
        ({"year_of_birth": 1990.0}, "year_of_birth"),
        ({"has_car": "true"}, "has_car"),
        ({"has_driving_license": 1}, "has_driving_license"),
    ],
)
def test_put_me_takes_numbers_and_booleans_as_they_are(alice_api: Api, body: dict[str, Any], field: str) -> None:
    assert set(_fields(alice_api.call("PUT", "/me", body))) == {field}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"interviews": "3"}, "project.interviews"),
        ({"interviews": True}, "project.interviews"),
        ({"part_time": "false"}, "project.part_time"),
        ({"search_started": "２０２６-01"}, "project.search_started"),  # full-width digits
    ],
)
def test_project_bodies_are_strict(alice_api: Api, change: dict[str, Any], field: str) -> None:
    assert field.removeprefix("project.") in _fields(alice_api.call("POST", "/me/projects", PROJECT | change))
    assert field in _fields(Api(Client()).call("POST", "/diagnostic", advisor_input(**change)))


def test_the_feedback_body_refuses_unknown_fields(alice_api: Api) -> None:
    created = alice_api.call("POST", "/me/projects", PROJECT).json()
    advice_id = created["diagnostic"]["advice"][0]["id"]
    path = f"/me/projects/{created['id']}/advice/{advice_id}/feedback"
    fields = _fields(alice_api.call("PUT", path, {"value": "useful", "comment": "x" * 1000}))
    assert fields == {"comment": "Ce champ n'est pas attendu."}
    assert alice_api.get(f"/me/projects/{created['id']}").json()["feedback"] == {}


def test_the_credentials_body_refuses_unknown_fields(alice: User) -> None:
    body = {"email": "alice@example.org", "password": PASSWORD, "remember": True}
    assert _fields(Api(Client()).call("POST", "/auth/token", body)) == {"remember": "Ce champ n'est pas attendu."}


def test_personal_answers_are_never_cached(alice: User) -> None:
    api = Api(Client())
    created = api.call("POST", "/auth/token", {"email": "alice@example.org", "password": PASSWORD})
    assert created.status_code == 201 and created["Cache-Control"] == "no-store"
    me = Api(Client(), created.json()["token"])
    for response in (me.get("/me"), me.call("PUT", "/me", {"gender": "feminine"}), me.get("/me/projects")):
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    session = Client()
    session.force_login(alice)
    assert session.get("/api/v1/me")["Cache-Control"] == "no-store"
    assert "no-store" not in Api(Client()).get("/jobs/suggest?q=vendeuse").get("Cache-Control", "")


def test_an_over_long_url_is_a_414(anonymous_api: Api) -> None:
    response = anonymous_api.get("/jobs/suggest?q=" + "a" * 5000)
    assert response.status_code == 414
    assert int(response["Content-Length"]) == len(response.content)
    assert response.json()["error"] == {
        "code": "uri_too_long",
        "message": "L'adresse demandée est trop longue (4096 caractères au plus).",
        "fields": [],
    }
    page = Client().get("/metiers/D1214?x=" + "a" * 5000)
    assert page.status_code == 414 and "L'adresse demandée est trop longue" in text(page.content.decode())
    assert anonymous_api.get("/jobs/suggest?q=" + "a" * 20).status_code == 200
