"""The scheduler in a running server closes due periods and drains the outbox, even across
a SIGKILL in the middle of a drain."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.db.tables import OutboxItem, Period
from app.domain.periods import local_day
from app.services.challenges import create_challenge
from app.services.logging import log_progress
from app.services.people import register_person
from tests.sandbox_server import control_headers, running_sandbox
from tests.server import AppServer
from tests.unit.specs import steps_spec, water_spec

ZONE = "Europe/Stockholm"
FAST_JOBS = {
    "JOBS_DRAIN_SECONDS": "0.5",
    "JOBS_CLOSE_PERIODS_SECONDS": "1",
    "JOBS_RECONCILE_SECONDS": "3600",
    "OUTBOX_LEASE_SECONDS": "5",
}


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.1)


def prepared_database(data_dir: Path) -> Engine:
    url = f"sqlite:///{data_dir / 'goalpost.db'}"
    upgrade_to_head(url)
    return make_engine(url)


def outbox_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(
            select(OutboxItem.status, func.count()).group_by(OutboxItem.status)
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def sandbox_stats(sandbox: str) -> dict[str, int]:
    return httpx.get(f"{sandbox}/_sandbox/stats", headers=control_headers(), timeout=5).json()


def test_the_scheduler_closes_a_due_period_and_drains_the_outbox(tmp_path: Path):
    engine = prepared_database(tmp_path)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    person = register_person(engine, email="jobs@example.com", timezone=ZONE, now=yesterday)
    challenge = create_challenge(
        engine,
        person_id=person,
        spec=water_spec(start_date=local_day(yesterday, ZONE), timezone=ZONE),
        now=yesterday,
    )

    with running_sandbox(tmp_path) as sandbox:
        server = AppServer(tmp_path, UPSTREAM="sandbox", SANDBOX_URL=sandbox, **FAST_JOBS)
        try:
            server.start()

            def first_day_closed() -> bool:
                with Session(engine) as session:
                    period = session.exec(
                        select(Period).where(Period.challenge_id == challenge, Period.index == 0)
                    ).one()
                    return period.closed_at is not None

            wait_until(first_day_closed, 15, "yesterday's period closed by the scheduler")
            wait_until(lambda: set(outbox_counts(engine)) == {"sent"}, 15, "the outbox drained")
        finally:
            server.stop()
        stats = sandbox_stats(sandbox)

    assert stats["target_groups"] == 1
    assert stats["promotions"] == 1
    assert stats["enrolments"] == 1


def test_a_server_killed_mid_drain_loses_nothing_and_sends_nothing_twice(tmp_path: Path):
    engine = prepared_database(tmp_path)
    now = datetime.now(UTC)
    person = register_person(engine, email="crash@example.com", timezone=ZONE, now=now)
    today = local_day(now, ZONE)
    challenges = [
        create_challenge(engine, person_id=person, spec=spec, now=now)
        for spec in (
            water_spec(start_date=today, timezone=ZONE),
            steps_spec(start_date=today, timezone=ZONE),
        )
    ]
    logs = 0
    for i in range(150):
        for challenge, attribute in zip(challenges, ("glasses", "steps"), strict=True):
            log_progress(
                engine,
                person_id=person,
                challenge_id=challenge,
                idempotency_key=f"crash-{challenge}-{i}",  # keys are per person
                now=now,
                attributes={attribute: 1},
            )
            logs += 1
    slow = json.dumps({"latency_ms": [15, 30]})

    with running_sandbox(tmp_path, SANDBOX_FAULTS=slow) as sandbox:
        server = AppServer(tmp_path, UPSTREAM="sandbox", SANDBOX_URL=sandbox, **FAST_JOBS)
        try:
            server.start()
            wait_until(
                lambda: sandbox_stats(sandbox)["events_stored"] >= 40, 30, "draining started"
            )
            server.kill()
            stored_at_kill = sandbox_stats(sandbox)["events_stored"]
            assert stored_at_kill < logs, "the drain finished before the kill; slow it down"

            server.start()
            wait_until(lambda: set(outbox_counts(engine)) == {"sent"}, 60, "the outbox drained")
        finally:
            server.stop()
        stats = sandbox_stats(sandbox)
        events = httpx.get(
            f"{sandbox}/_sandbox/events",
            params={"limit": 1000},
            headers=control_headers(),
            timeout=5,
        ).json()

    assert stats["events_stored"] == logs
    assert len({e["external_event_id"] for e in events["events"]}) == logs
    assert stats["target_groups"] == len(challenges)
    assert stats["promotions"] == len(challenges)
    assert stats["enrolments"] == len(challenges)
