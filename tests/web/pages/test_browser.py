"""The job seeker's journey in a real browser (Debian's Chromium), with the keyboard only.

Each step is screenshot at desktop and phone (360 px) width into var/test-artifacts/, and
axe-core (from npm: `npm ci` at the repository root) checks the page at both widths: no
serious or critical violation allowed. The browser console must report no CSP violation.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from bob_emploi.data import Referential
from bob_emploi.web.accounts.models import User
from bob_emploi.web.projects.models import Project
from tests.browser import axe_violations, launch_chromium, read_axe
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PASSWORD = "un mot de passe assez long"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def axe_source() -> str:
    return read_axe()


def _screenshot(page: Any, path: Path) -> None:
    """An artifact for people to look at, not a check: Chromium under load sometimes answers
    "Unable to capture screenshot" for a tall page; one more try, then the run goes on without it."""
    from playwright.sync_api import Error

    for attempt in range(2):
        try:
            page.screenshot(path=str(path), full_page=True)
            return
        except Error:
            if attempt:
                print(f"screenshot {path.name} not taken: Chromium could not capture it")


class Journey:
    """A browser page driven with the keyboard, that records screenshots and axe results."""

    def __init__(self, page: Any, base_url: str, axe_source: str | None, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.axe_source = axe_source
        self.name = name
        self.csp_errors: list[str] = []
        self.axe_results: dict[str, list[dict[str, Any]]] = {}
        page.on("console", self._console)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            where = message.location
            self.csp_errors.append(f"{message.text} ({where.get('url')}:{where.get('lineNumber')} on {self.page.url})")

    def tab_to(self, condition: str, limit: int = 120) -> None:
        """Presses Tab until `condition` (JS on `el`, the focused element) holds."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(
                f"(() => {{ const el = document.activeElement; return !!(el && ({condition})); }})()"
            ):
                return
        raise AssertionError(f"never focused: {condition} on {self.page.url}")

    def tab_to_text(self, text: str) -> None:
        self.tab_to(f"(el.innerText || el.value || '').trim().startsWith({json.dumps(text)})")

    def tab_to_id(self, element_id: str) -> None:
        self.tab_to(f"el.id === {json.dumps(element_id)}")

    def suggestions(self, widget: str) -> Any:
        """The options of a JobSuggest `widget` once it shows its answer for the whole text typed
        (the listbox is aria-busy until then): an earlier answer may list other options."""
        from playwright.sync_api import expect

        expect(self.page.locator(f"{widget} [role=listbox]")).not_to_have_attribute("aria-busy")
        return self.page.locator(f"{widget} [role=option]")

    def pick_first_suggestion(self, widget: str, field_id: str) -> None:
        """Arrow down to the first option, then Enter, each step waited for as a state."""
        from playwright.sync_api import expect

        field = self.page.locator(f"#{field_id}")
        self.page.keyboard.press("ArrowDown")
        first = self.page.locator(f"{widget} [role=option]").first
        expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
        self.page.keyboard.press("Enter")
        expect(field).to_have_attribute("aria-expanded", "false")

    def choose_radio(self, name: str, value: str) -> None:
        self.tab_to(f"el.name === {json.dumps(name)}")
        for _ in range(20):
            if self.page.evaluate("document.activeElement.value") == value:
                break
            self.page.keyboard.press("ArrowDown")
        assert self.page.evaluate("document.activeElement.checked && document.activeElement.value") == value

    def choose_option(self, element_id: str, value: str) -> None:
        self.tab_to_id(element_id)
        for _ in range(20):
            if self.page.evaluate("document.activeElement.value") == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {value} in {element_id}")

    def check(self, step: str) -> None:
        """Screenshots and axe at both widths; keeps the focus where it was."""
        self.page.wait_for_load_state("load")
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            self.page.set_viewport_size(size)
            _screenshot(self.page, ARTIFACTS / f"{self.name}-{step}-{label}.png")
            if label == "phone":
                width = self.page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"{step}: the page is {width} px wide on a 360 px screen"
            if self.axe_source is not None:
                self._axe(f"{step}-{label}")
        self.page.set_viewport_size(DESKTOP)

    def _axe(self, key: str) -> None:
        result = axe_violations(self.page, impacts=None)
        self.axe_results[f"{self.name}-{key}"] = result
        blocking = [violation for violation in result if violation["impact"] in ("serious", "critical")]
        assert not blocking, f"{key} {self.page.url}: {json.dumps(blocking, ensure_ascii=False, indent=1)}"

    def save_axe(self) -> None:
        path = ARTIFACTS / f"axe-{self.name}.json"
        path.write_text(json.dumps(self.axe_results, ensure_ascii=False, indent=1), encoding="utf-8")


