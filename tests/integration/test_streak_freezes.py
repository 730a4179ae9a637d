"""Streak freezes: bought with points, used once when a STREAK period closes missed.

docs/rules.md, "Streak freezes", names each test below. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db.tables import StreakFreeze
from app.domain.budget import Budget
from app.domain.challenge import Tracking
from app.domain.errors import RuleError
from app.services.budget import update_budget
from app.services.closing import close_due_periods
from app.services.dashboard import read_balance
from app.services.freezes import buy_freeze, read_freeze_offer
from app.services.history import read_challenge_detail, read_ledger
from tests.factories import a_challenge, a_log, a_person, earned, local, stored

ZONE = "Europe/Stockholm"
MONDAY_9 = local(ZONE, 2026, 3, 2, 9)


def day(n: int, hour: int = 9):
    return local(ZONE, 2026, 3, 2 + n, hour)


def a_streak(engine: Engine, person: int, **overrides: object) -> int:
    """8 glasses a day, 5 days in a row within 7 (room for a frozen day)."""
    rule = {"total_periods": 7, "required_periods": 5} | overrides
    return a_challenge(engine, person, now=MONDAY_9, **rule)


def someone_with(engine: Engine, points: int) -> int:
    person = a_person(engine, now=MONDAY_9)
    earned(engine, person, points, now=MONDAY_9)
    return person


def buy(engine: Engine, person: int, challenge: int, key: str = "k1"):
    return buy_freeze(
        engine, person_id=person, challenge_id=challenge, idempotency_key=key, now=MONDAY_9
    )


def test_a_freeze_costs_its_price_and_shows_in_the_ledger(engine: Engine) -> None:
    person = someone_with(engine, 120)
    challenge = a_streak(engine, person)
    offer = buy(engine, person, challenge)
    assert (offer.held, offer.max_held, offer.price, offer.balance) == (1, 2, 50, 70)
    assert read_balance(engine, person_id=person) == 70
    newest = read_ledger(engine, person_id=person)[0]
    assert (newest.note, newest.points) == ("Streak freeze: Water every day", -50)


def test_the_same_key_buys_one_freeze(engine: Engine) -> None:
    person = someone_with(engine, 200)
    challenge = a_streak(engine, person)
    buy(engine, person, challenge, "same")
    again = buy(engine, person, challenge, "same")
    assert again.held == 1 and read_balance(engine, person_id=person) == 150


def test_a_missed_day_with_a_freeze_held_is_frozen_and_the_streak_kept(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person)
    buy(engine, person, challenge)
    a_log(engine, person, challenge, at=MONDAY_9, glasses=8)
    a_log(engine, person, challenge, at=day(1), glasses=8)
    # Wednesday (day 2) missed; Thursday logged.
    a_log(engine, person, challenge, at=day(3), glasses=8)
    after = stored(engine, challenge)
    assert [p[4] for p in after["periods"][:3]] == ["achieved", "achieved", "frozen"]
    assert after["counters"] == (3, 2, 2, 2)  # closed, achieved, run, best: the run kept
    detail = read_challenge_detail(engine, person_id=person, challenge_id=challenge, now=day(3))
    assert detail.card.current_streak == 3  # Monday, Tuesday, Thursday (running, achieved)
    assert "Wednesday 04 March was covered by a freeze" in detail.streak_story
    assert [p.state for p in detail.periods[:3]] == ["achieved", "achieved", "frozen"]
    assert detail.freeze is not None and (detail.freeze.held, detail.freeze.used) == (0, 1)


def test_a_freeze_is_used_once_whatever_closes_the_period(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person)
    buy(engine, person, challenge)
    a_log(engine, person, challenge, at=MONDAY_9, glasses=8)
    close_due_periods(engine, now=day(2))  # the job closes Tuesday (missed): frozen
    close_due_periods(engine, now=day(2))
    read_challenge_detail(engine, person_id=person, challenge_id=challenge, now=day(3))
    outcomes = [p[4] for p in stored(engine, challenge)["periods"][:3]]
    assert outcomes == ["achieved", "frozen", "missed"]  # one freeze, one covered day
    with Session(engine) as s:
        [freeze] = s.exec(select(StreakFreeze)).all()
        assert freeze.used_period_id is not None


def test_a_second_miss_without_a_freeze_breaks_the_streak(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person)
    buy(engine, person, challenge)
    a_log(engine, person, challenge, at=MONDAY_9, glasses=8)
    close_due_periods(engine, now=day(3))
    assert stored(engine, challenge)["counters"] == (3, 1, 0, 1)


def test_a_frozen_day_neither_breaks_nor_grows_the_streak_toward_completion(
    engine: Engine,
) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person, total_periods=5, required_periods=3)
    buy(engine, person, challenge)
    a_log(engine, person, challenge, at=MONDAY_9, glasses=8)
    a_log(engine, person, challenge, at=day(2), glasses=8)  # Tuesday frozen
    assert stored(engine, challenge)["status"] == "active"  # 2 in a row, not 3
    a_log(engine, person, challenge, at=day(3), glasses=8)
    assert stored(engine, challenge)["status"] == "completed"


@pytest.mark.parametrize(
    ("overrides", "points", "refusal"),
    [
        ({"total_periods": 7, "required_periods": 7}, 100, "needs all 7 of its periods in a row"),
        ({}, 30, "A freeze costs 50 points and you have 30 points: 20 points more to go."),
    ],
)
def test_a_freeze_that_cannot_help_or_be_paid_is_refused(
    engine: Engine, overrides: dict[str, int], points: int, refusal: str
) -> None:
    person = someone_with(engine, points)
    challenge = a_streak(engine, person, **overrides)
    offer = read_freeze_offer(engine, person_id=person, challenge_id=challenge)
    if overrides:  # a freeze could never help here: the page offers none
        assert offer is None
    else:
        assert offer is not None and offer.refusal is not None and refusal in offer.refusal
    with pytest.raises(RuleError, match=refusal.split(":")[0]):
        buy(engine, person, challenge)
    assert read_balance(engine, person_id=person) == points


def test_no_more_than_the_budget_allows_are_held(engine: Engine) -> None:
    update_budget(
        engine, budget=Budget(freeze_price=10, freeze_max_held=1), by="brand", now=MONDAY_9
    )
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person)
    buy(engine, person, challenge, "a")
    with pytest.raises(RuleError, match="You hold 1 unused freeze, the most allowed"):
        buy(engine, person, challenge, "b")
    assert read_balance(engine, person_id=person) == 90


def test_only_streak_challenges_offer_freezes(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person, tracking=Tracking.NON_CONTINUOUS_STREAK)
    assert read_freeze_offer(engine, person_id=person, challenge_id=challenge) is None
    with pytest.raises(RuleError):
        buy(engine, person, challenge)


def test_a_freeze_after_the_challenge_ends_is_refused(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person, total_periods=3, required_periods=2)
    close_due_periods(engine, now=day(3) + timedelta(days=1))
    assert stored(engine, challenge)["status"] == "failed"
    with pytest.raises(RuleError, match="has ended"):
        buy(engine, person, challenge)


def test_a_freeze_bought_after_a_miss_does_not_cover_that_miss(engine: Engine) -> None:
    person = someone_with(engine, 100)
    challenge = a_streak(engine, person)
    a_log(engine, person, challenge, at=MONDAY_9, glasses=8)
    # Tuesday is missed and nothing has closed it yet when the freeze is bought on Wednesday.
    buy_freeze(engine, person_id=person, challenge_id=challenge, idempotency_key="late", now=day(2))
    assert [p[4] for p in stored(engine, challenge)["periods"][:2]] == ["achieved", "missed"]
    offer = read_freeze_offer(engine, person_id=person, challenge_id=challenge)
    assert offer is not None and (offer.held, offer.used) == (1, 0)  # kept for the next miss
