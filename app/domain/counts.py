"""Numbers with their nouns: every singular-or-plural decision the app shows, by the
language's own plural rule (Babel's CLDR data through app/translations.py).

Two kinds of noun. The app's own ("1 day left", "3 points") are messages with a singular and
a plural form, translated like any other: `words.ngettext(...)`. A unit the person or the
brand named ("glasses") is theirs, written once in the plural: English guesses its singular
("1 glass"); other languages show the singular only where one was given.

Each function takes the reader's `words` (a page passes `app.i18n.current()`, mail the
person's `translator(language)`); English where none is given.
"""

from __future__ import annotations

import math
from datetime import timedelta

from app.translations import Translator, translator

ENGLISH = translator("en")


def amount(value: float, words: Translator = ENGLISH) -> str:
    """'1,000', '2.5' ('1 000', '2,5' in Swedish): a number as a person reads it, no
    trailing zeros."""
    return words.number(round(value, 2))


def counted(
    value: float, plural: str, singular_form: str | None = None, words: Translator = ENGLISH
) -> str:
    """'1 glass', '2 glasses', '1.5 glasses': a named unit agrees with the number."""
    return f"{amount(value, words)} {noun(value, plural, singular_form, words)}"


def noun(
    value: float, plural: str, singular_form: str | None = None, words: Translator = ENGLISH
) -> str:
    """The named unit that goes with `value`; in English its singular is guessed from
    `plural` unless given, in other languages the plural stands unless a singular is given."""
    if value != 1:
        return plural
    if singular_form is not None:
        return singular_form
    return singular(plural) if words.language == "en" else plural


def singular(plural: str) -> str:
    """'glasses' -> 'glass', 'steps' -> 'step': enough English for units."""
    if plural.endswith(("sses", "xes", "ches", "shes")):
        return plural[:-2]
    return plural[:-1] if plural.endswith("s") and not plural.endswith("ss") else plural


def time_left(left: timedelta | None, words: Translator = ENGLISH) -> str:
    """Rounded up, as a person reads a clock: at 10:00 a day that ends at midnight has
    "14 h left", not 13 h 59 min cut to 13; from two days on, whole days."""
    if left is None:
        return words.gettext("No deadline")
    seconds = max(left.total_seconds(), 1)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return words.ngettext("{count} min left", "{count} min left", minutes)
    hours = math.ceil(seconds / 3600)
    if hours < 48:
        return words.ngettext("{count} h left", "{count} h left", hours)
    return words.ngettext("{count} day left", "{count} days left", hours // 24)
