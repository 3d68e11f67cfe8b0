"""A real browser for the tests marked `browser`: Debian's Chromium through Playwright (never a
downloaded one), and axe-core (from npm: `npm ci` at the repository root) to check a page's accessibility.

Shared so that every browser test launches Chromium the same way and reads axe's answer the same way.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")  # the impacts no page may have
_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_VIOLATIONS = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))"
)


@contextmanager
def launch_chromium(*, django: bool = True) -> Iterator[Any]:
    """Chromium launched headless for the block, closed after it; fails the test when it is not installed.

    With `django`, the ORM may be called from the test's thread for the block: Playwright's sync API keeps
    an event loop in that thread, and Django must be told that the test's own calls are still synchronous."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is needed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    if django:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(_ARGS))
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if django:
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@cache
def read_axe() -> str:
    """axe-core's script; fails the test when it is not installed."""
    if not AXE.exists():
        pytest.fail("axe-core is needed: run `npm ci` at the repository root")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, impacts: Collection[str] | None = BLOCKING) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (id, impact, help, the nodes' selectors), those of
    the given `impacts` only (all of them with None). axe is injected through the DevTools protocol, so
    the page's Content Security Policy does not apply to it, and only once a page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(read_axe())
    violations: list[dict[str, Any]] = page.evaluate(_VIOLATIONS)
    return [violation for violation in violations if impacts is None or violation["impact"] in impacts]
