"""Creating and abandoning challenges."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, EventType, Period, Person, saved_id
from app.domain.budget import pay_under_budget
from app.domain.challenge import TERMINAL_STATUSES, ChallengeSpec, Status
from app.domain.errors import N_, NAME_TAKEN, RuleError
from app.domain.names import clean_name, name_key
from app.domain.periods import PeriodBounds, initial_periods, local_day
from app.domain.validation import name_errors, validate_spec
from app.domain.zones import is_zone
from app.services.budget import budget_in
from app.services.errors import NotFound
from app.services.outbox import challenge_stream, enqueue
from app.services.period_state import close_due, finish
from app.services.records import owned_challenge


def create_challenge(
    engine: Engine,
    *,
    person_id: int,
    spec: ChallengeSpec,
    now: datetime,
    event_label: str = "",
    event_unit: str = "",
    template_key: str | None = None,
    points_as_set: bool = False,
) -> int:
    """Validate and store a challenge with its periods and its upstream outbox rows; its id.

    It pays what the brand's budget gives its effort; `points_as_set` keeps the spec's own
    amounts instead (the engine's tests fix them; the caps still hold)."""
    try:
        with unit_of_work(engine) as session:
            person = lock_person(session, person_id)
            challenge = add_challenge(
                session,
                person,
                spec,
                now=now,
                event_label=event_label,
                event_unit=event_unit,
                template_key=template_key,
                points_as_set=points_as_set,
            )
            return saved_id(challenge)
    except IntegrityError as exc:  # a concurrent create took the name between check and insert
        if "name" not in str(exc.orig).lower():
            raise
        raise RuleError.of(
            "name",
            "You already have a challenge called '{name}'. Pick another name.",
            code=NAME_TAKEN,
            name=clean_name(spec.name),
        ) from None


def lock_person(session: Session, person_id: int) -> Person:
    """The person, locked: it serialises their creates, so the checks in add_challenge hold."""
    person = session.get(Person, person_id, with_for_update=True)
    if person is None:
        raise NotFound(f"person {person_id}")
    return person


def add_challenge(
    session: Session,
    person: Person,
    spec: ChallengeSpec,
    *,
    now: datetime,
    event_label: str = "",
    event_unit: str = "",
    template_key: str | None = None,
    definition_id: int | None = None,
    consented_at: datetime | None = None,
    points_as_set: bool = False,
    mirrored: bool = True,
) -> Challenge:
    """Validate and add a challenge of the locked `person`, with its periods and its upstream
    outbox rows, in the caller's transaction. An assignment (`definition_id`) pays what its
    definition says; a self-made challenge pays under the brand's budget. `mirrored` False
    writes no upstream rows (imported history kept local, docs/upstream.md)."""
    spec = replace(spec, name=clean_name(spec.name))
    person_id = saved_id(person)
    taken = session.exec(select(Challenge.name).where(Challenge.person_id == person_id)).all()
    today = local_day(now, spec.timezone) if is_zone(spec.timezone) else now.date()
    errors = validate_spec(spec, today=today, taken_names=taken)
    if errors:
        raise RuleError(errors=errors)
    if definition_id is None and not points_as_set:  # read in this transaction: as it stands
        pay = pay_under_budget(budget_in(session), spec)
        spec = replace(
            spec, points_per_period=pay.per_period, points_on_completion=pay.on_completion
        )
    event_type = _event_type(session, spec, event_label, event_unit, now)
    challenge = _insert_challenge(
        session,
        person_id,
        spec,
        event_type,
        now,
        template_key=template_key,
        definition_id=definition_id,
        consented_at=consented_at,
        under_budget=definition_id is None,
        mirrored=mirrored,
    )
    insert_periods(session, challenge, initial_periods(spec, now))
    if mirrored:
        _enqueue_creation(session, challenge, person, now)
    return challenge


def rename_challenge(
    engine: Engine, *, person_id: int, challenge_id: int, name: str, now: datetime
) -> str:
    """Give a challenge a new name (the naming rule, 310008, 310069); its target rule upstream
    is renamed too. The name as stored."""
    name = clean_name(name)
    try:
        with unit_of_work(engine) as session:
            challenge = owned_challenge(session, person_id, challenge_id, lock=True)
            others = session.exec(
                select(Challenge.name).where(
                    Challenge.person_id == person_id, Challenge.id != challenge_id
                )
            ).all()
            errors = name_errors(name, others)
            if errors:
                raise RuleError(errors=errors)
            if name == challenge.name:
                return name
            challenge.name, challenge.name_key = name, name_key(name)
            session.add(challenge)
            enqueue(
                session,
                kind="target_group.rename",
                stream=challenge_stream(challenge_id),
                key=f"challenge:{challenge_id}:rename:{uuid.uuid4().hex}",
                payload={"challenge_id": challenge_id, "name": name},
                challenge_id=challenge_id,
                now=now,
            )
            return name
    except IntegrityError as exc:  # a concurrent create or rename took the name meanwhile
        if "name" not in str(exc.orig).lower():
            raise
        raise RuleError.of(
            "name",
            "You already have a challenge called '{name}'. Pick another name.",
            code=NAME_TAKEN,
            name=name,
        ) from None


def abandon_challenge(engine: Engine, *, person_id: int, challenge_id: int, now: datetime) -> None:
    """Stop a challenge for good; points already earned stay."""
    with unit_of_work(engine) as session:
        challenge = owned_challenge(session, person_id, challenge_id, lock=True)
        close_due(session, challenge, now)  # ended periods keep their outcome, even if late
        if Status(challenge.status) in TERMINAL_STATUSES and challenge.ended_at is not None:
            ended = N_("This challenge has already ended ({status}).")
            raise RuleError.of(
                "status", _ENDED_ALREADY.get(challenge.status, ended), status=challenge.status
            )
        finish(session, challenge, Status.ABANDONED, now)
        enqueue(
            session,
            kind="enrolment.delete",
            stream=challenge_stream(challenge_id),
            key=f"challenge:{challenge_id}:unenrol",
            payload={"challenge_id": challenge_id},
            challenge_id=challenge_id,
            now=now,
        )


# The English names the status; a page words each one whole.
_ENDED_ALREADY = {
    Status.COMPLETED.value: N_("This challenge has already ended (completed)."),
    Status.FAILED.value: N_("This challenge has already ended (failed)."),
    Status.ABANDONED.value: N_("This challenge has already ended (abandoned)."),
}


def insert_periods(session: Session, challenge: Challenge, bounds: list[PeriodBounds]) -> None:
    session.add_all(
        [
            Period(
                challenge_id=saved_id(challenge),
                index=b.index,
                starts_at=b.starts_at,
                ends_at=b.ends_at,
                target=challenge.target,
            )
            for b in bounds
        ]
    )


def _event_type(
    session: Session, spec: ChallengeSpec, label: str, unit: str, now: datetime
) -> EventType:
    existing = session.exec(select(EventType).where(EventType.key == spec.event_type)).first()
    if existing is not None:
        if existing.attribute and spec.attribute and existing.attribute != spec.attribute:
            raise RuleError.of(
                "attribute",
                "'{event_type}' records its amount as '{attribute}'; "
                "use that, or track a new kind of thing.",
                event_type=spec.event_type,
                attribute=existing.attribute,
            )
        return existing
    event_type = EventType(
        key=spec.event_type,
        label=clean_name(label)[:120] or spec.event_type.replace("_", " "),
        unit=unit,
        attribute=spec.attribute,
        created_at=now,
    )
    session.add(event_type)
    session.flush()
    return event_type


def _insert_challenge(
    session: Session,
    person_id: int,
    spec: ChallengeSpec,
    event_type: EventType,
    now: datetime,
    **origin: Any,
) -> Challenge:
    challenge = Challenge(
        person_id=person_id,
        event_type_id=saved_id(event_type),
        name=spec.name,
        name_key=name_key(spec.name),
        measure=spec.measure.value,
        attribute=spec.attribute,
        target=spec.target,
        frequency=spec.frequency.value,
        every_n_days=spec.every_n_days,
        total_periods=spec.total_periods,
        tracking=spec.tracking.value,
        required_periods=spec.periods_needed,
        window=spec.window.value,
        start_date=spec.start_date,
        first_day=spec.start_date,
        timezone=spec.timezone,
        points_per_period=spec.points_per_period,
        points_on_completion=spec.points_on_completion,
        status=Status.ACTIVE.value,
        **origin,
        created_at=now,
    )
    session.add(challenge)
    session.flush()
    return challenge


def _enqueue_creation(
    session: Session, challenge: Challenge, person: Person, now: datetime
) -> None:
    """Event definition (first use of the type), target group, promotion, enrolment — in order."""
    cid = challenge.id
    assert cid is not None
    stream = challenge_stream(cid)
    event_type_id = challenge.event_type_id
    first_use = (
        session.exec(
            select(Challenge.id).where(
                Challenge.event_type_id == event_type_id, Challenge.id != cid
            )
        ).first()
        is None
    )
    if first_use:
        enqueue(
            session,
            kind="event_type.define",
            stream=stream,
            key=f"event_type:{event_type_id}",
            payload={"event_type_id": event_type_id},
            challenge_id=cid,
            now=now,
        )
    for kind in ("target_group.create", "promotion.create", "enrolment.create"):
        enqueue(
            session,
            kind=kind,
            stream=stream,
            key=f"challenge:{cid}:{kind}",
            payload={"challenge_id": cid, "person_id": person.id},
            challenge_id=cid,
            now=now,
        )
