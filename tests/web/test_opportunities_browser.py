"""The advice cards with live offers and employers in a real browser (Debian's Chromium), against the
fake France Travail server run as a real process: axe-core finds no serious or critical violation at
desktop and phone width, the page fits a 360 px screen, and it works without JavaScript."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.web.accounts.models import User
from tests.browser import axe_violations, launch_chromium, read_axe
from tests.web.test_opportunities_advice import _project, _settled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    read_axe()  # fails at once when axe-core is not installed
    with launch_chromium() as chromium:
        yield chromium


def _axe(page: Any, where: str) -> None:
    blocking = axe_violations(page, impacts=("serious", "critical"))
    assert not blocking, f"{where}: {json.dumps(blocking, ensure_ascii=False, indent=1)}"


def test_cards_with_live_results_are_accessible_and_work_without_javascript(
    browser: Any, live_server: Any, alice: User, france_travail: FakeServer
) -> None:
    project = _project(alice)
    _settled()  # the results in the cache, as after a first visit
    client = Client()
    client.force_login(alice)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    for javascript in (True, False):
        context = browser.new_context(viewport=SIZES["desktop"], locale="fr-FR", java_script_enabled=javascript)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        page = context.new_page()
        try:
            for path in (f"/projets/{project.pk}/", f"/projets/{project.pk}/conseils/spontaneous_application"):
                page.goto(f"{live_server.url}{path}")
                assert "Boîte 0" in page.content() or "Les dernières offres" in page.content()
                for label, size in SIZES.items():
                    page.set_viewport_size(size)
                    if label == "phone":
                        width = page.evaluate("document.documentElement.scrollWidth")
                        assert width <= size["width"], f"{path}: {width} px wide on a 360 px screen"
                    if javascript:
                        _axe(page, f"{path} ({label})")
            page.goto(f"{live_server.url}/projets/{project.pk}/")
            offer = page.locator("a[href*='offres/recherche/detail/']").first
            assert offer.is_visible() and offer.get_attribute("href", timeout=2000)
        finally:
            context.close()
