"""How one log adds to a period's total, and how an undo takes it away.

Totals are kept incrementally: a log changes its period's total by a delta that
depends only on the log and, for VISIT, on whether its local day already had a log.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date

from app.domain.challenge import Measure
from app.domain.errors import RuleError

DECIMALS = 6  # totals are rounded so float sums never drift across the target


def log_amount(measure: Measure, attribute: str | None, attributes: Mapping[str, object]) -> float:
    """The amount one log carries: 1 for COUNT and VISIT, the attribute's value for SUM."""
    if measure is not Measure.SUM:
        return 1.0
    assert attribute, "a SUM measure names its attribute"
    raw = attributes.get(attribute)
    if raw is None or isinstance(raw, bool):
        raise RuleError.of("amount", "Enter how many {unit} to log, for example 2.", unit=attribute)
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RuleError.of(
            "amount",
            "'{raw}' is not a number; enter the {unit} as a number.",
            raw=raw,
            unit=attribute,
        ) from None
    if not math.isfinite(value) or round(value, DECIMALS) <= 0:
        raise RuleError.of(
            "amount", "Log a positive number of {unit}; {raw} is not.", unit=attribute, raw=raw
        )
    if value > 1_000_000:
        raise RuleError.of(
            "amount",
            "{raw} {unit} in one log is too many; log at most {most:,}.",
            raw=raw,
            unit=attribute,
            most=1_000_000,
        )
    return round(value, DECIMALS)


def delta_on_log(measure: Measure, amount: float, *, earlier_logs_that_day: int) -> float:
    """Change of the period total when a log is added."""
    if measure is Measure.VISIT:
        return 1.0 if earlier_logs_that_day == 0 else 0.0
    return amount


def delta_on_undo(measure: Measure, amount: float, *, other_logs_that_day: int) -> float:
    """Change of the period total when a log is undone."""
    if measure is Measure.VISIT:
        return -1.0 if other_logs_that_day == 0 else 0.0
    return -amount


def add(total: float, delta: float) -> float:
    return round(total + delta, DECIMALS)


def period_total(measure: Measure, logs: Iterable[tuple[date, float]]) -> float:
    """The total of a period computed from scratch: the reference the increments must match."""
    entries = list(logs)
    if measure is Measure.VISIT:
        return float(len({day for day, _ in entries}))
    return round(sum(amount for _, amount in entries), DECIMALS)


def is_reached(total: float, target: float) -> bool:
    return total >= target