def _new_journey(browser: Any, live_server: Any, axe_source: str | None, name: str, **options: Any) -> Journey:
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", accept_downloads=True, **options)
    return Journey(context.new_page(), live_server.url, axe_source, name)


def test_keyboard_journey_from_guest_to_deleted_account(
    browser: Any, live_server: Any, axe_source: str, use_market_bundle: Path
) -> None:
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, axe_source, "parcours")
    page = journey.page
    try:
        page.goto(f"{live_server.url}/")
        assert page.title().startswith("Accueil — Bob")
        journey.check("01-accueil")
        journey.tab_to_text("Commencer mon diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/vous")

        # Step 1: about you.
        journey.check("02-vous")
        journey.choose_radio("gender", "feminine")
        journey.tab_to_id("id_year_of_birth")
        page.keyboard.type("1990")
        journey.choose_option("id_highest_degree", "bac")
        journey.tab_to_id("id_has_driving_license_0")  # "Oui": a Oui / Non question since issue 12 (null: none)
        page.keyboard.press("Space")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/projet")

        # Step 2: the project, with a misspelt job and a city chosen in the JobSuggest widgets.
        journey.check("03-projet")
        journey.tab_to_id("id_job")
        page.keyboard.type("vandeuse bijouteri", delay=20)
        options = journey.suggestions("bob-job-suggest")
        expect(options.first).to_contain_text("Vendeuse en bijouterie")
        journey.check("04-projet-suggestions")
        journey.pick_first_suggestion("bob-job-suggest", "id_job")
        expect(page.locator("#id_job")).to_have_value("Vendeuse en bijouterie")
        expect(page.locator("bob-job-suggest input[name=job_code]")).to_have_value("20556")
        journey.tab_to_id("id_city")
        page.keyboard.type("grenobl", delay=20)
        expect(journey.suggestions("bob-city-suggest").first).to_contain_text("Grenoble")
        journey.pick_first_suggestion("bob-city-suggest", "id_city")
        expect(page.locator("#id_city")).to_have_value("Grenoble")
        expect(page.locator("bob-city-suggest input[name=city_code]")).to_have_value("38185")
        journey.choose_radio("passion", "passionate")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/recherche")

        # Step 3: the search, with an error first (a date in the future), shown next to the field.
        journey.check("05-recherche")
        journey.tab_to_id("id_search_started")
        page.keyboard.type("12/2099")
        journey.tab_to_id("id_frustrations_2")
        page.keyboard.press("Space")
        journey.tab_to_text("Voir mon diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        expect(page.locator("#id_search_started-messages")).to_contain_text("Cette date est dans le futur")
        expect(page.locator("#id_search_started")).to_have_value("12/2099")
        assert page.title().startswith("Erreur : ")
        expect(page.locator("#erreurs")).to_be_focused()  # by a deferred script: maybe not yet run
        journey.check("06-recherche-erreur")
        journey.tab_to_id("id_search_started")
        page.keyboard.press("Control+A")
        page.keyboard.type("01/2026")
        journey.tab_to_text("Voir mon diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/")

        # The diagnostic, an advice, feedback.
        expect(page.locator("h1")).to_have_text("Votre diagnostic")
        expect(page.locator(".fr-text--lead").first).to_contain_text("Vendeuse en bijouterie — Grenoble (Isère)")
        journey.check("07-diagnostic")
        first_advice = page.locator(".bob-cards .fr-card__title a").first
        advice_title = first_advice.inner_text()
        journey.tab_to_text(advice_title)
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/conseils/**")
        expect(page.locator("h1")).to_have_text(advice_title)
        expect(page.locator("#pourquoi")).to_have_text("Pourquoi ce conseil")
        journey.check("08-conseil")
        page.evaluate("window.bobSamePage = true")
        journey.tab_to_text("Utile")
        page.keyboard.press("Enter")
        # htmx posts the form and replaces only the feedback section: same page, focus kept.
        expect(page.locator("#avis-actuel")).to_contain_text("Votre avis : Utile")
        expect(page.locator("#avis-useful")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#avis-useful")).to_be_focused()
        assert page.evaluate("window.bobSamePage === true")
        journey.tab_to_text("Retour à votre diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/")

        # The job page, with its market in pictures (format samples, labelled as such).
        journey.tab_to_text("Tout savoir sur le métier")
        page.keyboard.press("Enter")
        page.wait_for_url("**/metiers/D1214?departement=38")
        expect(page.locator("svg[role=img]").first).to_be_visible()
        expect(page.get_by_text("Échantillon de format, pas des statistiques réelles").first).to_be_visible()
        journey.check("09-metier")

        # Create an account from guest mode: the diagnostic is kept.
        journey.tab_to_text("Créer un compte")
        page.keyboard.press("Enter")
        page.wait_for_url("**/compte/inscription")
        journey.check("10-inscription")
        journey.tab_to_id("id_email")
        page.keyboard.type("lea@example.org")
        journey.tab_to_id("id_password")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        # The same answer as for an address that has an account: the e-mail's link opens the account.
        page.wait_for_url("**/compte/inscription/envoye")
        expect(page.locator("h1")).to_have_text("Consultez vos e-mails")
        link = re.search(r"http://[^/\s]+(/compte/confirmer/\S+)", mail.outbox[-1].body)
        assert link, mail.outbox[-1].body
        page.goto(live_server.url + link[1])
        page.wait_for_url("**/projets/*/")
        expect(page.locator(".fr-alert--success")).to_contain_text("votre compte est ouvert")
        journey.check("11-projet-enregistre")
        project = Project.objects.get(user__email="lea@example.org")
        assert project.feedback.get().value == "useful"

        # Log out, log in again, find the project.
        journey.tab_to_text("Se déconnecter")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/")
        journey.tab_to_text("Se connecter")
        page.keyboard.press("Enter")
        page.wait_for_url("**/compte/connexion")
        journey.check("12-connexion")
        journey.tab_to_id("id_email")
        page.keyboard.type("lea@example.org")
        journey.tab_to_id("id_password")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/projets/")
        journey.check("13-mes-projets")
        journey.tab_to_text("Vendeuse en bijouterie — Grenoble")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/projets/{project.pk}/")
        expect(page.locator(".fr-text--lead").first).to_contain_text("Vendeuse en bijouterie — Grenoble")

        # Export, then delete the account.
        journey.tab_to_text("Mon compte")
        page.keyboard.press("Enter")
        page.wait_for_url("**/compte/")
        journey.check("14-mon-compte")
        journey.tab_to_text("Télécharger mes données")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert exported["account"]["email"] == "lea@example.org"
        assert exported["projects"][0]["project"]["target_job"] == "20556"
        journey.tab_to_id("id_confirm")
        page.keyboard.type("SUPPRIMER")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/")
        expect(page.locator(".fr-alert--success")).to_contain_text("Votre compte et toutes vos données sont supprimés")
        journey.check("15-compte-supprime")
        assert not User.objects.filter(email="lea@example.org").exists()
        assert not journey.csp_errors, journey.csp_errors
    finally:
        journey.save_axe()
        page.context.close()


def test_onboarding_without_javascript(browser: Any, live_server: Any, axe_source: str) -> None:
    """Plain form posts: a misspelt job and city give choices to pick with the keyboard."""
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, None, "sans-js", java_script_enabled=False)
    page = journey.page
    try:
        page.goto(f"{live_server.url}/")
        journey.tab_to_text("Commencer mon diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/vous")
        journey.tab_to_id("id_year_of_birth")
        page.keyboard.type("1985")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/projet")
        journey.tab_to_id("id_job")
        page.keyboard.type("agent entretient")
        journey.tab_to_id("id_city")
        page.keyboard.type("lyon")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        # No widget ran: the server proposes the titles matching what was typed.
        expect(page.locator("#id_job-messages")).to_contain_text("Choisissez votre métier parmi les propositions")
        expect(page.locator("#id_job")).to_have_value("agent entretient")
        journey.check("01-projet-choix")
        journey.tab_to("el.name === 'job_choice'")
        assert page.evaluate("document.activeElement.checked && document.activeElement.value") == "10688"
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/recherche")
        journey.tab_to_text("Voir mon diagnostic")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/")
        expect(page.locator(".fr-text--lead").first).to_contain_text("Lyon (Rhône)")
        journey.check("02-diagnostic")
    finally:
        page.context.close()


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def test_onboarding_page_weighs_less_than_500_kb_compressed(browser: Any, live_server: Any) -> None:
    """Everything the browser fetches for the onboarding's heaviest step (the one with the
    JobSuggest widgets), counted as gzip would send it (whitenoise compresses static files
    in production; fonts are woff2, already compressed)."""
    setup = browser.new_context(viewport=DESKTOP)
    page = setup.new_page()
    page.goto(f"{live_server.url}/diagnostic/etape/vous")
    page.locator("form.bob-form button[type=submit]").first.click()  # the first step with its defaults
    page.wait_for_url("**/diagnostic/etape/projet")
    cookies = setup.cookies()
    setup.close()
    # A new browser (empty cache) with the same session opens the step.
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies(cookies)
    page = context.new_page()
    fetched: list[Any] = []
    page.on("requestfinished", lambda request: fetched.append(request))
    try:
        page.goto(f"{live_server.url}/diagnostic/etape/projet")
        page.wait_for_load_state("networkidle")
        assert page.locator("#id_job").is_visible()
        start = 0
        rows = []
        for request in fetched[start:]:
            response = request.response()
            if response is None or response.status >= 300:
                continue
            body = response.body()
            kind = response.headers.get("content-type", "")
            sent = len(gzip.compress(body, 6)) if kind.startswith(COMPRESSIBLE) else len(body)
            rows.append(
                {"url": request.url.removeprefix(live_server.url), "type": kind, "bytes": len(body), "gzip": sent}
            )
        total = sum(row["gzip"] for row in rows)
        report = {
            "page": "/diagnostic/etape/projet",
            "compressed_total": total,
            "raw_total": sum(r["bytes"] for r in rows),
        }
        (ARTIFACTS / "onboarding-weight.json").write_text(json.dumps({**report, "files": rows}, indent=1))
        print(f"onboarding page: {total / 1000:.0f} kB compressed, {report['raw_total'] / 1000:.0f} kB raw")
        assert any(row["url"].endswith("jobsuggest.js") for row in rows)
        assert any(".woff2" in row["url"] for row in rows)  # the DSFR fonts are counted
        assert total <= 500_000, json.dumps(report)
    finally:
        context.close()


