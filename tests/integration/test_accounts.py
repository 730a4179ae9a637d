"""Accounts: hashed passwords, readable refusals, and throttled guessing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.db.tables import Person
from app.domain.errors import RuleError
from app.services.accounts import read_profile, sign_in, sign_up, update_profile
from tests.factories import local

NOW = local("Europe/Stockholm", 2026, 3, 2, 8)
PASSWORD = "correct horse battery"


def test_the_password_is_stored_only_as_an_argon2_hash(engine):
    sign_up(
        engine, email="Ada@Example.com", password=PASSWORD, timezone="Europe/Stockholm", now=NOW
    )

    with Session(engine) as s:
        stored = s.exec(select(Person.password_hash)).one()
    assert stored.startswith("$argon2") and PASSWORD not in stored
    assert sign_in(engine, email="ada@example.com ", password=PASSWORD, now=NOW) > 0


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(engine):
    sign_up(engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=NOW)

    with pytest.raises(RuleError) as wrong:
        sign_in(engine, email="ada@example.com", password="nope nope", now=NOW)
    with pytest.raises(RuleError) as unknown:
        sign_in(engine, email="who@example.com", password=PASSWORD, now=NOW)
    assert str(wrong.value) == str(unknown.value)


def test_sign_in_is_throttled_after_five_failures_then_allowed_again(engine):
    sign_up(engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=NOW)
    for attempt in range(5):
        with pytest.raises(RuleError, match="don't match"):
            sign_in(engine, email="ada@example.com", password=f"guess {attempt}", now=NOW)

    with pytest.raises(RuleError, match="Too many failed attempts"):
        sign_in(engine, email="ada@example.com", password=PASSWORD, now=NOW)
    assert (
        sign_in(engine, email="ada@example.com", password=PASSWORD, now=NOW + timedelta(minutes=16))
        > 0
    )


def test_a_short_password_or_a_taken_email_is_refused_with_how_to_fix_it(engine):
    with pytest.raises(RuleError, match="at least 8 characters"):
        sign_up(engine, email="ada@example.com", password="short", timezone="UTC", now=NOW)
    sign_up(engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=NOW)
    with pytest.raises(RuleError, match="sign in instead"):
        sign_up(engine, email="ADA@example.com", password=PASSWORD, timezone="UTC", now=NOW)


def test_the_time_zone_can_be_changed_but_not_to_a_made_up_one(engine):
    person = sign_up(engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=NOW)

    update_profile(
        engine, person_id=person, display_name="Ada", timezone="Asia/Kolkata", dark_mode=True
    )
    with pytest.raises(RuleError, match="not a time zone"):
        update_profile(
            engine, person_id=person, display_name="Ada", timezone="Mars/Olympus", dark_mode=True
        )
    assert read_profile(engine, person_id=person).timezone == "Asia/Kolkata"
