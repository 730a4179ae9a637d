"""Checks a challenge must pass before it is stored or sent upstream.

They mirror Capillary's rules for user-created target groups: name at most 200
characters (310008), name unique (310069), anything else invalid (300004).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.errors import INVALID_INPUT, NAME_TAKEN, NAME_TOO_LONG, FieldError
from app.domain.names import clean_name, name_key
from app.domain.zones import is_zone

NAME_MAX = 200
MAX_PERIODS = 3660  # ten years of days
MAX_POINTS = 1_000_000
SLUG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_VISITS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7, Frequency.MONTHLY: 28}


def validate_spec(
    spec: ChallengeSpec, *, today: date, taken_names: Iterable[str] = ()
) -> list[FieldError]:
    """Every problem with a challenge, each with its field and how to fix it; [] when valid."""
    return [
        *_name_errors(spec.name, taken_names),
        *_tracking_errors(spec),
        *_measure_errors(spec),
        *_period_errors(spec),
        *_window_errors(spec, today),
        *_points_errors(spec),
    ]


def name_errors(name: str, taken_names: Iterable[str]) -> list[FieldError]:
    """What is wrong with a challenge name beside the person's others; [] when it is fine."""
    return _name_errors(name, taken_names)


def _name_errors(name: str, taken_names: Iterable[str]) -> list[FieldError]:
    cleaned = clean_name(name)
    if not name_key(cleaned):
        return [FieldError.of("name", "Give your challenge a name, for example 'Water every day'.")]
    if len(cleaned) > NAME_MAX:
        return [
            FieldError.of(
                "name",
                "Names can be at most {most} characters; this one has {length}. Shorten it.",
                NAME_TOO_LONG,
                most=NAME_MAX,
                length=len(cleaned),
            )
        ]
    if name_key(cleaned) in {name_key(n) for n in taken_names}:
        return [
            FieldError.of(
                "name",
                "You already have a challenge called '{name}'. Pick another name, "
                "for example '{shortened} 2'.",
                NAME_TAKEN,
                name=cleaned,
                shortened=cleaned[: NAME_MAX - 2],
            )
        ]
    return []


def _measure_errors(spec: ChallengeSpec) -> list[FieldError]:
    errors = []
    if not SLUG.match(spec.event_type or ""):
        errors.append(
            FieldError.of(
                "event_type",
                "Name what you track in lower case letters, digits and underscores, "
                "starting with a letter, for example 'water_glass'.",
            )
        )
    if spec.measure is Measure.SUM and not SLUG.match(spec.attribute or ""):
        errors.append(
            FieldError.of(
                "attribute",
                "A sum needs the number it adds up, in lower case letters, digits and "
                "underscores, for example 'glasses'.",
            )
        )
    if not math.isfinite(spec.target) or spec.target <= 0:
        errors.append(FieldError.of("target", "Set a target above zero, for example 8."))
    elif spec.measure is not Measure.SUM and spec.target != int(spec.target):
        errors.append(
            FieldError.of("target", "Counts are whole numbers: set a target like 3, not 2.5.")
        )
    elif spec.target > 1_000_000_000:
        errors.append(
            FieldError.of("target", "Set a target of at most {most:,}.", most=1_000_000_000)
        )
    elif (
        spec.measure is Measure.VISIT
        and spec.window is not Window.PERIOD_AGNOSTIC_WINDOW  # an open stamp card has no limit
        and spec.target > _max_visits(spec)
    ):
        errors.append(_days_in_a_period_error(_max_visits(spec)))
    return errors


def _period_errors(spec: ChallengeSpec) -> list[FieldError]:
    errors = []
    if spec.frequency is Frequency.EVERY_N_DAYS and not 2 <= spec.every_n_days <= 365:
        errors.append(FieldError.of("every_n_days", "Choose a period of 2 to 365 days."))
    if not 1 <= spec.total_periods <= MAX_PERIODS:
        errors.append(
            FieldError.of(
                "total_periods", "A challenge runs for 1 to {most} periods.", most=MAX_PERIODS
            )
        )
    return errors


def _tracking_errors(spec: ChallengeSpec) -> list[FieldError]:
    if spec.tracking is Tracking.DEFAULT:
        return []
    if not 1 <= spec.required_periods <= spec.total_periods:
        return [
            FieldError.of(
                "required_periods",
                "Ask for between 1 and {most} achieved periods "
                "(it cannot be more than the challenge lasts).",
                most=spec.total_periods,
            )
        ]
    return []


def _window_errors(spec: ChallengeSpec, today: date) -> list[FieldError]:
    errors = []
    if not is_zone(spec.timezone):
        errors.append(
            FieldError.of("timezone", "That is not a time zone; use one like 'Europe/Stockholm'.")
        )
    if spec.window is Window.FIXED_CALENDAR_WINDOW:
        if spec.start_date is None:
            errors.append(FieldError.of("start_date", "Pick the day the challenge starts."))
        elif spec.start_date < today:
            errors.append(
                FieldError.of("start_date", "The start day is in the past; start today or later.")
            )
    elif spec.start_date is not None:
        errors.append(
            FieldError.of(
                "start_date",
                "This challenge starts on its own (at the first log or at once); "
                "leave the start day empty.",
            )
        )
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW and (
        spec.total_periods != 1 or spec.tracking is not Tracking.DEFAULT
    ):
        errors.append(
            FieldError.of(
                "window",
                "A stamp card is one open period until the target is reached: "
                "set 1 period and the 'every period' rule.",
            )
        )
    return errors


def _points_errors(spec: ChallengeSpec) -> list[FieldError]:
    return [
        FieldError.of(field, "Points must be a whole number from 0 to {most:,}.", most=MAX_POINTS)
        for field, value in (
            ("points_per_period", spec.points_per_period),
            ("points_on_completion", spec.points_on_completion),
        )
        if not 0 <= value <= MAX_POINTS
    ]


def _days_in_a_period_error(days: int) -> FieldError:
    if days == 1:
        return FieldError.of(
            "target",
            "A period here has only {count} day, so a days-with-a-log target can be at most "
            "{count}.",
            count=days,
        )
    return FieldError.of(
        "target",
        "A period here has only {count} days, so a days-with-a-log target can be at most {count}.",
        count=days,
    )


def _max_visits(spec: ChallengeSpec) -> int:
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return spec.every_n_days
    return MAX_VISITS[spec.frequency]


def check_log_time(occurred_at_day: date, today: date) -> list[FieldError]:
    """A log cannot be in the future."""
    if occurred_at_day > today:
        return [
            FieldError.of(
                "occurred_at", "You can't log something that hasn't happened yet.", INVALID_INPUT
            )
        ]
    return []
