"""People: the accounts that own challenges."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from app.db.engine import unit_of_work
from app.db.tables import Person, saved_id
from app.domain.errors import RuleError


def register_person(
    engine: Engine,
    *,
    email: str,
    timezone: str,
    now: datetime,
    display_name: str = "",
    password_hash: str | None = None,
) -> int:
    """Create a person; their email must be new."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 320:
        raise RuleError("email", "Enter an email address like name@example.com.")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleError(
            "timezone", f"'{timezone}' is not a time zone; use one like 'Europe/Stockholm'."
        ) from None
    try:
        with unit_of_work(engine) as session:
            person = Person(
                email=email,
                timezone=timezone,
                display_name=display_name,
                password_hash=password_hash,
                created_at=now,
            )
            session.add(person)
            session.flush()
            return saved_id(person)
    except IntegrityError:
        raise RuleError(
            "email", "An account with this email already exists; sign in instead."
        ) from None
