"""The brand's points budget: what self-made challenges pay, and the caps every award keeps.

docs/rules.md, "Points budget", has the rules in words with the tests that hold them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import FieldError

MAX_BUDGET_POINTS = 1_000_000


@dataclass(frozen=True, kw_only=True)
class Budget:
    points_per_period: int = 10  # a self-made challenge's award per achieved period
    completion_points_per_period: int = 5  # its completion award, per period it spans
    challenge_cap: int = 300  # at most this much from one challenge, in all
    monthly_cap: int = 1000  # at most this much to one person per calendar month, their zone


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
                FieldError(field, f"Enter a whole number from 0 to {MAX_BUDGET_POINTS:,}.")
            )
    return errors
