"""docs/demo.md's five-minute script, walked in Chromium at 1280 and 375 px on a demo server,
with a screenshot at each step (test-results/screenshots/demo-<step>-<width>.png)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.server import CONTROL_SECRET, running_server

DATE = re.compile(r"^\w{3} \d{2} \w{3} \d{4}$")


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("demo-script")
    with running_server(data, DEMO="true", DEMO_DIR=str(data / "demo")) as url:
        yield url


def show_as(page: Page, name: str) -> None:
    """Switch the person on screen and wait until their Today has loaded: the switch signs in
    through /auth/session and lands on "/", and a navigation begun before it lands is aborted."""
    page.get_by_role("region", name="Presenter's bar").get_by_label("On screen").click()
    with page.expect_navigation(url=re.compile(r"/$"), wait_until="load"):
        page.get_by_role("option", name=re.compile(rf"^{name}")).click()
    expect(page.get_by_label("Points balance")).to_be_visible()


def bar(page: Page):
    return page.get_by_role("region", name="Presenter's bar")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_five_minute_demo_step_by_step(browser: Browser, demo_server: str, shots: Path, width):
    context = browser.new_context(
        base_url=demo_server, viewport={"width": width, "height": 900 if width > 400 else 812}
    )
    page = context.new_page()

    def shot(step: str) -> None:
        page.screenshot(path=shots / f"demo-{step}-{width}.png", full_page=True)

    # 0. the presenter starts presenting
    page.goto("/presenter")
    page.get_by_label("Demo secret").fill(CONTROL_SECRET)
    page.get_by_role("button", name="Start presenting").click()
    first_day = bar(page).get_by_text(DATE).inner_text()
    # 1. the landing page
    expect(page.get_by_role("heading", name=re.compile("What your .* are worth"))).to_be_visible()
    shot("1-landing")
    # 2. Alva logs the glasses her day still needs
    show_as(page, "Alva")
    for _ in range(8):  # her day's glasses, one tap each, until the day is achieved
        if page.get_by_text("8 of 8 glasses").is_visible():
            break
        page.get_by_role("button", name=re.compile(r"^\+1 glass")).first.click()
        page.wait_for_timeout(400)
    expect(page.get_by_text("8 of 8 glasses")).to_be_visible()
    expect(page.get_by_text("13 streak")).to_be_visible()
    shot("2-alva-today")
    # 3. behind the scenes
    bar(page).get_by_role("button", name="Behind the scenes").click()
    panel = page.get_by_role("dialog")
    expect(
        panel.get_by_text(re.compile(r"Target group \d+ · promotion \d+ · enrolled"))
    ).not_to_have_count(0)
    page.wait_for_function("() => !document.querySelector('.q-dialog [class*=q-transition--]')")
    shot("3-behind-the-scenes")
    panel.get_by_role("button", name="Close").click()
    # 4. Ben's frozen day
    show_as(page, "Ben")
    page.get_by_role("link", name=re.compile("Walk 8,000 a day")).first.click()
    expect(page.get_by_text("covered by a freeze")).to_be_visible()
    shot("4-ben-freeze")
    # 5. Chiara's code
    page.goto("/")
    show_as(page, "Chiara")
    page.goto("/rewards")
    expect(page.get_by_role("list", name="My rewards, newest first")).to_contain_text("RUNSHOE-")
    shot("5-chiara-rewards")
    # 6. a week passes
    bar(page).get_by_role("button", name="Next week").click()
    expect(bar(page).get_by_text(DATE)).not_to_have_text(first_day)
    shot("6-a-week-later")
    # 7. reset for the next audience
    bar(page).get_by_role("button", name="Reset demo").click()
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(bar(page).get_by_text(DATE)).to_have_text(first_day)
    context.close()
