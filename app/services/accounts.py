"""Sign up, sign in (throttled after repeated failures) and the person's settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlmodel import col, delete, func, select

from app.db.engine import unit_of_work
from app.db.tables import Person, SignInFailure, saved_id
from app.domain.errors import RuleError
from app.services.errors import NotFound
from app.services.people import register_person

MIN_PASSWORD = 8
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
_hasher = PasswordHasher()
# Verified against when the email is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


@dataclass(frozen=True)
class Profile:
    person_id: int
    email: str
    display_name: str
    timezone: str
    dark_mode: bool


def sign_up(
    engine: Engine,
    *,
    email: str,
    password: str,
    timezone: str,
    now: datetime,
    display_name: str = "",
) -> int:
    """Create an account; the password is stored only as an argon2 hash."""
    if len(password) < MIN_PASSWORD:
        raise RuleError("password", f"Use at least {MIN_PASSWORD} characters for your password.")
    return register_person(
        engine,
        email=email,
        timezone=timezone,
        now=now,
        display_name=display_name.strip()[:120],
        password_hash=_hasher.hash(password),
    )


def sign_in(engine: Engine, *, email: str, password: str, now: datetime) -> int:
    """The person's id when email and password match; refused for a while after many failures."""
    email = email.strip().lower()
    with unit_of_work(engine) as session:
        recent = session.exec(
            select(func.count())
            .select_from(SignInFailure)
            .where(SignInFailure.email == email, SignInFailure.at > now - FAILURE_WINDOW)
        ).one()
        if recent >= MAX_FAILURES:
            raise RuleError(
                "password",
                "Too many failed attempts. Wait 15 minutes and try "
                "again, or check the email address.",
            )
        person = session.exec(select(Person).where(Person.email == email)).first()
        if person is not None and _matches(person.password_hash, password):
            session.exec(delete(SignInFailure).where(col(SignInFailure.email) == email))  # type: ignore[call-overload]
            return saved_id(person)
        session.add(SignInFailure(email=email, at=now))
    raise RuleError("password", "That email and password don't match. Check both and try again.")


def read_profile(engine: Engine, *, person_id: int) -> Profile:
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        return Profile(
            person_id, person.email, person.display_name, person.timezone, person.dark_mode
        )


def update_profile(
    engine: Engine, *, person_id: int, display_name: str, timezone: str, dark_mode: bool
) -> Profile:
    """Change name, time zone (for challenges created from now on) and dark mode."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleError(
            "timezone",
            f"'{timezone}' is not a time zone; pick one from the list, like 'Europe/Stockholm'.",
        ) from None
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        person.display_name, person.timezone = display_name.strip()[:120], timezone
        person.dark_mode = dark_mode
        session.add(person)
    return read_profile(engine, person_id=person_id)


def _matches(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
