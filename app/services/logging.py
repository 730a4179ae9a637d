"""Logging progress and undoing a log.

A log belongs to a person and an event type and counts toward each of their live challenges
on that type, as one behavioural event upstream counts toward every target group on its
event (docs/rules.md, "One log, every challenge"). It goes upstream once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, Log, Period, saved_id
from app.domain.challenge import Status, Window
from app.domain.errors import N_, RuleError
from app.domain.measures import log_amount
from app.domain.periods import local_day, plan_periods, start_of_local_day
from app.services.assignments import refusals
from app.services.challenges import insert_periods
from app.services.dashboard import points_balance
from app.services.errors import NotFound
from app.services.log_credits import credit, credits_of, lock_fed_challenges, withdraw
from app.services.outbox import cancel_unsent, challenge_stream, enqueue
from app.services.period_state import close_due, due_periods
from app.services.records import owned_challenge, period_at, periods_holding, spec_of

UNDONE_BEFORE_SENT = "Undone before it was sent upstream; nothing to mirror."


@dataclass(frozen=True)
class LogReceipt:
    log_id: int
    period_total: float  # in the challenge it was logged from
    period_achieved: bool
    duplicate: bool  # True when the idempotency key had already been used
    challenges: int = 1  # how many challenges it counted toward


def log_progress(
    engine: Engine,
    *,
    person_id: int,
    challenge_id: int,
    idempotency_key: str,
    now: datetime,
    occurred_at: datetime | None = None,
    attributes: Mapping[str, object] | None = None,
) -> LogReceipt:
    """Record one log from a challenge; it also counts toward the person's other live
    challenges on the same event type. The same idempotency key twice records it once."""
    with unit_of_work(engine) as session:
        receipt = record_log(
            session,
            person_id=person_id,
            challenge_id=challenge_id,
            idempotency_key=idempotency_key,
            now=now,
            occurred_at=occurred_at,
            attributes=attributes,
        )
        assert receipt is not None
        return receipt


def record_log(
    session: Session,
    *,
    person_id: int,
    challenge_id: int,
    idempotency_key: str,
    now: datetime,
    occurred_at: datetime | None = None,
    attributes: Mapping[str, object] | None = None,
    receipt: bool = True,
    imported: bool = False,
    send_upstream: bool = True,
) -> LogReceipt | None:
    """log_progress in the caller's transaction (a batch of checkpoints records many in one).
    A refusal (RuleError) may leave writes behind: run it in a savepoint to drop them.
    `receipt` False skips reading the receipt back (None), as a batch needs none. An
    `imported` log is marked so; `send_upstream` False writes no `event.post` for it."""
    occurred_at = occurred_at or now
    attributes = dict(attributes or {})
    origin = owned_challenge(session, person_id, challenge_id)
    fed = lock_fed_challenges(
        session, person_id=person_id, event_type_id=origin.event_type_id, origin_id=challenge_id
    )
    existing = _log_by_key(session, person_id, idempotency_key)
    if existing is not None:
        return _receipt(session, existing, challenge_id, duplicate=True) if receipt else None
    refused = refusals(session, fed, now)  # assignments of ended definitions take none
    if challenge_id in refused:
        raise RuleError.of("challenge", refused[challenge_id])
    fed = [c for c in fed if saved_id(c) not in refused]
    origin = next(c for c in fed if c.id == challenge_id)
    log = Log(
        person_id=person_id,
        event_type_id=origin.event_type_id,
        challenge_id=challenge_id,
        occurred_at=occurred_at,
        attributes=attributes,
        idempotency_key=idempotency_key,
        created_at=now,
        imported=imported,
    )
    # Each challenge's reads touch only its own rows, so pending writes need not be
    # flushed before every query: they go out together at the end (one log, N challenges).
    with session.no_autoflush:
        ids = [saved_id(c) for c in fed]
        due = due_periods(session, ids, now)
        for challenge in fed:
            close_due(session, challenge, now, due[saved_id(challenge)])
        holding = periods_holding(session, ids, occurred_at)
        period = open_period_for(session, origin, occurred_at, now, holding)
        session.add(log)
        session.flush()
        credit(session, origin, period, log, attributes, now)  # its refusals are the log's
        for other in fed:
            if other.id == challenge_id:
                continue
            counted_in = period_that_counts(session, other, occurred_at, attributes, now, holding)
            if counted_in is not None:
                credit(session, other, counted_in, log, attributes, now)
    if not (send_upstream and origin.mirrored):  # a local-only import's logs stay local
        return _receipt(session, log, challenge_id, duplicate=False) if receipt else None
    enqueue(
        session,
        kind="event.post",
        stream=challenge_stream(challenge_id),
        key=post_key(saved_id(log)),
        payload={"log_id": log.id},
        challenge_id=challenge_id,
        now=now,
    )
    return _receipt(session, log, challenge_id, duplicate=False) if receipt else None


def undo_log(engine: Engine, *, person_id: int, log_id: int, now: datetime) -> None:
    """Take a log back from every challenge whose period with it still runs; an ended period
    keeps it, its result being final. Un-achieving takes points back."""
    with unit_of_work(engine) as session:
        _undo(session, person_id, log_id, now)


def points_an_undo_takes(engine: Engine, *, person_id: int, log_id: int, now: datetime) -> int:
    """What undoing the log now would take back from the balance (0 when nothing, or when the
    undo would be refused: the undo itself then says why). The undo is tried and rolled back,
    so the answer follows exactly the rules the undo applies."""
    with Session(engine) as session:
        try:
            before = points_balance(session, person_id)
            _undo(session, person_id, log_id, now)
            session.flush()
            return max(before - points_balance(session, person_id), 0)
        except (RuleError, NotFound):
            return 0
        finally:
            session.rollback()


def _undo(session: Session, person_id: int, log_id: int, now: datetime) -> None:
    log = session.get(Log, log_id)
    if log is None or log.person_id != person_id:
        raise NotFound(f"log {log_id}")
    entries = credits_of(session, log_id)
    challenges = _lock(session, [e.challenge_id for e in entries])
    if log.undone_at is not None:
        return  # undoing twice is the same as once
    for challenge in challenges.values():
        close_due(session, challenge, now)
    running = []
    for entry in entries:
        period = session.get(Period, entry.period_id)
        assert period is not None
        if entry.withdrawn_at is None and period.closed_at is None:
            running.append((entry, period))
    if not running:
        raise RuleError.of(
            "log", "That period has ended, so its logs are final and can't be undone."
        )
    log.undone_at = now
    session.add(log)
    for entry, period in running:
        withdraw(session, challenges[entry.challenge_id], period, entry, now)
    if cancel_unsent(session, key=post_key(log_id), reason=UNDONE_BEFORE_SENT):
        return  # nothing went upstream, so nothing needs taking back
    stream_of = log.challenge_id or entries[0].challenge_id
    enqueue(
        session,
        kind="event.retract",
        stream=challenge_stream(stream_of),
        key=f"log:{log.id}:retract",
        payload={"log_id": log.id},
        challenge_id=stream_of,
        now=now,
    )


def post_key(log_id: int) -> str:
    """The idempotency key of a log's `event.post` outbox item."""
    return f"log:{log_id}:post"


