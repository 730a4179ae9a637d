"""Awarding checkpoints in batches: bad rows are reported, not fatal; retries award once."""

from __future__ import annotations

import uuid

from app.domain.definitions import DefinitionStatus
from tests.api.conftest import Brand


def row(definition: str, contact: str, amount: float = 1) -> dict[str, object]:
    return {"definitionId": definition, "contactId": contact, "checkpointAmount": amount}


def progress(brand: Brand, contact: str, definition: str) -> int:
    found = brand.challenges(contact, definitionId=definition)
    return int(found[0]["completedCheckpoints"])  # type: ignore[call-overload]


def test_a_1000_row_batch_with_10_bad_rows_reports_exactly_those_10(brand: Brand):
    definition = brand.definition(target=10_000)
    contacts = [brand.contact() for _ in range(10)]
    for contact in contacts:
        brand.assign(definition, contact)
    unassigned, ended = brand.contact(), brand.definition(DefinitionStatus.ENDED)
    unknown_contacts = [str(uuid.uuid4()) for _ in range(3)]
    unknown_definitions = [str(uuid.uuid4()) for _ in range(3)]
    bad = [
        *(row(definition, c) for c in unknown_contacts),
        *(row(d, contacts[0]) for d in unknown_definitions),
        row(definition, unassigned),
        row(ended, contacts[1]),
        row("not-a-uuid", contacts[2]),
        row(definition, contacts[3], -2),
    ]
    good = [row(definition, contacts[i % 10]) for i in range(990)]
    rows = good[:500] + bad + good[500:]

    answer = brand.checkpoints(rows)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    reported = [
        {k: r[k] for k in ("definitionId", "contactId", "checkpointAmount")}
        for r in body["notAccepted"]
    ]
    assert reported == bad
    assert all(r["reason"] for r in body["notAccepted"])
    assert body["missingContactIds"] == unknown_contacts
    assert body["missingDefinitionIds"] == [*unknown_definitions, "not-a-uuid"]
    assert [progress(brand, c, definition) for c in contacts] == [99] * 10


def test_more_than_1000_rows_is_a_400_and_awards_nothing(brand: Brand):
    contact, definition = brand.contact(), brand.definition(target=10_000)
    brand.assign(definition, contact)

    answer = brand.checkpoints([row(definition, contact)] * 1001)

    assert answer.status_code == 400
    assert "1000" in answer.json()["message"]
    assert progress(brand, contact, definition) == 0


def test_the_same_idempotency_key_twice_awards_once_and_answers_the_same(brand: Brand):
    contact, definition = brand.contact(), brand.definition(target=100)
    brand.assign(definition, contact)
    batch = [row(definition, contact, 3), row(definition, str(uuid.uuid4()))]
    key = f"batch-{uuid.uuid4()}"

    first, second = brand.checkpoints(batch, key=key), brand.checkpoints(batch, key=key)

    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert progress(brand, contact, definition) == 3
    brand.checkpoints(batch)  # without a key, every call awards
    assert progress(brand, contact, definition) == 6


def test_the_same_idempotency_key_with_another_batch_is_refused(brand: Brand):
    contact, definition = brand.contact(), brand.definition(target=100)
    brand.assign(definition, contact)
    key = f"batch-{uuid.uuid4()}"
    brand.checkpoints([row(definition, contact, 1)], key=key)

    answer = brand.checkpoints([row(definition, contact, 2)], key=key)

    assert answer.status_code == 409
    assert "Idempotency-Key" in answer.json()["message"]
    assert progress(brand, contact, definition) == 1


def test_an_ended_definition_refuses_checkpoints_and_keeps_progress(brand: Brand):
    contact, definition = brand.contact(), brand.definition()
    brand.assign(definition, contact)
    brand.checkpoints([row(definition, contact, 2)])
    brand.end(definition)

    body = brand.checkpoints([row(definition, contact, 1)]).json()

    assert [r["contactId"] for r in body["notAccepted"]] == [contact]
    assert "ended" in body["notAccepted"][0]["reason"]
    assert progress(brand, contact, definition) == 2


def test_a_stamp_card_completes_at_its_target_and_refuses_more(brand: Brand):
    contact, definition = brand.contact(), brand.definition()
    brand.assign(definition, contact)

    body = brand.checkpoints([row(definition, contact, 5), row(definition, contact, 1)]).json()

    assert len(body["notAccepted"]) == 1
    found = brand.challenges(contact, definitionId=definition)[0]
    assert found["isChallengeCompleted"] is True and found["completedCheckpoints"] == 5


def test_a_count_challenge_takes_whole_checkpoint_amounts_only(brand: Brand):
    contact, definition = brand.contact(), brand.definition(target=1000)
    brand.assign(definition, contact)

    body = brand.checkpoints(
        [row(definition, contact, 1.5), row(definition, contact, 101), row(definition, contact, 0)]
    ).json()

    assert len(body["notAccepted"]) == 3
    assert progress(brand, contact, definition) == 0


def test_a_row_that_runs_past_completion_counts_up_to_it_and_says_so(brand: Brand):
    contact, definition = brand.contact(), brand.definition()
    brand.assign(definition, contact)

    body = brand.checkpoints([row(definition, contact, 7)]).json()

    assert body["notAccepted"][0]["reason"].startswith("5 of 7 recorded")
    assert progress(brand, contact, definition) == 5
