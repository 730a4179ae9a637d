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
from app.translations import translator

SALT = "goalpost.unsubscribe"


def reminder_mailer(letterhead: Letterhead, secret: str) -> MailReminder:
    """Queues one mail per (challenge, period), in the transaction that records the reminder."""
    signer = URLSafeSerializer(secret, salt=SALT)

    def mail(session: Session, due: DueReminder, now: datetime) -> None:
        public_id = session.exec(select(Person.public_id).where(Person.id == due.person_id)).one()
        out = letterhead.link("/unsubscribe", token=signer.dumps(public_id))
        words = translator(due.language)
        unit = due.unit or (words.gettext("days") if due.counts_days else words.gettext("times"))
        so_far = words.gettext("{total} of {target} {unit} so far").format(
            total=words.number(due.total), target=words.number(due.target), unit=unit
        )
        message = compose(
            letterhead,
            to=due.email,
            subject=words.gettext("Reminder: {name}").format(name=due.name),
            paragraphs=[
                words.gettext("Time for {name}: {progress}.").format(
                    name=due.name, progress=so_far
                ),
                Button(
                    words.gettext("Log it now"), letterhead.link(f"/challenge/{due.challenge_id}")
                ),
                words.gettext("You get this because you set a reminder on {name}.").format(
                    name=due.name
                ),
                Button(words.gettext("Stop reminder mail"), out),
            ],
            words=words,
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
