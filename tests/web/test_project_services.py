"""The plain functions the pages and the API share: each user only ever reaches their own rows."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

from bob_emploi.advisor import schema
from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.web.accounts.models import ApiToken, Session, User
from bob_emploi.web.accounts.services import create_api_token
from bob_emploi.web.projects import services
from bob_emploi.web.projects.models import AdviceFeedback, Profile, Project
from tests.web.conftest import CLEANER, GRENOBLE, LYON, PASSWORD, advisor_input

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def _input(**project: object) -> schema.AdvisorInput:
    return schema.AdvisorInput.model_validate(advisor_input(**project))


def test_save_profile_creates_then_replaces(alice: User) -> None:
    first = services.save_profile(alice, schema.Profile(gender="feminine", highest_degree="bac"))
    second = services.save_profile(alice, schema.Profile(gender="masculine", has_car=True))
    assert first.pk == second.pk
    assert Profile.objects.get(user=alice).data["gender"] == "masculine"
    assert services.profile_of(alice).has_car is True


def test_profile_of_without_profile_is_the_defaults(alice: User) -> None:
    assert services.profile_of(alice) == schema.Profile()


def test_diagnose_stores_the_advisor_output(alice: User) -> None:
    services.save_profile(alice, _input().profile)
    project = services.create_project(alice, _input().project)
    output = services.diagnose(project, today=TODAY)
    project.refresh_from_db()
    assert project.diagnostic == output.model_dump(mode="json")
    assert project.diagnosed_at is not None
    assert output.today == "2026-11-29"
    assert output.advice, "the advisor gives at least one advice"


def test_other_users_projects_are_not_found(alice: User, bob: User) -> None:
    project = services.create_project(alice, _input().project)
    with pytest.raises(Project.DoesNotExist):
        services.get_project(bob, project.pk)
    with pytest.raises(Project.DoesNotExist):
        services.update_project(bob, project.pk, _input(city=GRENOBLE).project)
    with pytest.raises(Project.DoesNotExist):
        services.set_feedback(bob, project.pk, "anything", "useful")
    with pytest.raises(Project.DoesNotExist):
        services.delete_project(bob, project.pk)
    assert services.get_project(alice, project.pk).data["city"] == LYON


@pytest.mark.parametrize("project_id", ["abc", "", "-1", "0", str(2**70), "1.5", None])
def test_malformed_project_ids_are_not_found(alice: User, project_id: object) -> None:
    with pytest.raises(Project.DoesNotExist):
        services.get_project(alice, project_id)


def test_update_project_drops_the_stale_diagnostic(alice: User) -> None:
    project = services.create_project(alice, _input().project)
    services.diagnose(project, today=TODAY)
    updated = services.update_project(alice, project.pk, _input(target_job=CLEANER).project)
    assert updated.data["target_job"] == CLEANER
    assert updated.diagnostic is None
    services.diagnose(updated, today=TODAY)
    assert Project.objects.get(pk=project.pk).diagnostic is not None


def test_diagnose_refuses_answers_the_bundle_does_not_know(alice: User) -> None:
    project = services.create_project(alice, _input(target_job="99999999").project)
    with pytest.raises(InvalidInput) as raised:
        services.diagnose(project, today=TODAY)
    assert "project.target_job" in [error.field for error in raised.value.errors]


def test_claim_guest_keeps_a_valid_diagnostic(alice: User, bob: User) -> None:
    guest = _input()
    reference = services.diagnose(services.create_project(bob, guest.project), today=TODAY)
    project = services.claim_guest(alice, guest, reference.model_dump(mode="json"))
    assert project.user == alice
    assert project.data == guest.project.model_dump(mode="json")
    assert project.diagnostic == reference.model_dump(mode="json")
    assert services.profile_of(alice) == guest.profile


@pytest.mark.parametrize("diagnostic", [None, {}, {"diagnostic": "forged"}])
def test_claim_guest_diagnoses_again_without_a_valid_diagnostic(alice: User, diagnostic: object) -> None:
    project = services.claim_guest(alice, _input(), diagnostic)  # type: ignore[arg-type]
    assert project.diagnostic is not None
    assert schema.AdvisorOutput.model_validate(project.diagnostic).advice


def test_feedback_is_set_then_changed(alice: User) -> None:
    project = services.create_project(alice, _input().project)
    advice_id = services.diagnose(project, today=TODAY).advice[0].id
    services.set_feedback(alice, project.pk, advice_id, "useful")
    services.set_feedback(alice, project.pk, advice_id, "done")
    assert services.feedback_of(project) == {advice_id: "done"}
    assert AdviceFeedback.objects.count() == 1


def test_feedback_needs_a_known_advice_and_value(alice: User) -> None:
    project = services.create_project(alice, _input().project)
    advice_id = services.diagnose(project, today=TODAY).advice[0].id
    with pytest.raises(services.UnknownAdvice):
        services.set_feedback(alice, project.pk, "not-an-advice", "useful")
    with pytest.raises(ValueError, match="useful, done ou not_for_me"):
        services.set_feedback(alice, project.pk, advice_id, "great")


def _rich_account(user: User) -> Project:
    services.save_profile(user, _input().profile)
    project = services.create_project(user, _input().project)
    advice_id = services.diagnose(project, today=TODAY).advice[0].id
    services.set_feedback(user, project.pk, advice_id, "not_for_me")
    create_api_token(user)
    return project


def test_export_holds_everything_stored(alice: User) -> None:
    project = _rich_account(alice)
    data = services.export_user_data(alice)
    assert data["account"]["email"] == "alice@example.org"
    assert data["profile"] == _input().profile.model_dump(mode="json")
    [exported] = data["projects"]
    assert exported["id"] == project.pk
    assert exported["project"]["city"] == LYON
    assert exported["diagnostic"]["advice"]
    assert exported["feedback"][0]["value"] == "not_for_me"
    assert len(data["api_tokens"]) == 1
    assert "key_hash" not in str(data)


def test_delete_account_deletes_everything(alice: User, bob: User) -> None:
    _rich_account(alice)
    _rich_account(bob)
    alice_client, bob_client = Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    # A failed login recorded by django-axes under Alice's address.
    Client().post("/api/v1/auth/token", {"email": "ALICE@example.org", "password": "wrong"}, "application/json")
    assert AccessAttempt.objects.filter(username="alice@example.org").exists()

    services.delete_account(alice)

    assert not User.objects.filter(email="alice@example.org").exists()
    for model in (Profile, Project, AdviceFeedback, ApiToken):
        assert model.objects.count() > 0, "Bob's rows are still there"
        assert not model.objects.exclude(**{_owner(model): bob}).exists(), f"{model.__name__} left behind"
    assert not AccessAttempt.objects.filter(username__iexact="alice@example.org").exists()
    assert set(Session.objects.values_list("user_id", flat=True)) == {bob.pk}
    assert {session.get_decoded()["_auth_user_id"] for session in Session.objects.all()} == {str(bob.pk)}
    assert User.objects.get(pk=bob.pk).check_password(PASSWORD)


def _owner(model: type) -> str:
    return "project__user" if model is AdviceFeedback else "user"
