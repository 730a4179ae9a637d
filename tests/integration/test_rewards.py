"""Rewards: redeeming spends points once, never past the balance, the stock or the limit.

docs/rules.md, "Rewards" and "Spending points", names each test below. On SQLite and
PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.tables import PointsLedgerEntry, Redemption
from app.domain.errors import RuleError
from app.domain.rewards import CODE_ALPHABET, CodeSource, RewardRule
from app.services.dashboard import read_balance
from app.services.history import read_ledger
from app.services.logging import undo_log
from app.services.redemptions import RedemptionRefused, read_catalogue, redeem
from app.services.rewards import add_codes, create_reward, end_reward, list_rewards, read_reward
from tests.factories import a_person, earned, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)
SHOES = RewardRule(title="10 % off running shoes", cost=80, stock=10, code_prefix="RUN-")


def a_reward(engine: Engine, rule: RewardRule = SHOES, codes: str | None = None) -> int:
    return create_reward(engine, rule=rule, codes=codes, by="brand@example.com", now=NOW)


def person_with(engine: Engine, points: int) -> int:
    person = a_person(engine, now=NOW)
    if points:
        earned(engine, person, points, now=NOW)
    return person


def test_redeeming_spends_the_cost_once_and_hands_out_a_code(engine: Engine) -> None:
    person, reward = person_with(engine, 100), a_reward(engine)
    done = redeem(engine, person_id=person, reward_id=reward, idempotency_key="k1", now=NOW)
    assert done.balance == 20 and read_balance(engine, person_id=person) == 20
    assert done.reward.code.startswith("RUN-")
    token = done.reward.code.removeprefix("RUN-").replace("-", "")
    assert len(token) == 12 and set(token) <= set(CODE_ALPHABET)
    assert done.reward.expires_at == NOW + timedelta(days=90)
    newest = read_ledger(engine, person_id=person)[0]
    assert (newest.note, newest.points, newest.balance) == (
        "Redeemed: 10 % off running shoes",
        -80,
        20,
    )
    view = read_reward(engine, reward_id=reward, now=NOW)
    assert (view.redeemed, view.left, view.points_spent) == (1, 9, 80)


def test_a_retry_with_the_same_key_redeems_once(engine: Engine) -> None:
    person, reward = person_with(engine, 200), a_reward(engine, SHOES)
    first = redeem(engine, person_id=person, reward_id=reward, idempotency_key="same", now=NOW)
    again = redeem(engine, person_id=person, reward_id=reward, idempotency_key="same", now=NOW)
    assert again.repeated and not first.repeated
    assert again.reward.code == first.reward.code
    assert read_balance(engine, person_id=person) == 120
    assert read_reward(engine, reward_id=reward, now=NOW).redeemed == 1


def test_a_reward_the_balance_does_not_cover_is_refused_with_what_is_missing(
    engine: Engine,
) -> None:
    person, reward = person_with(engine, 50), a_reward(engine)
    with pytest.raises(RedemptionRefused) as refused:
        redeem(engine, person_id=person, reward_id=reward, idempotency_key="k", now=NOW)
    assert refused.value.reason == "short"
    assert "costs 80 points and you have 50 points: 30 points more to go" in str(refused.value)
    assert read_balance(engine, person_id=person) == 50


def test_the_per_person_limit_holds(engine: Engine) -> None:
    person = person_with(engine, 500)
    reward = a_reward(engine, RewardRule(title="Smoothie", cost=10, per_person_limit=2))
    for key in ("a", "b"):
        redeem(engine, person_id=person, reward_id=reward, idempotency_key=key, now=NOW)
    with pytest.raises(RedemptionRefused) as refused:
        redeem(engine, person_id=person, reward_id=reward, idempotency_key="c", now=NOW)
    assert refused.value.reason == "limit" and "2 times per person" in str(refused.value)
    item = next(
        i for i in read_catalogue(engine, person_id=person, now=NOW).items if i.id == reward
    )
    assert item.limit_reached and not item.redeemable


def test_a_reward_without_a_per_person_limit_can_be_redeemed_again_and_again(
    engine: Engine,
) -> None:
    person = person_with(engine, 100)
    reward = a_reward(engine, RewardRule(title="Smoothie", cost=10, per_person_limit=None))
    assert read_reward(engine, reward_id=reward, now=NOW).rule.per_person_limit is None
    for key in ("a", "b", "c"):
        redeem(engine, person_id=person, reward_id=reward, idempotency_key=key, now=NOW)
    assert read_balance(engine, person_id=person) == 70


def test_an_ended_reward_is_refused_and_marked(engine: Engine) -> None:
    person, reward = person_with(engine, 100), a_reward(engine)
    end_reward(engine, reward_id=reward, by="brand@example.com", now=NOW)
    with pytest.raises(RedemptionRefused) as refused:
        redeem(engine, person_id=person, reward_id=reward, idempotency_key="k", now=NOW)
    assert refused.value.reason == "ended"
    assert read_catalogue(engine, person_id=person, now=NOW).items[0].availability == "ended"


def test_uploaded_codes_are_the_stock_and_each_goes_to_one_person(engine: Engine) -> None:
    rule = RewardRule(title="Free snack", cost=10, code_source=CodeSource.UPLOADED)
    reward = a_reward(engine, rule, codes="code\nSNACK-1\nSNACK-2\n")
    codes = []
    for _ in range(2):
        person = person_with(engine, 10)
        codes.append(
            redeem(engine, person_id=person, reward_id=reward, idempotency_key="k", now=NOW)
        )
    assert sorted(c.reward.code for c in codes) == ["SNACK-1", "SNACK-2"]
    late = person_with(engine, 10)
    with pytest.raises(RedemptionRefused) as refused:
        redeem(engine, person_id=late, reward_id=reward, idempotency_key="k", now=NOW)
    assert refused.value.reason == "sold_out"
    assert add_codes(engine, reward_id=reward, codes="SNACK-3", by="b", now=NOW) == 1
    third = redeem(engine, person_id=late, reward_id=reward, idempotency_key="k", now=NOW)
    assert third.reward.code == "SNACK-3"


def test_an_upload_with_blanks_or_repeats_is_refused_whole_with_line_numbers(
    engine: Engine,
) -> None:
    rule = RewardRule(title="Free snack", cost=10, code_source=CodeSource.UPLOADED)
    reward = a_reward(engine, rule, codes="A1\nA2")
    with pytest.raises(RuleError) as refused:
        add_codes(engine, reward_id=reward, codes="B1\n\nB1\nB2", by="b", now=NOW)
    assert [e.message for e in refused.value.errors] == [
        "Line 2 is blank: give it a code or remove it.",
        "Line 3 repeats line 1: B1.",
    ]
    with pytest.raises(RuleError) as taken:
        add_codes(engine, reward_id=reward, codes="B1\nA2", by="b", now=NOW)
    assert [e.message for e in taken.value.errors] == ["Line 2: A2 is uploaded already."]
    assert read_reward(engine, reward_id=reward, now=NOW).left == 2


def test_an_expired_code_is_kept_and_shown_as_expired(engine: Engine) -> None:
    person = person_with(engine, 100)
    reward = a_reward(engine, RewardRule(title="Gym day pass", cost=40, code_valid_days=7))
    redeem(engine, person_id=person, reward_id=reward, idempotency_key="k", now=NOW)
    later = read_catalogue(engine, person_id=person, now=NOW + timedelta(days=8))
    assert [(m.title, m.expired) for m in later.mine] == [("Gym day pass", True)]
    assert read_catalogue(engine, person_id=person, now=NOW).mine[0].expired is False


def test_an_undo_that_would_take_back_spent_points_is_refused(engine: Engine) -> None:
    person = person_with(engine, 0)
    log_id = earned(engine, person, 100, now=NOW)
    redeem(engine, person_id=person, reward_id=a_reward(engine), idempotency_key="k", now=NOW)
    with pytest.raises(RuleError) as refused:
        undo_log(engine, person_id=person, log_id=log_id, now=NOW + timedelta(minutes=1))
    assert "take back 100 points, and you have 20 points" in str(refused.value)
    assert read_balance(engine, person_id=person) == 20
    with Session(engine) as s:
        assert (
            s.exec(select(PointsLedgerEntry).where(col(PointsLedgerEntry.points) == -100)).all()
            == []
        )


def test_an_undo_is_allowed_while_the_points_are_unspent(engine: Engine) -> None:
    person = person_with(engine, 0)
    log_id = earned(engine, person, 100, now=NOW)
    undo_log(engine, person_id=person, log_id=log_id, now=NOW + timedelta(minutes=1))
    assert read_balance(engine, person_id=person) == 0


def test_the_catalogue_puts_what_the_person_can_afford_first(engine: Engine) -> None:
    person = person_with(engine, 100)
    pricey = a_reward(engine, RewardRule(title="Jacket", cost=220))
    cheap = a_reward(engine, RewardRule(title="Water bottle", cost=60))
    gone = a_reward(engine, RewardRule(title="Cap", cost=10, stock=0))
    near = a_reward(engine, RewardRule(title="Socks", cost=120))
    shelf = read_catalogue(engine, person_id=person, now=NOW)
    assert [i.id for i in shelf.items] == [cheap, near, pricey, gone]
    assert [i.shortfall for i in shelf.items[:3]] == [0, 20, 120]
    assert shelf.items[-1].availability == "sold_out"


def test_redemptions_are_listed_for_the_console_with_points_spent(engine: Engine) -> None:
    reward = a_reward(engine)
    for key in ("a", "b"):
        person = person_with(engine, 100)
        redeem(engine, person_id=person, reward_id=reward, idempotency_key=key, now=NOW)
    [view] = list_rewards(engine, now=NOW)
    assert (view.redeemed, view.left, view.points_spent) == (2, 8, 160)
    with Session(engine) as s:
        assert len(s.exec(select(Redemption)).all()) == 2
