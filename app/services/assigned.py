"""Reading a brand's assignments as its systems see them: a contact's challenges and one by id.

What a checkpoint count means for each kind of rule is written in docs/api.md ("Progress").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.engine import reading
from app.db.tables import Challenge, ChallengeDefinition, LogCredit, Period, Person, saved_id
from app.domain.challenge import Status
from app.domain.definitions import participant_deadline
from app.services.assignments import refusals
from app.services.errors import NotFound


class AssignmentState(StrEnum):
    """Voyado's assignment statuses (its v2 string enum, in its declared order)."""

    UNKNOWN = "Unknown"
    COMPLETED = "Completed"
    NOT_COMPLETED = "NotCompleted"
    ACTIVE = "Active"


class AssignmentFilter(StrEnum):
    ALL = "All"
    ACTIVE = "Active"
    COMPLETED = "Completed"
    NOT_COMPLETED = "NotCompleted"


@dataclass(frozen=True)
class AssignmentView:
    public_id: str
    definition_public_id: str
    contact_id: str
    state: AssignmentState
    started: datetime
    ends: datetime | None
    completed_on: datetime | None
    completed_checkpoints: int
    required_checkpoints: int
    latest_checkpoint_on: datetime | None


@dataclass(frozen=True)
class AssignmentPage:
    items: list[AssignmentView]
    total: int


def list_assignments(
    engine: Engine,
    *,
    contact_id: str,
    definition_id: str | None,
    state_filter: AssignmentFilter,
    offset: int,
    count: int,
    now: datetime,
) -> AssignmentPage:
    """A contact's assignments, oldest first, narrowed by definition and state; one page."""
    with reading(engine) as session:
        person = _person(session, contact_id)
        query = select(Challenge, ChallengeDefinition).join(
            ChallengeDefinition, col(ChallengeDefinition.id) == col(Challenge.definition_id)
        )
        query = query.where(Challenge.person_id == saved_id(person))
        if definition_id is not None:
            query = query.where(ChallengeDefinition.public_id == definition_id)
        rows = session.exec(query.order_by(col(Challenge.id))).all()
        views = _views(session, person, rows, now)
    if state_filter is not AssignmentFilter.ALL:
        views = [v for v in views if v.state.value == state_filter.value]
    return AssignmentPage(views[offset : offset + count], len(views))


def read_assignment(engine: Engine, *, public_id: str, now: datetime) -> AssignmentView:
    """One assignment by its public id; NotFound for a self-made challenge or an unknown id."""
    with reading(engine) as session:
        row = session.exec(
            select(Challenge, ChallengeDefinition)
            .join(ChallengeDefinition, col(ChallengeDefinition.id) == col(Challenge.definition_id))
            .where(Challenge.public_id == public_id)
        ).first()
        if row is None:
            raise NotFound(f"challenge {public_id}")
        person = session.get(Person, row[0].person_id)
        assert person is not None
        return _views(session, person, [row], now)[0]


def required_checkpoints(total_periods: int, target: float, periods_needed: int) -> int:
    """A stamp card (one period) needs its target; otherwise, its periods (docs/api.md)."""
    return math.ceil(target) if total_periods == 1 else periods_needed


def _person(session: Session, contact_id: str) -> Person:
    person = session.exec(select(Person).where(Person.public_id == contact_id)).first()
    if person is None:
        raise NotFound(f"contact {contact_id}")
    return person


def _views(
    session: Session,
    person: Person,
    rows: Sequence[tuple[Challenge, ChallengeDefinition]],
    now: datetime,
) -> list[AssignmentView]:
    ids = [saved_id(c) for c, _ in rows]
    if not ids:
        return []
    periods = {
        cid: (achieved, total)
        for cid, achieved, total in session.exec(
            select(Period.challenge_id, func.count(col(Period.achieved_at)), func.max(Period.total))
            .where(col(Period.challenge_id).in_(ids))
            .group_by(col(Period.challenge_id))
        ).all()
    }
    latest = dict(
        session.exec(
            select(LogCredit.challenge_id, func.max(LogCredit.occurred_at))
            .where(col(LogCredit.challenge_id).in_(ids), col(LogCredit.withdrawn_at).is_(None))
            .group_by(col(LogCredit.challenge_id))
        ).all()
    )
    refused = refusals(session, [c for c, _ in rows], now)
    views = []
    for challenge, definition in rows:
        cid = saved_id(challenge)
        achieved, total = periods.get(cid, (0, 0.0))
        required = required_checkpoints(
            challenge.total_periods, challenge.target, challenge.required_periods
        )
        # A stamp card's checkpoints are its amount so far; otherwise its achieved periods.
        done = math.floor(total or 0) if challenge.total_periods == 1 else int(achieved)
        deadline = participant_deadline(challenge.created_at, definition.expiration_months)
        ends = min((d for d in (deadline, definition.scheduled_to) if d), default=None)
        views.append(
            AssignmentView(
                public_id=challenge.public_id,
                definition_public_id=definition.public_id,
                contact_id=person.public_id,
                state=_state(challenge, cid in refused),
                started=challenge.created_at,
                ends=ends,
                completed_on=challenge.completed_at,
                completed_checkpoints=done,
                required_checkpoints=required,
                latest_checkpoint_on=latest.get(cid),
            )
        )
    return views


def _state(challenge: Challenge, refused: bool) -> AssignmentState:
    if challenge.status == Status.COMPLETED.value:
        return AssignmentState.COMPLETED
    if refused or challenge.status in (Status.FAILED.value, Status.ABANDONED.value):
        return AssignmentState.NOT_COMPLETED
    return AssignmentState.ACTIVE
