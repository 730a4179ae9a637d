"""When to try a transiently failed item again: exponential backoff with full jitter."""

from __future__ import annotations

from collections.abc import Callable

BASE_S = 0.1
CAP_S = 600.0
MAX_ATTEMPTS = 20  # over an hour of an unreachable upstream before an item is dead
# Retried in place first (the item stays leased), then rescheduled in the database.
INLINE_ATTEMPTS = 4
INLINE_MAX_WAIT_S = 2.0


def retry_delay(
    failures: int,
    *,
    rand: Callable[[], float],
    retry_after: float | None = None,
    base: float = BASE_S,
    cap: float = CAP_S,
) -> float:
    """Seconds to wait after the `failures`-th failure (1, 2, …); at least `retry_after`."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    delay = rand() * ceiling
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay


def out_of_attempts(failures: int, *, limit: int = MAX_ATTEMPTS) -> bool:
    return failures >= limit
