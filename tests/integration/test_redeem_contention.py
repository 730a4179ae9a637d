"""Many redemptions at once: the stock, the codes and the balance hold under the locks.

Each test starts its threads together behind a barrier so the spends really overlap; the
person's lock and the reward's lock (BEGIN IMMEDIATE on SQLite) must make them queue. On
SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db.tables import PointsLedgerEntry, Redemption, RewardCode
from app.domain.budget import Budget
from app.domain.challenge import Tracking
from app.domain.errors import RuleError
from app.domain.points import PointsReason
from app.domain.rewards import CodeSource, RewardRule
from app.services.budget import update_budget
from app.services.dashboard import read_balance
from app.services.freezes import buy_freeze, read_freeze_offer
from app.services.logging import undo_log
from app.services.redemptions import Redeemed, RedemptionRefused, redeem
from app.services.rewards import create_reward, read_reward
from tests.factories import a_challenge, a_person, assert_never_below_zero, earned, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)
THREADS = 8
T = TypeVar("T")


def at_once(n: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run work(0) … work(n-1) in n threads released together; each one's result or error."""
    barrier = threading.Barrier(n)
    outcomes: list[T | Exception] = [RuntimeError("did not run")] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = work(i)
        except Exception as exc:  # collected: the test says which errors it expects
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a redemption never finished (deadlock?)"
    return outcomes


def person_with(engine: Engine, points: int) -> int:
    person = a_person(engine, now=NOW)
    earned(engine, person, points, now=NOW)
    return person


def refusals(outcomes: list[object]) -> list[str]:
    unexpected = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, RuleError)]
    assert unexpected == [], f"not a refusal: {unexpected!r}"
    return sorted(o.reason for o in outcomes if isinstance(o, RedemptionRefused))


def successes(outcomes: list[object]) -> list[Redeemed]:
    return [o for o in outcomes if isinstance(o, Redeemed)]


def debits(engine: Engine, person_id: int | None = None) -> list[PointsLedgerEntry]:
    with Session(engine) as s:
        query = select(PointsLedgerEntry).where(
            PointsLedgerEntry.reason == PointsReason.REDEEMED.value
        )
        if person_id is not None:
            query = query.where(PointsLedgerEntry.person_id == person_id)
        return list(s.exec(query).all())


def smoothies_for_250(engine: Engine) -> tuple[int, int]:
    """A person with 250 points and a 50-point reward of no stock or per-person limit."""
    person = person_with(engine, 250)
    rule = RewardRule(title="Smoothie", cost=50, per_person_limit=None)
    return person, create_reward(engine, rule=rule, by="brand@example.com", now=NOW)


FIVE_CODES = ["BIB-1", "BIB-2", "BIB-3", "BIB-4", "BIB-5"]


@pytest.mark.parametrize("source", [CodeSource.GENERATED, CodeSource.UPLOADED])
def test_eight_people_racing_for_the_last_five_get_five_codes_and_three_sold_outs(
    engine: Engine, source: CodeSource
) -> None:
    uploaded = source is CodeSource.UPLOADED
    # Uploaded codes are their own stock: the five codes are the five left.
    rule = RewardRule(title="Race bib", cost=30, stock=None if uploaded else 5, code_source=source)
    codes = "\n".join(FIVE_CODES) if uploaded else None
    reward = create_reward(engine, rule=rule, codes=codes, by="brand@example.com", now=NOW)
    people = [person_with(engine, 100) for _ in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: redeem(
            engine, person_id=people[i], reward_id=reward, idempotency_key=f"k{i}", now=NOW
        ),
    )

    won = successes(outcomes)
    assert len(won) == 5 and refusals(outcomes) == ["sold_out"] * 3
    assert read_reward(engine, reward_id=reward, now=NOW).redeemed == 5
    assert len({w.reward.code for w in won}) == 5
    assert len(debits(engine)) == 5 and all(d.points == -30 for d in debits(engine))
    for i, outcome in enumerate(outcomes):  # the winners paid once; the others kept their 100
        paid = 30 if isinstance(outcome, Redeemed) else 0
        assert read_balance(engine, person_id=people[i]) == 100 - paid
    with Session(engine) as s:
        redemptions = s.exec(select(Redemption).where(Redemption.reward_id == reward)).all()
        claimed = s.exec(select(RewardCode).where(RewardCode.reward_id == reward)).all()
    assert len(redemptions) == 5 and len({r.person_id for r in redemptions}) == 5
    if uploaded:
        assert sorted(w.reward.code for w in won) == FIVE_CODES
        by_code = {c.code: c.redemption_id for c in claimed}
        assert {r.code: r.id for r in redemptions} == by_code  # each code to exactly one


