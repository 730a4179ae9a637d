"""Sign-in throttling that a stranger cannot turn against the owner (docs/security.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import RuleError
from app.domain.sign_in_rules import CLIENT_FREE_FAILURES
from app.services.accounts import MAX_PASSWORD, sign_in, sign_up
from app.services.sessions import end_session, session_person, start_session
from tests.factories import local

NOW = local("UTC", 2026, 12, 2, 9)
PASSWORD = "correct horse battery"
OWNER = "owner@example.com"
OWNERS_DEVICE = "nonce-of-the-owners-phone"
ATTACKER = "203.0.113.7"


@pytest.fixture
def owner(engine) -> int:
    return sign_up(engine, email=OWNER, password=PASSWORD, timezone="UTC", now=NOW)


def fail(engine, *, email: str = OWNER, client: str = ATTACKER, device: str | None = None):
    with pytest.raises(RuleError) as refused:
        sign_in(engine, email=email, password="wrong guess", now=NOW, client=client, device=device)
    return str(refused.value)


def test_twenty_failures_from_a_stranger_never_stop_the_owner_on_their_own_device(engine, owner):
    answers = [fail(engine) for _ in range(20)]

    assert answers[:5] == ["That email and password don't match. Check both and try again."] * 5
    assert all("Too many" in answer for answer in answers[5:])
    signed_in = sign_in(
        engine, email=OWNER, password=PASSWORD, now=NOW, client=ATTACKER, device=OWNERS_DEVICE
    )
    assert signed_in == owner


def test_after_five_failures_new_devices_wait_even_with_the_right_password(engine, owner):
    for _ in range(5):
        fail(engine)

    with pytest.raises(
        RuleError, match=r"from new devices\. Wait 15 minutes, or sign in on a device"
    ):
        sign_in(engine, email=OWNER, password=PASSWORD, now=NOW, client="198.51.100.1")
    later = NOW + timedelta(minutes=15, seconds=1)
    assert sign_in(engine, email=OWNER, password=PASSWORD, now=later, client="198.51.100.1")


def test_failures_on_one_known_device_lock_that_device_only(engine, owner):
    for _ in range(5):
        fail(engine, device="a-stolen-laptop")

    with pytest.raises(RuleError, match="on this device"):
        sign_in(engine, email=OWNER, password=PASSWORD, now=NOW, device="a-stolen-laptop")
    assert sign_in(engine, email=OWNER, password=PASSWORD, now=NOW, device=OWNERS_DEVICE) == owner
    assert sign_in(engine, email=OWNER, password=PASSWORD, now=NOW, client="198.51.100.1")


def test_one_client_spraying_many_emails_is_slowed_down_with_a_growing_wait(engine, owner):
    for n in range(CLIENT_FREE_FAILURES):
        fail(engine, email=f"person{n}@example.com")

    assert "from here. Wait 1 second" in fail(engine, email="next@example.com")
    one_second_on = NOW + timedelta(seconds=1)
    with pytest.raises(RuleError, match="don't match"):
        sign_in(
            engine, email="next@example.com", password="x" * 9, now=one_second_on, client=ATTACKER
        )
    with pytest.raises(RuleError, match=r"from here\. Wait 2 seconds"):
        sign_in(
            engine, email="more@example.com", password="x" * 9, now=one_second_on, client=ATTACKER
        )
    assert sign_in(engine, email=OWNER, password=PASSWORD, now=NOW, client="198.51.100.1")


def test_the_owner_on_a_known_device_is_not_slowed_by_the_clients_wait(engine, owner):
    for n in range(CLIENT_FREE_FAILURES + 3):
        fail(engine, email=f"person{n}@example.com")

    assert (
        sign_in(
            engine, email=OWNER, password=PASSWORD, now=NOW, client=ATTACKER, device=OWNERS_DEVICE
        )
        == owner
    )


def test_a_password_over_the_limit_is_refused_with_the_limit_before_any_check(engine, owner):
    with pytest.raises(RuleError, match=f"at most {MAX_PASSWORD} characters") as refused:
        sign_in(engine, email=OWNER, password="x" * 1_000_000, now=NOW)
    assert refused.value.errors[0].field == "password"
    with pytest.raises(RuleError, match=f"at most {MAX_PASSWORD}"):
        sign_up(engine, email="new@example.com", password="y" * 129, timezone="UTC", now=NOW)


@pytest.mark.parametrize(
    "email", ["ada@", "ada@@example.com", "a b@example.com", "ada@example", "ada..b@example.com"]
)
def test_a_malformed_email_is_refused_beside_the_email_field(engine, email: str):
    with pytest.raises(RuleError) as refused:
        sign_up(engine, email=email, password=PASSWORD, timezone="UTC", now=NOW)
    assert refused.value.errors[0].field == "email"
    assert "name@example.com" in str(refused.value)


def test_an_email_is_stored_normalised_and_found_however_it_is_typed(engine, owner):
    assert sign_in(engine, email="  Owner@EXAMPLE.com ", password=PASSWORD, now=NOW) == owner
    with pytest.raises(RuleError, match="already exists"):
        sign_up(engine, email="OWNER@example.COM", password=PASSWORD, timezone="UTC", now=NOW)


@pytest.mark.parametrize("zone", [{"zone": "UTC"}, 42, "x" * 10_000, ["UTC"]])
def test_a_time_zone_that_is_not_a_zone_name_is_refused_clearly(engine, zone: object):
    with pytest.raises(RuleError, match="time zone") as refused:
        sign_up(engine, email="new@example.com", password=PASSWORD, timezone=zone, now=NOW)  # type: ignore[arg-type]
    assert refused.value.errors[0].field == "timezone"


def test_every_session_has_a_new_token_and_ends_when_signed_out(engine, owner):
    first = start_session(engine, person_id=owner, now=NOW)
    second = start_session(engine, person_id=owner, now=NOW)

    assert first != second
    assert session_person(engine, token=first, now=NOW) == owner
    end_session(engine, token=first, now=NOW)
    assert session_person(engine, token=first, now=NOW) is None
    assert session_person(engine, token=second, now=NOW) == owner
    assert session_person(engine, token=second, now=NOW + timedelta(days=31)) is None
    assert session_person(engine, token="made-up", now=NOW) is None
