"""The app's clock. Tests and demos may move it forward; production never can."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# One step moves at most a year; in all, the clock runs at most a century ahead, far from
# the end of what `datetime` holds (and from the year-9999 end of an open stamp card).
MAX_STEP = timedelta(days=366)
MAX_OFFSET = timedelta(days=36_525)


class Clock:
    """Real time plus an offset that only an explicit setting lets anyone change."""

    def __init__(self, *, allow_override: bool = False) -> None:
        self._allow_override = allow_override
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward (tests and demos only); refused before anything changes."""
        if not self._allow_override:
            raise PermissionError("the clock can only be moved with ALLOW_CLOCK_OVERRIDE=true")
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        if delta > MAX_STEP:
            raise ValueError(f"move the clock at most {MAX_STEP.days} days at a time")
        if self._offset + delta > MAX_OFFSET:
            raise ValueError(f"the clock runs at most {MAX_OFFSET.days} days ahead of real time")
        self._offset += delta
        return self.now()

    def rewind(self) -> datetime:
        """Back to real time: the demo's reset to its first state (app/demo/reset.py)."""
        if not self._allow_override:
            raise PermissionError("the clock can only be moved with ALLOW_CLOCK_OVERRIDE=true")
        self._offset = timedelta(0)
        return self.now()
