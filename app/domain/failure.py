"""Why a failed challenge failed: the first missed period after which it could not be
completed any more, and how a person reads that period ("Missed Tuesday 9 December")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.challenge import ChallengeSpec, Frequency, Tracking
from app.domain.progress import Progress, close_period


def breaking_miss(spec: ChallengeSpec, outcomes: Sequence[str]) -> int | None:
    """The position in `outcomes` (closed periods oldest first: achieved, missed, frozen,
    skipped) of the miss that put completion out of reach; None when no miss did."""
    progress = Progress()
    for position, outcome in enumerate(outcomes):
        if outcome == "skipped":
            return None
        progress = close_period(
            progress, achieved=outcome == "achieved", frozen=outcome == "frozen"
        )
        if outcome == "missed" and not _still_reachable(spec, progress):
            return position
    return None


def missed_period(frequency: Frequency, first_day: date, every_n_days: int = 1) -> str:
    """'Missed Tuesday 9 December', 'Missed the week of 7 December': `first_day` is the
    period's first local day."""
    day = f"{first_day.day} {first_day:%B}"
    if frequency is Frequency.DAILY or (frequency is Frequency.EVERY_N_DAYS and every_n_days == 1):
        return f"Missed {first_day:%A} {day}"
    if frequency is Frequency.WEEKLY:
        return f"Missed the week of {day}"
    if frequency is Frequency.MONTHLY:
        return f"Missed {first_day:%B %Y}"
    return f"Missed the {every_n_days} days from {day}"


def _still_reachable(spec: ChallengeSpec, progress: Progress) -> bool:
    needed, remaining = spec.periods_needed, spec.total_periods - progress.closed
    if spec.tracking is Tracking.STREAK:
        return progress.best_run >= needed or progress.run + remaining >= needed
    return progress.closed_achieved + remaining >= needed
