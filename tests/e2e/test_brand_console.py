"""The brand console in Chromium: an operator publishes a definition, a person starts it; the
console's pages fit a phone and a laptop, light and dark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_accessibility import audit
from tests.e2e.test_journeys import new_person
from tests.server import running_server

OPERATOR = "ops@example.com"
PAGES = {
    "definitions": "/brand",
    "new-definition": "/brand/definitions/new",
    "budget": "/brand/budget",
    "keys": "/brand/keys",
    "participation": "/brand/participation",
}


@pytest.fixture(scope="module")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("console"), OPERATOR_EMAILS=OPERATOR) as url:
        yield url


@pytest.fixture(scope="module")
def operator_account(browser: Browser, console_server: str) -> str:
    context, _ = new_person(browser, console_server, OPERATOR)
    context.close()
    return OPERATOR


def test_an_operator_publishes_a_definition_and_a_person_starts_it(
    browser: Browser, console_server: str, operator_account: str
):
    context, ops = _operator(browser, console_server, 1280)
    ops.goto("/brand/definitions/new")
    ops.get_by_label("Name").fill("Stretch daily")
    ops.get_by_label("Description").fill("Five minutes of stretching.\nEvery day for a week.")
    ops.get_by_label("Icon").fill("self_improvement")
    ops.get_by_label("Event type key").fill("stretch")
    ops.get_by_label("What it is, in words").fill("stretch")
    ops.get_by_label("Unit, plural").fill("stretches")
    ops.get_by_label("Points on completion").fill("70")
    ops.get_by_role("button", name="Save as draft").click()
    expect(ops).to_have_url(re.compile(r"/brand/definitions/\d+$"))
    expect(ops.get_by_text("Draft", exact=True)).to_be_visible()
    ops.get_by_role("button", name="Publish").click()
    expect(ops.get_by_text("Active", exact=True)).to_be_visible()
    context.close()

    context, page = new_person(browser, console_server, "pia@example.com")
    expect(page.get_by_role("heading", name="From Goalpost")).to_be_visible()
    page.get_by_role("button", name="Start: Stretch daily").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    expect(page.get_by_text("Stretch daily").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_console_page_fits_the_screen_light_and_dark(
    browser: Browser, console_server: str, operator_account: str, shots: Path, width: int
):
    context, page = _operator(browser, console_server, width)
    for name, path in PAGES.items():
        page.goto(path)
        expect(page.get_by_role("navigation", name="Brand console")).to_be_visible()
        page.wait_for_timeout(200)  # let the funnel chart draw
        assert _page_width(page) <= width, f"{path} is wider than {width} px"
        page.screenshot(path=shots / f"brand-{name}-{width}.png", full_page=True)
    _dark_mode(page, True)
    page.goto("/brand/participation")
    expect(page.locator("body.body--dark")).to_have_count(1)
    page.wait_for_timeout(200)
    page.screenshot(path=shots / f"brand-participation-dark-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_console_page_has_no_serious_accessibility_violations(
    browser: Browser, console_server: str, operator_account: str, dark: bool
):
    context, page = _operator(browser, console_server, 375)
    _dark_mode(page, dark)
    for path in PAGES.values():
        audit(page, path)
    context.close()


def _dark_mode(page: Page, dark: bool) -> None:
    page.goto("/settings")
    switch = page.get_by_role("switch", name="Dark mode")
    if (switch.get_attribute("aria-checked") == "true") != dark:
        switch.click()
        expect(switch).to_have_attribute("aria-checked", "true" if dark else "false")


def _operator(browser: Browser, base_url: str, width: int):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/signin")
    page.get_by_label("Email").fill(OPERATOR)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/signin"))
    return context, page


def _page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))
