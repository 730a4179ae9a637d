"""One log counts toward every live challenge of the person on its event type, as one
behavioural event upstream counts toward every target group on its event."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from app.db.tables import OutboxItem
from app.domain.challenge import Frequency, Measure, Status, Tracking
from app.domain.errors import RuleError
from app.services.challenges import abandon_challenge
from app.services.dashboard import read_balance, read_challenge_card
from app.services.history import read_challenge_detail
from app.services.logging import log_progress, undo_log
from tests.factories import a_challenge, a_person, local

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 2, 9)  # a Monday
MONDAY = date(2026, 3, 2)


def two_water_challenges(engine, person):
    """Daily 8 glasses for a week (100 points), weekly 50 glasses for four weeks (30 a week)."""
    daily = a_challenge(engine, person, now=NOW, name="Daily water", start_date=MONDAY)
    weekly = a_challenge(
        engine,
        person,
        now=NOW,
        name="Weekly water",
        start_date=MONDAY,
        frequency=Frequency.WEEKLY,
        target=50,
        total_periods=4,
        tracking=Tracking.DEFAULT,
        required_periods=4,
        points_per_period=30,
        points_on_completion=0,
    )
    return daily, weekly


def drink(engine, person, challenge, glasses, key, at=NOW, now=NOW):
    return log_progress(
        engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key=key,
        now=now,
        occurred_at=at,
        attributes={"glasses": glasses},
    )


def total(engine, person, challenge, now=NOW):
    card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=now)
    return None if card.running is None else card.running.total


def event_posts(engine) -> int:
    with Session(engine) as s:
        return s.exec(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "event.post")
        ).one()


def test_one_log_fills_a_daily_and_a_weekly_challenge_and_goes_upstream_once(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)

    receipt = drink(engine, person, daily, 8, "k1")

    assert (receipt.period_total, receipt.period_achieved, receipt.challenges) == (8, True, 2)
    assert total(engine, person, daily) == 8 and total(engine, person, weekly) == 8
    assert event_posts(engine) == 1
    for challenge in (daily, weekly):
        detail = read_challenge_detail(engine, person_id=person, challenge_id=challenge, now=NOW)
        assert [log.log_id for log in detail.logs] == [receipt.log_id]


def test_each_challenge_it_feeds_pays_its_own_points_once(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)

    for day in range(7):
        at = NOW + timedelta(days=day)
        drink(engine, person, weekly if day % 2 else daily, 8, f"d{day}", at=at, now=at)
    at = NOW + timedelta(days=6, hours=1)

    assert read_challenge_card(engine, person_id=person, challenge_id=daily, now=at).status is (
        Status.COMPLETED
    )
    assert total(engine, person, weekly, now=at) == 56
    assert read_balance(engine, person_id=person) == 100 + 30


def test_undo_takes_the_log_back_from_every_challenge_and_their_points(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)
    drink(engine, person, weekly, 42, "k1")  # the day's 8 are reached too
    last = drink(engine, person, daily, 8, "k2")
    assert read_balance(engine, person_id=person) == 30  # the week reached 50

    undo_log(engine, person_id=person, log_id=last.log_id, now=NOW)

    assert total(engine, person, daily) == 42 and total(engine, person, weekly) == 42
    assert read_balance(engine, person_id=person) == 0


def test_after_the_day_has_ended_an_undo_leaves_the_day_and_takes_it_from_the_week(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)
    log = drink(engine, person, daily, 8, "k1")
    tomorrow = NOW + timedelta(days=1)

    undo_log(engine, person_id=person, log_id=log.log_id, now=tomorrow)

    assert total(engine, person, weekly, now=tomorrow) == 0
    day = read_challenge_detail(engine, person_id=person, challenge_id=daily, now=tomorrow)
    assert day.periods[0].state == "achieved"
    assert [(r.undone, r.undoable) for r in day.logs] == [(False, False)]
    week = read_challenge_detail(engine, person_id=person, challenge_id=weekly, now=tomorrow)
    assert [(r.undone, r.undoable) for r in week.logs] == [(True, False)]


def test_once_every_period_with_the_log_has_ended_it_can_no_longer_be_undone(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily = a_challenge(engine, person, now=NOW, name="Daily water", start_date=MONDAY)
    log = drink(engine, person, daily, 8, "k1")

    with pytest.raises(RuleError) as refused:
        undo_log(engine, person_id=person, log_id=log.log_id, now=NOW + timedelta(days=1))
    assert refused.value.errors[0].field == "log"


def test_a_tap_without_an_amount_counts_where_counts_count_and_passes_a_sum_by(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    sips = a_challenge(
        engine,
        person,
        now=NOW,
        name="Sips",
        start_date=MONDAY,
        measure=Measure.COUNT,
        attribute=None,
        target=3,
    )
    glasses = a_challenge(engine, person, now=NOW, name="Glasses", start_date=MONDAY)

    receipt = log_progress(
        engine, person_id=person, challenge_id=sips, idempotency_key="tap", now=NOW
    )
    drink(engine, person, glasses, 2, "pour")

    assert receipt.challenges == 1
    assert total(engine, person, sips) == 2 and total(engine, person, glasses) == 2


def test_challenges_that_ended_or_have_not_started_are_passed_by(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    old = a_challenge(engine, person, now=NOW, name="Old water", start_date=MONDAY)
    abandon_challenge(engine, person_id=person, challenge_id=old, now=NOW)
    later = a_challenge(
        engine, person, now=NOW, name="Later water", start_date=MONDAY + timedelta(days=7)
    )
    now_ = a_challenge(engine, person, now=NOW, name="Water now", start_date=MONDAY)

    receipt = drink(engine, person, now_, 3, "k1")

    assert receipt.challenges == 1
    assert total(engine, person, later) is None


def test_the_same_key_from_another_challenge_is_the_same_log(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)
    first = drink(engine, person, daily, 2, "tap-1")

    again = drink(engine, person, weekly, 2, "tap-1")

    assert (again.log_id, again.duplicate, again.period_total) == (first.log_id, True, 2)
    assert total(engine, person, weekly) == 2
    assert event_posts(engine) == 1


def test_a_visit_challenge_counts_a_day_once_whichever_challenge_the_logs_came_from(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    days = a_challenge(
        engine,
        person,
        now=NOW,
        name="Water days",
        start_date=MONDAY,
        measure=Measure.VISIT,
        attribute=None,
        frequency=Frequency.WEEKLY,
        target=5,
        total_periods=4,
        tracking=Tracking.DEFAULT,
        required_periods=4,
    )
    glasses = a_challenge(engine, person, now=NOW, name="Glasses", start_date=MONDAY)

    first = drink(engine, person, glasses, 2, "k1")
    drink(engine, person, days, 1, "k2", at=NOW + timedelta(hours=1), now=NOW + timedelta(hours=1))
    undo_log(engine, person_id=person, log_id=first.log_id, now=NOW + timedelta(hours=2))

    later = NOW + timedelta(hours=2)
    assert total(engine, person, days, now=later) == 1
    assert total(engine, person, glasses, now=later) == 1


def test_another_persons_challenges_on_the_same_type_are_never_fed(engine):
    ada, bob = a_person(engine, timezone=TZ, now=NOW), a_person(engine, timezone=TZ, now=NOW)
    adas = a_challenge(engine, ada, now=NOW, name="Water", start_date=MONDAY)
    bobs = a_challenge(engine, bob, now=NOW, name="Water", start_date=MONDAY)

    drink(engine, ada, adas, 8, "k1")

    assert total(engine, bob, bobs) == 0


def test_abandoning_after_the_scheduler_was_down_closes_ended_periods_first(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily = a_challenge(engine, person, now=NOW, name="Daily water", start_date=MONDAY)
    drink(engine, person, daily, 8, "monday")  # Monday achieved; nothing closed it since

    abandon_challenge(engine, person_id=person, challenge_id=daily, now=NOW + timedelta(hours=15))

    detail = read_challenge_detail(
        engine, person_id=person, challenge_id=daily, now=NOW + timedelta(hours=15)
    )
    assert detail.periods[0].state == "achieved"
    assert detail.card.status is Status.ABANDONED


def test_a_challenge_that_failed_while_no_one_looked_cannot_be_abandoned(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily = a_challenge(engine, person, now=NOW, name="Daily water", start_date=MONDAY)

    with pytest.raises(RuleError, match="already ended"):
        abandon_challenge(engine, person_id=person, challenge_id=daily, now=NOW + timedelta(days=2))


def test_the_receipt_speaks_of_the_challenge_it_was_logged_from(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    daily, weekly = two_water_challenges(engine, person)
    drink(engine, person, daily, 8, "monday")
    tuesday = NOW + timedelta(days=1)

    receipt = drink(engine, person, weekly, 2, "tuesday", at=tuesday, now=tuesday)
    again = drink(engine, person, weekly, 2, "tuesday", at=tuesday, now=tuesday)

    assert (receipt.period_total, receipt.challenges) == (10, 2)  # the week's, not the day's 2
    assert (again.period_total, again.duplicate) == (10, True)


def test_an_undo_after_sending_retracts_in_the_stream_of_the_challenge_it_came_from(engine):
    person = a_person(engine, timezone=TZ, now=NOW)
    _daily, weekly = two_water_challenges(engine, person)
    log = drink(engine, person, weekly, 2, "k1")
    with Session(engine) as s:  # as if the relay had sent it
        post = s.exec(select(OutboxItem).where(OutboxItem.kind == "event.post")).one()
        post.status = "sent"
        s.add(post)
        s.commit()

    undo_log(engine, person_id=person, log_id=log.log_id, now=NOW)

    with Session(engine) as s:
        retract = s.exec(select(OutboxItem).where(OutboxItem.kind == "event.retract")).one()
    assert (retract.challenge_id, retract.stream) == (weekly, f"challenge:{weekly}")