def test_eight_spends_of_one_balance_at_once_stop_at_zero(engine: Engine) -> None:
    person, reward = smoothies_for_250(engine)

    outcomes = at_once(
        THREADS,
        lambda i: redeem(
            engine, person_id=person, reward_id=reward, idempotency_key=f"s{i}", now=NOW
        ),
    )

    assert refusals(outcomes) == ["short"] * 3
    assert sorted(w.balance for w in successes(outcomes)) == [0, 50, 100, 150, 200]
    assert read_balance(engine, person_id=person) == 0
    assert len(debits(engine, person)) == 5
    assert_never_below_zero(engine, person)


def test_eight_retries_with_one_key_at_once_redeem_once(engine: Engine) -> None:
    person, reward = smoothies_for_250(engine)

    outcomes = at_once(
        THREADS,
        lambda _: redeem(
            engine, person_id=person, reward_id=reward, idempotency_key="same", now=NOW
        ),
    )

    won = successes(outcomes)
    assert len(won) == THREADS, outcomes
    assert sorted(w.repeated for w in won) == [False] + [True] * (THREADS - 1)
    assert len({w.reward.code for w in won}) == 1
    assert len(debits(engine, person)) == 1
    assert read_balance(engine, person_id=person) == 200
    assert read_reward(engine, reward_id=reward, now=NOW).redeemed == 1


def test_eight_freeze_purchases_at_once_stop_at_the_most_held(engine: Engine) -> None:
    update_budget(engine, budget=Budget(freeze_price=50, freeze_max_held=2), by="test", now=NOW)
    person = person_with(engine, 250)
    streak = a_challenge(
        engine, person, now=NOW, tracking=Tracking.STREAK, total_periods=10, required_periods=7
    )

    outcomes = at_once(
        THREADS,
        lambda i: buy_freeze(
            engine, person_id=person, challenge_id=streak, idempotency_key=f"f{i}", now=NOW
        ),
    )

    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == THREADS - 2
    assert all(isinstance(r, RuleError) and "the most allowed" in str(r) for r in refused)
    offer = read_freeze_offer(engine, person_id=person, challenge_id=streak)
    assert offer is not None and (offer.held, offer.balance) == (2, 150)
    assert read_balance(engine, person_id=person) == 150
    assert_never_below_zero(engine, person)


@pytest.mark.parametrize("cost", [80, 30])
def test_an_undo_racing_a_redemption_of_its_points_never_takes_the_balance_below_zero(
    engine: Engine, cost: int
) -> None:
    """100 earned by one log; a reward of 80 cannot be paid after the undo, nor the undo
    after it: one of them is refused. Of 30 a second log's 40 still covers it: both pass.

    Which comes first is the race's: the redemption mostly wins (the undo locks its challenge
    and closes due periods before it locks the person), so the undo is the one that waits on
    the person's lock and must read the balance the redemption left."""
    reward = create_reward(
        engine, rule=RewardRule(title="Cap", cost=cost), by="brand@example.com", now=NOW
    )
    later = NOW + timedelta(minutes=1)
    for _ in range(4):  # a few rounds, so either may come first
        person = a_person(engine, now=NOW)
        log_id = earned(engine, person, 100, now=NOW)
        if cost == 30:
            earned(engine, person, 40, now=NOW)

        def race(i: int, person: int = person, log_id: int = log_id) -> object:
            if i == 0:
                return undo_log(engine, person_id=person, log_id=log_id, now=later)
            return redeem(
                engine, person_id=person, reward_id=reward, idempotency_key="r", now=later
            )

        undone, redeemed = at_once(2, race)
        balance = read_balance(engine, person_id=person)
        assert balance >= 0
        assert_never_below_zero(engine, person)
        if cost == 80:
            assert isinstance(undone, RuleError) != isinstance(redeemed, RuleError), (
                undone,
                redeemed,
            )
            if isinstance(undone, RuleError):
                assert "you've spent the rest" in str(undone) and balance == 20
            else:
                assert isinstance(redeemed, RedemptionRefused) and redeemed.reason == "short"
                assert balance == 0
        else:
            assert not isinstance(undone, Exception) and isinstance(redeemed, Redeemed)
            assert balance == 100 + 40 - 100 - 30