def test_choices_proposed_by_the_server_are_accessible(browser: Any, live_server: Any, axe_source: str) -> None:
    """With JavaScript, a person may still leave the list closed: the server's choices then show."""
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, axe_source, "choix")
    page = journey.page
    try:
        page.goto(f"{live_server.url}/diagnostic/etape/vous")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_url("**/diagnostic/etape/projet")
        journey.tab_to_id("id_job")
        page.keyboard.type("vandeuse bijouteri", delay=20)
        expect(journey.suggestions("bob-job-suggest").first).to_be_visible()
        page.keyboard.press("Escape")  # closes the list, keeps the text
        expect(page.locator("#id_job")).to_have_attribute("aria-expanded", "false")
        journey.tab_to_id("id_city")
        page.keyboard.type("grenobl")
        expect(journey.suggestions("bob-city-suggest").first).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator("#id_city")).to_have_attribute("aria-expanded", "false")
        journey.tab_to_text("Continuer")
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        expect(page.locator("#job_choice-choices")).to_be_visible()
        expect(page.locator("#erreurs")).to_contain_text("Métier recherché")
        journey.check("01-projet-choix")
        assert not journey.csp_errors, journey.csp_errors
    finally:
        journey.save_axe()
        page.context.close()


# --- The job page on the real open data (issue 14) ------------------------------------------

