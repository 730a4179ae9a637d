"""Deleting an account: no row of any table is tied to the person afterwards, the challenges
still enrolled upstream are un-enrolled through the outbox, and nothing else of theirs is sent.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from app.db.tables import Challenge, OutboxItem, Person, PointsLedgerEntry
from app.domain.challenge import Measure
from app.domain.errors import RuleError
from app.domain.rewards import CodeSource, RewardRule
from app.services.accounts import sign_in, sign_up
from app.services.api_keys import create_api_key
from app.services.assignments import start_definition
from app.services.checkpoints import CheckpointRow, record_checkpoints
from app.services.data_export import export_person_data
from app.services.definitions import read_definition
from app.services.freezes import buy_freeze
from app.services.leaving import delete_account
from app.services.redemptions import redeem
from app.services.rewards import create_reward
from app.services.sessions import session_person, start_session
from tests.factories import a_challenge, a_log, earned, local
from tests.integration.test_checkpoint_batches import a_definition

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)
PASSWORD = "correct horse battery"


@dataclass
class Life:
    person_id: int
    email: str
    public_id: str
    token: str
    enrolled: int  # a challenge mirrored upstream (enrolment sent)
    unsent: int  # a challenge whose outbox items are all still pending


def test_after_deleting_no_row_of_any_table_is_tied_to_the_person(engine: Engine) -> None:
    world = a_world(engine)
    ada, bea = a_life(engine, world, "ada"), a_life(engine, world, "bea")
    challenge_ids, log_ids = their_ids(engine, ada.person_id)

    delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    assert ties_to(engine, ada, challenge_ids, log_ids) == []
    assert ties_to(engine, bea, *their_ids(engine, bea.person_id)) != []  # the walk finds ties


def test_the_walk_covers_every_table_of_the_schema(engine: Engine) -> None:
    # A new table with a person_id column or text is walked with no change to the test.
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= set(walked(engine))


def test_challenges_still_enrolled_are_un_enrolled_with_everything_the_relay_needs(
    engine: Engine,
) -> None:
    ada = a_life(engine, a_world(engine), "ada")

    queued = delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    with Session(engine) as s:
        new = s.exec(select(OutboxItem).where(col(OutboxItem.challenge_id).is_(None))).all()
    assert queued == 1
    assert [(i.kind, i.status, i.challenge_id, i.payload) for i in new] == [
        (
            "enrolment.delete",
            "pending",
            None,
            {"group_id": 9000 + ada.enrolled, "target_id": 7000, "customer_id": 555},
        )
    ]


def test_unsent_items_of_the_person_are_gone_so_none_is_ever_sent(engine: Engine) -> None:
    world = a_world(engine)
    ada, bea = a_life(engine, world, "ada"), a_life(engine, world, "bea")
    bea_items = outbox_of(engine, bea)
    assert any(
        i["kind"] == "event.post" and i["status"] == "pending" for i in outbox_of(engine, ada)
    )

    delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    with Session(engine) as s:
        pending = s.exec(select(OutboxItem).where(OutboxItem.status == "pending")).all()
    assert {i.kind for i in pending if i.challenge_id is None} == {"enrolment.delete"}
    assert outbox_of(engine, bea) == bea_items


def test_other_peoples_data_is_untouched(engine: Engine) -> None:
    world = a_world(engine)
    ada, bea = a_life(engine, world, "ada"), a_life(engine, world, "bea")
    before = export_person_data(engine, person_id=bea.person_id, now=NOW)

    delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    assert export_person_data(engine, person_id=bea.person_id, now=NOW) == before
    assert session_person(engine, token=bea.token, now=NOW) == bea.person_id
    assert session_person(engine, token=ada.token, now=NOW) is None


def test_the_ledger_keeps_its_totals_with_no_person_challenge_or_note(engine: Engine) -> None:
    ada = a_life(engine, a_world(engine), "ada")
    with Session(engine) as s:
        theirs = s.exec(
            select(PointsLedgerEntry).where(PointsLedgerEntry.person_id == ada.person_id)
        ).all()
        kept = {(e.id, e.reason, e.points, e.created_at) for e in theirs}

    delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    with Session(engine) as s:
        rows = s.exec(
            select(PointsLedgerEntry).where(col(PointsLedgerEntry.id).in_([k[0] for k in kept]))
        ).all()
    assert {(e.id, e.reason, e.points, e.created_at) for e in rows} == kept
    assert {(e.person_id, e.challenge_id, e.period_id, e.note) for e in rows} == {
        (None, None, None, "Account deleted")
    }
    assert {e.entry_key for e in rows} == {f"erased:{e.id}" for e in rows}


@pytest.mark.parametrize("password", ["wrong password", ""])
def test_a_wrong_password_is_refused_beside_the_field_and_nothing_changes(
    engine: Engine, password: str
) -> None:
    ada = a_life(engine, a_world(engine), "ada")
    before = everything(engine)

    with pytest.raises(RuleError) as refused:
        delete_account(engine, person_id=ada.person_id, password=password, now=NOW)

    assert [e.field for e in refused.value.errors] == ["password"]
    assert everything(engine) == before


def test_while_a_relay_is_sending_one_of_theirs_it_asks_to_try_again(engine: Engine) -> None:
    ada = a_life(engine, a_world(engine), "ada")
    with Session(engine) as s:
        s.execute(
            update(OutboxItem)
            .where(col(OutboxItem.challenge_id) == ada.unsent)
            .values(lease_until=NOW.replace(hour=10), lease_owner="relay-1")
        )
        s.commit()
    before = everything(engine)

    with pytest.raises(RuleError, match="Try again in a minute"):
        delete_account(engine, person_id=ada.person_id, password=PASSWORD, now=NOW)

    assert everything(engine) == before


# --- a person with one of everything ------------------------------------------------------


@dataclass
class World:
    definition: int
    definition_public_id: str
    api_key: int
    reward: int


def a_world(engine: Engine) -> World:
    definition = a_definition(engine, Measure.COUNT)
    rule = RewardRule(title="Free snack", cost=10, code_source=CodeSource.UPLOADED)
    reward = create_reward(engine, rule=rule, codes="code\nSNACK-1\nSNACK-2\n", by="b", now=NOW)
    return World(
        definition,
        read_definition(engine, definition_id=definition, now=NOW).public_id,
        create_api_key(engine, name="CRM", by="ada@example.com", now=NOW).id,  # an operator
        reward,
    )


def a_life(engine: Engine, world: World, name: str) -> Life:
    """Sessions, a failed sign-in, points, a streak with a freeze, a redemption with an
    uploaded code, an assignment with API checkpoints, and one challenge mirrored upstream."""
    email = f"{name}@example.com"
    person = sign_up(engine, email=email, password=PASSWORD, timezone="UTC", now=NOW)
    with pytest.raises(RuleError):
        sign_in(engine, email=email, password="not it at all", now=NOW, device="nonce-" + name)
    token = start_session(engine, person_id=person, now=NOW)
    start_session(engine, person_id=person, now=NOW)  # a second device
    earned(engine, person, 200, now=NOW)
    streak = a_challenge(
        engine, person, now=NOW, name=f"{name}'s secret water", total_periods=7, required_periods=5
    )
    a_log(engine, person, streak, at=NOW, glasses=3)
    buy_freeze(engine, person_id=person, challenge_id=streak, idempotency_key="f", now=NOW)
    redeem(engine, person_id=person, reward_id=world.reward, idempotency_key="r", now=NOW)
    start_definition(
        engine, person_id=person, definition_id=world.definition, now=NOW, consent=True
    )
    with Session(engine) as s:
        public_id = s.get(Person, person).public_id  # type: ignore[union-attr]
    answer = record_checkpoints(  # remembered for its Idempotency-Key, the refusal names her
        engine,
        rows=[
            CheckpointRow(world.definition_public_id, public_id, 1),
            CheckpointRow("no-such-definition", public_id, 1),
        ],
        now=NOW,
        api_key_id=world.api_key,
        idempotency_key=f"batch-{name}",
    )
    assert public_id in json.dumps(answer)
    enrolled = as_if_mirrored(engine, person, first_challenge(engine, person))
    return Life(person, email, public_id, token, enrolled, streak)


def first_challenge(engine: Engine, person_id: int) -> int:
    with Session(engine) as s:
        return s.exec(
            select(Challenge.id).where(Challenge.person_id == person_id).order_by(col(Challenge.id))
        ).first()  # type: ignore[return-value]


def as_if_mirrored(engine: Engine, person_id: int, challenge_id: int) -> int:
    """What the relay leaves behind once a challenge's group, promotion and enrolment are sent."""
    with Session(engine) as s:
        s.execute(
            update(Challenge)
            .where(col(Challenge.id) == challenge_id)
            .values(upstream_group_id=9000 + challenge_id, upstream_target_id=7000)
        )
        s.execute(
            update(Person).where(col(Person.id) == person_id).values(upstream_customer_id=555)
        )
        s.execute(
            update(OutboxItem)
            .where(col(OutboxItem.challenge_id) == challenge_id)
            .values(status="sent", sent_at=NOW)
        )
        s.commit()
    return challenge_id


