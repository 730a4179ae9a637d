"""Writers to one SQLite file take turns in the order they asked, within the process.

SQLite lets one writer in at a time and makes the others poll: a writer that finds the lock
taken sleeps (1, 2, 5 ... 100 ms) and tries again, so a busy writer that lets go and takes it
straight back — the relay draining a backlog, batch after batch — can keep a person's log
waiting for seconds. Here a writer that must wait is queued and handed the turn when the one
before it ends its transaction. Background writers (the relay, `background=True`) queue
behind everyone else, so a log waits at most for the one transaction under way, however many
of the relay's are queued. Other processes writing to the same file still meet SQLite's own
busy wait.
"""

from __future__ import annotations

import threading
from collections import deque


class WriteTurns:
    """A first-come, first-served lock with a second line for background writers: `release`
    hands it to the longest waiter in the first line, else in the second."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._lines: tuple[deque[threading.Lock], deque[threading.Lock]] = (deque(), deque())

    def acquire(self, timeout: float, *, background: bool = False) -> bool:
        """Wait up to `timeout` seconds for the turn; False when it did not come."""
        line = self._lines[background]
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            baton = threading.Lock()
            baton.acquire()
            line.append(baton)
        if baton.acquire(timeout=timeout):
            return True  # handed over: the lock stayed held for us
        with self._mutex:
            if baton in line:
                line.remove(baton)
                return False
        return True  # handed over just as the wait ran out

    def release(self) -> None:
        with self._mutex:
            line = next((line for line in self._lines if line), None)
            if line is not None:
                line.popleft().release()
            else:
                self._held = False
