"""A deleted account's challenges are un-enrolled in the sandbox, over HTTP, after the rows
that described them are gone; events it had not sent yet never arrive."""

from __future__ import annotations

from sqlmodel import Session, select

from app.db.tables import Challenge, OutboxItem, Person
from app.domain.challenge import Measure
from app.services.accounts import sign_up
from app.services.challenges import create_challenge
from app.services.leaving import delete_account
from app.services.logging import log_progress
from app.sync.client import CapillaryClient
from tests.integration.sync.support import TZ, Sandbox, clock, settle
from tests.integration.sync.test_mirroring import spec

PASSWORD = "correct horse battery"


async def test_un_enrolment_is_sent_after_the_rows_are_gone_and_the_enrolment_ends(
    engine, sandbox: Sandbox, client: CapillaryClient
) -> None:
    now = clock()
    ada = sign_up(engine, email="ada@example.com", password=PASSWORD, timezone=TZ, now=now)
    bea = sign_up(engine, email="bea@example.com", password=PASSWORD, timezone=TZ, now=now)
    water = spec("Water", "water_glass", Measure.COUNT)
    mine = [
        create_challenge(engine, person_id=ada, spec=water, now=now),
        create_challenge(engine, person_id=ada, spec=spec("Walks", "walk", Measure.COUNT), now=now),
    ]
    theirs = create_challenge(engine, person_id=bea, spec=water, now=now)
    await settle(engine, client)
    customer = upstream_customer(engine, ada)
    assert len(sandbox.customer_groups(customer)) == 2
    for challenge in (*mine, theirs):  # logged, never sent: must not go after she left
        log_progress(
            engine,
            person_id=ada if challenge != theirs else bea,
            challenge_id=challenge,
            idempotency_key=f"late-{challenge}",
            now=now,
            attributes={},
        )
    events_before = sandbox.stats()["events_stored"]

    delete_account(engine, person_id=ada, password=PASSWORD, now=clock())
    with Session(engine) as s:
        assert s.get(Person, ada) is None
        assert s.exec(select(Challenge).where(Challenge.person_id == ada)).all() == []
    report = await settle(engine, client)

    assert sandbox.customer_groups(customer) == []  # only enrolled groups are listed
    assert report.sent == 3  # two un-enrolments, and Bea's late event
    assert sandbox.stats()["events_stored"] == events_before + 1
    assert [e["customer_id"] for e in sandbox.events()][-1] != f"goalpost-person-{ada}"
    unenrols = [r for r in sandbox.journal() if r["path"].endswith("/unEnroll")]
    assert [r["status"] for r in unenrols] == [200, 200]
    with Session(engine) as s:
        items = s.exec(select(OutboxItem).where(OutboxItem.kind == "enrolment.delete")).all()
    assert {(i.status, i.challenge_id) for i in items} == {("sent", None)}


def upstream_customer(engine, person_id: int) -> int:
    with Session(engine) as s:
        person = s.get(Person, person_id)
        assert person is not None and person.upstream_customer_id is not None
        return person.upstream_customer_id
