"""Reading one challenge in depth (periods, logs, streak story) and the points ledger."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, func, select

from app.db.engine import reading
from app.db.tables import Log, LogCredit, Period, PointsLedgerEntry, saved_id
from app.domain.challenge import ChallengeSpec
from app.domain.counts import ENGLISH
from app.domain.describe import describe, streak_story
from app.domain.periods import local_day
from app.domain.points import running_balances
from app.services.closing import close_due_periods
from app.services.dashboard import ChallengeCard, card, failure_reasons, running_periods
from app.services.freezes import FreezeOffer, freeze_offer_in
from app.services.records import owned_challenge_and_type, spec_of
from app.translations import Translator

MAX_PERIODS_SHOWN = 400
LOGS_PER_PAGE = 20  # a long challenge's history is read a page at a time


@dataclass(frozen=True)
class PeriodRow:
    index: int
    starts_at: datetime
    ends_at: datetime | None
    total: float
    target: float
    state: str  # upcoming, running, achieved (maybe still running), missed, skipped
    running: bool


@dataclass(frozen=True)
class LogRow:
    log_id: int
    occurred_at: datetime
    amount: float
    undone: bool
    undoable: bool


@dataclass(frozen=True)
class ChallengeDetail:
    card: ChallengeCard
    sentence: str
    timezone: str
    periods: list[PeriodRow]
    logs: list[LogRow]
    streak_story: str
    measure: str
    attribute: str | None
    freeze: FreezeOffer | None = None  # a STREAK challenge's freezes; None for the others
    log_page: int = 1  # which page of `logs` this is, 1 the newest
    log_pages: int = 1
    # What `sentence` and `streak_story` are made from, for a page to word them in its
    # reader's language: the spec, and each started period's first local day with its state.
    spec: ChallengeSpec | None = None
    outcomes: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class LedgerRow:
    at: datetime
    note: str
    points: int
    balance: int


def read_challenge_detail(
    engine: Engine,
    *,
    person_id: int,
    challenge_id: int,
    now: datetime,
    log_page: int = 1,
    log_limit: int = LOGS_PER_PAGE,
    words: Translator = ENGLISH,
) -> ChallengeDetail:
    """Everything the challenge page shows, for the person who owns the challenge, with one
    page of its logs (a page past the last reads as the last); its sentences in `words`."""
    close_due_periods(engine, now=now, person_id=person_id)
    with reading(engine) as session:
        challenge, event_type = owned_challenge_and_type(session, person_id, challenge_id)
        periods = session.exec(
            select(Period)
            .where(Period.challenge_id == challenge_id)
            .order_by(col(Period.index).desc())
            .limit(MAX_PERIODS_SHOWN)
        ).all()[::-1]
        logged = session.exec(
            select(func.count())
            .select_from(LogCredit)
            .where(LogCredit.challenge_id == challenge_id)
        ).one()
        pages = max(math.ceil(logged / log_limit), 1)
        log_page = min(max(log_page, 1), pages)
        logs = session.exec(
            select(Log, LogCredit)
            .join(LogCredit, col(LogCredit.log_id) == Log.id)
            .where(LogCredit.challenge_id == challenge_id)
            .order_by(col(LogCredit.occurred_at).desc(), col(LogCredit.log_id).desc())
            .offset((log_page - 1) * log_limit)
            .limit(log_limit)
        ).all()
        open_ids = {saved_id(p) for p in periods if p.closed_at is None}
        running = running_periods(session, [challenge_id], now).get(challenge_id)
        spec = spec_of(challenge, event_type.key)
        rows = [_period_row(p, now) for p in periods]
        outcomes = tuple(
            (
                local_day(p.starts_at, spec.timezone),
                r.state + ("_running" if r.running and r.state == "achieved" else ""),
            )
            for p, r in zip(periods, rows, strict=True)
            if r.state != "upcoming"
        )
        story = streak_story(
            [(words.day(day, "EEEE dd MMMM"), outcome) for day, outcome in outcomes], words
        )
        return ChallengeDetail(
            card=card(
                challenge,
                event_type,
                running,
                now,
                failure_reasons(session, [challenge]).get(challenge_id),
            ),
            sentence=describe(spec, label=event_type.label, unit=event_type.unit, words=words),
            timezone=spec.timezone,
            periods=rows,
            logs=[
                LogRow(
                    saved_id(log),
                    log.occurred_at,
                    credit.amount,
                    credit.withdrawn_at is not None,
                    log.undone_at is None and credit.period_id in open_ids,
                )
                for log, credit in logs
            ],
            streak_story=story,
            measure=challenge.measure,
            attribute=challenge.attribute,
            freeze=freeze_offer_in(session, challenge),
            log_page=log_page,
            log_pages=pages,
            spec=spec,
            outcomes=outcomes,
        )


def read_ledger(engine: Engine, *, person_id: int, limit: int = 200) -> list[LedgerRow]:
    """The person's points entries, newest first, each with the balance after it."""
    with reading(engine) as session:
        entries = session.exec(
            select(PointsLedgerEntry)
            .where(PointsLedgerEntry.person_id == person_id)
            .order_by(col(PointsLedgerEntry.id))
        ).all()
    balances = running_balances(e.points for e in entries)
    rows = [
        LedgerRow(e.created_at, e.note, e.points, b) for e, b in zip(entries, balances, strict=True)
    ]
    return rows[::-1][:limit]


def _period_row(period: Period, now: datetime) -> PeriodRow:
    running = (
        period.closed_at is None
        and period.starts_at <= now
        and (period.ends_at is None or now < period.ends_at)
    )
    if period.outcome:
        state = period.outcome
    elif period.starts_at > now:
        state = "upcoming"
    else:
        state = "achieved" if period.achieved_at is not None else "running"
    return PeriodRow(
        period.index, period.starts_at, period.ends_at, period.total, period.target, state, running
    )
