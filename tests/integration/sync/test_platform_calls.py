"""The client uses what the platform offers: a rename reaches the target rule, a retried
create asks isValidName first, and a difference names the events behind it."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col

from app.db.tables import OutboxItem
from app.services.challenges import rename_challenge
from app.services.logging import log_progress
from app.sync import mapping
from app.sync.reconcile import reconcile
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, lost_upstream, settle, today
from tests.integration.sync.test_refusals import WATER, someone_elses_group


def drink(engine, person, water, key, glasses=2):
    return log_progress(
        engine,
        person_id=person,
        challenge_id=water,
        idempotency_key=key,
        now=clock(),
        attributes={"glasses": glasses},
    )


async def test_renaming_a_challenge_renames_its_target_rule_upstream(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), name="Water", start_date=today())
    await settle(engine, client)

    rename_challenge(engine, person_id=person, challenge_id=water, name="Hydrate", now=clock())
    report = await settle(engine, client)

    assert report.dead == 0
    [group] = sandbox.groups()
    assert group["name"] == f"goalpost-{water}"
    assert [t["name"] for t in group["targets"]] == ["Hydrate"]
    puts = [e for e in sandbox.journal() if e["method"] == "PUT"]
    assert [e["path"] for e in puts] == [f"/v3/targetGroups/editTargetGroup/{group['id']}"]


async def test_a_retried_create_adopts_our_group_after_is_valid_name_without_a_second_post(
    engine, sandbox, client
):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    sandbox.call("POST", "/v2/events", mapping.event_definition(WATER)).raise_for_status()
    ours = someone_elses_group(f"goalpost-{water}", "Water every day")
    assert sandbox.call("POST", "/v3/targetGroups", ours).status_code == 200
    with Session(engine) as s:  # as if the first create's answer had been lost
        s.execute(
            update(OutboxItem)
            .where(col(OutboxItem.kind) == "target_group.create")
            .values(attempts=1)
        )
        s.commit()

    report = await settle(engine, client)

    assert report.dead == 0 and sandbox.stats()["target_groups"] == 1
    calls = [(e["method"], e["path"]) for e in sandbox.journal()]
    assert ("POST", "/v3/targetGroups/isValidName") in calls
    assert calls.count(("POST", "/v3/targetGroups")) == 1  # only the other client's


async def test_a_difference_names_the_log_capillary_did_not_count_and_the_event_it_did(
    engine, sandbox, client
):
    person = a_person(engine, timezone=TZ, now=clock())
    water = a_challenge(engine, person, now=clock(), start_date=today())
    drink(engine, person, water, "counted")
    await settle(engine, client)
    lost = drink(engine, person, water, "lost")
    lost_upstream(engine, lost.log_id)
    extra = {
        "event_name": "water_glass",
        "customer_id": f"goalpost-person-{person}",
        "external_event_id": "someone-else-1",
        "eventDateTime": clock().strftime("%Y-%m-%d %H:%M:%S"),
        "glasses": 5,
    }
    foreign = sandbox.call("POST", "/webhooks/sandbox", extra).json()["requestId"]

    report = await reconcile(engine, client, now=clock)

    [difference] = report.differences
    assert (difference.expected_total, difference.upstream_total) == (4, 7)
    assert f"Not counted there: log {lost.log_id}." in difference.note
    assert f"Counted there, never sent by Goalpost: {foreign}." in difference.note
