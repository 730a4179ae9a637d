"""Numbers with their nouns, in English: every singular-or-plural decision the app shows.

One module on purpose: a translation (Babel's plural rules) replaces these few functions
rather than f-strings spread over the pages.
"""

from __future__ import annotations


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
