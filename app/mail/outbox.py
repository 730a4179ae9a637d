"""The mail outbox: a row written in the caller's transaction, claimed by a relay under a lease.

Claims lock the due rows with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two relays never
claim the same mail; SQLite's BEGIN IMMEDIATE serialises claims. A relay that dies holding a
claim loses it when the lease runs out, and another sends the mail then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import MailItem
from app.mail.message import Mail

MAX_ATTEMPTS = 8  # about half an hour of a mail server that does not answer


def queue_mail(
    session: Session,
    *,
    key: str,
    to: str,
    subject: str,
    text: str,
    html: str,
    now: datetime,
    person_id: int | None = None,
) -> None:
    """Queue a mail in the caller's transaction; the same `key` twice is queued once."""
    found = session.exec(select(MailItem.id).where(MailItem.idempotency_key == key)).first()
    if found is not None:
        return
    session.add(
        MailItem(
            idempotency_key=key,
            person_id=person_id,
            to_address=to,
            subject=subject,
            text_body=text,
            html_body=html,
            next_attempt_at=now,
            created_at=now,
        )
    )
    session.flush()


def queue(session: Session, mail: Mail, *, key: str, now: datetime, person_id: int | None) -> None:
    """`queue_mail` for a composed `Mail`."""
    queue_mail(
        session,
        key=key,
        to=mail.to,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        now=now,
        person_id=person_id,
    )


@dataclass(frozen=True)
class ClaimedMail:
    id: int
    key: str
    attempts: int
    mail: Mail


def claim_mail(
    engine: Engine, *, owner: str, now: datetime, lease: timedelta, limit: int = 20
) -> list[ClaimedMail]:
    """Lease up to `limit` due mails, oldest first; mails another relay holds are left out."""
    with unit_of_work(engine) as session:
        rows = session.exec(
            select(MailItem)
            .where(
                MailItem.status == "pending",
                MailItem.next_attempt_at <= now,
                or_(col(MailItem.lease_until).is_(None), col(MailItem.lease_until) <= now),
            )
            .order_by(col(MailItem.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not rows:
            return []
        ids = [row.id for row in rows if row.id is not None]
        session.execute(
            update(MailItem)
            .where(col(MailItem.id).in_(ids))
            .values(lease_until=now + lease, lease_owner=owner)
            .execution_options(synchronize_session=False)
        )
        return [
            ClaimedMail(
                row.id,
                row.idempotency_key,
                row.attempts,
                Mail(row.to_address, row.subject, row.text_body, row.html_body),
            )
            for row in rows
            if row.id is not None
        ]


def mark_sent(engine: Engine, item: ClaimedMail, *, owner: str, now: datetime) -> None:
    _finish(engine, item, owner, status="sent", sent_at=now, attempts=item.attempts + 1)


def mark_failed(
    engine: Engine, item: ClaimedMail, *, owner: str, error: str, retry_at: datetime | None
) -> None:
    """Try again at `retry_at`; None: never again (dead, with the reason)."""
    _finish(
        engine,
        item,
        owner,
        status="pending" if retry_at is not None else "dead",
        attempts=item.attempts + 1,
        last_error=error[:2000],
        **({"next_attempt_at": retry_at} if retry_at is not None else {}),
    )


def pending_mail(engine: Engine) -> int:
    """How many mails wait to be sent (the operator page shows it)."""
    with Session(engine) as session:
        count = session.exec(
            select(func.count()).select_from(MailItem).where(MailItem.status == "pending")
        ).one()
    return int(count)


def _finish(engine: Engine, item: ClaimedMail, owner: str, **values: object) -> None:
    # Only while this relay still holds the lease: after it ran out, the mail is another's.
    with unit_of_work(engine) as session:
        session.execute(
            update(MailItem)
            .where(col(MailItem.id) == item.id, col(MailItem.lease_owner) == owner)
            .values(lease_until=None, lease_owner=None, **values)
            .execution_options(synchronize_session=False)
        )
