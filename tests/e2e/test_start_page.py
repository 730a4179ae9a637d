"""The app, started the way the README starts it, serves its first page to a real browser."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect


def test_the_server_migrates_its_database_and_answers(server, tmp_path_factory):
    assert httpx.get(f"{server}/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "redis": "not used",
    }
    assert httpx.get(f"{server}/").status_code == 200


def test_the_start_page_shows_the_app_is_up_in_chromium(page: Page, server):
    page.goto("/")

    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    expect(page.get_by_text("Water every day")).to_be_visible()  # an Active definition
