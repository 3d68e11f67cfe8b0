"""The widgets in a real browser: keyboard only, as a screen-reader or power user would.

The tests wait for states (the answer for the whole text typed, `aria-activedescendant`, the
hidden code), never for a time: the machine may be slower than any delay. Answers the API gives
are held back where a test needs a person faster than the suggestions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_chromium(django=False) as chromium:
        yield chromium


def _answered(page: Any, widget: str) -> None:
    """Waits until `widget` shows its answer for the whole text typed, not an earlier one."""
    from playwright.sync_api import expect

    expect(page.locator(f"{widget} [role=listbox]")).not_to_have_attribute("aria-busy")


class HeldAnswers:
    """Holds the suggest API's answers to a query (`q=...` in the URL) until `release()`."""

    def __init__(self, page: Any, query: str) -> None:
        self.routes: list[Any] = []
        self.released = False
        page.route(lambda url: "/suggest?" in url and f"q={query}&" in url, self._hold)

    def _hold(self, route: Any) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()


@pytest.fixture
def demo(browser: object, suggest_server: str) -> Iterator[Any]:
    """A new page on the widgets' demo, closed after the test."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page()
    try:
        page.goto(f"{suggest_server}/demo")
        yield page
    finally:
        page.close()


def test_pick_a_misspelt_job_and_a_city_with_the_keyboard(demo: Any) -> None:
    from playwright.sync_api import expect

    page = demo
    job = page.locator("#job")
    job.focus()
    page.keyboard.type("boulanjer", delay=30)
    listbox = page.locator("bob-job-suggest [role=listbox]")
    _answered(page, "bob-job-suggest")
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
    expect(page.locator("bob-job-suggest input[name=code_ogr]")).to_have_value("11573")
    expect(job).to_have_attribute("aria-expanded", "false")
    assert "/demo/submitted" not in page.url

    city = page.locator("#city")
    city.focus()
    page.keyboard.type("st etienne", delay=30)
    _answered(page, "bob-city-suggest")
    city_options = page.locator("bob-city-suggest [role=option]")
    expect(city_options.first).to_contain_text("Saint-Étienne")
    page.keyboard.press("Escape")  # closes the list, keeps the text
    expect(page.locator("bob-city-suggest [role=listbox]")).to_be_hidden()
    expect(city).to_have_value("st etienne")
    page.keyboard.press("ArrowDown")  # opens it again on the first option
    expect(city).to_have_attribute("aria-activedescendant", city_options.first.get_attribute("id") or "")
    page.keyboard.press("Enter")
    expect(city).to_have_value("Saint-Étienne")
    expect(page.locator("bob-city-suggest input[name=code_insee]")).to_have_value("42218")
    page.keyboard.press("Enter")  # the list is closed: submits the form
    page.wait_for_url("**/demo/submitted**")
    params = parse_qs(urlparse(page.url).query)
    assert params["code_ogr"] == ["11573"]
    assert params["code_insee"] == ["42218"]
    assert params["job"] == ["Boulanger / Boulangère"]
    expect(page.locator("#param-code_ogr")).to_have_text("11573")


def test_pick_an_arrondissement_and_keep_its_name(demo: Any) -> None:
    from playwright.sync_api import expect

    page = demo
    city = page.locator("#city")
    city.focus()
    page.keyboard.type("paris 11", delay=30)
    _answered(page, "bob-city-suggest")
    options = page.locator("bob-city-suggest [role=option]")
    expect(options.first).to_contain_text("Paris 11e Arrondissement")
    expect(options.first).to_contain_text("75011")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(city).to_have_value("Paris 11e Arrondissement")
    expect(page.locator("bob-city-suggest input[name=code_insee]")).to_have_value("75111")


def test_arrow_then_enter_before_the_first_answer_chooses_the_first_suggestion(demo: Any) -> None:
    """A fast keyboard user must not submit the form without the code they meant to choose."""
    from playwright.sync_api import expect

    page = demo
    held = HeldAnswers(page, "boulanjer")
    job = page.locator("#job")
    job.focus()
    page.keyboard.insert_text("boulanjer")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the answer is held: no list yet
    assert "/demo/submitted" not in page.url
    held.release()
    expect(job).to_have_value("Boulanger / Boulangère")
    expect(page.locator("bob-job-suggest input[name=code_ogr]")).to_have_value("11573")
    expect(job).to_have_attribute("aria-expanded", "false")
    assert "/demo/submitted" not in page.url


def test_a_late_answer_never_replaces_the_options_the_person_moves_in(demo: Any) -> None:
    from playwright.sync_api import expect

    page = demo
    job = page.locator("#job")
    job.focus()
    page.keyboard.insert_text("boul")
    _answered(page, "bob-job-suggest")
    first = page.locator("bob-job-suggest [role=option]").first
    label = first.evaluate(  # the option's text without its detail line
        "option => Array.from(option.childNodes).filter(node => !node.classList"
        " || !node.classList.contains('bob-suggest__detail')).map(node => node.textContent).join('')"
    )
    held = HeldAnswers(page, "boulanjer")
    with page.expect_request(lambda request: "q=boulanjer&" in request.url):
        page.keyboard.insert_text("anjer")  # the answer for "boul" is still shown
    with page.expect_event("requestfailed", lambda request: "q=boulanjer&" in request.url):
        page.keyboard.press("ArrowDown")  # moving in the list shown drops the answer to come
    expect(job).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    held.release()
    page.keyboard.press("Enter")
    expect(job).to_have_value(label)
    expect(page.locator("bob-job-suggest input[name=code_ogr]")).not_to_have_value("")
    assert "/demo/submitted" not in page.url


def test_a_list_closed_with_escape_stays_closed_when_a_late_answer_comes(demo: Any) -> None:
    from playwright.sync_api import expect

    page = demo
    city = page.locator("#city")
    city.focus()
    page.keyboard.insert_text("lyo")
    _answered(page, "bob-city-suggest")
    held = HeldAnswers(page, "lyon")
    with page.expect_request(lambda request: "q=lyon&" in request.url):
        page.keyboard.insert_text("n")
    with page.expect_event("requestfailed", lambda request: "q=lyon&" in request.url):
        page.keyboard.press("Escape")
    held.release()
    listbox = page.locator("bob-city-suggest [role=listbox]")
    expect(listbox).to_be_hidden()
    expect(city).to_have_attribute("aria-expanded", "false")
    expect(city).to_have_value("lyon")
