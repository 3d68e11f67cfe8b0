"""The authenticated API: tokens, sessions with CSRF, the person's data, and nobody else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bob_emploi.web.accounts.models import ApiToken, User
from bob_emploi.web.projects.models import AdviceFeedback, Project
from tests.web.conftest import CLEANER, GRENOBLE, LYON, PASSWORD, Api, advisor_input

pytestmark = pytest.mark.django_db

PROJECT = advisor_input()["project"]


def _create(api: Api, **fields: Any) -> dict[str, Any]:
    response = api.call("POST", "/me/projects", PROJECT | fields)
    assert response.status_code == 201, response.content
    created: dict[str, Any] = response.json()
    return created


def test_token_from_credentials_then_revoked(alice: User) -> None:
    api = Api(Client())
    response = api.call("POST", "/auth/token", {"email": " Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 201
    token = response.json()["token"]
    me = Api(Client(), token)
    assert me.get("/me").json() == {
        "email": "alice@example.org",
        "email_verified": False,
        "profile": me.get("/me").json()["profile"],
    }
    assert me.call("DELETE", "/auth/token").status_code == 204
    assert me.get("/me").status_code == 401
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "alice@example.org", "password": "wrong"},
        {"email": "nobody@example.org", "password": PASSWORD},
        {"email": "alice@example.org\x00", "password": PASSWORD},
    ],
)
def test_token_refused(alice: User, credentials: dict[str, str]) -> None:
    response = Api(Client()).call("POST", "/auth/token", credentials)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_login_throttling_after_five_failures(alice: User) -> None:
    api = Api(Client())
    for _ in range(4):
        assert api.call("POST", "/auth/token", {"email": "alice@example.org", "password": "nope"}).status_code == 401
    # The fifth failure locks the address out: even the right password is refused.
    assert api.call("POST", "/auth/token", {"email": "alice@example.org", "password": "nope"}).status_code == 429
    locked = api.call("POST", "/auth/token", {"email": "ALICE@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "too_many_attempts"
    # Another address from the same IP is not locked.
    User.objects.create_user("carol@example.org", PASSWORD)
    assert api.call("POST", "/auth/token", {"email": "carol@example.org", "password": PASSWORD}).status_code == 201


def test_profile_read_and_replaced(alice_api: Api) -> None:
    assert alice_api.get("/me").json()["profile"]["gender"] == "unknown"
    profile = {"gender": "feminine", "year_of_birth": 1985, "highest_degree": "bac+2", "frustrations": ["interview"]}
    response = alice_api.call("PUT", "/me", profile)
    assert response.status_code == 200
    assert response.json()["profile"]["frustrations"] == ["interview"]
    assert alice_api.get("/me").json()["profile"]["year_of_birth"] == 1985
    bad = alice_api.call("PUT", "/me", {"gender": "feminine", "year_of_birth": 1800})
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["field"] == "year_of_birth"


def test_projects_crud(alice_api: Api) -> None:
    created = _create(alice_api)
    assert created["project"]["city"] == LYON
    assert created["diagnostic"]["advice"]
    assert created["feedback"] == {}
    project_id = created["id"]

    assert [p["id"] for p in alice_api.get("/me/projects").json()] == [project_id]
    assert alice_api.get(f"/me/projects/{project_id}").json() == created

    updated = alice_api.call("PUT", f"/me/projects/{project_id}", PROJECT | {"target_job": CLEANER, "city": GRENOBLE})
    assert updated.status_code == 200
    assert updated.json()["project"]["target_job"] == CLEANER
    assert updated.json()["diagnostic"]["advice"]

    assert alice_api.call("DELETE", f"/me/projects/{project_id}").status_code == 204
    assert alice_api.get(f"/me/projects/{project_id}").status_code == 404
    assert alice_api.get("/me/projects").json() == []


def test_invalid_project_is_not_saved(alice_api: Api) -> None:
    response = alice_api.call("POST", "/me/projects", PROJECT | {"target_job": "nope\x00"})
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "project.target_job"
    assert not Project.objects.exists()


def test_feedback(alice_api: Api) -> None:
    created = _create(alice_api)
    advice_id = created["diagnostic"]["advice"][0]["id"]
    path = f"/me/projects/{created['id']}/advice/{advice_id}/feedback"
    assert alice_api.call("PUT", path, {"value": "useful"}).json() == {"advice_id": advice_id, "value": "useful"}
    assert alice_api.call("POST", path, {"value": "done"}).status_code == 200
    assert alice_api.get(f"/me/projects/{created['id']}").json()["feedback"] == {advice_id: "done"}
    assert alice_api.call("PUT", path, {"value": "great"}).status_code == 422
    unknown = alice_api.call("PUT", f"/me/projects/{created['id']}/advice/nope/feedback", {"value": "done"})
    assert unknown.status_code == 404
    assert AdviceFeedback.objects.count() == 1


def test_export_and_delete_account(alice_api: Api, bob_api: Api) -> None:
    _create(alice_api)
    _create(bob_api)
    export = alice_api.get("/me/export")
    assert export.status_code == 200
    assert "attachment" in export["Content-Disposition"]
    data = export.json()
    assert data["account"]["email"] == "alice@example.org"
    assert len(data["projects"]) == 1

    assert alice_api.call("DELETE", "/me").status_code == 204
    assert alice_api.get("/me").status_code == 401
    assert not User.objects.filter(email="alice@example.org").exists()
    assert Project.objects.filter(user__email="bob@example.org").count() == 1
    assert bob_api.get("/me/projects").status_code == 200


def test_anonymous_gets_401_everywhere(anonymous_api: Api) -> None:
    for method, path in [
        ("GET", "/me"),
        ("PUT", "/me"),
        ("DELETE", "/me"),
        ("GET", "/me/export"),
        ("GET", "/me/projects"),
        ("POST", "/me/projects"),
        ("GET", "/me/projects/1"),
        ("PUT", "/me/projects/1"),
        ("DELETE", "/me/projects/1"),
        ("PUT", "/me/projects/1/advice/a/feedback"),
        ("DELETE", "/auth/token"),
    ]:
        response = anonymous_api.call(method, path, {})
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "not_authenticated"
    assert Api(Client(), "bob_forged").get("/me").status_code == 401


def test_other_users_projects_are_404_on_every_endpoint(alice_api: Api, bob_api: Api) -> None:
    """Bob tries each project endpoint with Alice's project id: 404, and Alice's data is unchanged."""
    created = _create(alice_api)
    project_id = created["id"]
    advice_id = created["diagnostic"]["advice"][0]["id"]
    attempts = [
        ("GET", f"/me/projects/{project_id}", None),
        ("PUT", f"/me/projects/{project_id}", PROJECT | {"city": GRENOBLE}),
        ("DELETE", f"/me/projects/{project_id}", None),
        ("PUT", f"/me/projects/{project_id}/advice/{advice_id}/feedback", {"value": "not_for_me"}),
        ("POST", f"/me/projects/{project_id}/advice/{advice_id}/feedback", {"value": "not_for_me"}),
    ]
    for method, path, body in attempts:
        response = bob_api.call(method, path, body)
        assert response.status_code == 404, (method, path, response.content)
        assert response.json()["error"]["code"] == "not_found"
    assert bob_api.get("/me/projects").json() == []
    assert alice_api.get(f"/me/projects/{project_id}").json() == created
    assert not AdviceFeedback.objects.exists()
    # Bob's own export and deletion never reach Alice's rows.
    assert bob_api.get("/me/export").json()["projects"] == []
    assert bob_api.call("DELETE", "/me").status_code == 204
    assert alice_api.get(f"/me/projects/{project_id}").json() == created


@pytest.mark.parametrize("project_id", ["abc", "0", "-1", str(2**63), str(2**80)])
def test_malformed_project_ids(alice_api: Api, project_id: str) -> None:
    response = alice_api.get(f"/me/projects/{project_id}")
    assert response.status_code in {404, 422}
    assert response.json()["error"]["code"] in {"not_found", "invalid_input"}


def test_session_auth_needs_the_csrf_token_to_change_anything(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/me").status_code == 200
    refused = client.post("/api/v1/me/projects", PROJECT, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_failed"
    assert not Project.objects.exists()

    client.get("/api/v1/me")  # no CSRF cookie yet: a page sets it; get one the way a page does
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    accepted = client.post(
        "/api/v1/me/projects", PROJECT, content_type="application/json", headers={"X-CSRFToken": secret}
    )
    assert accepted.status_code == 201, accepted.content
    assert client.delete(f"/api/v1/me/projects/{accepted.json()['id']}").status_code == 403


def test_token_auth_needs_no_csrf(alice_api: Api) -> None:
    alice_api.client = Client(enforce_csrf_checks=True)
    assert alice_api.call("POST", "/me/projects", PROJECT).status_code == 201
