"""What a browser sends is only a claim: read each value as the type it must be.

A tampered page can send an object, a list or a 10 kB string where a number, a date or a
zone belongs. These readers turn anything unexpected into a value the services refuse with a
readable message (NaN, -1, ""), never into an exception.
"""

from __future__ import annotations

import math
from datetime import datetime

TEXT_MAX = 1000  # longer than any field we have; a field's own limit is checked after


def as_text(value: object, *, most: int = TEXT_MAX) -> str:
    """The value as text; "" for anything that is not a string, or too long to be ours.

    Too long is kept as most+1 characters, so the field's own "at most N" message applies.
    """
    if not isinstance(value, str):
        return ""
    return value[: most + 1]


def as_number(value: object) -> float:
    """The value as a finite float; NaN (which every check refuses) for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return math.nan
    if isinstance(value, str) and len(value) > 40:
        return math.nan
    try:
        number = float(value)
    except ValueError:
        return math.nan
    return number if math.isfinite(number) else math.nan


def as_whole(value: object) -> int:
    """The value as a whole number; -1 (below every minimum we have) when it is not one."""
    number = as_number(value)
    if math.isnan(number) or number != int(number) or abs(number) > 2**53:
        return -1
    return int(number)


def as_local_time(value: object) -> datetime | None:
    """A naive local date and time from an <input type=datetime-local>; None when not one."""
    try:
        return datetime.fromisoformat(as_text(value, most=40))
    except ValueError:
        return None
