"""Names that may be used once, such as a sign-in ticket's id: remembered in this process, or,
with several instances (NICEGUI_REDIS_URL), in the Redis they share, so a ticket redeemed on
one instance is refused on every other."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

log = logging.getLogger(__name__)


class OneUse:
    def __init__(self, redis_url: str | None = None, *, prefix: str = "") -> None:
        self._prefix = f"{prefix}one-use:"
        self._redis: Any = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(
                redis_url, socket_connect_timeout=2, socket_timeout=2
            )
        self._used: dict[str, float] = {}  # name → when it may be forgotten
        self._lock = threading.Lock()

    def first_use(self, name: str, *, remember_seconds: int) -> bool:
        """True the first time `name` is used within `remember_seconds`; False after, and
        False when the shared store cannot be asked (refusing is the safe answer)."""
        if self._redis is not None:
            try:
                return bool(self._redis.set(self._prefix + name, 1, nx=True, ex=remember_seconds))
            except Exception as error:
                log.warning(
                    "one-use check refused: Redis did not answer (%s)", type(error).__name__
                )
                return False
        now = time.monotonic()
        with self._lock:
            for old in [n for n, forget_at in self._used.items() if forget_at < now]:
                del self._used[old]
            if name in self._used:
                return False
            self._used[name] = now + remember_seconds
            return True

    def close(self) -> None:
        if self._redis is not None:
            self._redis.close()
