"""A project saved while Bob read ROME v347 still gets its diagnostic once Bob reads ROME 4.0.

Projects store a job title (`code_ogr`); ROME 4.0 keeps every v347 code but moves many titles
to finer job groups (16474, a refrigeration maintenance mechanic: I1306 in v347, I1316 in v460).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.projects import services
from tests.web.conftest import LYON, advisor_input, web_reads

pytestmark = pytest.mark.django_db

MOVED_TITLE = "16474"
TODAY = datetime.date(2026, 12, 5)


def test_a_project_saved_on_v347_gets_its_diagnostic_on_v460(
    alice: User, real_bundle_v347: Path, real_bundle: Path
) -> None:
    with web_reads(real_bundle_v347) as old:
        assert old.job_titles[MOVED_TITLE].code_rome == "I1306"
        request = schema.AdvisorInput.model_validate(advisor_input(target_job=MOVED_TITLE, city=LYON))
        services.save_profile(alice, request.profile)
        project = services.create_project(alice, request.project)
        before = services.diagnose(project, TODAY)
        assert before.bundle_checksum == old.checksum

    with web_reads(real_bundle) as new:
        assert new.rome_version == "460"
        group = new.job_groups[new.job_titles[MOVED_TITLE].code_rome]
        assert (group.code_rome, group.code_rome_parent) == ("I1316", "I1306")
        after = services.diagnose(services.get_project(alice, project.pk), TODAY)
        assert after.bundle_checksum == new.checksum
        assert after.advice, "no advice on the new bundle"
        saved = services.get_project(alice, project.pk)
        assert saved.diagnostic is not None and saved.diagnostic["bundle_checksum"] == new.checksum
