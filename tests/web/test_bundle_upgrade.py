"""A project saved while Bob read ROME v347 still gets its diagnostic once Bob reads ROME 4.0.

Projects store a job title (`code_ogr`); ROME 4.0 keeps every v347 code but moves many titles
to finer job groups (16474, a refrigeration maintenance mechanic: I1306 in v347, I1316 in v460).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import LazySettings

from bob_emploi.advisor import schema
from bob_emploi.data import Referential
from bob_emploi.web import bundle as web_bundle
from bob_emploi.web.accounts.models import User
from bob_emploi.web.projects import services
from tests.web.conftest import LYON, advisor_input

pytestmark = pytest.mark.django_db

MOVED_TITLE = "16474"
TODAY = datetime.date(2026, 12, 5)


class BundleSwitch:
    def __init__(self, settings: LazySettings) -> None:
        self.settings = settings

    def use(self, path: Path) -> Referential:
        self.settings.BOB_BUNDLE = str(path)
        for cached in (web_bundle.referential, web_bundle.job_index, web_bundle.city_index):
            cached.cache_clear()
        return web_bundle.referential()


@pytest.fixture
def switch(settings: LazySettings) -> Iterator[BundleSwitch]:
    yield BundleSwitch(settings)
    for cached in (web_bundle.referential, web_bundle.job_index, web_bundle.city_index):
        cached.cache_clear()


def test_a_project_saved_on_v347_gets_its_diagnostic_on_v460(
    alice: User, switch: BundleSwitch, real_bundle_v347: Path, real_bundle: Path
) -> None:
    old = switch.use(real_bundle_v347)
    assert old.job_titles[MOVED_TITLE].code_rome == "I1306"
    request = schema.AdvisorInput.model_validate(advisor_input(target_job=MOVED_TITLE, city=LYON))
    services.save_profile(alice, request.profile)
    project = services.create_project(alice, request.project)
    before = services.diagnose(project, TODAY)
    assert before.bundle_checksum == old.checksum

    new = switch.use(real_bundle)
    assert new.rome_version == "460"
    group = new.job_groups[new.job_titles[MOVED_TITLE].code_rome]
    assert (group.code_rome, group.code_rome_parent) == ("I1316", "I1306")
    after = services.diagnose(services.get_project(alice, project.pk), TODAY)
    assert after.bundle_checksum == new.checksum
    assert after.advice, "no advice on the new bundle"
    saved = services.get_project(alice, project.pk)
    assert saved.diagnostic is not None and saved.diagnostic["bundle_checksum"] == new.checksum