SERVEUSE_SAVOIE = "/metiers/G1803?departement=73&appellation=19427&genre=feminine"


@pytest.mark.slow
def test_job_page_of_a_serveuse_in_savoie(
    browser: Any, live_server: Any, axe_source: str, use_real_bundle: Referential, settings: Any
) -> None:
    """The BMO 2025 figures of its family as published, a map with one shape per département whose
    table gives the same values, the summary on a phone's first screen, axe at both widths."""
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, axe_source, "metier-serveuse")
    page = journey.page
    try:
        page.goto(live_server.url + SERVEUSE_SAVOIE)
        expect(page.locator("h1")).to_have_text("Serveuse de restaurant")
        summary = page.locator("#resume")
        expect(summary).to_contain_text("En Savoie\u00a0: 2\u00a0795 projets de recrutement en 2025")
        expect(summary).to_contain_text("enquête BMO 2025, France Travail")
        # The map: one shape per département (96 outlines, 5 overseas boxes), Savoie outlined in red.
        shapes = page.locator("svg.bob-map [data-code]")
        expect(shapes).to_have_count(101)
        titles = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('svg.bob-map [data-code]')]"
            ".map(el => [el.dataset.code, el.querySelector('title').textContent]))"
        )
        cells = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('#carte-tableau tr[data-code]')]"
            ".map(row => [row.dataset.code, row.cells[2].textContent]))"
        )
        assert set(titles) == set(cells) and len(cells) == 101
        assert all(title.endswith("\u00a0: " + cells[code]) for code, title in titles.items())
        assert page.locator("#carte-tableau tr[data-code='73'] td").first.text_content() == "2\u00a0795"
        journey.check("01-savoie")
        page.locator("svg.bob-map").screenshot(path=str(ARTIFACTS / "metier-serveuse-carte-desktop.png"))
        # A phone: the summary is on the first screen, and the page is not wider than the screen.
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + SERVEUSE_SAVOIE)
        box = summary.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
        page.screenshot(path=str(ARTIFACTS / "metier-serveuse-01-savoie-phone-first-screen.png"))
        settings.BOB_STATE_SERVICE = True  # the Marianne block takes some height: still on the first screen
        page.reload()
        expect(page.locator(".fr-header .fr-logo")).to_be_visible()
        box = summary.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
        settings.BOB_STATE_SERVICE = False
        page.locator("svg.bob-map").screenshot(path=str(ARTIFACTS / "metier-serveuse-carte-phone.png"))
        page.set_viewport_size(DESKTOP)
        # The other figure of the map, chosen by a link (no script needed).
        page.get_by_role("link", name="Part des projets jugés difficiles").click()
        page.wait_for_url("**carte=difficiles**")
        expect(page.locator("svg.bob-map path[data-code='73'] title")).to_have_text("Savoie\u00a0: 41\u00a0%")
        journey.check("02-carte-difficiles")
        assert not journey.csp_errors, journey.csp_errors
        assert not any(journey.axe_results.values()), journey.axe_results  # not even a minor violation
    finally:
        journey.save_axe()
        page.context.close()


