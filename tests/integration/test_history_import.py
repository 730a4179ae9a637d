"""Importing history: Goalpost's own export into a new account, Loop and beaverhabits files;
imported logs are marked, pay nothing, go upstream only when asked, and come in once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.tables import Challenge, Log, OutboxItem
from app.domain.challenge import Tracking
from app.domain.errors import RuleError
from app.services.closing import close_due_periods
from app.services.data_export import export_person_data
from app.services.history_import import import_history
from app.services.imports import read_history
from app.services.logging import undo_log
from tests.factories import a_challenge, a_log, a_person, a_workouts_challenge, local, stored
from tests.fixtures.imports import BEAVER, LOOP_CHECKMARKS

ZONE = "Europe/Stockholm"
START = local(ZONE, 2026, 3, 2, 9)


def _history(engine: Engine) -> int:
    """Two weeks: water on 5 of 7 days, workouts with one good week, an undone log."""
    person = a_person(engine, now=START)
    water = a_challenge(
        engine,
        person,
        now=START,
        start_date=START.date(),
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=5,
    )
    workouts = a_workouts_challenge(engine, person, now=START, start_date=START.date())
    undone = a_log(engine, person, water, at=START, glasses=3)
    undo_log(engine, person_id=person, log_id=undone.log_id, now=START + timedelta(hours=1))
    for day in range(6):
        at = START + timedelta(days=day, hours=2)
        if day != 3:
            a_log(engine, person, water, at=at, glasses=8)
        if day in (0, 2, 3):
            a_log(engine, person, workouts, at=at + timedelta(hours=3))
    return person


def _standing(engine: Engine, person_id: int) -> list[tuple[object, ...]]:
    """Each challenge's name, status, counters (closed, achieved, run, best run) and totals."""
    with Session(engine) as s:
        ids = s.exec(
            select(Challenge.id).where(Challenge.person_id == person_id).order_by(col(Challenge.id))
        ).all()
    rows = []
    for cid in ids:
        assert cid is not None
        held = stored(engine, cid)
        totals = [(p[0], p[1], p[4]) for p in held["periods"]]
        rows.append((held["status"], held["counters"], totals))
    return rows


def _export(engine: Engine, person_id: int, at: object) -> bytes:
    return json.dumps(export_person_data(engine, person_id=person_id, now=at)).encode()


def test_export_then_import_into_a_new_account_gives_the_same_totals_and_streaks(
    engine: Engine,
) -> None:
    source = _history(engine)
    now = START + timedelta(days=10)
    close_due_periods(engine, now=now, person_id=source)  # as reading it would
    file = _export(engine, source, now)
    newcomer = a_person(engine, now=now)

    plan = read_history("goalpost-my-data.json", file, timezone=ZONE)
    summary = import_history(
        engine,
        person_id=newcomer,
        plan=plan,
        chosen=[c.key for c in plan.challenges],
        send_upstream=False,
        now=now,
    )

    assert summary.logs == 9  # the undone one comes in too, undone
    assert _standing(engine, newcomer) == _standing(engine, source)
    data = export_person_data(engine, person_id=newcomer, now=now)
    assert all(log["imported"] for log in data["logs"])
    assert data["balance"] == 0  # an import never pays, whatever the original earned
    assert export_person_data(engine, person_id=source, now=now)["balance"] > 0


def _outbox(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return [i.kind for i in s.exec(select(OutboxItem).order_by(col(OutboxItem.id))).all()]


def _import_all(engine: Engine, person: int, name: str, file: bytes, *, send: bool = False):
    plan = read_history(name, file, timezone=ZONE)
    return import_history(
        engine,
        person_id=person,
        plan=plan,
        chosen=[c.key for c in plan.challenges],
        send_upstream=send,
        now=START + timedelta(days=5),
    )


def test_a_loop_export_becomes_daily_challenges_with_imported_logs_and_nothing_upstream(
    engine: Engine,
) -> None:
    person = a_person(engine, now=START)
    before = _outbox(engine)

    summary = _import_all(engine, person, "Checkmarks.csv", LOOP_CHECKMARKS)

    assert summary.challenges == ("Meditate", "Read")  # Floss was never done
    assert summary.logs == 5
    with Session(engine) as s:
        logs = s.exec(select(Log).where(Log.person_id == person)).all()
        assert len(logs) == 5 and all(log.imported for log in logs)
    assert _outbox(engine) == before  # no event.post, no target group
    data = export_person_data(engine, person_id=person, now=START + timedelta(days=5))
    assert data["balance"] == 0 and data["ledger"] == []
    meditate = next(c for c in data["challenges"] if c["name"] == "Meditate")
    assert [p["outcome"] for p in meditate["periods"]] == [
        "achieved",
        "missed",
        "achieved",
        "achieved",
    ]
    assert (meditate["status"], meditate["best_run"], meditate["closed_achieved"]) == (
        "completed",
        2,
        3,
    )


def test_sending_upstream_when_asked_mirrors_the_challenges_and_posts_each_log(
    engine: Engine,
) -> None:
    person = a_person(engine, now=START)
    before = len(_outbox(engine))

    _import_all(engine, person, "beaverhabits.json", BEAVER, send=True)

    kinds = _outbox(engine)[before:]
    assert kinds.count("event.post") == 3
    assert kinds.count("target_group.create") == 1


def test_importing_the_same_file_twice_imports_it_once(engine: Engine) -> None:
    person = a_person(engine, now=START)
    _import_all(engine, person, "beaverhabits.json", BEAVER)

    again = _import_all(engine, person, "beaverhabits.json", BEAVER)

    assert again.already_imported and again.logs == 0
    with Session(engine) as s:
        assert len(s.exec(select(Challenge).where(Challenge.person_id == person)).all()) == 1
        assert len(s.exec(select(Log).where(Log.person_id == person)).all()) == 3


def test_a_name_already_taken_gets_imported_after_it(engine: Engine) -> None:
    person = a_person(engine, now=START)
    a_challenge(engine, person, now=START, name="Walk the dog", start_date=START.date())

    summary = _import_all(engine, person, "beaverhabits.json", BEAVER)

    assert summary.challenges == ("Walk the dog (imported)",)


def test_choosing_nothing_imports_nothing(engine: Engine) -> None:
    person = a_person(engine, now=START)
    plan = read_history("beaverhabits.json", BEAVER, timezone=ZONE)
    with pytest.raises(RuleError, match="Pick at least one"):
        import_history(
            engine, person_id=person, plan=plan, chosen=[], send_upstream=False, now=START
        )


def test_later_logs_of_a_challenge_imported_to_stay_local_stay_local_too(engine: Engine) -> None:
    person = a_person(engine, now=START)
    source = a_challenge(engine, person, now=START, name="Water", start_date=START.date())
    newcomer = a_person(engine, now=START)
    file = _export(engine, person, START + timedelta(hours=1))
    plan = read_history("goalpost-my-data.json", file, timezone=ZONE)
    import_history(
        engine,
        person_id=newcomer,
        plan=plan,
        chosen=[str(source)],
        send_upstream=False,
        now=START + timedelta(hours=1),
    )
    with Session(engine) as s:
        imported = s.exec(select(Challenge).where(Challenge.person_id == newcomer)).one()
    before = _outbox(engine)

    a_log(engine, newcomer, imported.id or 0, at=START + timedelta(hours=2), glasses=2)

    assert _outbox(engine) == before
