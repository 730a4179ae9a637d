"""Undo: days with a visit, what goes upstream, and refusals that name what was wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from app.db.tables import OutboxItem
from app.domain.challenge import Measure, Tracking, Window
from app.domain.errors import RuleError
from app.services.dashboard import read_balance, read_challenge_card
from app.services.errors import NotFound
from app.services.logging import points_an_undo_takes, post_key, undo_log
from tests.factories import a_challenge, a_log, a_person, a_workouts_challenge, local

MONDAY = local("Europe/Stockholm", 2026, 3, 2, 8)


def visits_challenge(engine, person):
    """Walks on 2 days a week, 20 points a week."""
    return a_workouts_challenge(
        engine,
        person,
        now=MONDAY,
        name="Walks",
        event_type="walk",
        measure=Measure.VISIT,
        target=2,
        points_per_period=20,
    )


def total(engine, person, challenge, at):
    card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=at)
    return card.running.total


def test_what_an_undo_would_take_back_is_told_without_changing_anything(engine):
    person = a_person(engine, now=MONDAY)
    walks = visits_challenge(engine, person)  # 2 days a week, 20 points
    a_log(engine, person, walks, at=MONDAY)
    tuesday = MONDAY + timedelta(days=1)
    first = a_log(engine, person, walks, at=tuesday)
    second = a_log(engine, person, walks, at=tuesday + timedelta(minutes=1))
    now = tuesday + timedelta(minutes=2)

    assert points_an_undo_takes(engine, person_id=person, log_id=second.log_id, now=now) == 0
    assert points_an_undo_takes(engine, person_id=person, log_id=first.log_id, now=now) == 0
    undo_log(engine, person_id=person, log_id=second.log_id, now=now)
    assert points_an_undo_takes(engine, person_id=person, log_id=first.log_id, now=now) == 20
    assert (read_balance(engine, person_id=person), total(engine, person, walks, now)) == (20, 2)
    undo_log(engine, person_id=person, log_id=first.log_id, now=now)
    assert read_balance(engine, person_id=person) == 0


def test_a_visit_undone_and_logged_again_on_the_same_day_counts_that_day_once(engine):
    person = a_person(engine, now=MONDAY)
    walks = visits_challenge(engine, person)
    first = a_log(engine, person, walks, at=MONDAY)

    undo_log(engine, person_id=person, log_id=first.log_id, now=MONDAY + timedelta(minutes=1))
    assert total(engine, person, walks, MONDAY + timedelta(minutes=1)) == 0
    again = a_log(engine, person, walks, at=MONDAY + timedelta(minutes=2))
    third = a_log(engine, person, walks, at=MONDAY + timedelta(minutes=3))

    assert (again.period_total, third.period_total) == (1, 1)
    undo_log(engine, person_id=person, log_id=again.log_id, now=MONDAY + timedelta(minutes=4))
    assert total(engine, person, walks, MONDAY + timedelta(minutes=4)) == 1  # the third stays
    undo_log(engine, person_id=person, log_id=third.log_id, now=MONDAY + timedelta(minutes=5))
    assert total(engine, person, walks, MONDAY + timedelta(minutes=5)) == 0


def test_a_visit_on_a_second_day_reaches_the_target_and_its_undo_reopens_it(engine):
    person = a_person(engine, now=MONDAY)
    walks = visits_challenge(engine, person)
    a_log(engine, person, walks, at=MONDAY)
    tuesday = a_log(engine, person, walks, at=MONDAY + timedelta(days=1))
    assert tuesday.period_achieved

    undo_log(engine, person_id=person, log_id=tuesday.log_id, now=MONDAY + timedelta(days=1))

    card = read_challenge_card(
        engine, person_id=person, challenge_id=walks, now=MONDAY + timedelta(days=1)
    )
    assert (card.running.total, card.running.achieved) == (1, False)


def test_undoing_a_log_already_sent_upstream_writes_a_retract_for_that_log(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY)
    receipt = a_log(engine, person, water, at=MONDAY, glasses=3)
    with Session(engine) as s:  # as the relay does once the upstream took the event
        post = s.exec(
            select(OutboxItem).where(OutboxItem.idempotency_key == post_key(receipt.log_id))
        ).one()
        post.status = "sent"
        s.add(post)
        s.commit()

    undo_log(engine, person_id=person, log_id=receipt.log_id, now=MONDAY + timedelta(minutes=5))

    with Session(engine) as s:
        retract = s.exec(select(OutboxItem).order_by(col(OutboxItem.id).desc())).first()
    assert retract is not None
    assert (retract.kind, retract.status) == ("event.retract", "pending")
    assert retract.idempotency_key == f"log:{receipt.log_id}:retract"
    assert retract.payload == {"log_id": receipt.log_id}
    assert (retract.challenge_id, retract.stream) == (water, f"challenge:{water}")
    assert retract.next_attempt_at == MONDAY + timedelta(minutes=5)


def test_undoing_a_log_that_does_not_exist_is_not_found_naming_it(engine):
    person = a_person(engine, now=MONDAY)

    with pytest.raises(NotFound, match="log 999"):
        undo_log(engine, person_id=person, log_id=999, now=MONDAY)


def test_undoing_a_log_of_an_ended_period_is_refused_on_the_log(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, tracking=Tracking.DEFAULT)
    receipt = a_log(engine, person, water, at=MONDAY, glasses=3)

    with pytest.raises(RuleError) as refused:
        undo_log(engine, person_id=person, log_id=receipt.log_id, now=MONDAY + timedelta(days=1))

    assert [e.field for e in refused.value.errors] == ["log"]


def test_a_cyclic_window_starts_at_a_log_made_the_moment_of_joining(engine):
    person = a_person(engine, now=MONDAY)
    water = a_challenge(engine, person, now=MONDAY, window=Window.CYCLIC_WINDOW, start_date=None)

    assert a_log(engine, person, water, at=MONDAY, glasses=8).period_achieved
