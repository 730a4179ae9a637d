"""Reconciliation: does Capillary's progress equal what the events we sent add up to?

Upstream counts every event of the customer's event name whose time falls in a period,
so the expected total of a period is computed over all of the person's logs on that event
type whose `event.post` was sent — undone or not (undo is not mirrored). Differences are
recorded in `upstream_difference`; a period that agrees again has its row cleared.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import unit_of_work
from app.db.tables import UpstreamDifference
from app.sync import mapping
from app.sync.client import CapillaryClient
from app.sync.errors import UpstreamError
from app.sync.expectations import Expected, PersonPlan, load_plans

TOLERANCE = 1e-6
RECENT = timedelta(days=7)  # ended challenges are still checked this long


@dataclass(frozen=True)
class Difference:
    challenge_id: int
    period_index: int
    expected_total: float
    upstream_total: float | None
    note: str


@dataclass
class ReconcileReport:
    challenges: int = 0
    periods: int = 0
    differences: list[Difference] = field(default_factory=list)
    cleared: int = 0
    unreadable: list[str] = field(default_factory=list)  # customers upstream did not answer for
    # (challenge id, period index) of periods a streak freeze covered here. Their totals agree
    # (the same events were sent), so they are no difference; upstream, which has no freezes,
    # has them missed and its streak restarted there (docs/upstream.md, "Streak freezes").
    frozen: list[tuple[int, int]] = field(default_factory=list)


async def reconcile(
    engine: Engine,
    client: CapillaryClient,
    *,
    now: Callable[[], datetime],
    concurrency: int = 8,
) -> ReconcileReport:
    """Compare every synced challenge's started periods with Capillary; record differences."""
    started = now()
    plans = await asyncio.to_thread(load_plans, engine, now=started, recent=RECENT)
    report = ReconcileReport()
    gate = asyncio.Semaphore(concurrency)
    checked: list[tuple[int, int]] = []

    async def check(plan: PersonPlan) -> None:
        async with gate:
            try:
                groups = await client.user_target_groups(plan.customer_id)
            except UpstreamError as exc:
                report.unreadable.append(f"customer {plan.customer_id}: {exc}")
                return
        for expected in plan.challenges:
            report.challenges += 1
            report.frozen.extend((expected.challenge_id, index) for index in expected.frozen)
            upstream = _upstream_totals(groups, expected.group_id)
            found = []
            for index, total in expected.totals.items():
                report.periods += 1
                checked.append((expected.challenge_id, index))
                difference = _compare(expected, index, total, upstream)
                if difference is not None:
                    found.append(difference)
            if found and upstream is not None:
                async with gate:
                    found = await _name_events(client, plan, expected, groups, found)
            report.differences.extend(found)

    await asyncio.gather(*(check(plan) for plan in plans))
    report.cleared = await asyncio.to_thread(_store, engine, checked, report.differences, now())
    return report


async def _name_events(
    client: CapillaryClient,
    plan: PersonPlan,
    expected: Expected,
    groups: list[dict],
    differences: list[Difference],
) -> list[Difference]:
    """Say which events make each difference: ours that Capillary did not count, and those it
    counted that Goalpost never sent (`trackedTargetEvents`, matched by requestId)."""
    if expected.target_id is None:
        return differences
    try:
        tracked = await client.tracked_events(plan.customer_id, expected.target_id)
    except UpstreamError:
        return differences  # the totals still stand on their own
    period_ids = _period_ids(groups, expected.group_id)
    named = []
    for difference in differences:
        period_id = period_ids.get(difference.period_index)
        counted = {str(row.get("uniqueId")) for row in tracked if row.get("periodId") == period_id}
        ours = expected.events.get(difference.period_index, [])
        missing = [log_id for log_id, request in ours if request not in counted]
        foreign = sorted(counted - {request for _, request in ours if request})
        parts = [difference.note]
        if missing:
            parts.append("Not counted there: log " + ", ".join(map(str, missing)) + ".")
        if foreign:
            parts.append("Counted there, never sent by Goalpost: " + ", ".join(foreign) + ".")
        named.append(replace(difference, note=" ".join(parts)))
    return named


def _period_ids(groups: list[dict], group_id: int) -> dict[int, int]:
    """Period index → Capillary's period id, from the customer's rows of the group."""
    ids: dict[int, int] = {}
    for group in groups:
        if int(group.get("id") or 0) != group_id:
            continue
        for target in group.get("targets") or []:
            ref = str(target.get("periodRefCode") or "")
            if ref.startswith("Cycle_") and ref[6:].isdigit() and target.get("periodId"):
                ids[int(ref[6:]) - 1] = int(target["periodId"])
    return ids


def _upstream_totals(groups: list[dict], group_id: int) -> dict[int, float] | None:
    """Period index → achieved value in the customer's group, or None if it is not listed."""
    for group in groups:
        if int(group.get("id") or 0) != group_id:
            continue
        totals: dict[int, float] = {}
        for target in group.get("targets") or []:
            ref = str(target.get("periodRefCode") or "")
            if ref.startswith("Cycle_") and ref[6:].isdigit():
                totals[int(ref[6:]) - 1] = float(target.get("targetAchievedValue") or 0)
        return totals
    return None


def _compare(
    expected: Expected, index: int, total: float, upstream: dict[int, float] | None
) -> Difference | None:
    if upstream is None:
        note = "Capillary does not list this challenge's target group for the customer."
        return Difference(expected.challenge_id, index, total, None, note)
    if index not in upstream:
        note = f"Capillary has no period {mapping.period_ref(index)} for this challenge."
        return Difference(expected.challenge_id, index, total, None, note)
    if abs(upstream[index] - total) <= TOLERANCE:
        return None
    note = (
        f"Capillary counts {upstream[index]:g} in {mapping.period_ref(index)}, the events "
        f"Goalpost sent add up to {total:g}."
    )
    return Difference(expected.challenge_id, index, total, upstream[index], note)


def _store(
    engine: Engine,
    checked: list[tuple[int, int]],
    differences: list[Difference],
    checked_at: datetime,
) -> int:
    """Upsert the differences, delete rows of checked periods that now agree; rows cleared."""
    found = {(d.challenge_id, d.period_index): d for d in differences}
    challenge_ids = sorted({cid for cid, _ in checked})
    cleared = 0
    with unit_of_work(engine) as session:
        existing = {
            (row.challenge_id, row.period_index): row
            for row in session.exec(
                select(UpstreamDifference).where(
                    col(UpstreamDifference.challenge_id).in_(challenge_ids)
                )
            ).all()
        }
        for pair in checked:
            row, difference = existing.get(pair), found.get(pair)
            if difference is None:
                if row is not None:
                    session.execute(
                        delete(UpstreamDifference).where(col(UpstreamDifference.id) == row.id)
                    )
                    cleared += 1
                continue
            row = row or UpstreamDifference(
                challenge_id=pair[0], period_index=pair[1], expected_total=0.0
            )
            row.expected_total = difference.expected_total
            row.upstream_total = difference.upstream_total
            row.note = difference.note[:400]
            row.checked_at = checked_at
            session.add(row)
    return cleared
