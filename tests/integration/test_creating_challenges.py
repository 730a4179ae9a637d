"""Creating challenges: validation that mirrors the upstream, and nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from app.db.tables import Challenge, OutboxItem, Period
from app.domain.challenge import Measure, Status, Tracking, Window
from app.domain.errors import INVALID_INPUT, NAME_TAKEN, NAME_TOO_LONG, RuleError
from app.services.dashboard import read_challenge_card
from app.services.logging import log_progress
from tests.factories import a_challenge, a_person, local

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 2, 8)


def count(engine, table):
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(table)).one()


def test_a_fixed_window_materialises_every_period_in_the_persons_zone(engine):
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW)

    with Session(engine) as s:
        periods = s.exec(
            select(Period).where(Period.challenge_id == water).order_by(Period.index)
        ).all()
    assert len(periods) == 7
    assert periods[0].starts_at == local(TZ, 2026, 3, 2, 0)
    assert periods[-1].ends_at == local(TZ, 2026, 3, 9, 0)


def test_a_201_character_name_is_refused_with_310008_and_nothing_is_written(engine):
    person = a_person(engine, now=NOW)

    with pytest.raises(RuleError) as refused:
        a_challenge(engine, person, now=NOW, name="x" * 201)

    assert refused.value.code == NAME_TOO_LONG
    assert "at most 200 characters" in str(refused.value)
    assert (count(engine, Challenge), count(engine, Period), count(engine, OutboxItem)) == (0, 0, 0)


def test_a_200_character_name_is_accepted(engine):
    person = a_person(engine, now=NOW)

    assert a_challenge(engine, person, now=NOW, name="x" * 200) > 0


def test_a_duplicate_name_in_other_case_is_refused_with_310069(engine):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW, name="Water every day")

    with pytest.raises(RuleError) as refused:
        a_challenge(engine, person, now=NOW, name="  WATER every   day ")

    assert refused.value.code == NAME_TAKEN
    assert "already have a challenge called" in str(refused.value)
    assert count(engine, Challenge) == 1


def test_two_people_may_use_the_same_name(engine):
    first, second = a_person(engine, now=NOW), a_person(engine, now=NOW)
    a_challenge(engine, first, now=NOW)

    assert a_challenge(engine, second, now=NOW) > 0


def test_every_problem_is_reported_at_once_with_its_field(engine):
    person = a_person(engine, now=NOW)

    with pytest.raises(RuleError) as refused:
        a_challenge(
            engine,
            person,
            now=NOW,
            target=0,
            start_date=date(2026, 3, 1),
            attribute=None,
            required_periods=9,
        )

    fields = {e.field: e.code for e in refused.value.errors}
    assert fields == {
        "target": INVALID_INPUT,
        "start_date": INVALID_INPUT,
        "attribute": INVALID_INPUT,
        "required_periods": INVALID_INPUT,
    }


def test_a_cyclic_window_starts_at_the_first_log(engine):
    person = a_person(engine, now=NOW)
    steps = a_challenge(
        engine,
        person,
        now=NOW,
        name="Steps",
        event_type="steps",
        attribute="steps",
        target=10_000,
        window=Window.CYCLIC_WINDOW,
        start_date=None,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=5,
    )
    three_days_later = NOW + timedelta(days=3, hours=4)
    assert count(engine, Period) == 0

    log_progress(
        engine,
        person_id=person,
        challenge_id=steps,
        idempotency_key="a",
        now=three_days_later,
        attributes={"steps": 12_000},
    )

    card = read_challenge_card(engine, person_id=person, challenge_id=steps, now=three_days_later)
    assert count(engine, Period) == 7
    assert card.running.starts_at == local(TZ, 2026, 3, 5, 0) and card.running.achieved


def test_a_stamp_card_stays_open_until_the_target_is_reached(engine):
    person = a_person(engine, now=NOW)
    reviews = a_challenge(
        engine,
        person,
        now=NOW,
        name="Five reviews",
        event_type="review",
        measure=Measure.COUNT,
        attribute=None,
        target=5,
        window=Window.PERIOD_AGNOSTIC_WINDOW,
        start_date=None,
        total_periods=1,
        tracking=Tracking.DEFAULT,
        points_on_completion=50,
    )
    for n in range(4):
        log_progress(
            engine,
            person_id=person,
            challenge_id=reviews,
            idempotency_key=str(n),
            now=NOW + timedelta(days=40 * n),
        )
    months_later = NOW + timedelta(days=200)
    assert (
        read_challenge_card(engine, person_id=person, challenge_id=reviews, now=months_later).status
        is Status.ACTIVE
    )

    log_progress(
        engine, person_id=person, challenge_id=reviews, idempotency_key="5", now=months_later
    )

    card = read_challenge_card(engine, person_id=person, challenge_id=reviews, now=months_later)
    assert card.status is Status.COMPLETED and card.running.total == 5


def test_an_upcoming_challenge_refuses_logs_until_it_starts(engine):
    person = a_person(engine, now=NOW)
    later = a_challenge(engine, person, now=NOW, start_date=date(2026, 3, 10))

    card = read_challenge_card(engine, person_id=person, challenge_id=later, now=NOW)
    with pytest.raises(RuleError, match="starts on 10 March 2026"):
        log_progress(
            engine,
            person_id=person,
            challenge_id=later,
            idempotency_key="a",
            now=NOW,
            attributes={"glasses": 1},
        )
    assert card.status is Status.UPCOMING
