"""One leader per job on PostgreSQL: held on its own connection, handed over when it goes."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.jobs.leadership import PostgresLeadership, SoleInstance, leadership_for
from app.jobs.scheduler import Job, Scheduler
from tests import databases

pytestmark = pytest.mark.postgres


def url_for(schema: str) -> str:
    return f"{databases.POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def url(postgres_engine: Engine) -> str:
    return url_for(databases.POSTGRES_SCHEMA)


@pytest.fixture
def instances(url: str):
    made: list[PostgresLeadership] = []

    def make(name: str, heartbeat_seconds: float = 5.0) -> PostgresLeadership:
        leadership = PostgresLeadership(url, instance=name, heartbeat_seconds=heartbeat_seconds)
        made.append(leadership)
        return leadership

    yield make
    for leadership in made:
        leadership.close()


def test_one_instance_leads_a_job_and_the_other_follows(instances):
    one, two = instances("one"), instances("two")

    assert one.leads("close_periods")
    assert not two.leads("close_periods")
    assert one.leads("close_periods"), "asking again keeps what it holds"
    assert two.leads("reconcile"), "each job has its own leader"

    assert one.leaders(["close_periods", "reconcile", "never_run"]) == {
        "close_periods": "one",
        "reconcile": "two",
        "never_run": None,
    }


def test_a_leader_that_steps_down_hands_over_at_once(instances):
    one, two = instances("one"), instances("two")
    assert one.leads("close_periods")

    one.close()

    assert two.leads("close_periods")
    assert two.leaders(["close_periods"]) == {"close_periods": "two"}


def test_a_leader_whose_session_dies_knows_it_and_another_takes_over(instances, postgres_engine):
    one, two = instances("one"), instances("two")
    assert one.leads("close_periods")
    with postgres_engine.begin() as connection:  # what a killed process or a lost host leaves
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'goalpost one'"
            )
        )
    deadline = time.monotonic() + 5
    while not two.leads("close_periods"):
        assert time.monotonic() < deadline, "the lock was not released with its session"
        time.sleep(0.05)

    assert not one.leads("close_periods"), "the old leader must notice it lost the job"
    assert one.leads("reconcile"), "and it reconnects for what is free"


def test_a_silent_leader_loses_its_jobs_and_a_beating_one_keeps_them(instances):
    silent, beating, waiting = instances("silent", 0.5), instances("beating", 0.5), instances("w")
    assert silent.leads("close_periods")
    assert beating.leads("reconcile")

    for _ in range(8):  # 4 s: twice the server's patience with a silent session (2 s)
        beating.heartbeat()
        time.sleep(0.5)

    assert waiting.leads("close_periods"), "a hung leader's lock goes with its session"
    assert not waiting.leads("reconcile"), "a leader that beats keeps its job"
    assert not silent.leads("close_periods")


def test_two_deployments_in_two_schemas_do_not_share_leaders(instances, postgres_engine):
    other_schema = f"{databases.POSTGRES_SCHEMA}_other"
    with postgres_engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {other_schema}"))
    other = PostgresLeadership(url_for(other_schema), instance="other", heartbeat_seconds=5)
    try:
        assert instances("here").leads("close_periods")
        assert other.leads("close_periods")
    finally:
        other.close()
        with postgres_engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {other_schema} CASCADE"))


def test_sqlite_has_one_instance_and_postgres_always_elects(url, tmp_path):
    assert isinstance(
        leadership_for(f"sqlite:///{tmp_path}/x.db", instance="a", heartbeat_seconds=5),
        SoleInstance,
    )
    elected = leadership_for(url, instance="a", heartbeat_seconds=5)
    try:
        assert isinstance(elected, PostgresLeadership)
    finally:
        elected.close()


async def test_a_follower_skips_what_must_run_once_and_runs_what_runs_everywhere(instances):
    runs: list[str] = []

    async def record(name: str) -> None:
        runs.append(name)

    leader = Scheduler(
        [Job("close_periods", 60, lambda: record("leader closes"))],
        leadership=instances("leader"),
    )
    follower = Scheduler(
        [
            Job("close_periods", 60, lambda: record("follower closes")),
            Job("drain_outbox", 60, lambda: record("follower drains"), everywhere=True),
        ],
        leadership=instances("follower"),
    )
    await leader.run_once(leader.jobs[0])
    for job in follower.jobs:
        await follower.run_once(job)

    assert runs == ["leader closes", "follower drains"]
    assert follower.health["close_periods"].led_elsewhere == 1
    assert follower.health["close_periods"].runs == 0
    assert await asyncio.to_thread(follower.leaders) == {"close_periods": "leader"}
