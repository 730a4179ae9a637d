"""Numbers with their nouns, in English: every singular-or-plural decision the app shows.

One module on purpose: a translation (Babel's plural rules) replaces these few functions
rather than f-strings spread over the pages.
"""

from __future__ import annotations

import math
from datetime import timedelta


def amount(value: float) -> str:
    """'1,000', '2.5': a number as a person reads it, no trailing zeros."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def counted(value: float, plural: str, singular_form: str | None = None) -> str:
    """'1 glass', '2 glasses', '1.5 glasses', '0 days': the noun agrees with the number."""
    return f"{amount(value)} {noun(value, plural, singular_form)}"


def noun(value: float, plural: str, singular_form: str | None = None) -> str:
    """The noun that goes with `value`; its singular is guessed from `plural` unless given."""
    if value != 1:
        return plural
    return singular(plural) if singular_form is None else singular_form


def singular(plural: str) -> str:
    """'glasses' -> 'glass', 'steps' -> 'step': enough English for units."""
    if plural.endswith(("sses", "xes", "ches", "shes")):
        return plural[:-2]
    return plural[:-1] if plural.endswith("s") and not plural.endswith("ss") else plural


def time_left(left: timedelta | None) -> str:
    """Rounded up, as a person reads a clock: at 10:00 a day that ends at midnight has
    "14 h left", not 13 h 59 min cut to 13; from two days on, whole days."""
    if left is None:
        return "No deadline"
    seconds = max(left.total_seconds(), 1)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{counted(minutes, 'min', 'min')} left"
    hours = math.ceil(seconds / 3600)
    if hours < 48:
        return f"{counted(hours, 'h', 'h')} left"
    return f"{counted(hours // 24, 'days')} left"
