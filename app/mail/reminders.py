"""The reminder mail: what is left to do today, a link to log it, and a way out that works
without signing in (a signed link to /unsubscribe)."""

from __future__ import annotations

from datetime import datetime

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, select

from app.db.tables import Person
from app.mail.message import Button, Letterhead, compose
from app.mail.outbox import queue
from app.services.reminders import DueReminder, MailReminder

SALT = "goalpost.unsubscribe"


def reminder_mailer(letterhead: Letterhead, secret: str) -> MailReminder:
    """Queues one mail per (challenge, period), in the transaction that records the reminder."""
    signer = URLSafeSerializer(secret, salt=SALT)

    def mail(session: Session, due: DueReminder, now: datetime) -> None:
        public_id = session.exec(select(Person.public_id).where(Person.id == due.person_id)).one()
        out = letterhead.link("/unsubscribe", token=signer.dumps(public_id))
        message = compose(
            letterhead,
            to=due.email,
            subject=f"Reminder: {due.name}",
            paragraphs=[
                f"Time for {due.name}: {due.progress}.",
                Button("Log it now", letterhead.link(f"/challenge/{due.challenge_id}")),
                f"You get this because you set a reminder on {due.name}.",
                Button("Stop reminder mail", out),
            ],
        )
        queue(
            session,
            message,
            key=f"reminder:{due.challenge_id}:{due.period_index}",
            now=now,
            person_id=due.person_id,
        )

    return mail


def unsubscribed_person(secret: str, token: str) -> str | None:
    """The public id an unsubscribe link names, if it is one of ours."""
    if not token or len(token) > 400:
        return None
    try:
        found = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadSignature:
        return None
    return found if isinstance(found, str) else None
