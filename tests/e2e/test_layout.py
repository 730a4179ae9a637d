"""Every width in Chromium: a side rail on a laptop, a tab bar on a phone, and, installed, a
plain offline page when the server cannot be reached."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

PASSWORD = "correct horse battery"


def signed_up(page: Page, email: str) -> None:
    page.goto("/signup")
    page.get_by_label("Your name").fill("Rae")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))


def test_a_rail_at_1440_a_tab_bar_at_375_and_the_offline_page_once_installed(
    browser: Browser, base_url: str
):
    context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    signed_up(page, "rae@example.com")
    page.goto("/points")
    nav = page.get_by_role("navigation", name="Main")
    current = nav.get_by_role("link", name="Points")
    expect(current).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Today")).not_to_have_attribute("aria-current", "page")

    rail = nav.bounding_box()
    heading = page.get_by_role("heading", name="Points", level=1).bounding_box()
    assert rail and heading
    assert rail["x"] == 0 and rail["width"] < 160 and rail["height"] > 600  # down the left
    assert heading["x"] >= rail["width"]  # the content beside it, not under it
    links = [nav.get_by_role("link", name=n).bounding_box() for n in ("Today", "Settings")]
    assert links[0] and links[1] and links[1]["y"] > links[0]["y"]  # one above the other

    page.goto("/new")
    page.get_by_role("button", name="Start: Water every day").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    expect(page.locator(".nicegui-echart canvas").first).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 812})  # a phone turned, charts and all
    expect(nav).to_be_visible()
    bar = nav.bounding_box()
    assert bar and bar["width"] == 375 and bar["y"] + bar["height"] == 812  # along the bottom
    assert bar["height"] < 100
    page.wait_for_function("() => document.documentElement.scrollWidth <= 375")  # no sideways

    assert page.locator('link[rel="manifest"]').get_attribute("href") == "/manifest.webmanifest"
    scope = page.evaluate(
        "async () => (await navigator.serviceWorker.ready).active && location.origin"
    )
    assert scope == base_url.rstrip("/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    try:
        page.goto("/rewards")
        expect(page.get_by_text("You're offline — Goalpost needs a connection")).to_be_visible()
        expect(page.get_by_role("button", name="Try again")).to_be_visible()
    finally:
        context.set_offline(False)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Rewards", level=1)).to_be_visible()
    context.close()
