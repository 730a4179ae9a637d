"""The app's clock. Tests and demos may move it forward; production never can."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Real time plus an offset that only an explicit setting lets anyone change."""

    def __init__(self, *, allow_override: bool = False) -> None:
        self._allow_override = allow_override
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward (tests and demos only)."""
        if not self._allow_override:
            raise PermissionError("the clock can only be moved with ALLOW_CLOCK_OVERRIDE=true")
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self._offset += delta
        return self.now()
