"""Forgotten and changed passwords: a one-hour, one-use link mailed to the address, and
every other session ended when the password changes."""

from __future__ import annotations

from datetime import datetime, timedelta

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import Person
from app.domain.errors import N_, RuleError
from app.domain.languages import DEFAULT, known
from app.mail.message import Button, Letterhead, compose
from app.mail.outbox import queue
from app.services.account_links import link_person, make_link_token, use_link
from app.services.accounts import (
    MAX_PASSWORD,
    check_password_length,
    hash_password,
    password_matches,
)
from app.services.email_confirmation import confirm_person
from app.services.errors import NotFound
from app.services.people import normalised_email
from app.services.sessions import end_sessions_of
from app.translations import translator

RESET_LIFETIME = timedelta(hours=1)
LINK_REFUSED = N_("This link has expired or was used already. Ask for a new one.")


def request_password_reset(
    engine: Engine, *, email: str, now: datetime, letterhead: Letterhead
) -> None:
    """Mail a reset link when an account uses the address; say nothing either way."""
    address = normalised_email(email)
    with unit_of_work(engine) as session:
        person = session.exec(select(Person).where(Person.email == address)).first()
        if person is None or person.id is None:
            return
        token_id, token = make_link_token(
            session, person_id=person.id, purpose="reset", now=now, lifetime=RESET_LIFETIME
        )
        words = translator(known(person.language) or DEFAULT)
        mail = compose(
            letterhead,
            to=person.email,
            subject=words.gettext("Reset your password"),
            paragraphs=[
                words.gettext(
                    "Someone, we hope you, asked to reset the password of your {brand} account."
                ).format(brand=letterhead.brand_name),
                Button(
                    words.gettext("Choose a new password"), letterhead.link("/reset", token=token)
                ),
                words.gettext(
                    "The link works for an hour, and once. If you did not ask, ignore this mail: "
                    "your password stays as it is."
                ),
            ],
            words=words,
        )
        queue(session, mail, key=f"reset:{token_id}", now=now, person_id=person.id)


def reset_link_works(engine: Engine, *, token: str, now: datetime) -> bool:
    """Whether the link would still set a password (the page asks before drawing the form)."""
    with Session(engine) as session:
        return link_person(session, token=token, purpose="reset", now=now) is not None


def reset_password(engine: Engine, *, token: str, password: str, now: datetime) -> int:
    """Set a new password with a reset link, once; every session of the person ends."""
    check_password_length(password)
    with unit_of_work(engine) as session:
        person_id = use_link(session, token=token, purpose="reset", now=now)
        if person_id is None:
            raise RuleError.of("token", LINK_REFUSED)
        person = session.get(Person, person_id)
        if person is None:
            raise RuleError.of("token", LINK_REFUSED)
        person.password_hash = hash_password(password)
        session.add(person)
        end_sessions_of(session, person_id=person_id)
        # The link reached the address: it is the person's.
        confirm_person(session, person_id=person_id, now=now)
        return person_id


def change_password(
    engine: Engine, *, person_id: int, current: str, new: str, keep_token: str | None
) -> int:
    """Change the password knowing the current one; every other session ends (how many)."""
    if not isinstance(current, str) or not current:
        raise RuleError.of("current", "Enter your current password.")
    check_password_length(new)
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        if len(current) > MAX_PASSWORD or not password_matches(person.password_hash, current):
            raise RuleError.of("current", "That is not your current password. Check it and retry.")
        person.password_hash = hash_password(new)
        session.add(person)
        return end_sessions_of(session, person_id=person_id, except_token=keep_token)


class ResetThrottle:
    """How often "Forgot password?" mails one address or serves one client, so it cannot be
    used to flood someone's inbox; counted in Redis when instances share one."""

    def __init__(
        self,
        storage: str = "memory://",
        *,
        per_address: str = "5/hour",
        per_client: str = "20/hour",
        scope: str = "",
    ) -> None:
        """`scope` keeps deployments that share one Redis apart (the storage key prefix)."""
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage))
        self._scope = scope
        self._per_address, self._per_client = parse(per_address), parse(per_client)

    def allow(self, *, email: str, client: str) -> bool:
        """Count one request; False once the address or the client is over its limit."""
        by_client = self._limiter.hit(
            self._per_client, f"{self._scope}forgot-client", client or "-"
        )
        by_address = self._limiter.hit(self._per_address, f"{self._scope}forgot-address", email)
        return by_client and by_address
