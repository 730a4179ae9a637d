"""The leader of `close_periods` is killed: the other instance closes the next due periods
within one interval, and no period is closed or paid twice."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.cluster import Cluster
from app.db.tables import Challenge, Period, PointsLedgerEntry
from app.domain.challenge import Measure, Tracking
from app.jobs.leadership import PostgresLeadership
from tests.cluster_support import CLOSE_EVERY_SECONDS, wait_until
from tests.factories import a_challenge, a_log, a_person

JOB = "close_periods"


def test_another_instance_takes_over_closing_within_one_interval(cluster: Cluster, cluster_db):
    observer = PostgresLeadership(cluster.database_url, instance="observer", heartbeat_seconds=5)
    try:
        wait_until(lambda: observer.leaders([JOB])[JOB], timeout=10, what="a leader elected")
        leader = observer.leaders([JOB])[JOB]
        follower = next(i.name for i in cluster.instances if i.name != leader)
        before = ended_yesterday(cluster_db, 5)
        wait_until(
            lambda: all_closed(cluster_db, before),
            timeout=2 * CLOSE_EVERY_SECONDS + 5,
            what=f"{leader} closing yesterday's periods",
        )

        next(i for i in cluster.instances if i.name == leader).kill()
        killed_at = time.monotonic()
        after = ended_yesterday(cluster_db, 5)
        wait_until(
            lambda: all_closed(cluster_db, after),
            timeout=CLOSE_EVERY_SECONDS + 4,
            what=f"{follower} taking over and closing",
        )
        took = time.monotonic() - killed_at

        assert observer.leaders([JOB]) == {JOB: follower}
    finally:
        observer.close()

    for challenge_id in before + after:
        assert closed_once_and_paid_once(cluster_db, challenge_id)
    print(f"{follower} closed the periods {took:.1f} s after {leader} was killed")


def ended_yesterday(engine: Engine, how_many: int) -> list[int]:
    """Two-day challenges whose first day, achieved, ended at the last midnight in Stockholm."""
    yesterday = datetime.now(UTC) - timedelta(days=1)
    made = []
    for n in range(how_many):
        person = a_person(engine, now=yesterday)
        challenge_id = a_challenge(
            engine,
            person,
            now=yesterday,
            name=f"Yesterday {n}",
            # Its own event type: the shared water_glass would change the unit the journeys see.
            event_type="closing_check",
            measure=Measure.COUNT,
            attribute=None,
            target=1,
            total_periods=2,
            required_periods=2,
            tracking=Tracking.DEFAULT,
            points_per_period=10,
            points_on_completion=0,
            start_date=yesterday.astimezone(ZoneInfo("Europe/Stockholm")).date(),
        )
        a_log(engine, person, challenge_id, at=yesterday)
        made.append(challenge_id)
    return made


def all_closed(engine: Engine, challenge_ids: list[int]) -> bool:
    """Every first day closed (the second, today, is not due)."""
    with Session(engine) as session:
        still_open = session.exec(
            select(Period.id).where(
                col(Period.challenge_id).in_(challenge_ids),
                Period.index == 0,
                col(Period.closed_at).is_(None),
            )
        ).all()
    return not still_open


def closed_once_and_paid_once(engine: Engine, challenge_id: int) -> bool:
    with Session(engine) as session:
        challenge = session.get(Challenge, challenge_id)
        periods = session.exec(
            select(Period).where(Period.challenge_id == challenge_id).order_by(col(Period.index))
        ).all()
        paid = session.exec(
            select(PointsLedgerEntry).where(PointsLedgerEntry.challenge_id == challenge_id)
        ).all()
    assert challenge is not None and challenge.status == "active", challenge
    assert [p.outcome for p in periods] == ["achieved", None]
    reasons = [e.reason for e in paid]
    assert "period_achieved" in reasons and len(reasons) == len(set(reasons)), reasons
    return True
