"""Security of the pages: nobody reaches another person's data, state changes need a POST with
the CSRF token, a guest's data stays in its session, and the account pages reveal nothing."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import Session, User
from bob_emploi.web.accounts.services import create_api_token
from bob_emploi.web.accounts.sessions import SessionStore
from bob_emploi.web.projects import services
from bob_emploi.web.projects.models import AdviceFeedback, Project
from tests.web.conftest import PASSWORD, advisor_input
from tests.web.pages.helpers import complete_onboarding, sign_up

pytestmark = pytest.mark.django_db


def _diagnosed_project(user: User) -> tuple[Project, str]:
    data = schema.AdvisorInput.model_validate(advisor_input())
    services.save_profile(user, data.profile)
    project = services.create_project(user, data.project)
    advice_id = services.diagnose(project).advice[0].id
    services.set_feedback(user, project.pk, advice_id, "useful")
    project.refresh_from_db()
    return project, advice_id


def test_another_users_project_is_404_on_every_page_and_stays_unchanged(alice: User, bob: User) -> None:
    project, advice_id = _diagnosed_project(alice)
    before = (project.data, project.diagnostic, project.updated_at)
    client = Client()
    client.force_login(bob)
    base = f"/projets/{project.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/modifier").status_code == 404
    assert client.get(f"{base}/supprimer").status_code == 404
    assert client.post(f"{base}/supprimer").status_code == 404
    assert client.get(f"{base}/conseils/{advice_id}").status_code == 404
    assert client.post(f"{base}/conseils/{advice_id}/avis", {"value": "done"}).status_code == 404
    # Nothing changed, and Bob's session does not edit Alice's project.
    project.refresh_from_db()
    assert (project.data, project.diagnostic, project.updated_at) == before
    assert AdviceFeedback.objects.get(project=project).value == "useful"
    assert "bob_editing_project" not in client.session
    # Bob's own pages show nothing of Alice's.
    assert "Vendeuse" not in client.get("/projets/").content.decode()
    assert "alice@example.org" not in client.get("/compte/export").content.decode()


def test_pages_that_change_something_refuse_get(alice: User) -> None:
    project, advice_id = _diagnosed_project(alice)
    client = Client()
    client.force_login(alice)
    # A GET changes nothing: it leads to the page that holds the form (issue 14: no empty 405).
    assert client.get("/compte/deconnexion")["Location"] == "/"
    assert client.get("/compte/supprimer")["Location"] == "/compte/"
    answer = client.get(f"/projets/{project.pk}/conseils/{advice_id}/avis?value=done")
    assert answer.status_code == 303 and answer["Location"] == f"/projets/{project.pk}/conseils/{advice_id}"
    assert client.get("/diagnostic/conseils/x/avis?value=done")["Location"] == "/diagnostic/conseils/x"
    assert client.get("/projets/nouveau")["Location"] == "/projets/"
    assert client.get("/compte/confirmer/renvoyer")["Location"] == "/compte/"
    assert User.objects.filter(pk=alice.pk).exists()
    assert AdviceFeedback.objects.get(project=project).value == "useful"
    assert client.get("/projets/").status_code == 200  # still logged in


def test_forms_need_the_csrf_token(alice: User) -> None:
    project, advice_id = _diagnosed_project(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/projets/{project.pk}/supprimer").status_code == 403
    assert client.post(f"/projets/{project.pk}/conseils/{advice_id}/avis", {"value": "done"}).status_code == 403
    assert client.post("/compte/supprimer", {"confirm": "SUPPRIMER"}).status_code == 403
    assert client.post("/compte/deconnexion").status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()
    assert AdviceFeedback.objects.get(project=project).value == "useful"
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD}).status_code == 403
    assert anonymous.post("/compte/inscription", {"email": "x@example.org", "password": PASSWORD}).status_code == 403


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example/", "/\\evil.example", " //evil.example", "\t//evil.example"]
)
def test_login_never_redirects_to_another_site(alice: User, target: str) -> None:
    response = Client().post(
        f"/compte/connexion?next={target}", {"email": "alice@example.org", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == "/projets/"


def test_login_follows_a_local_next(alice: User) -> None:
    response = Client().post(
        "/compte/connexion", {"email": "alice@example.org", "password": PASSWORD, "next": "/compte/"}
    )
    assert response["Location"] == "/compte/"


def test_password_reset_answers_the_same_for_unknown_addresses(alice: User) -> None:
    known = Client().post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"})
    unknown = Client().post("/compte/mot-de-passe-oublie", {"email": "personne@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_a_password_reset_link_works_once_and_revokes_api_tokens(alice: User) -> None:
    token = create_api_token(alice)
    elsewhere = Client()
    elsewhere.force_login(alice)
    client = Client()
    client.post("/compte/mot-de-passe-oublie", {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/compte/nouveau-mot-de-passe/\S+)", mail.outbox[-1].body)
    assert link
    form_url = client.get(link[1])["Location"]
    new = {"new_password1": "un tout nouveau secret", "new_password2": "un tout nouveau secret"}
    assert client.post(form_url, new).status_code == 302
    # The link is spent: a second use shows the invalid-link page and changes nothing.
    again = Client()
    response = again.get(link[1])
    assert response.status_code == 200 and "id_new_password1" not in response.content.decode()
    # Whoever held a token before the reset holds nothing now.
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 401
    assert elsewhere.get("/projets/")["Location"].startswith("/compte/connexion")  # nor a session


def test_a_guest_diagnostic_stays_in_its_own_session(alice: User) -> None:
    guest = Client()
    complete_onboarding(guest)
    other = Client()
    assert other.get("/diagnostic/").status_code == 302  # another visitor sees nothing
    other.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    assert not Project.objects.filter(user=alice).exists()  # nor does their account get it


def test_logging_in_after_a_guest_diagnostic_keeps_its_feedback_and_clears_the_session(alice: User) -> None:
    client = Client()
    complete_onboarding(client)
    page = client.get("/diagnostic/").content.decode()
    advice_id = page.split('href="/diagnostic/conseils/')[1].split('"')[0]
    client.post(f"/diagnostic/conseils/{advice_id}/avis", {"value": "not_for_me"})
    client.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD, "keep_diagnostic": "on"})
    project = Project.objects.get(user=alice)
    assert AdviceFeedback.objects.get(project=project, advice_id=advice_id).value == "not_for_me"
    assert "bob_guest" not in client.session and "bob_onboarding" not in client.session
    # Logging out empties the session: the next visitor starts afresh.
    client.post("/compte/deconnexion")
    assert "bob_guest" not in client.session and "_auth_user_id" not in client.session
    assert client.get("/diagnostic/").status_code == 302


def test_the_export_is_not_cached(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    response = client.get("/compte/export")
    assert "no-store" in response["Cache-Control"]


def test_deleting_the_account_deletes_its_expired_sessions_too(alice: User, bob: User) -> None:
    old = SessionStore()
    old["_auth_user_id"] = str(alice.pk)
    old["bob_onboarding"] = {"raw": {"vous": {"year_of_birth": ["1990"]}}, "clean": {}}
    old.create()
    Session.objects.filter(pk=old.session_key).update(expire_date=timezone.now() - datetime.timedelta(days=1))
    kept = SessionStore()
    kept["_auth_user_id"] = str(bob.pk)
    kept.create()
    client = Client()
    client.force_login(alice)
    assert client.post("/compte/supprimer", {"confirm": "SUPPRIMER"})["Location"] == "/"
    assert list(Session.objects.values_list("pk", flat=True).exclude(pk=client.session.session_key)) == [
        kept.session_key
    ]


@pytest.mark.parametrize("path", ["/compte/inscription", "/compte/connexion"])
def test_a_guest_session_gets_its_user_id_at_signup_or_login(alice: User, bob: User, path: str) -> None:
    """Deletion finds sessions by that column: a session left without it would outlive the account."""
    bobs = Client()
    bobs.force_login(bob)
    client = Client()
    client.post("/diagnostic/etape/vous", {"year_of_birth": "1990"})  # a guest, with answers
    guest_key = client.session.session_key
    assert Session.objects.get(pk=guest_key).user_id is None
    if path == "/compte/inscription":  # the account opens with the e-mail's link
        email = "carla@example.org"
        assert sign_up(client, email).status_code == 302
    else:
        email = "alice@example.org"
        assert client.post(path, {"email": email, "password": PASSWORD}).status_code == 302
    user = User.objects.get(email=email)
    # Login cycles the key: the guest's row is gone, the one that exists now belongs to the user.
    assert not Session.objects.filter(pk=guest_key).exists()
    assert Session.objects.get(pk=client.session.session_key).user_id == user.pk

    services.delete_account(user)

    assert list(Session.objects.values_list("user_id", flat=True)) == [bob.pk]
    assert bobs.get("/projets/").status_code == 200


def test_clearsessions_deletes_the_expired_sessions_only(alice: User) -> None:
    expired, live = SessionStore(), SessionStore()
    for session in (expired, live):
        session["_auth_user_id"] = str(alice.pk)
        session.create()
    Session.objects.filter(pk=expired.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    call_command("clearsessions")
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]


def test_a_malformed_user_id_leaves_the_session_to_guests() -> None:
    session = SessionStore()
    session["_auth_user_id"] = "pas un nombre"
    session.create()
    assert Session.objects.get(pk=session.session_key).user_id is None


def test_the_export_holds_the_login_records_and_sessions_in_full(alice: User) -> None:
    _diagnosed_project(alice)
    # From another address: a successful login resets the failures of its own address only.
    Client(REMOTE_ADDR="192.0.2.1").post("/compte/connexion", {"email": "alice@example.org", "password": "pas le bon"})
    client = Client()
    client.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    exported = json.loads(client.get("/compte/export").content)
    assert exported["profile_updated_at"]
    [attempt] = exported["failed_logins"]  # axes keeps no separate failure log here
    assert attempt["path_info"] == "/compte/connexion" and attempt["ip_address"] == "192.0.2.1"
    assert "pas le bon" not in json.dumps(exported)  # axes masks the password it keeps
    assert "post_data" in attempt and "http_accept" in attempt
    [log] = exported["logins"]
    assert {"path_info", "http_accept", "logout_time"} <= set(log)
    [session] = exported["sessions"]
    assert session["expires_at"]
    assert client.session.session_key not in json.dumps(exported)  # metadata, never a usable key


def test_logging_in_on_a_shared_device_does_not_take_the_previous_visitors_diagnostic(alice: User) -> None:
    """Someone else's guest diagnostic, left in a library's browser, is saved only if asked for."""
    client = Client()
    complete_onboarding(client)  # the previous visitor
    client.post("/diagnostic/etape/vous", {"year_of_birth": "1980"})  # and their unfinished answers
    assert 'name="keep_diagnostic"' in client.get("/compte/connexion").content.decode()
    response = client.post("/compte/connexion", {"email": "alice@example.org", "password": PASSWORD})
    assert response["Location"] == "/projets/"
    assert not Project.objects.filter(user=alice).exists()
    assert "bob_guest" not in client.session and "bob_onboarding" not in client.session
    assert client.get("/diagnostic/").status_code == 302
    assert 'name="keep_diagnostic"' not in Client().get("/compte/connexion").content.decode()