@pytest.mark.slow
def test_job_page_folded_sections_without_javascript(
    browser: Any, live_server: Any, axe_source: str, use_real_bundle: Referential
) -> None:
    """Every folded section opens with the keyboard in a browser that runs no script."""
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, None, "metier-sans-js", java_script_enabled=False)
    page = journey.page
    try:
        page.goto(live_server.url + SERVEUSE_SAVOIE)
        sections = ["activites", "competences", "contextes", "secteurs", "appellations", "proches"]
        for section in sections:
            expect(page.locator(f"details#{section}")).not_to_have_attribute("open", "")
        for section in sections:
            journey.tab_to(f"el.tagName === 'SUMMARY' && el.parentElement.id === {json.dumps(section)}", limit=400)
            page.keyboard.press("Enter")
            expect(page.locator(f"details#{section}")).to_have_attribute("open", "")
        expect(page.locator("details#competences")).to_contain_text("Savoir-être professionnels")
        expect(page.locator("details#proches li").first).to_be_visible()
        # The département form works without script: a GET with the name typed.
        journey.tab_to_id("departement")
        page.keyboard.type("Isère")
        page.keyboard.press("Enter")
        page.wait_for_url("**departement=Is%C3%A8re**")
        expect(page.locator("#marche")).to_have_text("Le marché du travail en Isère")
        expect(page.locator("h1")).to_have_text("Serveuse de restaurant")  # the person's title is kept
        journey.check("01-isere")
    finally:
        page.context.close()


