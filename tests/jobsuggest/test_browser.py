"""The widgets in a real browser: keyboard only, as a screen-reader or power user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is needed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


def test_pick_a_misspelt_job_and_a_city_with_the_keyboard(browser: object, suggest_server: str) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    page = browser.new_page()
    try:
        page.goto(f"{suggest_server}/demo")
        job = page.locator("#job")
        job.focus()
        page.keyboard.type("boulanjer", delay=30)
        listbox = page.locator("bob-job-suggest [role=listbox]")
        expect(listbox).to_be_visible()
        expect(job).to_have_attribute("aria-expanded", "true")
        expect(listbox.locator("[role=option]").first).to_contain_text("Boulanger")
        expect(listbox.locator("mark").first).to_be_visible()
        expect(page.locator("bob-job-suggest [role=status]")).to_contain_text("suggestion")
        page.keyboard.press("ArrowDown")
        first_id = listbox.locator("[role=option]").first.get_attribute("id")
        expect(job).to_have_attribute("aria-activedescendant", first_id or "")
        expect(listbox.locator("[role=option]").first).to_have_attribute("aria-selected", "true")
        page.keyboard.press("Enter")  # chooses, does not submit
        expect(job).to_have_value("Boulanger / Boulangère")
        expect(job).to_have_attribute("aria-expanded", "false")
        assert "/demo/submitted" not in page.url

        city = page.locator("#city")
        city.focus()
        page.keyboard.type("st etienne", delay=30)
        expect(page.locator("bob-city-suggest [role=option]").first).to_contain_text("Saint-Étienne")
        page.keyboard.press("Escape")  # closes the list, keeps the text
        expect(page.locator("bob-city-suggest [role=listbox]")).to_be_hidden()
        expect(city).to_have_value("st etienne")
        page.keyboard.press("ArrowDown")  # opens it again on the first option
        page.keyboard.press("Enter")
        expect(city).to_have_value("Saint-Étienne")
        page.keyboard.press("Enter")  # the list is closed: submits the form
        page.wait_for_url("**/demo/submitted**")
        params = parse_qs(urlparse(page.url).query)
        assert params["code_ogr"] == ["11573"]
        assert params["code_insee"] == ["42218"]
        assert params["job"] == ["Boulanger / Boulangère"]
        expect(page.locator("#param-code_ogr")).to_have_text("11573")
    finally:
        page.close()
