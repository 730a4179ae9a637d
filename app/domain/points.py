"""What a change of achievement pays or takes back.

Points are an append-only ledger: an award is never edited; an undo that
un-achieves a period or a completion adds a reversing entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.challenge import ChallengeSpec


class PointsReason(StrEnum):
    PERIOD_ACHIEVED = "period_achieved"
    PERIOD_REVERSED = "period_reversed"
    CHALLENGE_COMPLETED = "challenge_completed"
    COMPLETION_REVERSED = "completion_reversed"
    REDEEMED = "redeemed"  # points spent on a reward
    FREEZE_BOUGHT = "freeze_bought"  # points spent on a streak freeze
    CARRIED_OVER = "carried_over"  # a deleted account's balance, imported with its history


@dataclass(frozen=True)
class PointsChange:
    reason: PointsReason
    points: int
    note: str


def points_for_change(
    spec: ChallengeSpec,
    *,
    period_label: str,
    period_was_achieved: bool,
    period_is_achieved: bool,
    was_completed: bool,
    is_completed: bool,
) -> list[PointsChange]:
    """Ledger entries implied by one period (and maybe the challenge) flipping state."""
    changes: list[PointsChange] = []
    if spec.points_per_period and period_is_achieved != period_was_achieved:
        if period_is_achieved:
            changes.append(
                PointsChange(
                    PointsReason.PERIOD_ACHIEVED,
                    spec.points_per_period,
                    f"{spec.name}: {period_label} achieved",
                )
            )
        else:
            changes.append(
                PointsChange(
                    PointsReason.PERIOD_REVERSED,
                    -spec.points_per_period,
                    f"{spec.name}: {period_label} reopened by an undo",
                )
            )
    if spec.points_on_completion and is_completed != was_completed:
        if is_completed:
            changes.append(
                PointsChange(
                    PointsReason.CHALLENGE_COMPLETED,
                    spec.points_on_completion,
                    f"{spec.name}: challenge completed",
                )
            )
        else:
            changes.append(
                PointsChange(
                    PointsReason.COMPLETION_REVERSED,
                    -spec.points_on_completion,
                    f"{spec.name}: completion reversed by an undo",
                )
            )
    return changes


def balance(points: Iterable[int]) -> int:
    return sum(points)


def running_balances(points: Iterable[int]) -> list[int]:
    """Balance after each entry, oldest first."""
    total, out = 0, []
    for p in points:
        total += p
        out.append(total)
    return out
