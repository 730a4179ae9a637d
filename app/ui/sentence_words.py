"""The goal sentence's words: what to suggest, each blank's choices, and the keys made silently.

"I will [drink water] · [8] [glasses] · [one at a time] · [every day] · for [7 days] · [at least]
[5 days in a row]": the person says it in words; the event type's key and a sum's attribute are
made from those words here, so no key is ever asked for.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.errors import INVALID_INPUT, FieldError
from app.i18n import said
from app.services.event_types import EventTypeView

KEY_MOST = 64  # validation's SLUG: a letter, then at most 63 letters, digits and underscores


@dataclass(frozen=True)
class Thing:
    """Something a person can track, as the sentence says it, with the event type behind it."""

    words: str  # "drink water"
    key: str  # "water_glass"
    unit: str  # "glasses"
    measure: Measure  # how its logs usually add up
    attribute: str | None = None  # what a sum adds up; None for one-at-a-time things


# What the sentence offers before anyone has tracked anything; the first four are the brand's
# worked examples (app/domain/templates.py), so a log counts toward those challenges too.
STARTERS = (
    Thing("drink water", "water_glass", "glasses", Measure.SUM, "glasses"),
    Thing("walk", "steps", "steps", Measure.SUM, "steps"),
    Thing("work out", "workout", "workouts", Measure.COUNT),
    Thing("write a review", "review", "reviews", Measure.COUNT),
    Thing("read", "read", "pages", Measure.SUM, "pages"),
    Thing("meditate", "meditate", "minutes", Measure.SUM, "minutes"),
    Thing("stretch", "stretch", "stretches", Measure.COUNT),
)

HOW_EACH_LOG_COUNTS = {Measure.COUNT: "one at a time", Measure.SUM: "any number at a time"}
EVERY = {
    Frequency.DAILY: "every day",
    Frequency.WEEKLY: "every week",
    Frequency.MONTHLY: "every month",
}
STARTS = {
    "today": "today",
    "date": "on a date",
    "first_log": "at my first log",
    "stamp": "as a stamp card, no deadline",
}
# Each blank's name, as the messages under the sentence call it.
BLANK_NAMES = {
    "event_type": "What you will do",
    "target": "How many",
    "attribute": "Counted in",
    "every_n_days": "Every how many days",
    "total_periods": "How long",
    "required_periods": "How many you need",
}
# Validation speaks of keys for these two; the sentence never shows one.
PLAIN_MESSAGES = {
    "event_type": "Say what you will do, for example 'drink water'.",
    "attribute": "Say what you count in, for example 'glasses' or 'km'.",
}


def suggestions(known: Iterable[EventTypeView]) -> list[Thing]:
    """The starters (in the units already in use), then every other kind of thing tracked."""
    known_by_key = {t.key: t for t in known}
    offered = []
    for starter in STARTERS:
        found = known_by_key.pop(starter.key, None)
        if found is None:
            offered.append(starter)
            continue
        measure = Measure.SUM if found.attribute else Measure.COUNT
        offered.append(Thing(starter.words, found.key, found.unit, measure, found.attribute))
    for found in known_by_key.values():
        measure = Measure.SUM if found.attribute else Measure.COUNT
        offered.append(Thing(found.label, found.key, found.unit, measure, found.attribute))
    return offered


def matching(things: Iterable[Thing], words: str, labels: dict[str, str]) -> Thing | None:
    """The offered thing these words name (its sentence words or its stored label), if any."""
    said = " ".join(words.split()).casefold()
    for thing in things:
        if said and said in (thing.words.casefold(), labels.get(thing.key, "").casefold()):
            return thing
    return None


def event_key(words: str, unit: str, thing: Thing | None, units_in_use: dict[str, str]) -> str:
    """The event type's key, made from the words: the offered thing's own when the unit is its
    unit, else a new key that no kind of thing counted in another unit already has."""
    if thing is not None and unit in ("", thing.unit):
        return thing.key
    if not words.strip():
        return ""
    base = slug(words)
    for candidate in (base, slug(f"{words} {unit}"), *(f"{base[:60]}_{n}" for n in range(2, 99))):
        if units_in_use.get(candidate, unit) == unit:
            return candidate
    return slug(f"{words} {unit} {len(units_in_use)}")


def attribute_of(unit: str, thing: Thing | None, key: str) -> str:
    """What a sum adds up: the thing's own when it has one, else made from the unit."""
    if thing is not None and thing.key == key and thing.attribute:
        return thing.attribute
    return slug(unit) if unit.strip() else ""


def slug(words: str) -> str:
    """Lower-case letters, digits and underscores, starting with a letter, at most 64 long;
    words with no Latin letters get a short stable one of their own."""
    made = re.sub(r"[^a-z0-9]+", "_", words.strip().lower()).strip("_")
    if made and not made[0].isalpha():
        made = f"n_{made}"
    if not made:
        made = "t_" + hashlib.sha256(words.strip().encode()).hexdigest()[:10]
    return made[:KEY_MOST].rstrip("_")


def name_from(words: str) -> str:
    """A challenge name from what the person will do: "drink water" -> "Drink water"."""
    said = " ".join(words.split())
    return said[:1].upper() + said[1:]


def period_words(frequency: Frequency, every_n_days: int, count: int) -> str:
    """The length blank's unit: "days", "weeks", "months", "periods of 3 days"."""
    if frequency is Frequency.EVERY_N_DAYS:
        return f"period{'s' if count != 1 else ''} of {every_n_days} days"
    noun = {Frequency.DAILY: "day", Frequency.WEEKLY: "week", Frequency.MONTHLY: "month"}[frequency]
    return noun if count == 1 else f"{noun}s"


def rules(frequency: Frequency) -> dict[Tracking, str]:
    """The rule blank's choices, in the period's words."""
    each = EVERY.get(frequency, "every period")
    return {
        Tracking.DEFAULT: each,
        Tracking.STREAK: "at least … in a row",
        Tracking.NON_CONTINUOUS_STREAK: "any … of them",
    }


def rule_shown(tracking: Tracking) -> str | None:
    """What the rule blank shows once chosen, the number following it; None: its choice."""
    return {Tracking.STREAK: "at least", Tracking.NON_CONTINUOUS_STREAK: "any"}.get(tracking)


def needed_words(tracking: Tracking, frequency: Frequency, every_n_days: int, count: int) -> str:
    """What follows the number of periods needed: "days in a row", "of them"."""
    if tracking is Tracking.STREAK:
        return f"{period_words(frequency, every_n_days, count)} in a row"
    return "of them"


def plain(error: FieldError) -> str:
    """The error's message in the sentence's words (no keys), with a specific upstream code."""
    message = PLAIN_MESSAGES.get(error.field) or said(error)
    return message if error.code == INVALID_INPUT else f"{message} ({error.code})"
