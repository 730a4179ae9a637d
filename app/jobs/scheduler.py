"""One APScheduler per process: runs each job on its interval and keeps going when one fails."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], Awaitable[object]]


@dataclass
class JobHealth:
    """What an operator needs to see about one job."""

    runs: int = 0
    failures: int = 0
    last_finished_at: datetime | None = None
    last_error: str | None = None


class Scheduler:
    """Starts with the app and stops with it; a second one in the same process is refused."""

    _running_in_process = False

    def __init__(self, jobs: list[Job], *, first_run_in: float = 1.0) -> None:
        self.jobs = jobs
        self.first_run_in = first_run_in
        self.health = {job.name: JobHealth() for job in jobs}
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    def start(self) -> None:
        """Call from inside the running event loop (the app's startup)."""
        if Scheduler._running_in_process:
            raise RuntimeError("A scheduler is already running in this process; start only one.")
        Scheduler._running_in_process = True
        soon = datetime.now(UTC) + timedelta(seconds=self.first_run_in)
        for job in self.jobs:
            self._scheduler.add_job(
                self.run_once,
                "interval",
                seconds=job.every_seconds,
                args=[job],
                id=job.name,
                next_run_time=soon,
                # A slow run is never doubled up or replayed: the next one simply follows it.
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        Scheduler._running_in_process = False

    async def run_once(self, job: Job) -> None:
        """Run a job; a failure is logged and recorded, and the next run happens as planned."""
        health = self.health[job.name]
        health.runs += 1
        try:
            await job.run()
        except Exception as exc:  # a job must never take the scheduler down
            health.failures += 1
            health.last_error = f"{type(exc).__name__}: {exc}"
            log.exception("job %s failed; it runs again in %s s", job.name, job.every_seconds)
        else:
            health.last_error = None
        finally:
            health.last_finished_at = datetime.now(UTC)
