"""One-use names (sign-in ticket ids): in memory for one process, in Redis for several."""

from __future__ import annotations

import uuid

import pytest

from app.one_use import OneUse


@pytest.mark.parametrize("where", ["memory", "redis"])
def test_a_name_is_used_once_then_refused(where: str):
    one_use = OneUse("redis://127.0.0.1:6379/0" if where == "redis" else None, prefix="t:")
    name = f"ticket:{uuid.uuid4()}"
    try:
        assert one_use.first_use(name, remember_seconds=5)
        assert not one_use.first_use(name, remember_seconds=5)
        assert one_use.first_use(f"{name}-other", remember_seconds=5)
    finally:
        one_use.close()


def test_two_instances_sharing_redis_refuse_what_the_other_used():
    first, second = (OneUse("redis://127.0.0.1:6379/0", prefix="t:") for _ in range(2))
    name = f"ticket:{uuid.uuid4()}"
    try:
        assert first.first_use(name, remember_seconds=5)
        assert not second.first_use(name, remember_seconds=5)
    finally:
        first.close()
        second.close()


def test_with_redis_gone_a_ticket_is_refused_not_let_through():
    one_use = OneUse("redis://127.0.0.1:1/0", prefix="t:")  # nothing listens on port 1
    assert not one_use.first_use("ticket:x", remember_seconds=5)
