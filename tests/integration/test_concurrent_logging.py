"""Two tabs, two devices, many requests at once: no log lost, nothing awarded twice."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlmodel import Session, func, select

from app.db.tables import Log, PointsLedgerEntry
from app.domain.challenge import Measure, Tracking
from app.services.dashboard import read_challenge_card
from app.services.logging import log_progress
from tests.factories import a_challenge, a_person, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 8)


def glasses_challenge(engine):
    person = a_person(engine, now=NOW)
    challenge = a_challenge(
        engine,
        person,
        now=NOW,
        measure=Measure.COUNT,
        attribute=None,
        target=5,
        tracking=Tracking.DEFAULT,
        points_per_period=10,
    )
    return person, challenge


def test_concurrent_logs_all_count_and_the_period_pays_once(engine):
    person, challenge = glasses_challenge(engine)

    def tap(n: int) -> None:
        log_progress(
            engine,
            person_id=person,
            challenge_id=challenge,
            idempotency_key=f"tap-{n}",
            now=NOW + timedelta(milliseconds=n),
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(tap, range(40)))

    card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=NOW)
    with Session(engine) as s:
        logs = s.exec(select(func.count()).select_from(Log)).one()
        awards = s.exec(select(PointsLedgerEntry.points)).all()
    assert logs == 40 and card.running.total == 40
    assert awards == [10]


def test_the_same_tap_sent_at_once_from_two_devices_is_recorded_once(engine):
    person, challenge = glasses_challenge(engine)

    def tap(_: int) -> int:
        return log_progress(
            engine, person_id=person, challenge_id=challenge, idempotency_key="same-tap", now=NOW
        ).log_id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = set(pool.map(tap, range(12)))

    assert len(ids) == 1
    card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=NOW)
    assert card.running.total == 1
