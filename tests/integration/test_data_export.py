"""Downloading one's data: everything, redemptions with their codes included, and no secrets."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy.engine import Engine

from app.domain.rewards import RewardRule
from app.services.accounts import sign_up
from app.services.data_export import export_person_data
from app.services.redemptions import redeem
from app.services.rewards import create_reward
from tests.factories import a_person, earned, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def test_the_export_keeps_redemptions_expired_ones_too_and_adds_up_to_the_balance(
    engine: Engine,
) -> None:
    person = a_person(engine, now=NOW)
    earned(engine, person, 100, now=NOW)
    reward = create_reward(
        engine, rule=RewardRule(title="Day pass", cost=30, code_valid_days=7), by="b", now=NOW
    )
    done = redeem(engine, person_id=person, reward_id=reward, idempotency_key="k", now=NOW)
    data = export_person_data(engine, person_id=person, now=NOW + timedelta(days=30))
    json.dumps(data)  # plain JSON all the way down
    [redemption] = data["redemptions"]
    assert (redemption["reward"], redemption["code"], redemption["expired"]) == (
        "Day pass",
        done.reward.code,
        True,
    )
    assert data["balance"] == sum(e["points"] for e in data["ledger"]) == 70
    assert [len(c["periods"]) for c in data["challenges"]] == [1]
    assert len(data["logs"]) == 1


def test_the_export_holds_no_password_hash_or_internal_keys(engine: Engine) -> None:
    person = sign_up(
        engine, email="ada@example.com", password="correct horse battery", timezone="UTC", now=NOW
    )
    earned(engine, person, 10, now=NOW)
    text = json.dumps(export_person_data(engine, person_id=person, now=NOW))
    for secret in ("password_hash", "argon2", "idempotency_key", "entry_key", "upstream_"):
        assert secret not in text
