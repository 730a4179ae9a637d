"""2,000 logs through the balancer, spread over two instances, while one is killed and started
again: every acknowledged log is stored once, and the sandbox holds every event once and one
target group, promotion and enrolment per challenge."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.cluster import Cluster
from app.db.tables import ApiRequest, Challenge, Log, OutboxItem, Person
from app.services.api_keys import create_api_key
from app.services.assignments import assign_contact
from app.services.definitions import (
    create_definition,
    list_definitions,
    publish_definition,
    read_definition,
)
from app.services.people import contact_id_for_email, register_person
from tests.cluster_support import wait_until

LOGS = 2_000
PEOPLE = 20
CLIENTS = 16
RESTART_AFTER = 400  # acknowledged logs before instance-2 is killed and started again
RETRYABLE = {502, 503, 504}


def test_every_acknowledged_log_is_stored_once_and_sent_once(cluster: Cluster, cluster_db):
    key, definition, contacts = brand_with_people(cluster_db)
    challenge_ids = challenges_of(cluster_db, contacts)
    assert len(challenge_ids) == PEOPLE

    acknowledged, served, retried = asyncio.run(
        post_while_restarting(cluster, key, definition, contacts)
    )

    assert len(acknowledged) == LOGS
    assert set(served) == {"instance-1", "instance-2"}, f"the load was not spread: {served}"
    with Session(cluster_db) as session:
        stored_keys = session.exec(
            select(ApiRequest.idempotency_key, func.count()).group_by(ApiRequest.idempotency_key)
        ).all()
        log_ids = set(
            session.exec(select(Log.id).where(col(Log.challenge_id).in_(challenge_ids))).all()
        )
    counts = dict(stored_keys)
    assert all(counts.get(k) == 1 for k in acknowledged), "an acknowledged batch stored twice"
    assert len(log_ids) == LOGS, f"{len(log_ids)} logs stored for {LOGS} acknowledged"

    wait_until(lambda: nothing_waiting(cluster_db), timeout=90, what="the outbox draining")
    sandbox = sqlite3.connect(f"file:{cluster.run_dir / 'sandbox.db'}?mode=ro", uri=True)
    events = dict(
        sandbox.execute(
            "SELECT external_event_id, times_received FROM events "
            "WHERE external_event_id IN (SELECT value FROM json_each(?))",
            [json_list([f"goalpost-log-{i}" for i in log_ids])],
        ).fetchall()
    )
    assert set(events) == {f"goalpost-log-{i}" for i in log_ids}, "an event never arrived"
    resent = sum(times - 1 for times in events.values())
    # Only what the killed instance had claimed and not yet marked sent goes again, and the
    # sandbox (as Capillary, by external_event_id) counts it once.
    assert resent <= 500, f"{resent} events were posted more than once"

    for what, query in UPSTREAM_PER_CHALLENGE.items():
        found = Counter(
            row[0]
            for row in sandbox.execute(
                query, [json_list([f"goalpost-{c}" for c in challenge_ids])]
            ).fetchall()
        )
        assert found == Counter({f"goalpost-{c}": 1 for c in challenge_ids}), what
    print(f"served {dict(served)}, retried {retried}, events posted again {resent}")


UPSTREAM_PER_CHALLENGE = {
    "one target group per challenge": (
        "SELECT json_extract(body, '$.name') FROM target_groups "
        "WHERE json_extract(body, '$.name') IN (SELECT value FROM json_each(?))"
    ),
    "one promotion per challenge": (
        "SELECT substr(identifier, 1, length(identifier) - length('-promotion')) FROM promotions "
        "WHERE substr(identifier, 1, length(identifier) - length('-promotion')) "
        "IN (SELECT value FROM json_each(?))"
    ),
    "one enrolment per challenge": (
        "SELECT json_extract(g.body, '$.name') FROM enrolments e "
        "JOIN target_groups g ON g.id = e.target_group_id WHERE e.active = 1 "
        "AND json_extract(g.body, '$.name') IN (SELECT value FROM json_each(?))"
    ),
}


async def post_while_restarting(
    cluster: Cluster, key: str, definition: str, contacts: list[str]
) -> tuple[set[str], Counter[str], int]:
    batches = iter(range(LOGS))
    acknowledged: set[str] = set()
    served: Counter[str] = Counter()
    retried = 0
    restarted = asyncio.Event()

    async def client() -> None:
        nonlocal retried
        # Its own cookie jar: the balancer's route cookie keeps each client on one instance.
        async with httpx.AsyncClient(
            base_url=cluster.balancer_url, headers={"apikey": key}, timeout=30
        ) as http:
            for n in batches:
                idempotency_key = str(uuid.uuid4())
                row = {"definitionId": definition, "contactId": contacts[n % PEOPLE]}
                for _attempt in range(60):
                    try:
                        answer = await http.post(
                            "/api/v3/challenges/checkpoints",
                            json=[{**row, "checkpointAmount": 1}],
                            headers={"Idempotency-Key": idempotency_key},
                        )
                    except httpx.TransportError:
                        answer = None
                    if answer is not None and answer.status_code not in RETRYABLE:
                        break
                    retried += 1
                    await asyncio.sleep(0.2)
                assert answer is not None and answer.status_code == 200, answer and answer.text
                assert answer.json()["notAccepted"] == [], answer.text
                acknowledged.add(idempotency_key)
                served[cluster.instance_for(answer.headers["x-upstream"]).name] += 1

    async def restart_one() -> None:
        while len(acknowledged) < RESTART_AFTER:
            await asyncio.sleep(0.05)
        second = cluster.instances[1]
        await asyncio.to_thread(second.kill)
        await asyncio.to_thread(second.start)
        restarted.set()

    await asyncio.gather(restart_one(), *(client() for _ in range(CLIENTS)))
    assert restarted.is_set()
    return acknowledged, served, retried


def brand_with_people(engine: Engine) -> tuple[str, str, list[str]]:
    """An API key, an Active definition nobody finishes, and people assigned to it."""
    now = datetime.now(UTC)
    key = create_api_key(engine, name="Exactly once", by="test", now=now).key
    preset = next(
        d for d in list_definitions(engine, now=now, count=1000).items if d.name == "Five reviews"
    )
    spec = replace(preset.rule.spec, name=f"Reviews {uuid.uuid4().hex[:8]}", target=1_000_000)
    made = create_definition(engine, rule=replace(preset.rule, spec=spec), by="test", now=now)
    publish_definition(engine, definition_id=made, by="test", now=now)
    public_id = read_definition(engine, definition_id=made, now=now).public_id
    contacts = []
    for _ in range(PEOPLE):
        email = f"once-{uuid.uuid4().hex[:10]}@example.com"
        register_person(engine, email=email, timezone="Europe/Stockholm", now=now)
        contact = contact_id_for_email(engine, email)
        assign_contact(engine, contact_id=contact, definition_public_id=public_id, now=now)
        contacts.append(contact)
    return key, public_id, contacts


def challenges_of(engine: Engine, contacts: list[str]) -> list[int]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Challenge.id)
                .join(Person, col(Person.id) == Challenge.person_id)
                .where(col(Person.public_id).in_(contacts))
            ).all()
        )


def nothing_waiting(engine: Engine) -> bool:
    with Session(engine) as session:
        open_items = session.exec(
            select(func.count()).where(col(OutboxItem.status).in_(["pending", "dead"]))
        ).one()
    return open_items == 0


def json_list(values: list[str]) -> str:
    return json.dumps(values)
