"""The sign-in counters' arithmetic (app/domain/sign_in_rules.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.sign_in_rules import (
    CLIENT_FREE_FAILURES,
    FAILURE_WINDOW,
    MAX_CLIENT_WAIT,
    client_may_try_at,
    lock_lifts_at,
    wait_text,
)

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_a_lock_holds_from_the_limit_until_the_window_has_passed_the_oldest_of_them():
    failures = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4, 5)]

    assert lock_lifts_at(failures[:4], limit=5, now=NOW) is None
    assert lock_lifts_at(failures, limit=5, now=NOW) == failures[-1] + FAILURE_WINDOW


def test_failures_older_than_the_window_do_not_count():
    failures = [NOW - FAILURE_WINDOW - timedelta(seconds=1)] + [NOW] * 4

    assert lock_lifts_at(failures, limit=5, now=NOW) is None


def test_a_client_tries_freely_then_waits_a_doubling_time_up_to_the_cap():
    assert client_may_try_at(CLIENT_FREE_FAILURES - 1, NOW, now=NOW) is None
    assert client_may_try_at(CLIENT_FREE_FAILURES, NOW, now=NOW) == NOW + timedelta(seconds=1)
    assert client_may_try_at(CLIENT_FREE_FAILURES + 3, NOW, now=NOW) == NOW + timedelta(seconds=8)
    assert client_may_try_at(CLIENT_FREE_FAILURES + 400, NOW, now=NOW) == NOW + MAX_CLIENT_WAIT


def test_a_client_whose_wait_is_over_may_try_again():
    last = NOW - timedelta(seconds=5)

    assert client_may_try_at(CLIENT_FREE_FAILURES + 2, last, now=NOW) is None  # waited 4 s
    assert client_may_try_at(CLIENT_FREE_FAILURES + 3, last, now=NOW) == last + timedelta(seconds=8)


def test_the_wait_is_said_in_seconds_then_minutes_rounded_up():
    assert str(wait_text(NOW + timedelta(seconds=0.2), NOW)) == "1 second"
    assert str(wait_text(NOW + timedelta(seconds=12), NOW)) == "12 seconds"
    assert str(wait_text(NOW + timedelta(minutes=14, seconds=1), NOW)) == "15 minutes"
