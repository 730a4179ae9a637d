"""One APScheduler per process: runs each job on its interval and keeps going when one fails.

With several instances every one schedules every job; a job that must run once runs only
where `Leadership` says this instance leads it (app/jobs/leadership.py). Draining the outbox
runs everywhere: its claims already keep two relays apart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from app.jobs.leadership import Leadership, SoleInstance

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], Awaitable[object]]
    # False: on one instance at a time, the leader's. True: on every instance.
    everywhere: bool = False


@dataclass
class JobHealth:
    """What an operator needs to see about one job."""

    runs: int = 0
    failures: int = 0
    led_elsewhere: int = 0  # runs skipped because another instance leads the job
    last_finished_at: datetime | None = None
    last_error: str | None = None


class Scheduler:
    """Starts with the app and stops with it; a second one in the same process is refused."""

    _running_in_process = False

    def __init__(
        self,
        jobs: list[Job],
        *,
        first_run_in: float = 1.0,
        leadership: Leadership | None = None,
        heartbeat_seconds: float = 5.0,
    ) -> None:
        self.jobs = jobs
        self.first_run_in = first_run_in
        self.leadership = leadership or SoleInstance("this instance")
        self.heartbeat_seconds = heartbeat_seconds
        self.health = {job.name: JobHealth() for job in jobs}
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    def leaders(self) -> dict[str, str | None]:
        """Job → the instance running it; jobs that run everywhere are left out (blocking)."""
        return self.leadership.leaders([job.name for job in self.jobs if not job.everywhere])

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
        self._scheduler.add_job(
            self._heartbeat,
            "interval",
            seconds=self.heartbeat_seconds,
            id="leadership_heartbeat",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        # Stepping down at once lets a sibling take over on its next run, not after a timeout.
        self.leadership.close()
        Scheduler._running_in_process = False

    async def _heartbeat(self) -> None:
        try:
            await asyncio.to_thread(self.leadership.heartbeat)
        except asyncio.CancelledError:
            return  # the app is stopping: shutdown() steps down
        except Exception:
            log.exception("the leadership heartbeat failed")

    async def run_once(self, job: Job) -> None:
        """Run a job; a failure is logged and recorded, and the next run happens as planned."""
        health = self.health[job.name]
        try:
            if not job.everywhere and not await asyncio.to_thread(self.leadership.leads, job.name):
                health.led_elsewhere += 1
                return
            health.runs += 1
            await job.run()
        except asyncio.CancelledError:
            return  # the app is stopping mid-run; what the run wrote is committed or not at all
        except Exception as exc:  # a job must never take the scheduler down
            health.failures += 1
            health.last_error = f"{type(exc).__name__}: {exc}"
            log.exception("job %s failed; it runs again in %s s", job.name, job.every_seconds)
        else:
            health.last_error = None
        finally:
            health.last_finished_at = datetime.now(UTC)
