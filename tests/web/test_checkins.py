"""« Où en êtes-vous ? »: the form without JavaScript, the API, the export and the deletion."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.projects import services
from tests.web.conftest import Api, advisor_input

pytestmark = pytest.mark.django_db


def test_the_form_keeps_what_was_typed_and_saves_a_job_found(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    page = client.get("/compte/ou-en-etes-vous").content.decode()
    assert "Où en êtes-vous\u00a0?" in page and "Bob vous a-t-il aidé" in page
    refused = client.post("/compte/ou-en-etes-vous", {"comment": "déjà écrit"})
    assert refused.status_code == 400
    assert "déjà écrit" in refused.content.decode() and "seule question obligatoire" in refused.content.decode()
    answer = {"status": "found_job", "contract": "cdi", "in_target_job": "oui", "helped": "a_lot", "comment": "Merci"}
    saved = client.post("/compte/ou-en-etes-vous", answer, follow=True)
    assert "Félicitations" in saved.content.decode()
    checkin = CheckIn.objects.get(user=alice)
    assert (checkin.status, checkin.contract, checkin.in_target_job, checkin.helped) == (
        "found_job",
        "cdi",
        True,
        "a_lot",
    )
    again = client.get("/compte/ou-en-etes-vous").content.decode()
    assert "Votre dernière réponse" in again and "trouvé un emploi" in again


def test_a_job_s_details_count_only_with_a_job_found(alice: User) -> None:
    saved = checkins.record(alice, "searching", contract="cdi", in_target_job=True, helped="a_little")
    assert (saved.contract, saved.in_target_job, saved.helped) == ("", None, "a_little")
    for bad in (
        {"status": "rich"},
        {"status": "searching", "helped": "maybe"},
        {"status": "found_job", "contract": "x"},
    ):
        with pytest.raises(ValueError):
            checkins.record(alice, **bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1\u00a0000"):
        checkins.record(alice, "searching", comment="x" * 1001)


def test_checkins_in_the_api_export_and_deletion(alice: User, alice_api: Api, bob: User) -> None:
    created = alice_api.call("POST", "/me/checkins", {"status": "training", "helped": "not_at_all"})
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "training"
    assert alice_api.call("POST", "/me/checkins", {"status": "searching", "mood": "ok"}).status_code == 422
    assert alice_api.call("POST", "/me/checkins", {"status": "searching", "comment": "x" * 1001}).status_code == 422
    bobs_project = services.Project.objects.create(user=bob, data={})
    assert (
        alice_api.call("POST", "/me/checkins", {"status": "searching", "project_id": bobs_project.pk}).status_code
        == 404
    )
    assert [item["status"] for item in alice_api.get("/me/checkins").json()] == ["training"]
    assert services.export_user_data(alice)["checkins"][0]["helped"] == "not_at_all"
    services.delete_account(alice)
    assert not CheckIn.objects.exists()


def _project(user: User) -> services.Project:
    request = schema.AdvisorInput.model_validate(advisor_input())
    services.save_profile(user, request.profile)
    project = services.create_project(user, request.project)
    services.diagnose(project, datetime.date(2026, 1, 5))
    return project


def test_an_answer_shows_on_its_project_and_the_diagnostic_is_one_click_away(alice: User, bob: User) -> None:
    first, second = _project(alice), _project(alice)
    client = Client()
    client.force_login(alice)
    form = client.get(f"/compte/ou-en-etes-vous?projet={first.pk}").content.decode()
    assert "Pour quel projet" in form and f'value="{first.pk}" selected' in form
    bobs = _project(bob)
    refused = client.post("/compte/ou-en-etes-vous", {"status": "searching", "project": str(bobs.pk)})
    assert refused.status_code == 400 and not CheckIn.objects.exists()  # not one of hers: a choice error
    answered = client.post("/compte/ou-en-etes-vous", {"status": "searching", "project": str(first.pk)})
    assert answered.status_code == 302 and answered["Location"] == f"/projets/{first.pk}/"
    page = client.get(answered["Location"]).content.decode()
    assert "Votre réponse est notée sur ce projet" in page
    assert "Votre dernier point d'étape sur ce projet" in page and "Je cherche toujours" in page
    assert "Refaire mon diagnostic aujourd'hui" in page
    assert "appellation=" in page  # the job page link carries the person's own job title
    listed = client.get("/projets/").content.decode()
    assert listed.count("Dernier point d'étape") == 1  # on the first project only, not on the second
    assert CheckIn.objects.get().project_id == first.pk != second.pk

    first.refresh_from_db()
    before = first.diagnosed_at
    assert client.get(f"/projets/{first.pk}/refaire").status_code == 303  # a bookmark: back to the page
    redone = client.post(f"/projets/{first.pk}/refaire", follow=True)
    assert "Votre diagnostic a été refait le" in redone.content.decode()
    first.refresh_from_db()
    assert first.diagnosed_at is not None and before is not None and first.diagnosed_at > before
    assert first.diagnostic["today"] == timezone.localdate().isoformat()
    assert client.post(f"/projets/{bobs.pk}/refaire").status_code == 404


def test_without_a_project_the_form_asks_no_project(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    assert "Pour quel projet" not in client.get("/compte/ou-en-etes-vous").content.decode()
    assert client.post("/compte/ou-en-etes-vous", {"status": "training"})["Location"] == "/compte/"
