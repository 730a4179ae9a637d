"""How sign-in failures slow guessing down without locking the owner out (docs/security.md).

Three counters, each over the last FAILURE_WINDOW:
- per account, from devices it has never signed in on: after ACCOUNT_FAILURES, such devices
  are refused for the account until the window has passed;
- per known device (a device cookie the account was given at a sign-in): after
  DEVICE_FAILURES, that one device waits too, and no other;
- per client (an IP address), from devices unknown to the account they try: after
  CLIENT_FREE_FAILURES, every further try waits 1 s, 2 s, 4 s, … up to MAX_CLIENT_WAIT.
A device the owner signed in on before meets neither the account's nor the client's counter,
so a stranger's failures never stop the owner there (OWASP's device cookies).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from app.domain.errors import Counted

FAILURE_WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5
DEVICE_FAILURES = 5
CLIENT_FREE_FAILURES = 10
MAX_CLIENT_WAIT = timedelta(minutes=15)


def lock_lifts_at(failures: Sequence[datetime], *, limit: int, now: datetime) -> datetime | None:
    """When a counter that has seen `failures` (any order) opens again; None when open now."""
    recent = sorted(at for at in failures if at > now - FAILURE_WINDOW)
    if len(recent) < limit:
        return None
    return recent[-limit] + FAILURE_WINDOW


def client_may_try_at(
    failures: int, last_failure: datetime | None, *, now: datetime
) -> datetime | None:
    """When a client with `failures` in the window may try again; None when it may now."""
    if failures < CLIENT_FREE_FAILURES or last_failure is None:
        return None
    wait = min(timedelta(seconds=2 ** min(failures - CLIENT_FREE_FAILURES, 20)), MAX_CLIENT_WAIT)
    at = last_failure + wait
    return at if at > now else None


def wait_text(until: datetime, now: datetime) -> Counted:
    """'12 seconds', '3 minutes': how long a person still has to wait, rounded up (a refusal's
    value: English in the message, the reader's language on a page)."""
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    if seconds < 90:
        return Counted.ngettext("{count} second", "{count} seconds", seconds)
    return Counted.ngettext("{count} minute", "{count} minutes", (seconds + 59) // 60)
