"""`bob data diff --projects`: the saved projects whose job title a new bundle removes or moves."""

from __future__ import annotations

import pytest

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.projects import services
from bob_emploi.web.projects.affected import affected_projects
from tests.web.conftest import CLEANER, JEWELLERY_SELLER, advisor_input

pytestmark = pytest.mark.django_db


def _project(user: User, job: str) -> int:
    project = schema.AdvisorInput.model_validate(advisor_input(target_job=job)).project
    return services.create_project(user, project).pk


def test_only_projects_on_changed_titles_are_listed_without_whose(alice: User, bob: User) -> None:
    cleaner = _project(alice, CLEANER)
    _project(bob, JEWELLERY_SELLER)
    found = affected_projects({CLEANER: "moved from K2204 to K2204-bis", "99999": "removed"})
    assert found == [{"id": cleaner, "job": CLEANER, "reason": "moved from K2204 to K2204-bis"}]
    assert affected_projects({}) == []
