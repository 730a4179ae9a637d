"""The two ways a period changes: its total moves (log, undo) or it closes.

Both keep the challenge's stored standing, the points ledger and the status in
step, inside the caller's transaction and with the challenge row locked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, event, exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select, update

from app.db.tables import Challenge, Period, Person, PointsLedgerEntry, saved_id
from app.domain.budget import AWARD_REASONS, Grant, grant
from app.domain.challenge import Status, Tracking
from app.domain.errors import RuleError
from app.domain.measures import add, is_reached
from app.domain.periods import month_around
from app.domain.points import PointsChange, PointsReason, points_for_change
from app.domain.progress import close_period, standing
from app.services.budget import budget_in
from app.services.frozen_periods import use_freeze
from app.services.records import period_label, progress_of, spec_of, store_progress
from app.services.spending import counted_points, lock_balance


def move_total(
    session: Session, challenge: Challenge, period: Period, delta: float, now: datetime
) -> None:
    """Add `delta` to a running period; award or take back points if achievement flips."""
    if delta == 0:
        return
    spec = spec_of(challenge)
    was_achieved = period.achieved_at is not None
    before = standing(spec, progress_of(challenge), running_achieved=was_achieved)
    period.total = add(period.total, delta)
    is_achieved = is_reached(period.total, period.target)
    if is_achieved and not was_achieved:
        period.achieved_at = now
        period.award_round += 1
    elif was_achieved and not is_achieved:
        period.achieved_at = None
    after = standing(spec, progress_of(challenge), running_achieved=is_achieved)
    was_completed, is_completed = (
        before.status is Status.COMPLETED,
        after.status is Status.COMPLETED,
    )
    if is_completed and not was_completed:
        challenge.completion_round += 1
        challenge.completed_at = now
    elif was_completed and not is_completed:
        challenge.completed_at = None
    challenge.status = after.status.value
    changes = points_for_change(
        spec,
        period_label=period_label(period),
        period_was_achieved=was_achieved,
        period_is_achieved=is_achieved,
        was_completed=was_completed,
        is_completed=is_completed,
    )
    _write_points(session, challenge, period, changes, now)
    session.add(period)
    session.add(challenge)


def close_due(
    session: Session, challenge: Challenge, now: datetime, due: Sequence[Period] | None = None
) -> int:
    """Close every period of the challenge that has ended, oldest first; returns how many.

    Idempotent: a closed period is never closed again, so a second run changes nothing.
    `due` is those periods when the caller has read them already (`due_periods`).
    """
    if due is None:
        due = due_periods(session, [saved_id(challenge)], now).get(saved_id(challenge), [])
    spec = spec_of(challenge)
    progress = progress_of(challenge)
    for period in due:
        if challenge.ended_at is not None:
            break
        achieved = period.achieved_at is not None
        frozen = (
            not achieved
            and spec.tracking is Tracking.STREAK
            and use_freeze(session, challenge, period, now)
        )
        progress = close_period(progress, achieved=achieved, frozen=frozen)
        period.closed_at = now
        period.outcome = "achieved" if achieved else "frozen" if frozen else "missed"
        session.add(period)
        status = standing(spec, progress).status
        if status in (Status.COMPLETED, Status.FAILED):
            _finish(session, challenge, status, ended_at=period.ends_at or now, now=now)
    store_progress(challenge, progress)
    session.add(challenge)
    return len(due)


def due_periods(
    session: Session, challenge_ids: Sequence[int], now: datetime
) -> dict[int, list[Period]]:
    """The ended, still open periods of these challenges, oldest first, in one query."""
    found: dict[int, list[Period]] = {cid: [] for cid in challenge_ids}
    for period in session.exec(
        select(Period)
        .where(
            col(Period.challenge_id).in_(list(challenge_ids)),
            col(Period.closed_at).is_(None),
            col(Period.ends_at) <= now,  # an open stamp card has no end: NULL is never due
        )
        .order_by(col(Period.challenge_id), col(Period.index))
    ).all():
        found[period.challenge_id].append(period)
    return found


def finish(session: Session, challenge: Challenge, status: Status, now: datetime) -> None:
    """End a challenge for good (abandon): its remaining periods are skipped."""
    _finish(session, challenge, status, ended_at=now, now=now)
    session.add(challenge)


def _finish(
    session: Session, challenge: Challenge, status: Status, *, ended_at: datetime, now: datetime
) -> None:
    challenge.status, challenge.ended_at = status.value, ended_at
    session.flush()
    session.exec(  # type: ignore[call-overload]
        update(Period)
        .where(col(Period.challenge_id) == challenge.id, col(Period.closed_at).is_(None))
        .values(closed_at=now, outcome="skipped")
    )


def _write_points(
    session: Session,
    challenge: Challenge,
    period: Period,
    changes: list[PointsChange],
    now: datetime,
) -> None:
    """Awards are paid under the caps (docs/rules.md, "Points budget"); a reversal takes back
    exactly what its award paid."""
    for change in changes:
        points, note = change.points, change.note
        if points > 0:
            granted = _under_caps(session, challenge, points, now)
            points = granted.points
            if granted.cut_by is not None:
                note = f"{note} {granted.cut_by}"
        else:
            session.info.pop(CAPS_PAID, None)  # the room it gives back: read afresh next time
            session.info[CAPS_STALE] = True
            points = -_paid_by(session, _award_key(change, challenge, period))
            if points == 0:
                continue  # the award paid nothing (a cap took it all): nothing to take back
            _refuse_if_spent(session, challenge.person_id, -points)
        session.add(
            PointsLedgerEntry(
                person_id=challenge.person_id,
                challenge_id=challenge.id,
                period_id=period.id,
                reason=change.reason.value,
                points=points,
                note=note,
                entry_key=_entry_key(change, challenge, period),
                created_at=now,
            )
        )


def _refuse_if_spent(session: Session, person_id: int, taken: int) -> None:
    """An undo may not take back points already spent (docs/rules.md, "Spending points")."""
    balance = lock_balance(session, person_id)
    if balance < taken:
        raise RuleError.of(
            "log",
            "Undoing this would take back {taken}, and you have {balance}: you've spent the "
            "rest on rewards or freezes. Points once spent stay spent, so this log stays.",
            taken=counted_points(taken),
            balance=counted_points(balance),
        )


def _under_caps(session: Session, challenge: Challenge, points: int, now: datetime) -> Grant:
    """What an award of `points` pays under the monthly cap and, for a self-made challenge,
    the challenge cap. The person's row is locked first, so two awards of theirs at once
    (from challenges not locked together) cannot both spend the same room.

    What the month and the challenge have paid is read once per transaction and then kept
    up to date in `session.info` as this transaction awards (a batch of checkpoints awards
    many times); a reversal or a rolled-back savepoint drops what was kept."""
    budget = budget_in(session)
    paid: dict[tuple[str, int], int] = session.info.setdefault(CAPS_PAID, {})
    month_key = ("month", challenge.person_id)
    if month_key not in paid:
        # NO KEY UPDATE: this transaction's own inserts (log, ledger) hold KEY SHARE on the
        # person through their foreign keys, which a plain FOR UPDATE would deadlock against.
        timezone = session.exec(
            select(Person.timezone)
            .where(Person.id == challenge.person_id)
            .with_for_update(key_share=True)
        ).one()
        _flush_if_reversed(session)
        starts, ends = month_around(now, timezone)
        paid[month_key] = _standing_awards_of_month(session, challenge.person_id, starts, ends)
    challenge_key = ("challenge", saved_id(challenge))
    if challenge.under_budget and challenge_key not in paid:
        _flush_if_reversed(session)
        paid[challenge_key] = session.exec(
            select(func.coalesce(func.sum(PointsLedgerEntry.points), 0)).where(
                PointsLedgerEntry.challenge_id == challenge.id
            )
        ).one()
    granted = grant(
        points,
        month_paid=paid[month_key],
        monthly_cap=budget.monthly_cap,
        challenge_paid=paid.get(challenge_key) if challenge.under_budget else None,
        challenge_cap=budget.challenge_cap if challenge.under_budget else None,
    )
    paid[month_key] += granted.points
    if challenge.under_budget:
        paid[challenge_key] += granted.points
    return granted


CAPS_PAID = "goalpost.caps_paid"
# A reversal was added since the last flush: the sums must see it (awards need not be
# flushed: every award of this transaction went through the kept sums).
CAPS_STALE = "goalpost.caps_stale"


def _flush_if_reversed(session: Session) -> None:
    if session.info.pop(CAPS_STALE, False):
        session.flush()


@event.listens_for(Session, "after_soft_rollback")
def _forget_caps_paid(session: Session, _transaction: object) -> None:
    session.info.pop(CAPS_PAID, None)
    session.info[CAPS_STALE] = True


_award, _reversal = aliased(PointsLedgerEntry), aliased(PointsLedgerEntry)
_REVERSAL_KEY = func.replace(
    func.replace(
        _award.entry_key,
        f":{PointsReason.PERIOD_ACHIEVED.value}",
        f":{PointsReason.PERIOD_REVERSED.value}",
    ),
    f":{PointsReason.CHALLENGE_COMPLETED.value}",
    f":{PointsReason.COMPLETION_REVERSED.value}",
)
# Built once: the ORM's statement building costs more than the query itself.
_STANDING_AWARDS = select(func.coalesce(func.sum(_award.points), 0)).where(
    _award.person_id == bindparam("person_id"),
    col(_award.reason).in_(AWARD_REASONS),
    col(_award.created_at) >= bindparam("starts"),
    col(_award.created_at) < bindparam("ends"),
    ~exists().where(col(_reversal.entry_key) == _REVERSAL_KEY),  # its unique index
)


def _standing_awards_of_month(
    session: Session, person_id: int, starts: datetime, ends: datetime
) -> int:
    """What the person's awards written this month still pay: an award later reversed (even
    next month) no longer counts, so a reversal gives back room in its award's month only."""
    return int(
        session.exec(
            _STANDING_AWARDS, params={"person_id": person_id, "starts": starts, "ends": ends}
        ).one()
    )


def _paid_by(session: Session, award_key: str) -> int:
    paid = session.exec(
        select(PointsLedgerEntry.points).where(PointsLedgerEntry.entry_key == award_key)
    ).first()
    return paid or 0


def _award_key(reversal: PointsChange, challenge: Challenge, period: Period) -> str:
    """The entry key of the award a reversal takes back (same round, the award's reason)."""
    award = (
        PointsReason.PERIOD_ACHIEVED
        if reversal.reason is PointsReason.PERIOD_REVERSED
        else PointsReason.CHALLENGE_COMPLETED
    )
    return _entry_key(PointsChange(award, 0, ""), challenge, period)


def _entry_key(change: PointsChange, challenge: Challenge, period: Period) -> str:
    """One key per award round: a retry or race that tries to award again hits the unique index."""
    if change.reason in (PointsReason.PERIOD_ACHIEVED, PointsReason.PERIOD_REVERSED):
        return f"period:{period.id}:round:{period.award_round}:{change.reason.value}"
    return f"challenge:{challenge.id}:round:{challenge.completion_round}:{change.reason.value}"
