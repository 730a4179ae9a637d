"""How each kind of outbox item reaches Capillary; payloads are built here, at send time.

A sender returns a `Delivery` or raises: `TransientUpstreamError` (retry later),
`PermanentUpstreamError` or `Unsendable` (dead-letter with the reason). Reads of the
database run in a thread; upstream ids learnt on the way are written by `effects`, in the
same transaction that marks the item sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, EventType, Period, Person
from app.sync import mapping
from app.sync.claims import Claimed
from app.sync.client import CapillaryClient
from app.sync.errors import PermanentUpstreamError

RETRACT_REASON = (
    "Not mirrored: Capillary has no call that withdraws a behavioural event, so the "
    "upstream total keeps this log (docs/upstream.md, Undo)."
)
FIRST_PERIOD = mapping.period_ref(0)
INVALID_USER = 310011


class Unsendable(Exception):
    """Goalpost itself cannot send this item; the message says why and what to do."""


@dataclass
class Delivery:
    verdict: Literal["sent", "skipped"]
    reason: str | None = None
    effects: Callable[[Session], None] | None = None
    urgent: bool = False  # record before the stream's next item is built
    log_request: tuple[int, str] | None = None  # a sent event: its log, Capillary's requestId


@dataclass
class Context:
    challenge: Challenge
    periods: list[Period]
    event_type: EventType
    person: Person


async def deliver(
    engine: Engine, client: CapillaryClient, item: Claimed, now: datetime
) -> Delivery:
    """Send one claimed item; structural items come back `urgent`."""
    if item.kind == "event.post":
        if item.body is None:
            return Delivery("skipped", "Not mirrored: the log behind this event no longer exists.")
        request_id = await client.post_event(item.body, key=item.key)
        known = (int(item.payload["log_id"]), str(request_id)[:64]) if request_id else None
        return Delivery("sent", log_request=known)
    if item.kind == "event.retract":
        return Delivery("skipped", RETRACT_REASON)
    if item.kind == "event_type.define":
        return await _define_event_type(engine, client, item, now)
    if item.kind == "enrolment.delete" and item.payload.keys() >= _SELF_CONTAINED:
        return await _unenrol_left(client, item)
    sender = _STRUCTURAL.get(item.kind)
    if sender is None:
        raise Unsendable(f"Goalpost does not know how to send '{item.kind}'; report this bug.")
    context = await asyncio.to_thread(_load_context, engine, _challenge_id(item))
    return await sender(client, item, context, now)


async def _define_event_type(
    engine: Engine, client: CapillaryClient, item: Claimed, now: datetime
) -> Delivery:
    event_type_id = int(item.payload["event_type_id"])
    event_type = await asyncio.to_thread(_load_event_type, engine, event_type_id)
    await client.define_event(mapping.event_definition(event_type), key=item.key)
    return Delivery("sent", effects=_mark_defined(event_type_id, now), urgent=True)


async def _create_target_group(
    client: CapillaryClient, item: Claimed, ctx: Context, now: datetime
) -> Delivery:
    challenge, event_type = ctx.challenge, ctx.event_type
    if challenge.upstream_group_id is not None:
        return Delivery("sent", urgent=True)  # a previous attempt got this far
    # Defining again is cheap and harmless (1806), and the group needs the event to exist
    # upstream even when another challenge's stream owns the definition or Capillary lost it.
    await client.define_event(
        mapping.event_definition(event_type), key=f"event_type:{event_type.id}"
    )
    definition = _mark_defined(_saved(event_type), now)
    prefix = client.options.prefix
    body = mapping.target_group(challenge, ctx.periods, event_type, prefix=prefix, now=now)
    group = await client.create_target_group(body, key=item.key, retry=item.attempts > 0)
    ids = {"upstream_group_id": group.group_id, "upstream_target_id": group.target_id}
    store = _update(Challenge, _saved(challenge), ids)

    def effects(session: Session) -> None:
        definition(session)
        store(session)

    return Delivery("sent", effects=effects, urgent=True)


async def _create_promotion(
    client: CapillaryClient, item: Claimed, ctx: Context, now: datetime
) -> Delivery:
    challenge = ctx.challenge
    if challenge.upstream_promotion_id is not None:
        return Delivery("sent", urgent=True)
    group_id, target_id = _group_of(challenge)
    options = client.options
    body = mapping.promotion(
        challenge,
        ctx.periods,
        prefix=options.prefix,
        program_id=options.program_id,
        group_id=group_id,
        target_id=target_id,
        award_strategy=options.award_strategy,
        expiry_strategy=options.expiry_strategy,
    )
    promotion_id = await client.create_promotion(body, key=item.key)
    effects = _update(Challenge, _saved(challenge), {"upstream_promotion_id": promotion_id})
    return Delivery("sent", effects=effects, urgent=True)


async def _enrol(client: CapillaryClient, item: Claimed, ctx: Context, now: datetime) -> Delivery:
    group_id, target_id = _group_of(ctx.challenge)
    person = ctx.person
    customer_id = person.upstream_customer_id
    if customer_id is not None:
        try:
            await client.enrol(
                group_id, target_id, customer_id, period_name=FIRST_PERIOD, key=item.key
            )
            return Delivery("sent", urgent=True)
        except PermanentUpstreamError as exc:
            if exc.code != INVALID_USER:
                raise
            # Capillary no longer knows the id we kept: find or create the customer again.
    customer_id = await _customer(client, person)
    await client.enrol(group_id, target_id, customer_id, period_name=FIRST_PERIOD, key=item.key)
    effects = _update(Person, _saved(person), {"upstream_customer_id": customer_id})
    return Delivery("sent", effects=effects, urgent=True)


async def _unenrol(client: CapillaryClient, item: Claimed, ctx: Context, now: datetime) -> Delivery:
    challenge, person = ctx.challenge, ctx.person
    if challenge.upstream_group_id is None or person.upstream_customer_id is None:
        return Delivery("skipped", "Not mirrored: the challenge was never enrolled upstream.")
    group_id, target_id = _group_of(challenge)
    await client.unenrol(group_id, target_id, person.upstream_customer_id, key=item.key)
    return Delivery("sent", urgent=True)


async def _unenrol_left(client: CapillaryClient, item: Claimed) -> Delivery:
    """An un-enrolment of a deleted account: its rows are gone, the payload says it all."""
    payload = item.payload
    group_id, target_id = int(payload["group_id"]), int(payload["target_id"])
    await client.unenrol(group_id, target_id, int(payload["customer_id"]), key=item.key)
    return Delivery("sent", urgent=True)


async def _rename(client: CapillaryClient, item: Claimed, ctx: Context, now: datetime) -> Delivery:
    group_id, target_id = _group_of(ctx.challenge)
    group_name = mapping.group_name(client.options.prefix, _saved(ctx.challenge))
    name = str(item.payload["name"])
    await client.rename_target_rule(
        group_id, target_id, group_name=group_name, name=name, key=item.key
    )
    return Delivery("sent")


# What an un-enrolment written by app/services/leaving.py carries instead of a challenge id.
_SELF_CONTAINED = {"group_id", "target_id", "customer_id"}
_STRUCTURAL = {
    "target_group.create": _create_target_group,
    "target_group.rename": _rename,
    "promotion.create": _create_promotion,
    "enrolment.create": _enrol,
    "enrolment.delete": _unenrol,
}


async def _customer(client: CapillaryClient, person: Person) -> int:
    """Capillary's id for the person: looked up by external id, created when missing."""
    prefix = client.options.prefix
    external_id = mapping.customer_external_id(prefix, _saved(person))
    key = f"person:{person.id}:customer"
    found = await client.lookup_customer(external_id, key=key)
    if found is not None:
        return found
    return await client.create_customer(mapping.customer(person, prefix=prefix), key=key)


