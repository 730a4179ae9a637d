"""Behind the scenes: what the platform holds for a person, read over its API, beside ours."""

from __future__ import annotations

from app.services.logging import log_progress
from app.sync.behind_the_scenes import read_behind_the_scenes
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, settle, today


async def test_the_platforms_group_enrolment_events_and_progress_sit_beside_ours(
    engine, sandbox, client
):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    before = await read_behind_the_scenes(engine, client, person_id=person, now=clock())
    assert before.customer_id is None and before.challenges[0].group_id is None
    for key in ("a", "b"):
        log_progress(
            engine,
            person_id=person,
            challenge_id=water,
            idempotency_key=key,
            now=clock(),
            attributes={"glasses": 3},
        )
    await settle(engine, client)

    seen = await read_behind_the_scenes(engine, client, person_id=person, now=clock())

    assert seen.customer_id is not None and seen.problem is None
    [mirrored] = seen.challenges
    assert mirrored.group_id and mirrored.target_id and mirrored.promotion_id
    assert mirrored.enrolled and mirrored.events == 2
    [today_] = mirrored.periods
    assert (today_.ours, today_.theirs, today_.state) == (6, 6, "running")


async def test_a_platform_that_does_not_answer_is_said_plainly(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    a_challenge(engine, person, now=clock(), start_date=today())
    await settle(engine, client)
    sandbox.faults(error_rate=1.0, error_statuses=[503])

    seen = await read_behind_the_scenes(engine, client, person_id=person, now=clock())

    assert seen.problem is not None and seen.problem.startswith("The loyalty platform did not")
    assert seen.challenges[0].enrolled is False
