"""How people take part in the brand's definitions, and what challenges paid this month.

A handful of aggregate queries, whatever the number of definitions or people: one per
figure family, grouped by definition, never one per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, distinct, func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import reading
from app.db.tables import Challenge, ChallengeDefinition, LogCredit, Period, PointsLedgerEntry
from app.domain.budget import EARNING_REASONS, Budget
from app.domain.periods import month_around
from app.services.budget import budget_in


# What challenges pay and take back; redemptions spend points, they are not paid out.
@dataclass(frozen=True)
class DefinitionParticipation:
    definition_id: int
    name: str
    assigned: int
    active: int  # running or waiting for its first log
    completed: int
    failed: int
    logged: int  # assignments with at least one log that counts
    achieved: int  # assignments with at least one achieved period
    points_paid: int  # awards minus reversals


@dataclass(frozen=True)
class MonthlyPayout:
    month_start: datetime  # the calendar month in UTC
    points_paid: int
    people_paid: int
    budget: Budget


@dataclass(frozen=True)
class Participation:
    definitions: list[DefinitionParticipation]
    month: MonthlyPayout


def read_participation(engine: Engine, *, now: datetime) -> Participation:
    """Every definition's figures and funnel, with this month's payout beside the budget."""
    with reading(engine) as session:
        return Participation(_definitions(session), _month(session, now))


def _definitions(session: Session) -> list[DefinitionParticipation]:
    definition_id = col(Challenge.definition_id)
    statuses = session.execute(
        sa_select(
            definition_id,
            func.count(),
            _counted(col(Challenge.status).in_(("active", "upcoming"))),
            _counted(col(Challenge.status) == "completed"),
            _counted(col(Challenge.status) == "failed"),
        )
        .where(definition_id.is_not(None))
        .group_by(definition_id)
    ).all()
    logged = _per_definition(
        session,
        select(definition_id, func.count(distinct(col(LogCredit.challenge_id))))
        .join(LogCredit, col(LogCredit.challenge_id) == Challenge.id)
        .where(col(LogCredit.withdrawn_at).is_(None)),
    )
    achieved = _per_definition(
        session,
        select(definition_id, func.count(distinct(col(Period.challenge_id))))
        .join(Period, col(Period.challenge_id) == Challenge.id)
        .where(col(Period.achieved_at).is_not(None)),
    )
    paid = _per_definition(
        session,
        select(definition_id, func.coalesce(func.sum(PointsLedgerEntry.points), 0))
        .join(PointsLedgerEntry, col(PointsLedgerEntry.challenge_id) == Challenge.id)
        .where(col(PointsLedgerEntry.reason).in_(EARNING_REASONS)),
    )
    figures = {row[0]: row[1:] for row in statuses}
    names = session.exec(
        select(ChallengeDefinition.id, ChallengeDefinition.name).order_by(
            col(ChallengeDefinition.id).desc()
        )
    ).all()
    found = []
    for key, name in names:
        assert key is not None
        assigned, active, completed, failed = figures.get(key, (0, 0, 0, 0))
        found.append(
            DefinitionParticipation(
                definition_id=key,
                name=name,
                assigned=int(assigned),
                active=int(active),
                completed=int(completed),
                failed=int(failed),
                logged=logged.get(key, 0),
                achieved=achieved.get(key, 0),
                points_paid=paid.get(key, 0),
            )
        )
    return found


def _month(session: Session, now: datetime) -> MonthlyPayout:
    start = month_start(now)
    per_person = (
        select(
            col(PointsLedgerEntry.person_id),
            func.sum(PointsLedgerEntry.points).label("paid"),
        )
        .where(
            col(PointsLedgerEntry.reason).in_(EARNING_REASONS),
            col(PointsLedgerEntry.created_at) >= start,
            col(PointsLedgerEntry.created_at) <= now,
        )
        .group_by(col(PointsLedgerEntry.person_id))
        .subquery()
    )
    paid, people = session.exec(
        select(
            func.coalesce(func.sum(per_person.c.paid), 0),
            func.coalesce(func.sum(case((per_person.c.paid > 0, 1), else_=0)), 0),
        )
    ).one()
    return MonthlyPayout(start, int(paid), int(people), budget_in(session))


def month_start(now: datetime) -> datetime:
    """The first instant of `now`'s calendar month in UTC."""
    return month_around(now, "UTC")[0]


def _counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _per_definition(session: Session, query: Any) -> dict[int, int]:
    definition_id = col(Challenge.definition_id)
    rows = session.exec(query.where(definition_id.is_not(None)).group_by(definition_id)).all()
    return {key: int(value) for key, value in rows}
