"""In a real browser: a stranger's failures never lock the owner's own browser out, a
planted browser id is never the one signed in, and a 1 MB paste gets its message."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Page, expect

PASSWORD = "correct horse battery"


def fresh(browser: Browser, base_url: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=base_url, timezone_id="Europe/Stockholm")
    return context, context.new_page()


def sign_up(page: Page, email: str) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))


def try_sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_twenty_failures_from_another_browser_do_not_lock_the_owner_out(
    browser: Browser, base_url: str
):
    owner_context, owner = fresh(browser, base_url)
    sign_up(owner, "owner@example.com")
    owner.goto("/signout")
    expect(owner).to_have_url(re.compile(r"/signin$"))

    stranger_context, stranger = fresh(browser, base_url)
    for attempt in range(20):
        try_sign_in(stranger, "owner@example.com", f"guess number {attempt}")
        expect(stranger.get_by_text(re.compile("don't match|Too many"))).to_be_visible()
    expect(stranger.get_by_text("Too many")).to_be_visible()

    try_sign_in(owner, "owner@example.com", PASSWORD)
    expect(owner.get_by_label("Points balance")).to_be_visible()
    owner_context.close()
    stranger_context.close()


def test_a_browser_id_planted_before_sign_in_is_never_the_one_signed_in(
    browser: Browser, base_url: str
):
    attacker_context, attacker = fresh(browser, base_url)
    attacker.goto("/signin")
    planted = attacker_context.cookies()
    victim_context, victim = fresh(browser, base_url)
    victim_context.add_cookies(planted)  # e.g. through a sibling subdomain

    sign_up(victim, "victim@example.com")
    expect(victim.get_by_role("heading", name="New challenge")).to_be_visible()

    session = {c["name"]: c["value"] for c in victim_context.cookies()}
    assert session["session"] != next(c["value"] for c in planted if c["name"] == "session")
    attacker.goto("/points")
    expect(attacker).to_have_url(re.compile(r"/signin$"))
    attacker_context.close()
    victim_context.close()


def test_a_one_megabyte_paste_in_the_password_gets_the_limit_and_the_page_lives_on(
    browser: Browser, base_url: str
):
    context, page = fresh(browser, base_url)
    sign_up(page, "paster@example.com")
    page.goto("/signout")

    page.get_by_label("Email").fill("paster@example.com")
    page.get_by_label("Password").fill("x" * 1_000_000)

    expect(page.get_by_text("Use at most 128 characters.")).to_be_visible()
    assert len(page.get_by_label("Password").input_value()) == 129
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Points balance")).to_be_visible()
    context.close()
