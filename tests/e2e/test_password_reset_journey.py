"""Forgot password in Chromium: the mail is read from a real SMTP server process."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.mail_server import SmtpServer, link_in
from tests.server import running_server

OLD, NEW = "correct horse battery", "a brand new passphrase"


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    folder = tmp_path_factory.mktemp("smtp")
    server = SmtpServer(folder).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail_server_app(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpServer) -> Iterator[str]:
    data = tmp_path_factory.mktemp("mail-journey")
    with running_server(data, JOBS_MAIL_SECONDS="0.3", **smtp.settings) as url:
        yield url


def test_forgot_password_to_a_new_password_through_the_mail(
    browser: Browser, mail_server_app: str, smtp: SmtpServer
):
    context = browser.new_context(base_url=mail_server_app, timezone_id="Europe/Stockholm")
    page = context.new_page()
    page.goto("/signup")
    page.get_by_label("Your name").fill("Grace")
    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("Password").fill(OLD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))
    (welcome,) = smtp.wait_for(1)
    assert welcome["Subject"].startswith("Confirm your e-mail address")
    context.clear_cookies()

    page.goto("/signin")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("If an account uses that address")).to_be_visible()
    reset = smtp.wait_for(2)[-1]
    assert reset["Subject"].startswith("Reset your password")

    page.goto(link_in(reset, "/reset"))
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("New password again").fill(NEW)
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_text("Your password is changed")).to_be_visible()

    page.get_by_label("Email").fill("grace@example.com")
    page.get_by_label("Password").fill(NEW)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/$"))

    page.goto(link_in(welcome, "/confirm"))
    expect(page.get_by_text("Your address is confirmed")).to_be_visible()
    context.close()
