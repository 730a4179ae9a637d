"""The scheduler keeps every job running on its interval, whatever one run does."""

from __future__ import annotations

import asyncio

import pytest

from app.jobs.scheduler import Job, Scheduler


async def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


async def test_a_failing_run_is_recorded_and_the_next_run_still_happens(caplog):
    calls = []

    async def flaky() -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("upstream down")

    scheduler = Scheduler([Job("flaky", 0.05, flaky)], first_run_in=0)
    scheduler.start()
    try:
        await wait_for(lambda: len(calls) >= 3)
    finally:
        scheduler.shutdown()

    health = scheduler.health["flaky"]
    assert health.failures == 1
    assert health.last_error is None  # later runs succeeded
    assert "job flaky failed" in caplog.text
    assert "upstream down" in caplog.text


async def test_a_slow_run_is_never_doubled_up():
    running = 0
    most_at_once = 0
    finished = 0

    async def slow() -> None:
        nonlocal running, most_at_once, finished
        running += 1
        most_at_once = max(most_at_once, running)
        await asyncio.sleep(0.2)
        running -= 1
        finished += 1

    scheduler = Scheduler([Job("slow", 0.02, slow)], first_run_in=0)
    scheduler.start()
    try:
        await wait_for(lambda: finished >= 2)
    finally:
        scheduler.shutdown()

    assert most_at_once == 1


async def test_only_one_scheduler_runs_in_a_process():
    first = Scheduler([], first_run_in=0)
    first.start()
    try:
        with pytest.raises(RuntimeError, match="already running"):
            Scheduler([], first_run_in=0).start()
    finally:
        first.shutdown()
    second = Scheduler([], first_run_in=0)
    second.start()  # allowed again once the first has stopped
    second.shutdown()
