"""« Où en êtes-vous ? »: the form without JavaScript, the API, the export and the deletion."""

from __future__ import annotations

import pytest
from django.test import Client

from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.projects import services
from tests.web.conftest import Api

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
