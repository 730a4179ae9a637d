"""The demo clock moves only forward, in bounded steps, and never past what it can hold."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import MAX_OFFSET, MAX_STEP, Clock


def test_a_step_beyond_the_largest_is_refused_and_changes_nothing():
    clock = Clock(allow_override=True)
    before = clock.now()

    with pytest.raises(ValueError, match="at most 366 days"):
        clock.advance(MAX_STEP + timedelta(seconds=1))
    assert clock.now() - before < timedelta(seconds=5)


def test_the_clock_runs_at_most_a_century_ahead():
    clock = Clock(allow_override=True)
    for _ in range(MAX_OFFSET // MAX_STEP):  # 99 years of 366 days: still allowed
        clock.advance(MAX_STEP)

    with pytest.raises(ValueError, match="at most 36525 days ahead"):
        clock.advance(MAX_STEP)
    assert clock.now().year < 9000


def test_time_never_moves_back_and_never_without_the_setting():
    with pytest.raises(ValueError, match="forward"):
        Clock(allow_override=True).advance(timedelta(days=-1))
    with pytest.raises(PermissionError):
        Clock().advance(timedelta(days=1))


def test_the_demo_reset_rewinds_to_real_time_only_with_the_setting():
    clock = Clock(allow_override=True)
    clock.advance(timedelta(days=7))

    assert abs(clock.rewind() - Clock().now()) < timedelta(seconds=5)
    with pytest.raises(PermissionError):
        Clock().rewind()
