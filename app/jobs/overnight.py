"""A night passing in a demo: the clock moves on, then the jobs that would have run overnight
run once, as the scheduler runs them (due periods close, the outbox drains)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.jobs.scheduler import Scheduler
from app.services.closing import close_due_periods

OVERNIGHT_JOBS = ("close_periods", "drain_outbox")


async def pass_time(
    engine: Engine, clock: Clock, scheduler: Scheduler | None, *, days: int
) -> None:
    """Move the clock `days` forward and run the overnight jobs once (closing alone when
    there is no scheduler)."""
    clock.advance(timedelta(days=days))
    if scheduler is None:
        await asyncio.to_thread(close_due_periods, engine, now=clock.now())
        return
    for name in OVERNIGHT_JOBS:
        for job in scheduler.jobs:
            if job.name == name:
                await scheduler.run_once(job)
