"""Spending points: the balance read under the person's lock, so two spends at once queue.

Every debit (a redemption, a freeze, an undo's reversal) locks the person first and checks
the balance it reads: no path takes a balance below zero (docs/rules.md, "Spending points").
"""

from __future__ import annotations

from sqlmodel import Session, func, select

from app.db.tables import Person, PointsLedgerEntry
from app.domain.brand import Brand
from app.domain.errors import Counted
from app.services.errors import NotFound


def lock_balance(session: Session, person_id: int) -> int:
    """Lock the person (FOR NO KEY UPDATE, as awards do: other transactions' inserts hold KEY
    SHARE on the person through their foreign keys) and read their balance."""
    locked = session.exec(
        select(Person.id).where(Person.id == person_id).with_for_update(key_share=True)
    ).first()
    if locked is None:
        raise NotFound(f"person {person_id}")
    return balance_in(session, person_id)


def balance_in(session: Session, person_id: int) -> int:
    return int(
        session.exec(
            select(func.coalesce(func.sum(PointsLedgerEntry.points), 0)).where(
                PointsLedgerEntry.person_id == person_id
            )
        ).one()
    )


def points(amount: int) -> str:
    """An amount in the services' own messages: "1 point", "80 points" (the default brand's
    words; pages use their brand's)."""
    return _DEFAULT_BRAND.points(amount)


def counted_points(amount: int) -> Counted:
    """An amount as a refusal's value: "1 point", "80 points" in the message, the reader's
    language where a page shows it."""
    return Counted.ngettext("{count} point", "{count} points", amount)


_DEFAULT_BRAND = Brand()
