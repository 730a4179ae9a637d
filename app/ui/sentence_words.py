"""The goal sentence's words: what to suggest, each blank's choices, and the keys made silently.

"I will [drink water] · [8] [glasses] · [one at a time] · [every day] · for [7 days] · [at least]
[5 days in a row]": the person says it in words; the event type's key and a sum's attribute are
made from those words here, so no key is ever asked for.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.errors import INVALID_INPUT, FieldError
from app.i18n import N_, _, current, ngettext, said
from app.services.event_types import EventTypeView

Key = TypeVar("Key")
KEY_MOST = 64  # validation's SLUG: a letter, then at most 63 letters, digits and underscores


@dataclass(frozen=True)
class Thing:
    """Something a person can track, as the sentence says it, with the event type behind it."""

    words: str  # "drink water"
    key: str  # "water_glass"
    unit: str  # "glasses"
    measure: Measure  # how its logs usually add up
    attribute: str | None = None  # what a sum adds up; None for one-at-a-time things
    unit_one: str | None = None  # the unit's singular, where a language needs it ("1 page")


# What the sentence offers before anyone has tracked anything; the first four are the brand's
# worked examples (app/domain/templates.py), so a log counts toward those challenges too. Their
# words and units are shown in the tab's language (`offered_starters`); the key and attribute
# stay as they are.
STARTERS = (
    Thing(N_("drink water"), "water_glass", N_("glasses"), Measure.SUM, "glasses"),
    Thing(N_("walk"), "steps", N_("steps"), Measure.SUM, "steps"),
    Thing(N_("work out"), "workout", N_("workouts"), Measure.COUNT),
    Thing(N_("write a review"), "review", N_("reviews"), Measure.COUNT, None, N_("review")),
    Thing(N_("read"), "read", N_("pages"), Measure.SUM, "pages", N_("page")),
    Thing(N_("meditate"), "meditate", N_("minutes"), Measure.SUM, "minutes", N_("minute")),
    Thing(N_("stretch"), "stretch", N_("stretches"), Measure.COUNT),
)

HOW_EACH_LOG_COUNTS = {Measure.COUNT: N_("one at a time"), Measure.SUM: N_("any number at a time")}
EVERY = {
    Frequency.DAILY: N_("every day"),
    Frequency.WEEKLY: N_("every week"),
    Frequency.MONTHLY: N_("every month"),
}
STARTS = {
    "today": N_("today"),
    "date": N_("on a date"),
    "first_log": N_("at my first log"),
    "stamp": N_("as a stamp card, no deadline"),
}
# Each blank's name, as the messages under the sentence call it.
BLANK_NAMES = {
    "event_type": N_("What you will do"),
    "target": N_("How many"),
    "attribute": N_("Counted in"),
    "every_n_days": N_("Every how many days"),
    "total_periods": N_("How long"),
    "required_periods": N_("How many you need"),
}
# Validation speaks of keys for these two; the sentence never shows one.
PLAIN_MESSAGES = {
    "event_type": N_("Say what you will do, for example 'drink water'."),
    "attribute": N_("Say what you count in, for example 'glasses' or 'km'."),
}


def in_words(choices: dict[Key, str]) -> dict[Key, str]:
    """A blank's choices in the tab's language."""
    return {key: _(label) for key, label in choices.items()}


def suggestions(known: Iterable[EventTypeView]) -> list[Thing]:
    """The starters (in the units already in use), then every other kind of thing tracked."""
    known_by_key = {t.key: t for t in known}
    offered = []
    for starter in STARTERS:
        found = known_by_key.pop(starter.key, None)
        if found is None:
            one = _(starter.unit_one) if starter.unit_one else None
            offered.append(
                replace(starter, words=_(starter.words), unit=_(starter.unit), unit_one=one)
            )
            continue
        measure = Measure.SUM if found.attribute else Measure.COUNT
        offered.append(Thing(_(starter.words), found.key, found.unit, measure, found.attribute))
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
        n = current().number(every_n_days)
        return ngettext("period of {n} days", "periods of {n} days", count, n=n)
    if frequency is Frequency.WEEKLY:
        return ngettext("week", "weeks", count)
    if frequency is Frequency.MONTHLY:
        return ngettext("month", "months", count)
    return ngettext("day", "days", count)


def rules(frequency: Frequency) -> dict[Tracking, str]:
    """The rule blank's choices, in the period's words."""
    each = EVERY.get(frequency, N_("every period"))
    return {
        Tracking.DEFAULT: _(each),
        Tracking.STREAK: _("at least … in a row"),
        Tracking.NON_CONTINUOUS_STREAK: _("any … of them"),
    }


def rule_shown(tracking: Tracking) -> str | None:
    """What the rule blank shows once chosen, the number following it; None: its choice."""
    if tracking is Tracking.STREAK:
        return _("at least")
    if tracking is Tracking.NON_CONTINUOUS_STREAK:
        return _("any")
    return None


def needed_words(tracking: Tracking, frequency: Frequency, every_n_days: int, count: int) -> str:
    """What follows the number of periods needed: "days in a row", "of them"."""
    if tracking is not Tracking.STREAK:
        return _("of them")
    if frequency is Frequency.EVERY_N_DAYS:
        return ngettext(
            "period of {n} days in a row",
            "periods of {n} days in a row",
            count,
            n=current().number(every_n_days),
        )
    if frequency is Frequency.WEEKLY:
        return ngettext("week in a row", "weeks in a row", count)
    if frequency is Frequency.MONTHLY:
        return ngettext("month in a row", "months in a row", count)
    return ngettext("day in a row", "days in a row", count)


def blank_name(field: str) -> str:
    """The blank's name in the tab's language."""
    return _(BLANK_NAMES[field])


def plain(error: FieldError) -> str:
    """The error's message in the sentence's words (no keys), with a specific upstream code."""
    plainer = PLAIN_MESSAGES.get(error.field)
    message = _(plainer) if plainer else said(error)
    return message if error.code == INVALID_INPUT else f"{message} ({error.code})"
