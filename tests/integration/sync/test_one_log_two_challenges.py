"""Two live water challenges, one log: both progress here and upstream, one event is sent,
and reconciliation finds them in agreement."""

from __future__ import annotations

from sqlmodel import Session

from app.db.tables import Person
from app.domain.challenge import Frequency, Tracking
from app.services.dashboard import read_challenge_card
from app.services.logging import log_progress
from app.sync.reconcile import reconcile
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, settle, today


async def test_a_daily_and_a_weekly_water_challenge_count_one_log_here_and_upstream(
    engine, sandbox, client
):
    person = a_person(engine, timezone=TZ, now=clock())
    daily = a_challenge(engine, person, now=clock(), name="Daily water", start_date=today())
    weekly = a_challenge(
        engine,
        person,
        now=clock(),
        name="Weekly water",
        start_date=today(),
        frequency=Frequency.WEEKLY,
        target=50,
        total_periods=4,
        tracking=Tracking.DEFAULT,
        required_periods=4,
    )
    await settle(engine, client)

    log = log_progress(
        engine,
        person_id=person,
        challenge_id=daily,
        idempotency_key="one-pour",
        now=clock(),
        attributes={"glasses": 3},
    )
    await settle(engine, client)

    for challenge in (daily, weekly):
        card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=clock())
        assert card.running is not None and card.running.total == 3
    assert [e["external_event_id"] for e in sandbox.events()] == [f"goalpost-log-{log.log_id}"]
    with Session(engine) as session:
        customer = session.get(Person, person).upstream_customer_id  # type: ignore[union-attr]
    upstream = [
        [t["targetAchievedValue"] for t in g["targets"] if t["currentPeriod"]]
        for g in sandbox.customer_groups(customer)
    ]
    assert upstream == [[3], [3]]
    checked = await reconcile(engine, client, now=clock)
    assert (checked.challenges, checked.differences) == (2, [])
