"""Mirroring the seeded world to the mounted sandbox, as the relay would have done live.

The services wrote their outbox rows as real use writes them; here the real relay (`drain`)
sends them with the real client. Only the wire differs: the sandbox is mounted in this very
server, which is not listening yet while the world is seeded, so the client reaches the
sandbox's ASGI app in-process through `httpx.ASGITransport`. That keeps seeding before the
server starts, so the first page anyone opens, and the snapshot the reset returns to, already
hold the mirrored world; draining over TCP from a start-up task would leave a window in
which the demo shows challenges that are not upstream yet. Every request still passes the
sandbox's gate, credentials and routes, exactly as over HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from app.sandbox.state import SandboxState
from app.services.sync_status import outbox_counts
from app.sync.client import CapillaryClient
from app.sync.credentials import BasicCredentials, UpstreamOptions
from app.sync.relay import DrainReport, drain

MAX_ROUNDS = 10


class MirrorFailed(RuntimeError):
    """Some of the demo world did not reach the sandbox."""


async def mirror_to_sandbox(
    engine: Engine, sandbox: FastAPI, *, options: UpstreamOptions, now: Callable[[], datetime]
) -> DrainReport:
    """Drain the whole outbox into the mounted `sandbox`; raises MirrorFailed if anything is
    left pending or dead."""
    state: SandboxState = sandbox.state.sandbox
    credentials = BasicCredentials(state.credentials.till, SecretStr(state.credentials.password))
    total = DrainReport()
    transport = httpx.ASGITransport(app=sandbox)
    async with CapillaryClient(
        "http://sandbox.demo", credentials=credentials, options=options, transport=transport
    ) as client:
        for _ in range(MAX_ROUNDS):
            report = await drain(engine, client, now=now)
            total.sent += report.sent
            total.dead += report.dead
            if report.handled == 0:
                break
    counts = outbox_counts(engine)
    left = {k: v for k, v in counts.items() if k in ("pending", "dead") and v}
    if left:
        raise MirrorFailed(f"the demo world did not reach the sandbox: {left} outbox items")
    return total
