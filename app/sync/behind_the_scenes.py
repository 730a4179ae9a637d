"""What the loyalty platform holds for one person, read live over its API, beside ours.

The presenter's bar shows it in a demo ("Behind the scenes"); it reads only calls Capillary
itself answers (a customer's target groups with their periods, `trackedTargetEvents`), so it
shows the same against the real platform as against the sandbox.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, Period, Person
from app.sync import mapping
from app.sync.client import CapillaryClient
from app.sync.errors import UpstreamError


@dataclass(frozen=True)
class PeriodSides:
    """One period as Goalpost has it and as the platform counts it."""

    index: int
    day: date  # the local day it starts on, in the challenge's zone
    ours: float
    state: str  # achieved, missed, frozen, running, upcoming, skipped
    theirs: float | None  # None: the platform lists no such period


@dataclass(frozen=True)
class MirroredChallenge:
    challenge_id: int
    name: str
    group_id: int | None  # None: not created upstream yet (still in the outbox)
    target_id: int | None
    promotion_id: int | None
    enrolled: bool  # the platform lists the group for the customer
    events: int  # events the platform counted toward the target
    periods: list[PeriodSides]


@dataclass(frozen=True)
class BehindTheScenes:
    customer_id: int | None  # None: the person is not known upstream yet
    challenges: list[MirroredChallenge]
    problem: str | None = None  # the platform did not answer, in words


async def read_behind_the_scenes(
    engine: Engine, client: CapillaryClient, *, person_id: int, now: datetime
) -> BehindTheScenes:
    """Our challenges of the person with the platform's groups, enrolments, events and
    progress per period; the last `SHOWN_PERIODS` periods of each that have started."""
    customer_id, ours = await asyncio.to_thread(_ours, engine, person_id, now)
    if customer_id is None:
        return BehindTheScenes(None, [_alone(c, periods, now) for c, periods in ours])
    try:
        groups = await client.user_target_groups(customer_id)
        events = await asyncio.gather(
            *(
                client.tracked_events(customer_id, c.upstream_target_id)
                for c, _ in ours
                if c.upstream_target_id is not None
            )
        )
    except UpstreamError as exc:
        return BehindTheScenes(
            customer_id,
            [_alone(c, periods, now) for c, periods in ours],
            f"The loyalty platform did not answer: {exc}",
        )
    counted = iter(events)
    mirrored = []
    for challenge, periods in ours:
        group = _group(groups, challenge.upstream_group_id)
        seen = len(next(counted)) if challenge.upstream_target_id is not None else 0
        totals = _totals(group) if group is not None else {}
        mirrored.append(
            MirroredChallenge(
                challenge_id=challenge.id or 0,
                name=challenge.name,
                group_id=challenge.upstream_group_id,
                target_id=challenge.upstream_target_id,
                promotion_id=challenge.upstream_promotion_id,
                enrolled=group is not None,
                events=seen,
                periods=[_sides(p, challenge.timezone, now, totals.get(p.index)) for p in periods],
            )
        )
    return BehindTheScenes(customer_id, mirrored)


SHOWN_PERIODS = 14


def _ours(
    engine: Engine, person_id: int, now: datetime
) -> tuple[int | None, list[tuple[Challenge, list[Period]]]]:
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        customer_id = person.upstream_customer_id if person else None
        challenges = session.exec(
            select(Challenge)
            .where(Challenge.person_id == person_id, Challenge.status != "abandoned")
            .order_by(col(Challenge.id))
        ).all()
        found = []
        for challenge in challenges:
            periods = session.exec(
                select(Period)
                .where(Period.challenge_id == challenge.id, Period.starts_at <= now)
                .order_by(col(Period.index).desc())
                .limit(SHOWN_PERIODS)
            ).all()
            found.append((challenge, list(periods)[::-1]))
        return customer_id, found


def _alone(challenge: Challenge, periods: list[Period], now: datetime) -> MirroredChallenge:
    return MirroredChallenge(
        challenge_id=challenge.id or 0,
        name=challenge.name,
        group_id=challenge.upstream_group_id,
        target_id=challenge.upstream_target_id,
        promotion_id=challenge.upstream_promotion_id,
        enrolled=False,
        events=0,
        periods=[_sides(p, challenge.timezone, now, None) for p in periods],
    )


def _group(groups: list[Any], group_id: int | None) -> dict[str, Any] | None:
    if group_id is None:
        return None
    return next((dict(g) for g in groups if int(g.get("id") or 0) == group_id), None)


def _totals(group: dict[str, Any]) -> dict[int, float]:
    """Period index → what the platform counted, from its `Cycle_N` period names."""
    totals: dict[int, float] = {}
    for target in group.get("targets") or []:
        ref = str(target.get("periodRefCode") or "")
        number = ref.removeprefix(CYCLE)
        if ref.startswith(CYCLE) and number.isdigit():
            totals[int(number) - 1] = float(target.get("targetAchievedValue") or 0)
    return totals


CYCLE = mapping.period_ref(0).removesuffix("1")  # "Cycle_"


def _sides(period: Period, timezone: str, now: datetime, theirs: float | None) -> PeriodSides:
    if period.outcome:
        state = period.outcome
    elif period.achieved_at is not None:
        state = "achieved"
    else:
        state = "running" if period.starts_at <= now else "upcoming"
    day = period.starts_at.astimezone(ZoneInfo(timezone)).date()
    return PeriodSides(period.index, day, period.total, state, theirs)
