"""Deleting an account in Chromium at 375 px, by keyboard alone: the dialog fits the phone,
Enter in the password field confirms, and the landing page says the account is deleted."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.e2e.test_journeys import PASSWORD, new_person


def test_a_person_deletes_their_account_by_keyboard_on_a_phone(
    browser: Browser, base_url: str, shots
):
    context, page = new_person(browser, base_url, "leaving@example.com")
    page.goto("/settings")
    delete = page.get_by_role("button", name="Delete my account", exact=True)
    delete.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Delete your account for good?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("This cannot be undone.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    password = dialog.get_by_label("Your password")
    password.fill("not my password")
    password.press("Enter")
    expect(dialog.get_by_text("That isn't your password")).to_be_visible()
    page.screenshot(path=shots / "delete-account-375.png")  # settled: the refusal is shown

    password.fill(PASSWORD)
    password.press("Enter")

    expect(page.get_by_text("Your account is deleted.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/\?left=1$"))
    assert "goalpost_session" not in {c["name"] for c in context.cookies()}
    page.goto("/settings")
    expect(page).to_have_url(re.compile(r"/signin$"))
    context.close()
