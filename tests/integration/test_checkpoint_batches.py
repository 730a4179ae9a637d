"""A batch of API checkpoints records what the same taps would: periods, points, the other
challenges on the event type and one `event.post` per log, in one transaction."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from app.db.tables import Challenge, Log, OutboxItem, Person
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking
from app.domain.definitions import DefinitionRule
from app.services.api_keys import create_api_key
from app.services.assignments import start_definition
from app.services.checkpoints import CheckpointRow, record_checkpoints
from app.services.definitions import create_definition, publish_definition, read_definition
from tests.factories import a_log, a_person, a_workouts_challenge, local, stored

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 2, 8)


def a_definition(engine, measure: Measure) -> int:
    spec = ChallengeSpec(
        name=f"Brand workouts {measure.value}",
        event_type="workout",
        measure=measure,
        attribute="minutes" if measure is Measure.SUM else None,
        target=3,
        frequency=Frequency.WEEKLY,
        total_periods=4,
        tracking=Tracking.DEFAULT,
        required_periods=4,
        points_per_period=25,
    )
    made = create_definition(engine, rule=DefinitionRule(spec=spec), by="brand", now=NOW)
    publish_definition(engine, definition_id=made, by="brand", now=NOW)
    return made


def a_participant(engine, definition: int) -> tuple[int, int, int]:
    """A person with the assignment and a self-made challenge on the same event type."""
    person = a_person(engine, now=NOW)
    assignment = start_definition(
        engine, person_id=person, definition_id=definition, now=NOW, consent=True
    )
    own = a_workouts_challenge(engine, person, now=NOW)
    return person, assignment, own


@pytest.mark.parametrize("measure", [Measure.COUNT, Measure.SUM, Measure.VISIT])
def test_a_batch_records_what_the_same_taps_would(engine, measure: Measure):
    definition = a_definition(engine, measure)
    public_id = read_definition(engine, definition_id=definition, now=NOW).public_id
    by_api, api_assignment, api_own = a_participant(engine, definition)
    by_taps, tap_assignment, tap_own = a_participant(engine, definition)
    with Session(engine) as s:
        contact = s.get(Person, by_api).public_id  # type: ignore[union-attr]
    amount = 4 if measure is Measure.SUM else 1
    key = create_api_key(engine, name="CRM", by="brand", now=NOW).id

    answer = record_checkpoints(
        engine,
        rows=[CheckpointRow(public_id, contact, amount)] * 3,
        now=NOW,
        api_key_id=key,
    )
    for _ in range(3):
        attributes = {"minutes": amount} if measure is Measure.SUM else {}
        a_log(engine, by_taps, tap_assignment, at=NOW, **attributes)

    assert answer["notAccepted"] == []
    assert stored(engine, api_assignment) == stored(engine, tap_assignment)
    assert stored(engine, api_own)["periods"] == stored(engine, tap_own)["periods"]
    with Session(engine) as s:
        logs = s.exec(select(Log).where(Log.person_id == by_api)).all()
        posts = s.exec(
            select(OutboxItem).where(
                OutboxItem.kind == "event.post", OutboxItem.challenge_id == api_assignment
            )
        ).all()
        assignment = s.exec(select(Challenge).where(Challenge.id == api_assignment)).one()
    assert len(logs) == 3
    assert sorted(p.payload["log_id"] for p in posts) == sorted(log.id for log in logs)
    assert assignment.public_id and len(assignment.public_id) == 36


def test_a_row_refused_by_the_rule_leaves_the_others_recorded(engine):
    definition = a_definition(engine, Measure.COUNT)
    public_id = read_definition(engine, definition_id=definition, now=NOW).public_id
    person, assignment, _ = a_participant(engine, definition)
    with Session(engine) as s:
        contact = s.get(Person, person).public_id  # type: ignore[union-attr]
    key = create_api_key(engine, name="CRM", by="brand", now=NOW).id

    answer = record_checkpoints(
        engine,
        rows=[CheckpointRow(public_id, contact, 2), CheckpointRow(public_id, contact, 0.5)],
        now=NOW,
        api_key_id=key,
    )

    assert [r["checkpointAmount"] for r in answer["notAccepted"]] == [0.5]
    with Session(engine) as s:
        assert len(s.exec(select(Log).where(col(Log.person_id) == person)).all()) == 2
    assert stored(engine, assignment)["periods"][0][1] == 2