def _group_of(challenge: Challenge) -> tuple[int, int]:
    if challenge.upstream_group_id is None or challenge.upstream_target_id is None:
        raise Unsendable(
            "Goalpost cannot send this before the challenge's target group exists in "
            "Capillary; retry the challenge's sync."
        )
    return challenge.upstream_group_id, challenge.upstream_target_id


def _load_context(engine: Engine, challenge_id: int) -> Context:
    with unit_of_work(engine) as session:
        challenge = session.get(Challenge, challenge_id)
        if challenge is None:
            raise Unsendable(f"Challenge {challenge_id} no longer exists; nothing to send.")
        periods = session.exec(
            select(Period).where(Period.challenge_id == challenge_id).order_by(col(Period.index))
        ).all()
        event_type = session.get(EventType, challenge.event_type_id)
        person = session.get(Person, challenge.person_id)
        assert event_type is not None and person is not None
        return Context(challenge, list(periods), event_type, person)


def _load_event_type(engine: Engine, event_type_id: int) -> EventType:
    with unit_of_work(engine) as session:
        event_type = session.get(EventType, event_type_id)
        if event_type is None:
            raise Unsendable(f"Event type {event_type_id} no longer exists; nothing to send.")
        return event_type


def _mark_defined(event_type_id: int, now: datetime) -> Callable[[Session], None]:
    def effects(session: Session) -> None:
        session.execute(
            update(EventType)
            .where(col(EventType.id) == event_type_id, col(EventType.upstream_defined_at).is_(None))
            .values(upstream_defined_at=now)
            .execution_options(synchronize_session=False)
        )

    return effects


def _update(
    table: type[Challenge] | type[Person], row_id: int, values: Mapping[str, int]
) -> Callable[[Session], None]:
    def effects(session: Session) -> None:
        session.execute(
            update(table)
            .where(col(table.id) == row_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    return effects


def _challenge_id(item: Claimed) -> int:
    challenge_id = item.challenge_id or item.payload.get("challenge_id")
    if challenge_id is None:
        raise Unsendable(f"Outbox item {item.id} names no challenge; report this bug.")
    return int(challenge_id)


def _saved(row: Challenge | EventType | Person) -> int:
    assert row.id is not None
    return row.id