# --- looking at every table -----------------------------------------------------------------


def their_ids(engine: Engine, person_id: int) -> tuple[set[int], set[int]]:
    with engine.connect() as conn:
        tables = SQLModel.metadata.tables
        challenges = {
            r[0]
            for r in conn.execute(
                sa_select(tables["challenge"].c.id).where(
                    tables["challenge"].c.person_id == person_id
                )
            )
        }
        logs = {
            r[0]
            for r in conn.execute(
                sa_select(tables["log"].c.id).where(tables["log"].c.person_id == person_id)
            )
        }
    return challenges, logs


def ties_to(engine: Engine, life: Life, challenge_ids: set[int], log_ids: set[int]) -> list[str]:
    """Every place any table still ties to the person: their id in a person_id column; their
    email, public id, challenges' public ids or names in any text or JSON; their id or their
    challenges' and logs' ids named in a JSON payload."""
    needles = {life.email, life.public_id, f"{life.email.split('@')[0]}'s secret water"}
    with engine.connect() as conn:
        challenge = SQLModel.metadata.tables["challenge"]
        needles |= {
            r[0]
            for r in conn.execute(
                sa_select(challenge.c.public_id).where(challenge.c.id.in_(challenge_ids))
            )
        }
    needles = {n.lower() for n in needles}
    found = []
    for table, rows in walked(engine).items():
        for row in rows:
            for name, value in row.items():
                where = f"{table}.{name} (row {row.get('id')})"
                if name == "person_id" and value == life.person_id:
                    found.append(where)
                if isinstance(value, dict | list | str):
                    text = value if isinstance(value, str) else json.dumps(value)
                    if any(n in text.lower() for n in needles):
                        found.append(where)
                if isinstance(value, dict) and (
                    value.get("person_id") == life.person_id
                    or value.get("challenge_id") in challenge_ids
                    or value.get("log_id") in log_ids
                ):
                    found.append(where)
    return found


def walked(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table in the schema, as plain mappings."""
    with engine.connect() as conn:
        return {
            table.name: [dict(r) for r in conn.execute(sa_select(table)).mappings()]
            for table in SQLModel.metadata.sorted_tables
        }


def everything(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    return {name: sorted(rows, key=repr) for name, rows in walked(engine).items()}


def outbox_of(engine: Engine, life: Life) -> list[dict[str, Any]]:
    ids, _ = their_ids(engine, life.person_id)
    with Session(engine) as s:
        rows = s.exec(
            select(OutboxItem)
            .where(col(OutboxItem.challenge_id).in_(ids))
            .order_by(col(OutboxItem.id))
        ).all()
        return [r.model_dump() for r in rows]
