"""Forgot password, reset links, confirming an address and changing the password, with the
mail read from a real SMTP server (docs/security.md, "Reset links")."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import Session, select

from app.db.tables import AccountToken, MailItem
from app.domain.errors import RuleError
from app.mail.message import Letterhead
from app.mail.relay import send_mail
from app.mail.senders import SmtpSender
from app.services.accounts import read_profile, sign_in, sign_up
from app.services.email_confirmation import confirm_email, send_confirmation_again
from app.services.passwords import (
    ResetThrottle,
    change_password,
    request_password_reset,
    reset_password,
)
from app.services.sessions import session_person, start_session
from tests.factories import local
from tests.mail_server import link_in, text_of

NOW = local("UTC", 2026, 12, 3, 9)
OLD, NEW = "correct horse battery", "a brand new passphrase"
ADA = "ada@example.com"
LETTERHEAD = Letterhead("Nordic Fitness", "https://goalpost.example.com")


@pytest.fixture
def ada(engine) -> int:
    return sign_up(engine, email=ADA, password=OLD, timezone="UTC", now=NOW)


def deliver(engine, smtp_server, *, at=NOW) -> None:
    sender = SmtpSender("127.0.0.1", smtp_server.port, "none", None, None, "x <x@example.com>")
    asyncio.run(send_mail(engine, sender, now=lambda: at))


def token_of(link: str) -> str:
    return parse_qs(urlparse(link).query)["token"][0]


def reset_link(engine, smtp_server, email: str = ADA) -> str:
    request_password_reset(engine, email=email, now=NOW, letterhead=LETTERHEAD)
    deliver(engine, smtp_server)
    return link_in(smtp_server.wait_for(1)[-1], "/reset")


def test_a_known_address_gets_a_one_hour_link_in_the_brands_name(engine, smtp_server, ada):
    link = reset_link(engine, smtp_server)

    (mail,) = smtp_server.messages()
    assert mail["To"] == ADA and mail["Subject"] == "Reset your password · Nordic Fitness"
    assert link.startswith("https://goalpost.example.com/reset?token=")
    assert "works for an hour" in text_of(mail) and "Nordic Fitness" in text_of(mail)
    with Session(engine) as session:  # only the token's hash is kept
        stored = session.exec(select(AccountToken.token_hash)).one()
    assert token_of(link) not in stored and len(stored) == 64


def test_an_unknown_address_gets_the_same_nothing_and_no_mail(engine, smtp_server, ada):
    answer = request_password_reset(
        engine, email="nobody@example.com", now=NOW, letterhead=LETTERHEAD
    )
    deliver(engine, smtp_server)

    assert answer is None  # the page shows one answer either way
    with Session(engine) as session:
        assert session.exec(select(MailItem)).all() == []
    assert smtp_server.messages() == []


def test_the_link_sets_a_new_password_once_and_signs_out_every_session(engine, smtp_server, ada):
    phone = start_session(engine, person_id=ada, now=NOW)
    laptop = start_session(engine, person_id=ada, now=NOW)
    token = token_of(reset_link(engine, smtp_server))

    assert reset_password(engine, token=token, password=NEW, now=NOW) == ada

    assert session_person(engine, token=phone, now=NOW) is None
    assert session_person(engine, token=laptop, now=NOW) is None
    assert sign_in(engine, email=ADA, password=NEW, now=NOW) == ada
    with pytest.raises(RuleError):
        sign_in(engine, email=ADA, password=OLD, now=NOW)
    with pytest.raises(RuleError, match="expired or was used already"):
        reset_password(engine, token=token, password="yet another one", now=NOW)
    assert sign_in(engine, email=ADA, password=NEW, now=NOW) == ada


def test_the_link_expires_after_an_hour(engine, smtp_server, ada):
    token = token_of(reset_link(engine, smtp_server))

    with pytest.raises(RuleError, match="expired"):
        reset_password(engine, token=token, password=NEW, now=NOW + timedelta(minutes=61))
    assert sign_in(engine, email=ADA, password=OLD, now=NOW) == ada


def test_a_password_too_short_leaves_the_link_usable(engine, smtp_server, ada):
    token = token_of(reset_link(engine, smtp_server))

    with pytest.raises(RuleError, match="at least 8"):
        reset_password(engine, token=token, password="short", now=NOW)
    assert reset_password(engine, token=token, password=NEW, now=NOW) == ada


def test_two_instances_using_one_link_at_once_accept_it_once(engine, smtp_server, ada):
    token = token_of(reset_link(engine, smtp_server))
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def use(password: str) -> None:
        start.wait()
        try:
            reset_password(engine, token=token, password=password, now=NOW)
            outcomes.append("accepted")
        except RuleError:
            outcomes.append("refused")

    threads = [threading.Thread(target=use, args=(p,)) for p in (NEW, "the other passphrase")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted", "refused"]


def test_signing_up_mails_a_seven_day_link_that_confirms_the_address(engine, smtp_server):
    person = sign_up(
        engine, email=ADA, password=OLD, timezone="UTC", now=NOW, letterhead=LETTERHEAD
    )
    assert not read_profile(engine, person_id=person).is_confirmed
    deliver(engine, smtp_server)

    (mail,) = smtp_server.wait_for(1)
    assert mail["Subject"] == "Confirm your e-mail address · Nordic Fitness"
    assert "7 days" in text_of(mail)
    token = token_of(link_in(mail, "/confirm"))
    assert not confirm_email(engine, token=token, now=NOW + timedelta(days=8))
    assert confirm_email(engine, token=token, now=NOW + timedelta(days=6))
    profile = read_profile(engine, person_id=person)
    assert profile.is_confirmed and profile.email_confirmed_at == NOW + timedelta(days=6)
    assert not confirm_email(engine, token=token, now=NOW + timedelta(days=6))


def test_the_confirmation_link_is_sent_again_at_most_once_a_minute_and_not_once_confirmed(
    engine, ada
):
    assert send_confirmation_again(engine, person_id=ada, now=NOW, letterhead=LETTERHEAD)
    assert not send_confirmation_again(
        engine, person_id=ada, now=NOW + timedelta(seconds=30), letterhead=LETTERHEAD
    )
    assert send_confirmation_again(
        engine, person_id=ada, now=NOW + timedelta(minutes=2), letterhead=LETTERHEAD
    )
    with Session(engine) as session:
        assert len(session.exec(select(MailItem)).all()) == 2


def test_changing_the_password_keeps_this_session_and_ends_the_others(engine, ada):
    here = start_session(engine, person_id=ada, now=NOW)
    elsewhere = start_session(engine, person_id=ada, now=NOW)

    with pytest.raises(RuleError, match="not your current password"):
        change_password(engine, person_id=ada, current="wrong one!", new=NEW, keep_token=here)
    ended = change_password(engine, person_id=ada, current=OLD, new=NEW, keep_token=here)

    assert ended == 1
    assert session_person(engine, token=here, now=NOW) == ada
    assert session_person(engine, token=elsewhere, now=NOW) is None
    assert sign_in(engine, email=ADA, password=NEW, now=NOW) == ada


def test_forgot_password_is_limited_per_address_and_per_client():
    throttle = ResetThrottle(per_address="5/hour", per_client="20/hour")

    to_ada = [throttle.allow(email=ADA, client=f"198.51.100.{n}") for n in range(6)]
    from_one_client = [
        throttle.allow(email=f"p{n}@example.com", client="203.0.113.9") for n in range(21)
    ]

    assert to_ada == [True] * 5 + [False]
    assert from_one_client == [True] * 20 + [False]
