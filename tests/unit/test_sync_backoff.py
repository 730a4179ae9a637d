"""Retry timing and the readable sentences for upstream codes: plain values, no I/O."""

from __future__ import annotations

import pytest

from app.sync.backoff import CAP_S, MAX_ATTEMPTS, out_of_attempts, retry_delay
from app.sync.errors import PermanentUpstreamError, readable


def test_the_ceiling_doubles_with_each_failure_and_stops_at_the_cap():
    ceilings = [retry_delay(n, rand=lambda: 1.0) for n in range(1, 6)]

    assert ceilings == [0.1, 0.2, 0.4, 0.8, 1.6]
    assert retry_delay(40, rand=lambda: 1.0) == CAP_S


def test_full_jitter_draws_anywhere_below_the_ceiling():
    assert retry_delay(3, rand=lambda: 0.0) == 0.0
    assert retry_delay(3, rand=lambda: 0.5) == 0.2


def test_retry_after_is_a_floor_on_the_delay():
    assert retry_delay(1, rand=lambda: 0.0, retry_after=1.0) == 1.0
    assert retry_delay(8, rand=lambda: 1.0, retry_after=1.0) == 12.8


def test_retries_are_bounded():
    assert not out_of_attempts(MAX_ATTEMPTS - 1)
    assert out_of_attempts(MAX_ATTEMPTS)


@pytest.mark.parametrize(
    ("code", "message", "expected"),
    [
        (
            310008,
            "Length of Target rule name cannot exceed 200",
            "Capillary refused the challenge's name: it is longer than 200 characters; "
            "shorten it, then retry (310008)",
        ),
        (
            300004,
            "Invalid input: targets[0].eventName 'x' is not a defined event.",
            "Capillary found the challenge's settings invalid: Invalid input: "
            "targets[0].eventName 'x' is not a defined event; fix the challenge, "
            "then retry (300004)",
        ),
        (
            4242,
            "Something odd",
            "Capillary refused the request: Something odd; check the challenge, then retry (4242)",
        ),
    ],
)
def test_upstream_codes_read_as_sentences_that_keep_the_code(code, message, expected):
    assert readable(code, message) == expected
    assert str(PermanentUpstreamError(code, message)) == expected
