"""Sign up, sign in (throttled: app.domain.sign_in_rules) and the person's settings."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.config import OPEN_ENVIRONMENTS
from app.db.engine import reading, unit_of_work
from app.db.tables import Person, saved_id
from app.domain.errors import RuleError
from app.domain.languages import Language, known
from app.domain.zones import is_zone
from app.mail.message import Letterhead
from app.services.email_confirmation import queue_confirmation_mail
from app.services.errors import NotFound
from app.services.people import checked_display_name, normalised_email, register_person
from app.services.sign_in_failures import forget_failures, record_failure, refuse_while_throttled

MIN_PASSWORD = 8
MAX_PASSWORD = 128  # argon2 takes any length; this bounds the work and the payload
CHEAP_HASHING = "PASSWORD_HASHING"  # =cheapest: the test suite's, see `password_hasher`

log = logging.getLogger(__name__)


def password_hasher(environ: Mapping[str, str]) -> PasswordHasher:
    """argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile, ~0.1 s a hash).

    The test suite makes thousands of accounts and sets PASSWORD_HASHING=cheapest for
    argon2's own profile for tests; it is honoured only where ENVIRONMENT is development or
    test, so a server anyone can reach never makes a cheap hash. Either verifies the other's
    hashes (an argon2 hash carries its parameters).
    """
    if environ.get(CHEAP_HASHING) != "cheapest":
        return PasswordHasher()
    if environ.get("ENVIRONMENT", "development") not in OPEN_ENVIRONMENTS:
        log.warning("%s=cheapest is ignored outside development and test", CHEAP_HASHING)
        return PasswordHasher()
    return PasswordHasher.from_parameters(profiles.CHEAPEST)


_hasher = password_hasher(os.environ)
# Verified against when the email is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


@dataclass(frozen=True)
class Profile:
    person_id: int
    email: str
    display_name: str
    timezone: str
    dark_mode: bool
    email_confirmed_at: datetime | None = None
    language: Language | None = None  # None: the browser's

    @property
    def is_confirmed(self) -> bool:
        """The person opened the link mailed to them: only confirmed addresses get reminders."""
        return self.email_confirmed_at is not None


def sign_up(
    engine: Engine,
    *,
    email: str,
    password: str,
    timezone: str,
    now: datetime,
    display_name: str = "",
    letterhead: Letterhead | None = None,
    language: Language | None = None,
) -> int:
    """Create an account; the password is stored only as an argon2 hash. `language` is the
    one we speak to the person (the browser's, until they choose in Settings). With a
    letterhead, the mail that confirms the address is queued in the same transaction."""
    check_password_length(password)

    def queue_confirmation(session: Session, person: Person) -> None:
        if letterhead is not None:
            queue_confirmation_mail(session, person=person, now=now, letterhead=letterhead)

    return register_person(
        engine,
        email=email,
        timezone=timezone,
        now=now,
        display_name=display_name,
        password_hash=hash_password(password),
        language=language,
        then=queue_confirmation,
    )


def sign_in(
    engine: Engine,
    *,
    email: str,
    password: str,
    now: datetime,
    client: str = "",
    device: str | None = None,
) -> int:
    """The person's id when email and password match; throttled per account, device and client.

    `client` is where the attempt comes from (an IP address); `device` the nonce of a device
    cookie this account was given at an earlier sign-in, None from any other device.
    """
    email = normalised_email(email)
    check_password_length(password, signing_up=False)
    with unit_of_work(engine) as session:
        refuse_while_throttled(session, email=email, client=client, device=device, now=now)
        person = session.exec(select(Person).where(Person.email == email)).first()
        if person is not None and _matches(person.password_hash, password):
            forget_failures(session, email=email, device=device)
            return saved_id(person)
        record_failure(session, email=email, client=client, device=device, now=now)
    raise RuleError.of("password", "That email and password don't match. Check both and try again.")


def check_password_length(password: object, *, signing_up: bool = True) -> None:
    """Refuse a password that is not text, too short (when choosing one) or too long."""
    if not isinstance(password, str) or not password:
        raise RuleError.of("password", "Enter your password.")
    if len(password) > MAX_PASSWORD:
        raise RuleError.of(
            "password", "Passwords can be at most {most} characters; shorten it.", most=MAX_PASSWORD
        )
    if signing_up and len(password) < MIN_PASSWORD:
        raise RuleError.of(
            "password", "Use at least {least} characters for your password.", least=MIN_PASSWORD
        )


def read_profile(engine: Engine, *, person_id: int) -> Profile:
    with reading(engine) as session:
        return profile_in(session, person_id)


def profile_in(session: Session, person_id: int) -> Profile:
    """`read_profile` in the caller's unit."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"person {person_id}")
    return Profile(
        person_id,
        person.email,
        person.display_name,
        person.timezone,
        person.dark_mode,
        person.email_confirmed_at,
        known(person.language),
    )


def update_profile(
    engine: Engine, *, person_id: int, display_name: str, timezone: str, dark_mode: bool
) -> Profile:
    """Change name, time zone (for challenges created from now on) and dark mode."""
    if not is_zone(timezone):
        raise RuleError.of(
            "timezone", "That is not a time zone; pick one from the list, like 'Europe/Stockholm'."
        )
    name = checked_display_name(display_name)
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        person.display_name, person.timezone = name, timezone
        person.dark_mode = bool(dark_mode)
        session.add(person)
    return read_profile(engine, person_id=person_id)


def set_language(engine: Engine, *, person_id: int, language: object) -> Language:
    """Speak `language` to the person from now on: on every page and in their mail."""
    chosen = known(language)
    if chosen is None:
        raise RuleError.of("language", "Pick English or Svenska.")
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        person.language = chosen
        session.add(person)
    return chosen


def hash_password(password: str) -> str:
    """The argon2 hash stored for a password."""
    return _hasher.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether `password` is the one `password_hash` was made from (argon2, constant work)."""
    return _matches(password_hash, password)


def _matches(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
