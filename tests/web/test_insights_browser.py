"""The team's figures in a real browser (Debian's Chromium): reached from the account page, readable
without JavaScript, no serious accessibility violation (axe-core), and the CSV file downloads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from bob_emploi.web.accounts.models import User
from bob_emploi.web.insights import views
from bob_emploi.web.insights.simulate import simulate
from tests.browser import axe_violations, launch_chromium, read_axe
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


def _staff() -> None:
    user = User.objects.create_user("equipe@example.org", PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_aggregates", content_type__app_label="insights"))


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/compte/connexion?next=/compte/")
    page.fill("input[name=email]", "equipe@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/compte/")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_staff_page_in_a_browser(browser: Any, live_server: Any, javascript: bool) -> None:
    read_axe()  # fails at once when axe-core is not installed
    simulate(400, seed=5)
    cache.delete(views.CACHE_KEY)  # figures another test left in this process's cache
    _staff()
    context = browser.new_context(locale="fr-FR", accept_downloads=True, java_script_enabled=javascript)
    page = context.new_page()
    try:
        _log_in(page, live_server.url)
        page.click("text=Chiffres pour l'équipe")
        page.wait_for_url(f"{live_server.url}/equipe/chiffres")
        assert page.locator("h1").inner_text() == "Chiffres pour l'équipe"
        assert page.locator("#table-defis tbody tr").count() >= 5
        assert "Données simulées" in page.locator("main").inner_text()
        with page.expect_download() as download:
            page.click("text=Télécharger ces chiffres")
        content = download.value.path().read_bytes()
        assert content.startswith("\ufeff".encode()) and b"tableau;groupe;libelle;indicateur;valeur" in content
        if javascript:
            blocking = axe_violations(page, impacts=("serious", "critical"))
            assert not blocking, json.dumps(blocking, ensure_ascii=False, indent=1)
    finally:
        context.close()
