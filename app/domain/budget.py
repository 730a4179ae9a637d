"""The brand's points budget: what self-made challenges pay, and the caps every award keeps.

docs/rules.md, "Points budget", has the rules in words with the tests that hold them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.challenge import ChallengeSpec
from app.domain.errors import FieldError
from app.domain.points import PointsReason

MAX_BUDGET_POINTS = 1_000_000
# The ledger rows of what challenges paid and took back (not redemptions).
EARNING_REASONS = (
    PointsReason.PERIOD_ACHIEVED.value,
    PointsReason.PERIOD_REVERSED.value,
    PointsReason.CHALLENGE_COMPLETED.value,
    PointsReason.COMPLETION_REVERSED.value,
)
# The ledger rows the monthly cap counts: what challenges awarded (not redemptions), less
# those a reversal has since taken back (app/services/period_state.py).
AWARD_REASONS = (PointsReason.PERIOD_ACHIEVED.value, PointsReason.CHALLENGE_COMPLETED.value)


@dataclass(frozen=True, kw_only=True)
class Budget:
    points_per_period: int = 10  # a self-made challenge's award per achieved period
    completion_points_per_period: int = 5  # its completion award, per period it spans
    challenge_cap: int = 300  # at most this much from one challenge, in all
    monthly_cap: int = 1000  # at most this much to one person per calendar month, their zone
    freeze_price: int = 50  # what a streak freeze costs
    freeze_max_held: int = 2  # the most unused freezes a person may hold per challenge; 0: off


MAX_FREEZES_HELD = 10


def budget_errors(budget: Budget) -> list[FieldError]:
    """What is wrong with a budget, each by its field; [] when it can be saved."""
    errors = []
    for field in (
        "points_per_period",
        "completion_points_per_period",
        "challenge_cap",
        "monthly_cap",
    ):
        value = getattr(budget, field)
        if not 0 <= value <= MAX_BUDGET_POINTS:
            errors.append(
                FieldError.of(
                    field, "Enter a whole number from 0 to {most:,}.", most=MAX_BUDGET_POINTS
                )
            )
    if not 1 <= budget.freeze_price <= MAX_BUDGET_POINTS:
        errors.append(
            FieldError.of(
                "freeze_price", "Enter a whole number from 1 to {most:,}.", most=MAX_BUDGET_POINTS
            )
        )
    if not 0 <= budget.freeze_max_held <= MAX_FREEZES_HELD:
        errors.append(
            FieldError.of(
                "freeze_max_held",
                "Enter a whole number from 0 (no freezes) to {most}.",
                most=MAX_FREEZES_HELD,
            )
        )
    return errors


@dataclass(frozen=True)
class Pay:
    """What a challenge pays: per achieved period and on completion."""

    per_period: int
    on_completion: int


@dataclass(frozen=True)
class Grant:
    """What an award actually pays once the caps are applied, and why it is less."""

    points: int
    cut_by: str | None = None  # "(capped at 300 this month)", or None when paid in full


def pay_under_budget(budget: Budget, spec: ChallengeSpec) -> Pay:
    """A self-made challenge's pay, from its effort: the budget's amount for each achieved
    period, and on completion the completion amount for each period it needs."""
    return Pay(
        per_period=budget.points_per_period,
        on_completion=budget.completion_points_per_period * spec.periods_needed,
    )


def most_it_can_pay(pay: Pay, spec: ChallengeSpec, challenge_cap: int | None) -> int:
    """The most a challenge can pay in all (every period achieved, then completion)."""
    full = pay.per_period * spec.total_periods + pay.on_completion
    return full if challenge_cap is None else min(full, challenge_cap)


def grant(
    points: int,
    *,
    month_paid: int,
    monthly_cap: int,
    challenge_paid: int | None = None,
    challenge_cap: int | None = None,
) -> Grant:
    """An award of `points` under the caps: what the person was paid this calendar month
    (`month_paid`, net of reversals) and, for a self-made challenge, what it has paid."""
    if points <= 0:
        return Grant(points)
    month_room = max(0, monthly_cap - month_paid)
    room, cut_by = month_room, f"(capped at {monthly_cap} this month)"
    if challenge_cap is not None and challenge_paid is not None:
        challenge_room = max(0, challenge_cap - challenge_paid)
        if challenge_room < month_room:
            room, cut_by = challenge_room, f"(capped at {challenge_cap} for this challenge)"
    if points <= room:
        return Grant(points)
    return Grant(room, cut_by)
