"""Streak freezes: bought with points for one STREAK challenge, used when a period closes
missed (docs/rules.md, "Streak freezes").

Buying locks the challenge, then the person (the order awards and undos lock in), so a
purchase and a closing of the same challenge queue, and two purchases cannot pass the most
a person may hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.engine import reading, unit_of_work
from app.db.tables import Challenge, PointsLedgerEntry, StreakFreeze, saved_id
from app.domain.budget import Budget
from app.domain.challenge import TERMINAL_STATUSES, Frequency, Status, Tracking
from app.domain.describe import period_noun
from app.domain.errors import Counted, FieldError, RuleError
from app.domain.points import PointsReason
from app.services.budget import budget_in
from app.services.period_state import close_due
from app.services.records import owned_challenge, spec_of
from app.services.spending import balance_in, counted_points, lock_balance


@dataclass(frozen=True)
class FreezeOffer:
    """What the challenge page shows about freezes for one STREAK challenge."""

    price: int
    held: int  # bought and not yet used
    max_held: int
    used: int
    balance: int
    refusal: str | None  # why one cannot be bought now, in words; None when it can
    period: str = "period"  # what one period is called: day, week, 3-day period
    frequency: Frequency = Frequency.DAILY  # how often a period comes, for a page to word it
    every_n_days: int = 1
    refused: FieldError | None = None  # the refusal, for a page to word it (`said`)

    @property
    def can_buy(self) -> bool:
        return self.refusal is None


def read_freeze_offer(engine: Engine, *, person_id: int, challenge_id: int) -> FreezeOffer | None:
    """The freeze offer for a person's challenge; None unless it is a STREAK challenge."""
    with reading(engine) as session:
        return freeze_offer_in(session, owned_challenge(session, person_id, challenge_id))


def freeze_offer_in(session: Session, challenge: Challenge) -> FreezeOffer | None:
    """None where a freeze could never help: not a streak, or one that needs every period in
    a row (a frozen period does not count toward it), so the page offers nothing there."""
    if challenge.tracking != Tracking.STREAK.value:
        return None
    offer = _offer(session, challenge, balance_in(session, challenge.person_id))
    if challenge.required_periods >= challenge.total_periods and offer.held + offer.used == 0:
        return None
    return offer


def buy_freeze(
    engine: Engine, *, person_id: int, challenge_id: int, idempotency_key: str, now: datetime
) -> FreezeOffer:
    """Spend the freeze price on one more freeze for the challenge; the same key buys once.
    Refused (RuleError) when it cannot help, the most is held, or the points are short."""
    with unit_of_work(engine) as session:
        challenge = owned_challenge(session, person_id, challenge_id, lock=True)
        close_due(session, challenge, now)  # a period already missed is not one to cover
        balance = lock_balance(session, person_id)
        bought = session.exec(
            select(StreakFreeze.id).where(
                StreakFreeze.person_id == person_id,
                StreakFreeze.idempotency_key == idempotency_key,
            )
        ).first()
        if bought is not None:
            return _offer(session, challenge, balance)
        offer = _offer(session, challenge, balance)
        if offer.refused is not None:
            raise RuleError(errors=[offer.refused])
        freeze = StreakFreeze(
            person_id=person_id,
            challenge_id=saved_id(challenge),
            points=offer.price,
            idempotency_key=idempotency_key,
            bought_at=now,
        )
        session.add(freeze)
        session.flush()
        session.add(
            PointsLedgerEntry(
                person_id=person_id,
                challenge_id=challenge.id,
                reason=PointsReason.FREEZE_BOUGHT.value,
                points=-offer.price,
                note=f"Streak freeze: {challenge.name}",
                entry_key=f"freeze:{freeze.id}",
                created_at=now,
            )
        )
        return _offer(session, challenge, balance - offer.price)


def _offer(session: Session, challenge: Challenge, balance: int) -> FreezeOffer:
    budget = budget_in(session)
    held, used = _counts(session, saved_id(challenge))
    spec = spec_of(challenge)
    refused = _refusal(challenge, budget, held=held, balance=balance)
    return FreezeOffer(
        price=budget.freeze_price,
        held=held,
        max_held=budget.freeze_max_held,
        used=used,
        balance=balance,
        refusal=None if refused is None else refused.message,
        period=period_noun(spec),
        frequency=spec.frequency,
        every_n_days=spec.every_n_days,
        refused=refused,
    )


def _refusal(challenge: Challenge, budget: Budget, *, held: int, balance: int) -> FieldError | None:
    """Why a freeze cannot be bought now, or None when it can."""
    if challenge.tracking != Tracking.STREAK.value:
        return FieldError.of(
            "freeze", "A freeze protects a streak of periods in a row, and this challenge has none."
        )
    if budget.freeze_max_held == 0:
        return FieldError.of("freeze", "Streak freezes aren't offered at the moment.")
    if Status(challenge.status) in TERMINAL_STATUSES:
        return FieldError.of(
            "freeze", "This challenge has ended, so a freeze has nothing left to protect."
        )
    if challenge.required_periods >= challenge.total_periods:
        return FieldError.of(
            "freeze",
            "This challenge needs all {count} of its periods in a row, and a frozen period "
            "doesn't count toward the streak: a freeze can't save it.",
            count=challenge.total_periods,
        )
    if held >= budget.freeze_max_held:
        return FieldError.of(
            "freeze",
            "You hold {held}, the most allowed.",
            held=Counted.ngettext("{count} unused freeze", "{count} unused freezes", held),
        )
    if balance < budget.freeze_price:
        return FieldError.of(
            "freeze",
            "A freeze costs {price} and you have {balance}: {short} more to go.",
            price=counted_points(budget.freeze_price),
            balance=counted_points(balance),
            short=counted_points(budget.freeze_price - balance),
        )
    return None


def _counts(session: Session, challenge_id: int) -> tuple[int, int]:
    """(held, used) freezes of the challenge."""
    rows = session.exec(
        select(col(StreakFreeze.used_period_id).is_(None), func.count())
        .where(StreakFreeze.challenge_id == challenge_id)
        .group_by(col(StreakFreeze.used_period_id).is_(None))
    ).all()
    found = {bool(unused): int(n) for unused, n in rows}
    return found.get(True, 0), found.get(False, 0)
