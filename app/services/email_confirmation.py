"""Confirming an address: a link mailed at sign-up (valid 7 days) that sets email_confirmed_at.

The app is fully usable before; only confirmed addresses are sent reminders.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db.engine import unit_of_work
from app.db.tables import Person
from app.domain.languages import DEFAULT, known
from app.mail.message import Button, Letterhead, compose
from app.mail.outbox import queue
from app.services.account_links import latest_link_at, make_link_token, use_link
from app.services.errors import NotFound
from app.translations import translator

CONFIRM_LIFETIME = timedelta(days=7)
RESEND_AFTER = timedelta(minutes=1)  # "Send the link again" at most once a minute


def queue_confirmation_mail(
    session: Session, *, person: Person, now: datetime, letterhead: Letterhead
) -> None:
    """A new confirmation link for the person, mailed; in the caller's transaction."""
    assert person.id is not None
    token_id, token = make_link_token(
        session, person_id=person.id, purpose="confirm", now=now, lifetime=CONFIRM_LIFETIME
    )
    brand = letterhead.brand_name
    words = translator(known(person.language) or DEFAULT)
    mail = compose(
        letterhead,
        to=person.email,
        subject=words.gettext("Confirm your e-mail address"),
        paragraphs=[
            words.gettext(
                "Welcome to {brand}! Please confirm that this address is yours, so that we can "
                "send you reminders about your challenges."
            ).format(brand=brand),
            Button(words.gettext("Confirm my address"), letterhead.link("/confirm", token=token)),
            words.gettext(
                "The link works for 7 days. You can use {brand} in the meantime; if you did not "
                "make an account, ignore this mail."
            ).format(brand=brand),
        ],
        words=words,
    )
    queue(session, mail, key=f"confirm:{token_id}", now=now, person_id=person.id)


def send_confirmation_again(
    engine: Engine, *, person_id: int, now: datetime, letterhead: Letterhead
) -> bool:
    """Mail a new link; False when the address is confirmed or a link went out a minute ago."""
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"person {person_id}")
        if person.email_confirmed_at is not None:
            return False
        latest = latest_link_at(session, person_id=person_id, purpose="confirm")
        if latest is not None and now - latest < RESEND_AFTER:
            return False
        queue_confirmation_mail(session, person=person, now=now, letterhead=letterhead)
        return True


def confirm_email(engine: Engine, *, token: str, now: datetime) -> bool:
    """Confirm the address the link was mailed to; False for an unknown, used or old link."""
    with unit_of_work(engine) as session:
        person_id = use_link(session, token=token, purpose="confirm", now=now)
        if person_id is None:
            return False
        confirm_person(session, person_id=person_id, now=now)
        return True


def confirm_person(session: Session, *, person_id: int, now: datetime) -> None:
    """Mark the address confirmed (once; the first time counts)."""
    person = session.get(Person, person_id)
    if person is not None and person.email_confirmed_at is None:
        person.email_confirmed_at = now
        session.add(person)
