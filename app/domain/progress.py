"""Streaks and challenge standing, kept incrementally as periods close.

A challenge's history is summarised by four counters (`Progress`) that change
only when a period closes, so reading or logging never re-scans old periods.
Only the running period can still change; its `achieved` flag is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.domain.challenge import ChallengeSpec, Status, Tracking


@dataclass(frozen=True)
class Progress:
    """What the closed periods add up to."""

    closed: int = 0  # periods closed so far (achieved or missed)
    closed_achieved: int = 0
    run: int = 0  # achieved periods in a row ending at the last closed period
    best_run: int = 0


@dataclass(frozen=True)
class Standing:
    status: Status
    current_streak: int
    best_streak: int
    achieved: int  # achieved periods, the running one included


def close_period(progress: Progress, *, achieved: bool, frozen: bool = False) -> Progress:
    """Fold one more closed period (the next in order) into the counters. A frozen period (a
    miss a streak freeze covered) neither breaks the run nor adds to it."""
    if frozen:
        return replace(progress, closed=progress.closed + 1)
    run = progress.run + 1 if achieved else 0
    return replace(
        progress,
        closed=progress.closed + 1,
        closed_achieved=progress.closed_achieved + int(achieved),
        run=run,
        best_run=max(progress.best_run, run),
    )


def standing(
    spec: ChallengeSpec, progress: Progress, *, running_achieved: bool = False
) -> Standing:
    """Status and streaks from the closed counters plus the running period.

    A streak stays alive while the running period is not yet achieved: it only
    breaks when a period closes below target.
    """
    achieved = progress.closed_achieved + int(running_achieved)
    current = progress.run + int(running_achieved)
    best = max(progress.best_run, current)
    status = _status(spec, progress, achieved=achieved, best=best)
    return Standing(status, current, best, achieved)


def _status(spec: ChallengeSpec, progress: Progress, *, achieved: int, best: int) -> Status:
    needed = spec.periods_needed
    remaining = spec.total_periods - progress.closed  # the running period and those to come
    if spec.tracking is Tracking.STREAK:
        if best >= needed:
            return Status.COMPLETED
        return Status.FAILED if progress.run + remaining < needed else Status.ACTIVE
    if achieved >= needed:
        return Status.COMPLETED
    if spec.tracking is Tracking.NON_CONTINUOUS_STREAK:
        return Status.FAILED if progress.closed_achieved + remaining < needed else Status.ACTIVE
    # DEFAULT: every period stands alone and still pays, so it only fails at the end.
    return Status.FAILED if remaining == 0 else Status.ACTIVE


def replay(spec: ChallengeSpec, closed_outcomes: Sequence[bool | None]) -> Progress:
    """Counters for a sequence of closed periods (achieved = True, missed = False, frozen =
    None), oldest first."""
    progress = Progress()
    for achieved in closed_outcomes:
        progress = close_period(progress, achieved=bool(achieved), frozen=achieved is None)
    return progress


def streaks_by_scan(outcomes: Sequence[bool | None]) -> tuple[int, int]:
    """(current, best) run of True values, None (frozen) skipped, computed from scratch: the
    reference for tests."""
    current = best = 0
    for achieved in outcomes:
        if achieved is None:
            continue
        current = current + 1 if achieved else 0
        best = max(best, current)
    return current, best
