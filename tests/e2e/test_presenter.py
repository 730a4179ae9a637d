"""The presenter's bar in a demo, in Chromium: only a browser that gave the demo's secret sees
it; it switches to a demo person without a password, passes a day with the overnight jobs,
shows what the loyalty platform holds beside ours, and resets the demo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.server import CONTROL_SECRET, running_server


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("presenter")
    with running_server(data, DEMO="true", DEMO_DIR=str(data / "demo")) as url:
        yield url


def presenting(browser: Browser, base_url: str, width: int = 1280) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/presenter")
    page.get_by_label("Demo secret").fill(CONTROL_SECRET)
    page.get_by_role("button", name="Start presenting").click()
    expect(page.get_by_role("region", name="Presenter's bar")).to_be_visible()
    return page


def test_a_stranger_sees_no_bar_and_a_wrong_secret_is_refused(browser: Browser, demo_server):
    context = browser.new_context(base_url=demo_server)
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("region", name="Presenter's bar")).to_have_count(0)
    page.goto("/presenter")
    page.get_by_label("Demo secret").fill("guess")
    page.get_by_role("button", name="Start presenting").click()
    expect(page.get_by_text("That is not the demo's secret.")).to_be_visible()
    context.close()


def test_the_presenter_switches_person_passes_a_day_looks_behind_the_scenes_and_resets(
    browser: Browser, demo_server: str, shots: Path
):
    page = presenting(browser, demo_server)
    bar = page.get_by_role("region", name="Presenter's bar")
    bar.get_by_label("On screen").click()
    page.get_by_role("option", name=re.compile(r"^Alva")).click()
    expect(page.get_by_label("Points balance")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ streak"))).not_to_have_count(0)

    page.goto("/brand")  # a demo person does not run the console, first account or not
    expect(page.get_by_text("Not found").first).to_be_visible()
    page.goto("/")
    bar = page.get_by_role("region", name="Presenter's bar")
    before = bar.get_by_text(re.compile(r"^\w{3} \d{2} \w{3} \d{4}$")).inner_text()
    bar.get_by_role("button", name="Next day").click()
    bar = page.get_by_role("region", name="Presenter's bar")
    expect(bar.get_by_text(re.compile(r"^\w{3} \d{2} \w{3} \d{4}$"))).not_to_have_text(before)

    bar.get_by_role("button", name="Behind the scenes").click()
    drawer = page.get_by_role("dialog")
    expect(drawer.get_by_text(re.compile(r"^Customer \d+"))).to_be_visible()
    expect(
        drawer.get_by_text(re.compile(r"Target group \d+ · promotion \d+ · enrolled"))
    ).not_to_have_count(0)
    page.wait_for_function("() => !document.querySelector('.q-dialog [class*=q-transition--]')")
    page.screenshot(path=shots / "presenter-behind-the-scenes-1280.png", full_page=True)
    drawer.get_by_role("button", name="Close").click()
    expect(drawer).to_have_count(0)

    bar.get_by_role("button", name="Reset demo").click()
    page.get_by_role("button", name="Reset", exact=True).click()
    bar = page.get_by_role("region", name="Presenter's bar")
    expect(bar.get_by_text(re.compile(r"^\w{3} \d{2} \w{3} \d{4}$"))).to_have_text(before)
    page.context.close()
