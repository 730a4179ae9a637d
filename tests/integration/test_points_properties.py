"""No sequence of earning, redeeming, buying freezes and undoing breaks the books.

After any such sequence the balance is the sum of the person's ledger and never went below
zero, a refusal for points short was told the truth, and every reward's stock is what is left
plus what was redeemed, one redemption row (and one debit) each. docs/rules.md, "Rewards"
and "Spending points". On SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

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
from app.services.redemptions import RedemptionRefused, redeem
from app.services.rewards import create_reward, read_reward
from tests.factories import (
    a_challenge,
    a_person,
    assert_never_below_zero,
    earned,
    ledger_rows,
    local,
)

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)
BUDGET = Budget(freeze_price=40, freeze_max_held=2)
_codes = itertools.count(1)

Offer = tuple[int, int | None, CodeSource, int | None]  # cost, stock, source, per-person limit
offers = st.lists(
    st.tuples(
        st.integers(1, 100),
        st.one_of(st.none(), st.integers(0, 3)),
        st.sampled_from(CodeSource),
        st.sampled_from([None, 1, 2]),
    ),
    min_size=1,
    max_size=3,
)
Step = tuple[str, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("earn"), st.integers(1, 120)),
        st.tuples(st.just("redeem"), st.integers(0, 2)),
        st.tuples(st.just("redeem"), st.integers(0, 2)),  # twice: spending is what is tested
        st.tuples(st.just("freeze"), st.just(0)),
        st.tuples(st.just("undo"), st.integers(0, 10)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # spend it all, then try to undo what paid for it
    offers=[(100, None, CodeSource.GENERATED, None)],
    opening=0,
    steps=[("earn", 100), ("redeem", 0), ("undo", 0), ("freeze", 0)],
)
@example(  # a stock of one, wanted twice
    offers=[(10, 1, CodeSource.UPLOADED, None)],
    opening=50,
    steps=[("redeem", 0), ("redeem", 0), ("undo", 0)],
)
@given(offers=offers, opening=st.integers(0, 300), steps=steps)
def test_no_sequence_of_spends_and_undos_breaks_the_balance_or_the_stock(
    engine: Engine, offers: list[Offer], opening: int, steps: list[Step]
) -> None:
    update_budget(engine, budget=BUDGET, by="test", now=NOW)
    person = a_person(engine, now=NOW)
    streak = a_challenge(
        engine, person, now=NOW, tracking=Tracking.STREAK, total_periods=10, required_periods=7
    )
    stocks = {_offered(engine, *offer): _stock_of(offer) for offer in offers}
    rewards = list(stocks)
    logs = [earned(engine, person, opening, now=NOW)] if opening else []
    now = NOW
    for n, (kind, value) in enumerate(steps):
        now += timedelta(seconds=1)
        before = read_balance(engine, person_id=person)
        try:
            if kind == "earn":
                logs.append(earned(engine, person, value, now=now))
            elif kind == "redeem":
                reward = rewards[value % len(rewards)]
                done = redeem(
                    engine, person_id=person, reward_id=reward, idempotency_key=f"r{n}", now=now
                )
                assert done.balance == before - done.reward.points >= 0
            elif kind == "freeze":
                buy_freeze(
                    engine, person_id=person, challenge_id=streak, idempotency_key=f"f{n}", now=now
                )
            elif logs:
                undo_log(engine, person_id=person, log_id=logs[value % len(logs)], now=now)
            event(f"{kind} passed")
        except RedemptionRefused as refused:
            event(f"redeem refused: {refused.reason}")
            if refused.reason == "short":
                cost = read_reward(engine, reward_id=reward, now=now).rule.cost
                assert before < cost
        except RuleError:  # a freeze past the most held or short, an undo of spent points
            event(f"{kind} refused")
        assert read_balance(engine, person_id=person) >= 0

    _the_books_balance(engine, person)
    for reward, stock in stocks.items():
        _the_stock_adds_up(engine, reward, stock)
    offer = read_freeze_offer(engine, person_id=person, challenge_id=streak)
    assert offer is not None and offer.held <= BUDGET.freeze_max_held


def _offered(
    engine: Engine, cost: int, stock: int | None, source: CodeSource, limit: int | None
) -> int:
    codes = None
    if source is CodeSource.UPLOADED:
        codes = "\n".join(f"CODE-{next(_codes)}" for _ in range(_stock_of((cost, stock, source))))
        stock = None
    rule = RewardRule(
        title="Prize", cost=cost, stock=stock, code_source=source, per_person_limit=limit
    )
    return create_reward(engine, rule=rule, codes=codes or None, by="brand@example.com", now=NOW)


def _stock_of(offer: tuple[int, int | None, CodeSource] | Offer) -> int | None:
    _, stock, source = offer[:3]
    if source is CodeSource.UPLOADED:
        return stock or 2  # uploaded codes are always a stock: at least one code
    return stock


def _the_books_balance(engine: Engine, person: int) -> None:
    rows = ledger_rows(engine, person)
    assert read_balance(engine, person_id=person) == sum(r.points for r in rows)
    assert_never_below_zero(engine, person)


def _the_stock_adds_up(engine: Engine, reward: int, stock: int | None) -> None:
    view = read_reward(engine, reward_id=reward, now=NOW)
    with Session(engine) as s:
        redemptions = s.exec(select(Redemption).where(Redemption.reward_id == reward)).all()
        debits = {
            r.entry_key: r.points
            for r in s.exec(
                select(PointsLedgerEntry).where(
                    PointsLedgerEntry.reason == PointsReason.REDEEMED.value
                )
            ).all()
        }
        claimed = s.exec(
            select(func.count())
            .select_from(RewardCode)
            .where(RewardCode.reward_id == reward, col(RewardCode.redemption_id).is_not(None))
        ).one()
    assert view.redeemed == len(redemptions)
    assert all(debits[f"redemption:{r.id}"] == -r.points for r in redemptions)
    if stock is None:
        assert view.left is None
        return
    assert view.left is not None and view.left + view.redeemed == stock
    if view.rule.code_source is CodeSource.UPLOADED:
        assert claimed == view.redeemed