def period_that_counts(
    session: Session,
    challenge: Challenge,
    occurred_at: datetime,
    attributes: Mapping[str, object],
    now: datetime,
    holding: dict[int, Period],
) -> Period | None:
    """Another challenge counts the log in this period when its running period holds the
    log's time and the log carries what its measure adds up; None: the log passes it by."""
    spec = spec_of(challenge)
    try:
        log_amount(spec.measure, spec.attribute, attributes)  # before a cyclic window starts
        return open_period_for(session, challenge, occurred_at, now, holding)
    except RuleError:
        return None


def open_period_for(
    session: Session,
    challenge: Challenge,
    occurred_at: datetime,
    now: datetime,
    holding: dict[int, Period],
) -> Period:
    """The running period a log at `occurred_at` belongs to, or a readable refusal.

    `holding` has each challenge's period at that time, read beforehand (`periods_holding`).
    """
    if occurred_at > now:
        raise RuleError.of("occurred_at", "You can't log something that hasn't happened yet.")
    if challenge.ended_at is not None or challenge.status == Status.COMPLETED.value:
        ended = N_("This challenge is {status}; start a new one to keep going.")
        raise RuleError.of(
            "challenge", _ENDED.get(challenge.status, ended), status=challenge.status
        )
    spec = spec_of(challenge)
    if spec.window is Window.CYCLIC_WINDOW and challenge.first_day is None:
        _start_cyclic_window(session, challenge, occurred_at)  # its periods are new: read them
        period = period_at(session, saved_id(challenge), occurred_at)
    else:
        period = holding.get(saved_id(challenge))
    if period is None:
        if challenge.first_day is not None and occurred_at < start_of_local_day(
            challenge.first_day, spec.timezone
        ):
            raise RuleError.of(
                "occurred_at",
                "This challenge starts on {day:%d %B %Y}; log from that day on.",
                day=challenge.first_day,
            )
        raise RuleError.of("occurred_at", "That time is outside this challenge's periods.")
    if period.closed_at is not None:
        raise RuleError.of(
            "occurred_at", "That period has ended; you can only log into the running period."
        )
    return period


# The English names the status; a page words each one whole.
_ENDED = {
    Status.COMPLETED.value: N_("This challenge is completed; start a new one to keep going."),
    Status.FAILED.value: N_("This challenge is failed; start a new one to keep going."),
    Status.ABANDONED.value: N_("This challenge is abandoned; start a new one to keep going."),
}


def _start_cyclic_window(session: Session, challenge: Challenge, occurred_at: datetime) -> None:
    """The first log after enrolment starts the periods, from its local day."""
    spec = spec_of(challenge)
    if occurred_at < challenge.created_at:
        raise RuleError.of(
            "occurred_at",
            "This challenge starts at your first log after you joined; log something from now on.",
        )
    challenge.first_day = local_day(occurred_at, spec.timezone)
    session.add(challenge)
    insert_periods(session, challenge, plan_periods(spec, challenge.first_day))
    session.flush()


def _receipt(session: Session, log: Log, challenge_id: int, *, duplicate: bool) -> LogReceipt:
    entries = credits_of(session, saved_id(log))
    mine = next((e for e in entries if e.challenge_id == challenge_id), None) or entries[0]
    period = session.get(Period, mine.period_id)
    assert period is not None
    return LogReceipt(
        saved_id(log), period.total, period.achieved_at is not None, duplicate, len(entries)
    )


def _lock(session: Session, challenge_ids: list[int]) -> dict[int, Challenge]:
    rows = session.exec(
        select(Challenge)
        .where(col(Challenge.id).in_(sorted(set(challenge_ids))))
        .order_by(col(Challenge.id))
        .with_for_update()
    ).all()
    return {saved_id(c): c for c in rows}


def _log_by_key(session: Session, person_id: int, key: str) -> Log | None:
    return session.exec(
        select(Log).where(Log.person_id == person_id, Log.idempotency_key == key)
    ).first()
