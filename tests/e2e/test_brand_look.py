"""A brand's own look in a real browser: its colours, name and favicon on every page, still
readable (axe), and a colour too light for white text refused at start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.db.engine import make_engine
from app.domain.definitions import DefinitionRule
from app.domain.rewards import RewardRule
from app.domain.templates import STEPS, WATER
from app.services.definitions import create_definition, publish_definition
from app.services.rewards import create_reward
from tests.e2e.test_accessibility import PASSWORD, assert_no_blocking_violations, audit
from tests.e2e.test_accessibility import wait_for_handshake as handshake
from tests.server import ROOT, running_server

NORDIC = {
    "BRAND_NAME": "Nordic Fitness",
    "BRAND_PRIMARY": "#1d4ed8",
    "BRAND_ACCENT": "#9a3412",
    "BRAND_POINTS_NAME": "Vitality points",
    "BRAND_LOGO": "brand/nordic-fitness.svg",
    "BRAND_SUPPORT_URL": "https://nordic-fitness.example/help",
}
PRIMARY_RGB = "rgb(29, 78, 216)"


@pytest.fixture(scope="module")
def nordic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("nordic")
    with running_server(data_dir, UPSTREAM="off", **NORDIC) as url:
        stock_the_shelf(f"sqlite:///{data_dir / 'goalpost.db'}")
        yield url


@pytest.fixture(scope="module")
def visitor(browser: Browser, nordic_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=nordic_url, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def test_the_landing_page_wears_the_brand(visitor: BrowserContext, shots: Path):
    page = visitor.new_page()
    page.goto("/")
    handshake(page)

    expect(page).to_have_title(re.compile(r"Nordic Fitness$"))
    expect(page.get_by_role("heading", name="Nordic Fitness", level=1)).to_be_visible()
    expect(page.get_by_text("150 Vitality points")).to_be_visible()
    expect(page.locator('link[rel~="icon"]')).to_have_count(1)
    assert "/favicon.ico" in (page.locator('link[rel~="icon"]').get_attribute("href") or "")
    assert page.request.get("/favicon.ico").headers["content-type"].startswith("image/svg")
    assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#1d4ed8"
    button = page.get_by_role("button", name="Create an account").first
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == PRIMARY_RGB
    expect(page.get_by_text("People", exact=False)).to_have_count(0)
    assert_no_blocking_violations(page)
    page.screenshot(path=shots / "brand-landing-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=shots / "brand-landing-375.png", full_page=True)
    page.close()


def test_the_landing_page_reads_in_dark_mode(browser: Browser, nordic_url: str):
    context = browser.new_context(base_url=nordic_url, color_scheme="dark")
    page = context.new_page()
    audit(page, "/")
    context.close()


@pytest.fixture(scope="module")
def member(browser: Browser, nordic_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=nordic_url, timezone_id="Europe/Stockholm", viewport={"width": 375, "height": 812}
    )
    page = context.new_page()
    page.goto("/signup")
    expect(page).to_have_title("Create your account · Nordic Fitness")
    page.get_by_label("Your name").fill("Ida")
    page.get_by_label("Email").fill("ida@nordic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))
    yield page
    context.close()


def test_the_signed_in_header_has_the_brands_colour_and_name(member: Page):
    member.goto("/")
    handshake(member)

    expect(member).to_have_title("Today · Nordic Fitness")
    header = member.locator("header")
    expect(header.get_by_text("Nordic Fitness")).to_be_visible()
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == PRIMARY_RGB
    expect(member.get_by_label("Vitality points balance")).to_have_text("0 pts")


@pytest.mark.parametrize("path", ["/", "/rewards"])
def test_signed_in_pages_in_the_brands_colours_have_no_serious_violations(member: Page, path):
    audit(member, path)


def test_a_primary_too_light_for_white_text_stops_the_app_at_start(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'goalpost.db'}",
        ENVIRONMENT="test",
        STORAGE_SECRET="e2e-test-secret-not-for-production",
        BRAND_PRIMARY="#7fd1c3",
    )

    started = subprocess.run(
        [sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
    )

    assert started.returncode != 0
    assert "BRAND_PRIMARY #7fd1c3 has a contrast ratio of 1.77:1" in started.stderr
    assert "Traceback" not in started.stderr


def stock_the_shelf(database_url: str) -> None:
    """Rewards on offer, as an operator would have set them up in the console."""
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    for title, cost, icon in (
        ("Protein smoothie", 150, "local_drink"),
        ("Free guest pass", 300, "confirmation_number"),
        ("Nordic gym bag", 900, "backpack"),
        ("Month of yoga", 1500, "self_improvement"),
    ):
        rule = RewardRule(title=title, cost=cost, icon=icon)
        create_reward(engine, rule=rule, by="ops@nordic.example", now=now)
    for template, name, icon, text in (
        (WATER, "Hydrate like a Nordic", "water_drop", "Eight glasses of water, every day."),
        (STEPS, "10,000 steps", "directions_walk", "Walk your way to Vitality points."),
    ):
        spec = replace(template.start(timezone="UTC", start_date=None), name=name)
        definition = create_definition(
            engine,
            rule=DefinitionRule(spec=spec, description=text, icon=icon),
            by="ops@nordic.example",
            now=now,
        )
        publish_definition(engine, definition_id=definition, by="ops@nordic.example", now=now)
    engine.dispose()
