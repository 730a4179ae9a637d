"""Migration 0007: every log of a challenge becomes a log of its event type with one credit
in that challenge, and nothing it counted for changes."""

from __future__ import annotations

from sqlmodel import Session, select

from app.db.tables import Challenge, Log, LogCredit
from app.services.dashboard import read_challenge_card
from app.services.logging import log_progress, undo_log
from tests.factories import a_challenge, a_person, local
from tests.integration.test_name_migration import migrate

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def test_logs_keep_their_challenge_period_day_amount_and_undo_across_the_migration(engine):
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW)
    kept = log_progress(
        engine,
        person_id=person,
        challenge_id=water,
        idempotency_key="a",
        now=NOW,
        attributes={"glasses": 3},
    )
    undone = log_progress(
        engine,
        person_id=person,
        challenge_id=water,
        idempotency_key="b",
        now=NOW,
        attributes={"glasses": 2},
    )
    undo_log(engine, person_id=person, log_id=undone.log_id, now=NOW)
    with Session(engine) as session:
        before = [
            (c.log_id, c.challenge_id, c.period_id, c.local_day, c.amount, c.withdrawn_at)
            for c in session.exec(select(LogCredit).order_by(LogCredit.log_id)).all()
        ]

    migrate(engine, "downgrade", "0006")
    migrate(engine, "upgrade", "head")

    with Session(engine) as session:
        after = [
            (c.log_id, c.challenge_id, c.period_id, c.local_day, c.amount, c.withdrawn_at)
            for c in session.exec(select(LogCredit).order_by(LogCredit.log_id)).all()
        ]
        types = {log.event_type_id for log in session.exec(select(Log)).all()}
        water_type = session.get(Challenge, water).event_type_id  # type: ignore[union-attr]
    assert after == before and [row[0] for row in after] == [kept.log_id, undone.log_id]
    assert types == {water_type}
    card = read_challenge_card(engine, person_id=person, challenge_id=water, now=NOW)
    assert card.running is not None and card.running.total == 3
