"""A challenge played through the pure rules alone, period by period.

It keeps what the services keep (a running total, closed-period counters, a
points ledger) using only app.domain, so whole timelines can be checked with
plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.challenge import TERMINAL_STATUSES, ChallengeSpec, Status
from app.domain.measures import add, delta_on_log, delta_on_undo, is_reached, log_amount
from app.domain.points import PointsChange, balance, points_for_change
from app.domain.progress import Progress, Standing, close_period, standing

DAY = date(2026, 3, 2)


@dataclass
class Log:
    day: date
    amount: float
    undone: bool = False


@dataclass
class Journey:
    spec: ChallengeSpec
    progress: Progress = field(default_factory=Progress)
    total: float = 0.0
    logs: list[Log] = field(default_factory=list)  # the running period's logs
    ledger: list[PointsChange] = field(default_factory=list)
    outcomes: list[bool] = field(default_factory=list)  # closed periods, oldest first

    @property
    def achieved(self) -> bool:
        """Whether the running period has reached its target."""
        return is_reached(self.total, self.spec.target)

    @property
    def standing(self) -> Standing:
        return standing(self.spec, self.progress, running_achieved=self.achieved)

    @property
    def balance(self) -> int:
        return balance(change.points for change in self.ledger)

    def log(self, amount: float = 1, *, day: date = DAY) -> int:
        """Log once into the running period; returns the log's number for an undo."""
        assert self.standing.status not in TERMINAL_STATUSES, "the challenge has ended"
        attribute = self.spec.attribute or "amount"
        value = log_amount(self.spec.measure, attribute, {attribute: amount})
        earlier = self._active_logs_on(day)
        self._move(delta_on_log(self.spec.measure, value, earlier_logs_that_day=earlier))
        self.logs.append(Log(day, value))
        return len(self.logs) - 1

    def undo(self, number: int) -> None:
        """Take back a log of the running period."""
        log = self.logs[number]
        assert not log.undone
        log.undone = True
        others = self._active_logs_on(log.day)
        self._move(delta_on_undo(self.spec.measure, log.amount, other_logs_that_day=others))

    def close(self) -> Status:
        """End the running period (achieved or missed); the next one starts empty."""
        self.outcomes.append(self.achieved)
        self.progress = close_period(self.progress, achieved=self.achieved)
        self.total, self.logs = 0.0, []
        return self.standing.status

    def play(self, *periods: list[float]) -> list[Status]:
        """Log each period's amounts, then close it; the status after each close."""
        statuses = []
        for amounts in periods:
            for amount in amounts:
                self.log(amount)
            statuses.append(self.close())
        return statuses

    def _move(self, delta: float) -> None:
        before = self.standing
        was_achieved = self.achieved
        self.total = add(self.total, delta)
        after = self.standing
        self.ledger += points_for_change(
            self.spec,
            period_label=f"period {self.progress.closed + 1}",
            period_was_achieved=was_achieved,
            period_is_achieved=self.achieved,
            was_completed=before.status is Status.COMPLETED,
            is_completed=after.status is Status.COMPLETED,
        )

    def _active_logs_on(self, day: date) -> int:
        return sum(1 for log in self.logs if log.day == day and not log.undone)
