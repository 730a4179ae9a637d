"""The test suite's cheap password hashing never reaches a server anyone can reach."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, profiles

from app.services.accounts import password_hasher

DEFAULT = PasswordHasher()


@pytest.mark.parametrize("environment", ["production", "demo"])
def test_a_reachable_server_hashes_at_full_cost_whatever_it_is_told(environment):
    hasher = password_hasher({"PASSWORD_HASHING": "cheapest", "ENVIRONMENT": environment})

    assert (hasher.time_cost, hasher.memory_cost) == (DEFAULT.time_cost, DEFAULT.memory_cost)
    assert "$m=65536,t=3," in hasher.hash("correct horse battery")


@pytest.mark.parametrize("environment", ["development", "test"])
def test_the_test_suite_may_ask_for_the_cheapest_profile(environment):
    hasher = password_hasher({"PASSWORD_HASHING": "cheapest", "ENVIRONMENT": environment})

    assert hasher.memory_cost == profiles.CHEAPEST.memory_cost
    # either verifies the other's hashes: a hash carries its own parameters
    assert hasher.verify(DEFAULT.hash("correct horse battery"), "correct horse battery")
    assert DEFAULT.verify(hasher.hash("correct horse battery"), "correct horse battery")


def test_without_being_asked_it_is_the_default():
    assert password_hasher({"ENVIRONMENT": "development"}).memory_cost == DEFAULT.memory_cost
