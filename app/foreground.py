"""People before background work: while someone is being served, the relay steps aside.

The relay on its own thread (app/sync/relay_loop.py) no longer waits in line on the pages'
loop, but it still shares the interpreter with them: draining a backlog it is busy about a
millisecond of CPU an event, and a page load or a tap that meets it takes twice as long or
more. So every page request and every tap marks the moment (`serving`), and the relay, before
each claim and each send, waits until nobody has been served for `QUIET_S` (`step_aside`):
a tap paints at its quiet-machine speed and the backlog drains in the gaps. A pause is
never longer than `LONGEST_PAUSE_S`, so a stream of visitors slows the relay but never stops
it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

QUIET_S = 0.05
LONGEST_PAUSE_S = 0.5


class Foreground:
    def __init__(
        self,
        *,
        quiet_s: float = QUIET_S,
        longest_pause_s: float = LONGEST_PAUSE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet_s, self.longest_pause_s, self._clock = quiet_s, longest_pause_s, clock
        self._last = float("-inf")  # a float's assignment is atomic: any thread may mark

    def serving(self) -> None:
        """Someone is being served now (a page request, a tap)."""
        self._last = self._clock()

    async def step_aside(self) -> None:
        """Wait, on the caller's loop, until nobody has been served for `quiet_s`, or at most
        `longest_pause_s`."""
        started = self._clock()
        while (wait := self._last + self.quiet_s - self._clock()) > 0:
            left = started + self.longest_pause_s - self._clock()
            if left <= 0:
                return
            await asyncio.sleep(min(wait, left))


# Requests that serve nobody in particular: versioned assets, and the mounted sandbox, which
# the relay itself calls (it would make the relay wait on its own requests).
NOT_SERVING = ("/_nicegui/", "/assets/", "/static/", "/sandbox/", "/favicon")


class MarkServing:
    """ASGI middleware: each HTTP request for a page or the API marks `foreground.serving`."""

    def __init__(self, app: ASGIApp, foreground: Foreground) -> None:
        self.app, self.foreground = app, foreground

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(NOT_SERVING):
            self.foreground.serving()
        await self.app(scope, receive, send)
