"""What the sync tests share: the sandbox seen from outside, a clock, and draining to the end."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.tables import OutboxItem
from app.services.sync_status import outbox_counts
from app.sync.client import CapillaryClient
from app.sync.relay import DrainReport, drain
from tests.sandbox_server import basic_auth_header, control_headers

TZ = "Europe/Stockholm"


def clock() -> datetime:
    return datetime.now(UTC)


def today() -> Any:
    """The person's local date now: fixed windows start today."""
    return clock().astimezone(ZoneInfo(TZ)).date()


class Sandbox:
    """The sandbox as another Capillary client and an operator see it (blocking calls)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=10, headers=basic_auth_header())
        self.control = httpx.Client(base_url=url, timeout=10, headers=control_headers())

    def reset(self) -> None:
        self.control.post("/_sandbox/reset").raise_for_status()
        self.faults()

    def faults(self, **settings: Any) -> None:
        self.control.put("/_sandbox/faults", json=settings).raise_for_status()

    def stats(self) -> dict[str, Any]:
        return dict(self.control.get("/_sandbox/stats").json())

    def events(self) -> list[dict[str, Any]]:
        return list(self.control.get("/_sandbox/events", params={"limit": 10_000}).json()["events"])

    def journal(self) -> list[dict[str, Any]]:
        return list(
            self.control.get("/_sandbox/requests", params={"limit": 10_000}).json()["requests"]
        )

    def groups(self) -> list[dict[str, Any]]:
        params = {"includeUserCreatedTargetGroups": "true", "limit": 100}
        return list(self.http.get("/v3/milestones", params=params).json()["data"])

    def promotions(self, program_id: int = 1) -> list[dict[str, Any]]:
        params = {"limit": 100, "offset": 0, "sourceType": "USER_CREATED"}
        path = f"/api_gateway/loyalty/v1/programs/{program_id}/promotionsV2"
        return list(self.http.get(path, params=params).json()["data"])

    def customer_groups(self, customer_id: int) -> list[dict[str, Any]]:
        answer = self.http.get(
            f"/v3/users/{customer_id}/targetGroups", params={"includeInactive": "true"}
        ).json()
        return list(answer["data"]["targetGroups"])

    def call(self, method: str, path: str, body: Any) -> httpx.Response:
        """A call by another Capillary client (no Idempotency-Key, our sandbox credentials)."""
        return self.http.request(method, path, json=body)


async def settle(
    engine: Engine,
    client: CapillaryClient,
    *,
    timeout: float = 60.0,
    now: Callable[[], datetime] = clock,
    **options: Any,
) -> DrainReport:
    """Drain again and again until nothing is pending; the summed reports."""
    total = DrainReport()
    deadline = time.monotonic() + timeout
    while True:
        report = await drain(engine, client, now=now, **options)
        total.sent += report.sent
        total.retried += report.retried
        total.dead += report.dead
        total.skipped += report.skipped
        if await asyncio.to_thread(movable, engine) == 0:
            return total
        if time.monotonic() > deadline:
            counts = outbox_counts(engine)
            raise AssertionError(f"still pending after {timeout} s: {counts}, so far {total}")
        if report.handled == 0:
            await asyncio.sleep(0.05)  # the next retry is not due yet


def movable(engine: Engine) -> int:
    """Pending items not stuck behind a dead one in their stream."""
    with Session(engine) as s:
        stuck = select(OutboxItem.stream).where(OutboxItem.status == "dead")
        return s.exec(
            select(func.count())
            .select_from(OutboxItem)
            .where(OutboxItem.status == "pending", col(OutboxItem.stream).not_in(stuck))
        ).one()


def lost_upstream(engine: Engine, log_id: int) -> None:
    """Mark a log's event sent, as if Capillary had answered and then never stored it."""
    with Session(engine) as s:
        s.execute(
            update(OutboxItem)
            .where(col(OutboxItem.idempotency_key) == f"log:{log_id}:post")
            .values(status="sent")
        )
        s.commit()
