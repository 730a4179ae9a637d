"""axe-core audits every page in Chromium, light and dark: no serious or critical violations.

One person for the whole module, signed in once, with challenges, logs and points, so each
page is audited with what it shows in use (undo buttons, the custom amount field, a ledger).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

PASSWORD = "correct horse battery"
BLOCKING = ("serious", "critical")
AXE = Axe()


@dataclass
class Person:
    page: Page
    challenge_url: str
    dark: bool = False


def audit(page: Page, path: str) -> None:
    """Open `path`, wait for NiceGUI's socket handshake, and fail on serious axe findings."""
    page.goto(path)
    wait_for_handshake(page)
    assert_no_blocking_violations(page)


def wait_for_handshake(page: Page) -> None:
    page.wait_for_function("() => window.did_handshake === true")


def assert_no_blocking_violations(page: Page) -> None:
    # Colours read mid-transition (an expansion opening, a ripple) are blends: wait them out.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = AXE.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(results.generate_report(v["id"]) for v in blocking)
    assert not blocking, f"{page.url}: {len(blocking)} serious or critical violations\n{report}"


@pytest.fixture(scope="module")
def person(browser: Browser, base_url: str) -> Iterator[Person]:
    """Signed up through the form, with a water week, a workout week achieved (25 points)."""
    context = browser.new_context(
        base_url=base_url, timezone_id="Europe/Stockholm", viewport={"width": 375, "height": 812}
    )
    page = context.new_page()
    page.goto("/signup")
    page.get_by_label("Your name").fill("Ida")
    page.get_by_label("Email").fill("ida@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))
    page.get_by_role("button", name="Start: Three workouts a week").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    for done in range(1, 4):
        page.get_by_role("button", name=re.compile(r"^\+1 ")).click()
        expect(page.get_by_text(f"{done} of 3 workouts")).to_be_visible()
    page.goto("/new")
    page.get_by_role("button", name="Start: Water every day").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    page.get_by_role("spinbutton", name="glasses").fill("2")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(page.get_by_text("2 of 8 glasses").first).to_be_visible()
    yield Person(page, page.url)
    context.close()


def test_the_landing_page_has_no_serious_accessibility_violations(page: Page):
    audit(page, "/")


def test_sign_in_has_no_serious_accessibility_violations(page: Page):
    audit(page, "/signin")


def test_sign_up_has_no_serious_accessibility_violations(page: Page):
    audit(page, "/signup")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_today_in_use_has_no_serious_accessibility_violations(person: Person, dark: bool):
    use_dark_mode(person, dark)
    page = person.page
    audit(page, "/")
    # right after a log: the undo button, and the custom amount field opened on demand
    page.get_by_role("button", name="+1 glass").click()
    expect(page.get_by_role("button", name="Undo last log")).to_be_visible()
    page.get_by_role("button", name="Other amount").click()
    expect(page.get_by_role("spinbutton", name="glasses")).to_be_visible()
    assert_no_blocking_violations(page)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_new_challenge_with_its_errors_has_no_serious_accessibility_violations(
    person: Person, dark: bool
):
    use_dark_mode(person, dark)
    page = person.page
    audit(page, "/new")
    page.get_by_role("button", name="Create challenge").click()  # an empty name is refused
    expect(page.locator("#app").get_by_role("alert").first).to_be_visible()
    assert_no_blocking_violations(page)
    # the sentence with a blank's error beside it, and the rarer choices open
    page.get_by_label("How many", exact=True).fill("0")
    expect(page.get_by_text("How many: Set a target above zero")).to_be_visible()
    page.get_by_role("button", name="More options").click()
    expect(page.get_by_role("switch", name="Periods of several days")).to_be_visible()
    assert_no_blocking_violations(page)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_challenge_page_and_its_dialog_have_no_serious_accessibility_violations(
    person: Person, dark: bool
):
    use_dark_mode(person, dark)
    page = person.page
    audit(page, person.challenge_url)
    page.get_by_text("Log for an earlier time").click()
    expect(page.get_by_label("When (your time)")).to_be_visible()
    assert_no_blocking_violations(page)
    # On a scrolled page Quasar pins the body while a dialog is open, and axe then reads the
    # backdrop as lying over the dialog's buttons (they are on white, as screenshots show): a
    # viewport as tall as the page keeps it unscrolled.
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 375, "height": max(height, 812)})
    page.get_by_role("button", name="Abandon challenge").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    # and colours read mid-animation are a blend with the backdrop: audit the opened dialog
    page.wait_for_function("() => !document.querySelector('.q-dialog [class*=q-transition--]')")
    # Even unscrolled, on some page heights axe still takes the backdrop to lie over the
    # dialog (its buttons "on #999999"). The backdrop only dims the page behind: hidden for the
    # audit, the dialog's own colours are what is checked.
    page.evaluate(BACKDROP_DISPLAY, "none")
    assert_no_blocking_violations(page)
    page.evaluate(BACKDROP_DISPLAY, "")
    page.get_by_role("button", name="Keep going").click()
    page.set_viewport_size({"width": 375, "height": 812})


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", ["/points", "/settings"])
def test_points_and_settings_have_no_serious_accessibility_violations(
    person: Person, path: str, dark: bool
):
    use_dark_mode(person, dark)
    audit(person.page, path)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [768, 1440])
def test_the_tab_bar_on_a_tablet_and_the_rail_on_a_laptop_have_no_serious_violations(
    person: Person, width: int, dark: bool
):
    use_dark_mode(person, dark)
    person.page.set_viewport_size({"width": width, "height": 900})
    try:
        audit(person.page, "/points")  # its own section marked current in the navigation
    finally:
        person.page.set_viewport_size({"width": 375, "height": 812})


BACKDROP_DISPLAY = (
    "(d) => document.querySelectorAll('.q-dialog__backdrop').forEach(b => b.style.display = d)"
)


def use_dark_mode(person: Person, dark: bool) -> None:
    """Switch the person's saved theme through Settings, only when it differs."""
    if person.dark == dark:
        return
    page = person.page
    page.goto("/settings")
    wait_for_handshake(page)
    page.get_by_role("switch", name="Dark mode").click()
    expect(page.get_by_text(f"Dark mode {'on' if dark else 'off'}, saved")).to_be_visible()
    person.dark = dark
