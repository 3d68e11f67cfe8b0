"""The action plan: steps of an advice added with a date, ticked, read back; pages without
JavaScript, the JSON API, the export and the deletion; nobody reaches another person's plan."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.plan import services as plan
from bob_emploi.web.plan.models import PlanStep
from bob_emploi.web.projects import services
from bob_emploi.web.projects.models import AdviceFeedback, Project
from tests.web.conftest import Api, advisor_input

pytestmark = pytest.mark.django_db


def _diagnosed(user: User) -> tuple[Project, dict[str, object]]:
    """A saved project with its diagnostic, and its first advice that has steps."""
    request = schema.AdvisorInput.model_validate(advisor_input())
    services.save_profile(user, request.profile)
    project = services.create_project(user, request.project)
    services.diagnose(project)
    project.refresh_from_db()
    advice = next(item for item in project.diagnostic["advice"] if item.get("steps"))
    return project, advice


def test_adding_an_advice_puts_its_steps_in_the_plan_once(alice: User) -> None:
    project, advice = _diagnosed(alice)
    week = plan.end_of_week(timezone.localdate())
    steps = plan.add_advice(alice, project.pk, str(advice["id"]), week)
    assert [step.text for step in steps] == list(advice["steps"])
    assert {step.due for step in steps} == {week}
    again = plan.add_advice(alice, project.pk, str(advice["id"]), None)  # moved to "later"
    assert [step.pk for step in again] == [step.pk for step in steps]
    current = plan.plan_of(alice, project.pk)
    assert current.due == [] and len(current.later) == len(steps)


def test_ticking_every_step_marks_the_advice_done(alice: User) -> None:
    project, advice = _diagnosed(alice)
    steps = plan.add_advice(alice, project.pk, str(advice["id"]), timezone.localdate())
    for step in steps:
        plan.set_done(alice, step.pk, True)
    assert services.feedback_of(Project.objects.get(pk=project.pk))[str(advice["id"])] == AdviceFeedback.Value.DONE
    current = plan.plan_of(alice, project.pk)
    assert len(current.done) == len(steps) and not current.due


def test_nobody_reaches_another_persons_plan(alice: User, bob: User) -> None:
    project, advice = _diagnosed(alice)
    step = plan.add_advice(alice, project.pk, str(advice["id"]), None)[0]
    with pytest.raises(Project.DoesNotExist):
        plan.add_advice(bob, project.pk, str(advice["id"]), None)
    with pytest.raises(plan.UnknownStep):
        plan.set_done(bob, step.pk, True)
    with pytest.raises(plan.UnknownStep):
        plan.remove(bob, step.pk)
    for bad in ("abc", "-1", str(2**70), ""):
        with pytest.raises(plan.UnknownStep):
            plan.set_done(alice, bad, True)
    assert PlanStep.objects.get(pk=step.pk).done_at is None


def test_the_plan_is_exported_and_deleted_with_the_account(alice: User) -> None:
    project, advice = _diagnosed(alice)
    plan.add_advice(alice, project.pk, str(advice["id"]), None)
    exported = services.export_user_data(alice)["projects"][0]["plan"]
    assert [item["step"] for item in exported] == list(advice["steps"])
    services.delete_account(alice)
    assert not PlanStep.objects.exists()


def test_the_plan_pages_work_without_javascript(alice: User) -> None:
    project, advice = _diagnosed(alice)
    client = Client()
    client.force_login(alice)
    page_url = f"/projets/{project.pk}/plan"
    assert "Votre plan est vide" in client.get(page_url).content.decode()
    # GET on the form's URL leads to the plan, never to an empty 405.
    assert client.get(f"{page_url}/ajouter").status_code == 303
    bad = client.post(f"{page_url}/ajouter", {"advice_id": advice["id"], "quand": "date", "date": "2001-01-01"})
    assert bad.status_code == 302 and not PlanStep.objects.exists()
    answer = client.post(f"{page_url}/ajouter", {"advice_id": advice["id"], "quand": "cette_semaine"}, follow=True)
    body = answer.content.decode()
    assert "ajoutée" in body and str(advice["steps"][0]) in body and "À faire" in body
    step = PlanStep.objects.order_by("position").first()
    assert step is not None
    client.post(f"{page_url}/{step.pk}", {"fait": "1"})
    assert PlanStep.objects.get(pk=step.pk).done_at is not None
    client.post(f"{page_url}/{step.pk}", {"action": "retirer"})
    assert not PlanStep.objects.filter(pk=step.pk).exists()
    typed = client.post(
        f"{page_url}/ajouter", {"advice_id": advice["id"], "quand": "date", "date": "12/01/2099"}, follow=True
    )
    assert "12\u00a0janvier 2099" in typed.content.decode()


def test_another_persons_plan_page_is_not_found(alice: User, bob: User) -> None:
    project, _ = _diagnosed(alice)
    client = Client()
    client.force_login(bob)
    assert client.get(f"/projets/{project.pk}/plan").status_code == 404


def test_the_plan_in_the_api(alice: User, alice_api: Api, bob_api: Api) -> None:
    project, advice = _diagnosed(alice)
    url = f"/me/projects/{project.pk}/plan"
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    created = alice_api.call("POST", url, {"advice_id": advice["id"], "due": tomorrow})
    assert created.status_code == 201, created.content
    steps = created.json()["due"]
    assert [step["step"] for step in steps] == list(advice["steps"])
    ticked = alice_api.call("PUT", f"{url}/{steps[0]['id']}", {"done": True})
    assert ticked.status_code == 200 and ticked.json()["done_at"]
    assert alice_api.call("PUT", f"{url}/{steps[0]['id']}", {"done": True, "extra": 1}).status_code == 422
    past = alice_api.call("POST", url, {"advice_id": advice["id"], "due": "2001-01-01"})
    assert past.status_code == 422 and past.json()["error"]["fields"][0]["field"] == "due"
    assert alice_api.call("POST", url, {"advice_id": "no-such-advice"}).status_code == 404
    assert bob_api.get(url).status_code == 404
    assert bob_api.call("PUT", f"{url}/{steps[0]['id']}", {"done": False}).status_code == 404
    assert alice_api.call("DELETE", f"{url}/{steps[0]['id']}").status_code == 204
    assert len(alice_api.get(url).json()["due"]) == len(steps) - 1


def test_the_advice_and_diagnostic_pages_lead_to_the_plan_and_the_offers(alice: User) -> None:
    project, advice = _diagnosed(alice)
    client = Client()
    client.force_login(alice)
    advice_page = client.get(f"/projets/{project.pk}/conseils/{advice['id']}").content.decode()
    assert "Ajouter à mon plan" in advice_page and f"/projets/{project.pk}/plan" in advice_page
    diagnostic_page = client.get(f"/projets/{project.pk}/").content.decode()
    assert "Offres et entreprises près de chez vous" in diagnostic_page
    assert "candidat.francetravail.fr/offres/recherche?" in diagnostic_page  # no credentials: the link stands
    assert "Mon plan d&#x27;action" in diagnostic_page or "Mon plan d'action" in diagnostic_page
