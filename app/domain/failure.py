"""Why a failed challenge failed: the first missed period after which it could not be
completed any more, and how a person reads that period ("Missed Tuesday 9 December")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.challenge import ChallengeSpec, Frequency, Tracking
from app.domain.progress import Progress, close_period
from app.translations import Translator, translator

ENGLISH = translator("en")


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


def missed_period(
    frequency: Frequency, first_day: date, every_n_days: int = 1, words: Translator = ENGLISH
) -> str:
    """'Missed Tuesday 9 December', 'Missed the week of 7 December' in the reader's `words`:
    `first_day` is the period's first local day."""
    day = words.day(first_day, "d MMMM")
    if frequency is Frequency.DAILY or (frequency is Frequency.EVERY_N_DAYS and every_n_days == 1):
        return words.gettext("Missed {day}").format(day=words.day(first_day, "EEEE d MMMM"))
    if frequency is Frequency.WEEKLY:
        return words.gettext("Missed the week of {day}").format(day=day)
    if frequency is Frequency.MONTHLY:
        return words.gettext("Missed {month}").format(month=words.day(first_day, "MMMM y"))
    return words.ngettext(
        "Missed the {count} day from {day}",
        "Missed the {count} days from {day}",
        every_n_days,
        day=day,
    )


def _still_reachable(spec: ChallengeSpec, progress: Progress) -> bool:
    needed, remaining = spec.periods_needed, spec.total_periods - progress.closed
    if spec.tracking is Tracking.STREAK:
        return progress.best_run >= needed or progress.run + remaining >= needed
    return progress.closed_achieved + remaining >= needed