def test_legal_pages_and_a_get_on_a_post_only_url(browser: Any, live_server: Any, axe_source: str) -> None:
    """A development instance says so; a GET on /compte/supprimer leads to a page, not to an empty 405."""
    from playwright.sync_api import expect

    journey = _new_journey(browser, live_server, axe_source, "confiance")
    page = journey.page
    try:
        page.goto(f"{live_server.url}/mentions-legales")
        expect(page.locator(".fr-alert--warning")).to_contain_text("Instance de développement")
        assert page.locator(".fr-logo").count() == 0  # no Marianne block: not a State service
        journey.check("01-mentions-legales")
        page.goto(f"{live_server.url}/donnees-personnelles")
        expect(page.locator("#rqth")).to_be_visible()
        journey.check("02-donnees-personnelles")
        response = page.goto(f"{live_server.url}/compte/supprimer")
        assert response is not None and response.status == 200
        page.wait_for_url("**/compte/connexion**")  # the account page, which asks to log in first
        expect(page.locator("h1")).to_be_visible()
        journey.check("03-get-supprimer")
        assert not any(journey.axe_results.values()), journey.axe_results
    finally:
        journey.save_axe()
        page.context.close()


@pytest.mark.slow
def test_explorer_what_you_can_already_do(
    browser: Any, live_server: Any, axe_source: str, use_real_bundle: Referential
) -> None:
    """The undecided path in a browser: a job done typed in the JobSuggest widget (with JavaScript), then
    typed and chosen among the server's choices (without); the leads say the skills already had; axe."""
    from playwright.sync_api import expect

    for javascript in (True, False):
        # axe runs in the page: only with JavaScript (the same HTML is served without).
        journey = _new_journey(
            browser, live_server, axe_source if javascript else None, f"explorer-{'js' if javascript else 'sans-js'}",
            java_script_enabled=javascript,
        )  # fmt: skip
        page = journey.page
        try:
            page.goto(f"{live_server.url}/diagnostic/etape/vous")
            page.get_by_role("button", name="Continuer").click()
            page.wait_for_url("**/diagnostic/etape/projet")
            page.locator("label[for=id_undecided]").click()
            page.locator("#id_city").fill("33063")
            page.get_by_role("button", name="Continuer").click()
            page.wait_for_url("**/diagnostic/explorer")
            page.locator("#metier").fill("vendeuse en pret")
            if javascript:
                page.locator("#metier").press_sequentially("-a-porter")
                expect(journey.suggestions("bob-job-suggest").first).to_contain_text("prêt-à-porter")
                journey.pick_first_suggestion("bob-job-suggest", "metier")
                expect(page.locator("bob-job-suggest input[name=metier_code]")).not_to_have_value("")
            page.get_by_role("button", name="Comparer mes compétences").click()
            page.wait_for_load_state("load")
            if not javascript:  # no widget: the server proposes the titles matching what was typed
                expect(page.locator("#metier-messages")).to_contain_text("Choisissez le métier que vous avez exercé")
                expect(page.locator("#metier")).to_have_value("vendeuse en pret")
                journey.check("01-choix")
                page.get_by_role("button", name="Comparer mes compétences").click()
                page.wait_for_load_state("load")
            expect(page.locator("#titre-pistes")).to_have_text("Des métiers proches de celui que vous avez exercé")
            expect(page.locator(".bob-cards").first).to_contain_text("Vous avez déjà")
            expect(page.locator(".bob-cards").first).to_contain_text("enquête BMO 2025, France Travail")
            journey.check("02-pistes")
            assert not any(journey.axe_results.values()), journey.axe_results
        finally:
            journey.save_axe()
            page.context.close()
