"""`/healthz`: what a load balancer asks before it sends an instance traffic.

It reports the two things an instance cannot serve without: the database and, with several
instances, Redis (NiceGUI's storage). Either gone: 503, so the balancer looks elsewhere. The
answer names no host, user or error text: anyone may ask (docs/security.md).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
OK, DOWN, NOT_USED = "ok", "unreachable", "not used"


class Health:
    def __init__(self, engine: Engine, *, redis_url: str | None) -> None:
        self.engine = engine
        self.redis: Any = None
        if redis_url:
            import redis.asyncio as redis

            self.redis = redis.from_url(
                redis_url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
            )

    async def answer(self) -> JSONResponse:
        database, redis = await asyncio.gather(self._database(), self._redis())
        healthy = database == OK and redis in (OK, NOT_USED)
        body = {"status": "ok" if healthy else "failing", "database": database, "redis": redis}
        return JSONResponse(body, status_code=200 if healthy else 503)

    async def _database(self) -> str:
        try:
            await asyncio.wait_for(asyncio.to_thread(self._select_one), TIMEOUT_SECONDS)
        except Exception as error:
            log.warning("health: the database did not answer (%s)", type(error).__name__)
            return DOWN
        return OK

    def _select_one(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def _redis(self) -> str:
        if self.redis is None:
            return NOT_USED
        try:
            await asyncio.wait_for(self.redis.ping(), TIMEOUT_SECONDS)
        except Exception as error:
            log.warning("health: Redis did not answer (%s)", type(error).__name__)
            return DOWN
        return OK

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
