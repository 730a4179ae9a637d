"""The request journal: the latest Capillary calls, bounded in memory."""

from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Any

from app.sandbox.times import iso_z

JOURNAL_SIZE = 10_000


class RequestJournal:
    """Entries are dicts whose "at" is epoch ms, shown as ISO 8601 by `latest`."""

    def __init__(self, size: int = JOURNAL_SIZE) -> None:
        self.entries: deque[dict[str, Any]] = deque(maxlen=size)
        self.total = 0  # every request recorded since the start or the last reset

    def record(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)
        self.total += 1

    def latest(self, limit: int) -> list[dict[str, Any]]:
        """The `limit` most recent entries, oldest first."""
        if limit <= 0:
            return []
        start = max(len(self.entries) - limit, 0)
        return [{**e, "at": iso_z(e["at"])} for e in islice(self.entries, start, None)]

    def clear(self) -> None:
        self.entries.clear()
        self.total = 0
