"""The demo world: three people's stories seeded through the services within 5 s, mirrored to
the sandbox, and a reset back to exactly that first state within 2 s."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.db.engine import make_engine
from app.demo import (
    DEMO_PASSWORD,
    DemoResetUnsupported,
    DemoWorld,
    demo_people,
    open_demo_world,
    reset_demo,
    world,
)
from app.demo.mirror import mirror_to_sandbox
from app.demo.reset import sqlite_path
from app.sandbox import create_sandbox_app
from app.services.accounts import sign_in
from app.services.closing import close_due_periods
from app.services.dashboard import read_dashboard
from app.services.logging import log_progress
from app.services.redemptions import read_catalogue, redeem
from app.sync.credentials import UpstreamOptions
from tests import databases
from tests.factories import stored
from tests.sandbox_server import basic_auth_header
from tests.server import CONTROL_SECRET, control_headers

TABLES = ("person", "challenge", "log", "points_ledger_entry", "redemption", "streak_freeze")


@pytest.fixture
def demo(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[DemoWorld, TestClient]]:
    engine = databases.fresh_sqlite(sqlite_template, tmp_path)
    sandbox = create_sandbox_app(tmp_path / "sandbox.db", control_secret=CONTROL_SECRET)
    clock = Clock(allow_override=True)
    world_ = open_demo_world(
        engine, clock=clock, sandbox=sandbox, options=UpstreamOptions(), started=time.perf_counter()
    )
    with TestClient(sandbox) as http:
        yield world_, http
    engine.dispose()


def test_seeding_tells_the_three_stories_within_five_seconds(demo):
    world_, _ = demo
    engine, now = world_.engine, world_.clock.now()
    alva, ben, chiara = demo_people(engine)

    assert world_.seeded_in < 5
    assert [p.email for p in (alva, ben, chiara)] == [p.email for p in world.PEOPLE]
    [water] = cards(engine, alva.person_id, now)
    assert (water.name, water.current_streak, water.status) == (world.HYDRATION, 12, "active")
    walk, stretch = cards(engine, ben.person_id, now)
    assert outcomes(engine, walk.challenge_id).count("frozen") == 1
    assert walk.current_streak == 13
    broken = ["achieved"] * 5 + ["missed"] + ["achieved"] * 4  # the run reset on the miss
    assert outcomes(engine, stretch.challenge_id) == broken and stretch.best_streak == 5
    [shoes] = read_catalogue(engine, person_id=chiara.person_id, now=now).mine
    assert (shoes.title, shoes.code) == (world.SHOES, "RUNSHOE-1001")
    assert sign_in(engine, email=alva.email, password=DEMO_PASSWORD, now=now)


def test_everything_is_mirrored_to_the_sandbox_one_group_promotion_and_enrolment_each(demo):
    world_, http = demo
    mine = counts(world_.engine)

    stats = http.get("/_sandbox/stats", headers=control_headers()).json()

    assert stats["target_groups"] == stats["promotions"] == mine["challenge"]
    assert stats["enrolments"] == mine["challenge"] and stats["customers"] == 3
    assert stats["events_stored"] == stats["event_posts"] == mine["log"]
    groups = http.get(
        "/v3/milestones",
        params={"includeUserCreatedTargetGroups": "true", "limit": 100},
        headers=basic_auth_header(),
    ).json()["data"]
    assert len(groups) == mine["challenge"]


def test_reset_restores_the_first_state_exactly_after_a_log_a_redemption_and_a_week(demo):
    world_, http = demo
    engine, clock = world_.engine, world_.clock
    first, first_upstream = counts(engine), sandbox_counts(http)
    alva = demo_people(engine)[0]
    [water] = cards(engine, alva.person_id, clock.now())

    log_progress(
        engine,
        person_id=alva.person_id,
        challenge_id=water.challenge_id,
        idempotency_key="after-seeding",
        now=clock.now(),
        attributes={"glasses": 3},
    )
    smoothie = next(
        i.id for i in read_catalogue(engine, person_id=alva.person_id, now=clock.now()).items
        if i.title == world.SMOOTHIE
    )  # fmt: skip
    redeem(
        engine, person_id=alva.person_id, reward_id=smoothie, idempotency_key="r", now=clock.now()
    )
    clock.advance(timedelta(days=7))
    close_due_periods(engine, now=clock.now())
    asyncio.run(mirror_to_sandbox(engine, http.app, options=UpstreamOptions(), now=clock.now))
    assert counts(engine) != first and sandbox_counts(http) != first_upstream

    report = reset_demo(world_)

    assert report.seconds < 2
    assert counts(engine) == first and sandbox_counts(http) == first_upstream
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
    [again] = cards(engine, alva.person_id, clock.now())
    assert again.current_streak == 12


def test_demo_mode_is_refused_in_production():
    with pytest.raises(ValueError, match="DEMO=true is refused with ENVIRONMENT=production"):
        Settings(environment="production", demo=True, upstream="off", storage_secret="a-real-one")


def test_the_reset_refuses_postgresql_and_says_what_to_do_instead():
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DemoResetUnsupported, match="pg_dump"):
        sqlite_path(engine)


def cards(engine: Engine, person_id: int, now: datetime) -> list[Any]:
    return sorted(
        read_dashboard(engine, person_id=person_id, now=now).cards, key=lambda c: c.challenge_id
    )


def outcomes(engine: Engine, challenge_id: int) -> list[str]:
    """The closed periods' outcomes: achieved, missed or frozen."""
    return [p[4] for p in stored(engine, challenge_id)["periods"] if p[4]]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}


def sandbox_counts(http: TestClient) -> dict[str, Any]:
    stats = http.get("/_sandbox/stats", headers=control_headers()).json()
    return {k: v for k, v in stats.items() if k not in ("requests", "faults")}
