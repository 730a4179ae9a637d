"""Forgot password, reset and confirmation links, and Settings' account cards, as a person
sees them; /_dev/mail in development."""

from __future__ import annotations

import asyncio

import pytest
from nicegui.testing import User
from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import MailItem
from app.mail.message import Letterhead
from app.services.account_links import make_link_token
from app.services.accounts import read_profile, sign_in
from app.services.passwords import RESET_LIFETIME
from app.services.sessions import session_person, start_session
from app.ui.account_pages import RESET_ANSWER
from tests.ui import harness
from tests.ui.conftest import PASSWORD, signed_in

NEW = "a brand new passphrase"


def mails() -> list[MailItem]:
    with Session(harness.ctx().engine) as session:
        return list(session.exec(select(MailItem).order_by(MailItem.id)).all())


def a_reset_link(person_id: int) -> str:
    ctx = harness.ctx()
    with unit_of_work(ctx.engine) as session:
        _, token = make_link_token(
            session,
            person_id=person_id,
            purpose="reset",
            now=ctx.clock.now(),
            lifetime=RESET_LIFETIME,
        )
    return token


async def ask_for_a_link(user: User, email: str) -> None:
    await user.open("/signin")
    user.find(marker="to-forgot").click()
    await user.should_see("Forgot your password?", retries=50)
    user.find(marker="email").type(email)
    user.find(marker="submit").click()
    await user.should_see(RESET_ANSWER, retries=50)


async def test_forgot_password_answers_the_same_for_a_known_and_an_unknown_address(user: User):
    await signed_in(user)
    before = len(mails())  # the confirmation mail of signing up, if any

    await ask_for_a_link(user, "nobody@example.com")
    assert len(mails()) == before
    await ask_for_a_link(user, "ada@example.com")

    sent = mails()[before:]
    assert [(m.to_address, m.subject.split(" · ")[0]) for m in sent] == [
        ("ada@example.com", "Reset your password")
    ]
    assert "http://127.0.0.1:" in sent[0].text_body and "/reset?token=" in sent[0].text_body


async def test_a_reset_link_sets_the_password_and_sends_the_person_to_sign_in(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    elsewhere = start_session(ctx.engine, person_id=person, now=ctx.clock.now())

    await user.open(f"/reset?token={a_reset_link(person)}")
    user.find(marker="new-password").type(NEW)
    user.find(marker="repeat-password").type(NEW + "!")
    user.find(marker="submit").click()
    await user.should_see("type the same password twice", retries=50)
    user.find(marker="repeat-password").clear().type(NEW)
    user.find(marker="submit").click()

    await user.should_see("Your password is changed", retries=50)
    assert sign_in(ctx.engine, email="ada@example.com", password=NEW, now=ctx.clock.now())
    assert session_person(ctx.engine, token=elsewhere, now=ctx.clock.now()) is None


async def test_an_unknown_or_used_link_says_so_and_offers_a_new_one(user: User):
    await user.open("/reset?token=not-a-real-token")

    await user.should_see("This link has expired or was used already", retries=50)
    await user.should_see(marker="ask-again")


async def test_settings_say_not_confirmed_until_the_link_is_opened(user: User):
    person = await signed_in(user)
    await user.open("/settings")
    await user.should_see("Not confirmed yet", retries=50)

    user.find(marker="send-confirmation").click()
    await user.should_see("the link works for 7 days", retries=50)
    body = mails()[-1].text_body
    token = body.split("/confirm?token=")[1].split()[0]
    await user.open(f"/confirm?token={token}")
    await user.should_see("Your address is confirmed", retries=50)

    assert read_profile(harness.ctx().engine, person_id=person).is_confirmed
    await user.open("/settings")
    await user.should_see(marker="email-confirmed", retries=50)


async def test_changing_the_password_in_settings_signs_out_the_other_sessions(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    elsewhere = start_session(ctx.engine, person_id=person, now=ctx.clock.now())
    await user.open("/settings")
    await user.should_see(marker="current-password", retries=50)

    user.find(marker="current-password").type(PASSWORD)
    user.find(marker="new-password").type(NEW)
    user.find(marker="change-password").click()

    await user.should_see("1 other session was signed out", retries=50)
    assert session_person(ctx.engine, token=elsewhere, now=ctx.clock.now()) is None
    await user.open("/settings")  # this browser is still signed in
    await user.should_see(marker="current-password", retries=50)


@pytest.fixture
def development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.setenv("JOBS_MAIL_SECONDS", "0.2")


async def test_in_development_the_dev_page_shows_the_mail_with_its_links(development, user: User):
    await signed_in(user)
    await ask_for_a_link(user, "ada@example.com")

    for _ in range(100):  # the mail job runs every 0.2 s; the page shows what it sent
        await user.open("/_dev/mail")
        try:
            user.find("Reset your password")
            break
        except AssertionError:
            await asyncio.sleep(0.1)
    await user.should_see("Reset your password", retries=50)
    links = [e.props.get("href", "") for e in user.find(marker="mail-link").elements]
    assert any("/reset?token=" in link for link in links)


def test_letterhead_links_are_absolute_and_quoted():
    head = Letterhead("Goalpost", "https://goalpost.example.com")
    assert head.link("/reset", token="a b&c") == "https://goalpost.example.com/reset?token=a+b%26c"
