"""The outbox relay's own thread and event loop, so draining a backlog never starves the pages.

On the pages' loop the relay's work (claiming, mapping, posting, recording: about 1 ms of
CPU an event) queued between every page's callbacks: an hour of upstream outage left
~11,000 events, and while they drained Today's load and a tap took 1.5x and 5x as long.
Here the relay runs on a loop of its own in a thread of its own, with a client made on that
loop (httpx's pool and the client's token lock belong to the loop that uses them). The
scheduler still runs the drain job, its health and its failures as before:
`RelayLoop.drain` hands the work over and awaits the report without blocking the caller's
loop. The two threads still share the interpreter (the GIL): with `foreground`, the relay
steps aside while someone is being served (app/foreground.py). A mounted sandbox still
answers on the server's loop (it works on one loop only).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from datetime import datetime
from typing import TypeVar

from sqlalchemy.engine import Engine

from app.foreground import Foreground
from app.sync.client import CapillaryClient
from app.sync.relay import DrainReport, drain

T = TypeVar("T")
log = logging.getLogger(__name__)


class RelayLoop:
    """One thread with one event loop, started on first use and stopped with the app."""

    def __init__(
        self,
        make_client: Callable[[], CapillaryClient],
        name: str = "outbox-relay",
        foreground: Foreground | None = None,
    ):
        self._make_client = make_client
        self._name = name
        self._foreground = foreground  # while someone is served, the relay steps aside
        self._client: CapillaryClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    async def drain(
        self, engine: Engine, *, now: Callable[[], datetime], lease_seconds: int
    ) -> DrainReport:
        """Send what is due (app/sync/relay.py's `drain`) on the relay's loop."""

        async def on_relay_loop() -> DrainReport:
            if self._client is None:
                self._client = self._make_client()
            step_aside = self._foreground.step_aside if self._foreground else None
            return await drain(
                engine, self._client, now=now, lease_seconds=lease_seconds, step_aside=step_aside
            )

        return await self.run(on_relay_loop)

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Await `work()` as run on the relay's loop, from any other loop."""
        future: Future[T] = asyncio.run_coroutine_threadsafe(_call(work), self._started())
        return await asyncio.wrap_future(future)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Close the client on its own loop, stop the loop and wait for its thread."""
        with self._lock:
            loop, thread, self._loop, self._thread = self._loop, self._thread, None, None
        if loop is None or thread is None:
            return
        client, self._client = self._client, None
        if client is not None:
            closing = asyncio.run_coroutine_threadsafe(client.aclose(), loop)
            try:
                closing.result(timeout_s)
            except Exception as error:  # a client that fails to close must not stop shutdown
                log.warning("the relay's upstream client did not close: %r", error)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout_s)

    def _started(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()
                thread = threading.Thread(
                    target=_serve, args=(loop, ready), name=self._name, daemon=True
                )
                thread.start()
                ready.wait()
                self._loop, self._thread = loop, thread
            return self._loop


async def _call(work: Callable[[], Awaitable[T]]) -> T:
    return await work()


def _serve(loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
    asyncio.set_event_loop(loop)
    loop.call_soon(ready.set)
    try:
        loop.run_forever()
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
