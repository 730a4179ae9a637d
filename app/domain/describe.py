"""Plain sentences about a challenge: the readback and the streak story, in the reader's
language (`words`, English unless given). Each phrase is one message, so a language can put
its words in its own order."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.counts import ENGLISH, amount, noun, singular
from app.translations import Translator

# Words a "what you will do" starts with ("drink water", "walk"): "8 glasses of drink water"
# would read wrong, so such a thing comes first ("drink water: 8 glasses"). English and Swedish.
_DOING_WORDS = (
    "bike brush call clean climb code cook cycle dance do draw drink drive eat floss go hike jog "
    "journal knit learn lift make meditate paint plank play practice practise pray read ride row "
    "run save sing skip sleep stretch study swim take tidy train visit walk work write "
    "be borsta cykla dansa dricka gå göra jogga klättra laga lyfta lära läsa meditera måla "
    "plugga promenera ringa rita simma sjunga skriva sova spara spela springa städa stretcha "
    "studera ta träna vandra öva äta"
)
DOING = frozenset(_DOING_WORDS.split())


def period_noun(spec: ChallengeSpec, count: int = 1, words: Translator = ENGLISH) -> str:
    """'day', 'weeks', '3-day period': the challenge's period, agreeing with `count`."""
    n = spec.every_n_days
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext("week", "weeks", count)
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext("month", "months", count)
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext("{n}-day period", "{n}-day periods", count, n=words.number(n))
    return words.ngettext("day", "days", count)


def describe(
    spec: ChallengeSpec,
    *,
    label: str = "",
    unit: str = "",
    unit_one: str | None = None,
    words: Translator = ENGLISH,
) -> str:
    """'8 glasses of water every day, 7 days in a row → 100 points' for any valid spec;
    `unit_one` is the unit's singular where one is known."""
    thing = label or spec.event_type.replace("_", " ")
    count = amount(spec.target, words)
    unit_noun = noun(spec.target, unit or thing, unit_one if unit else None, words)
    if spec.measure is Measure.VISIT:
        what = words.ngettext(
            "{thing} on {count} day", "{thing} on {count} days", _whole(spec.target), thing=thing
        )
    elif _is_doing(thing, unit_noun):
        what = f"{thing}: {count} {unit_noun}"
    elif spec.measure is Measure.SUM and unit_noun != thing:
        what = words.gettext("{count} {unit} of {thing}").format(
            count=count, unit=unit_noun, thing=thing
        )
    else:
        what = f"{count} {unit_noun}"
    return f"{what} {_when(spec, words)}{_points(spec, words)}"


def _whole(value: float) -> int:
    return int(value) if float(value).is_integer() else round(value)


def _is_doing(thing: str, unit: str) -> bool:
    """'drink water' counted in glasses; not 'stretch' counted in stretches."""
    words = thing.lower().split()
    return bool(words) and words[0] in DOING and singular(unit.lower()) not in words


def _when(spec: ChallengeSpec, words: Translator) -> str:
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        return words.gettext("in your own time, no deadline")
    total, required = spec.total_periods, spec.required_periods
    if spec.tracking is Tracking.STREAK:
        rule = _in_a_row(spec, required, words)
        if required != total:
            rule = words.gettext("{streak} within {length}").format(
                streak=rule, length=_length(spec, total, words)
            )
    elif spec.tracking is Tracking.NON_CONTINUOUS_STREAK:
        rule = _some_of(spec, required, total, words)
    else:
        rule = _for(spec, total, words)
    if spec.window is Window.CYCLIC_WINDOW:
        rule = words.gettext("{rule}, starting at your first log").format(rule=rule)
    return f"{_every(spec, words)}, {rule}"


def _every(spec: ChallengeSpec, words: Translator) -> str:
    if spec.frequency is Frequency.WEEKLY:
        return words.gettext("every week")
    if spec.frequency is Frequency.MONTHLY:
        return words.gettext("every month")
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.gettext("every {n}-day period").format(n=words.number(spec.every_n_days))
    return words.gettext("every day")


def _length(spec: ChallengeSpec, count: int, words: Translator) -> str:
    """'7 days': how long the challenge runs (or a streak must fit in)."""
    n = words.number(spec.every_n_days)
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext("{count} week", "{count} weeks", count)
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext("{count} month", "{count} months", count)
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext("{count} {n}-day period", "{count} {n}-day periods", count, n=n)
    return words.ngettext("{count} day", "{count} days", count)


def _for(spec: ChallengeSpec, count: int, words: Translator) -> str:
    n = words.number(spec.every_n_days)
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext("for {count} week", "for {count} weeks", count)
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext("for {count} month", "for {count} months", count)
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext(
            "for {count} {n}-day period", "for {count} {n}-day periods", count, n=n
        )
    return words.ngettext("for {count} day", "for {count} days", count)


def _in_a_row(spec: ChallengeSpec, count: int, words: Translator) -> str:
    n = words.number(spec.every_n_days)
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext("{count} week in a row", "{count} weeks in a row", count)
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext("{count} month in a row", "{count} months in a row", count)
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext(
            "{count} {n}-day period in a row", "{count} {n}-day periods in a row", count, n=n
        )
    return words.ngettext("{count} day in a row", "{count} days in a row", count)


def _some_of(spec: ChallengeSpec, required: int, count: int, words: Translator) -> str:
    """'on 5 of 7 days': the number needed of the challenge's periods, gaps allowed."""
    n, needed = words.number(spec.every_n_days), words.number(required)
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext(
            "on {needed} of {count} week", "on {needed} of {count} weeks", count, needed=needed
        )
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext(
            "on {needed} of {count} month", "on {needed} of {count} months", count, needed=needed
        )
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext(
            "on {needed} of {count} {n}-day period",
            "on {needed} of {count} {n}-day periods",
            count,
            needed=needed,
            n=n,
        )
    return words.ngettext(
        "on {needed} of {count} day", "on {needed} of {count} days", count, needed=needed
    )


def _points(spec: ChallengeSpec, words: Translator) -> str:
    parts = []
    if spec.points_per_period:
        parts.append(_per_period(spec, spec.points_per_period, words))
    if spec.points_on_completion:
        parts.append(words.ngettext("{count} point", "{count} points", spec.points_on_completion))
    return f" → {' + '.join(parts)}" if parts else ""


def _per_period(spec: ChallengeSpec, count: int, words: Translator) -> str:
    n = words.number(spec.every_n_days)
    if spec.frequency is Frequency.WEEKLY:
        return words.ngettext("{count} point per week", "{count} points per week", count)
    if spec.frequency is Frequency.MONTHLY:
        return words.ngettext("{count} point per month", "{count} points per month", count)
    if spec.frequency is Frequency.EVERY_N_DAYS:
        return words.ngettext(
            "{count} point per {n}-day period", "{count} points per {n}-day period", count, n=n
        )
    return words.ngettext("{count} point per day", "{count} points per day", count)


def streak_story(outcomes: Sequence[tuple[str, str]], words: Translator = ENGLISH) -> str:
    """'3 in a row; Tuesday was covered by a freeze; a miss on Friday reset it.' from (label,
    achieved|missed|frozen|achieved_running|running) pairs, oldest first."""
    closed = [(label, o) for label, o in outcomes if o in ("achieved", "missed", "frozen")]
    running_achieved = any(o == "achieved_running" for _, o in outcomes)
    run, covered = 0, list[str]()
    for label, outcome in reversed(closed):
        if outcome == "frozen":  # a freeze kept the run without adding to it
            covered.insert(0, label)
            continue
        if outcome != "achieved":
            break
        run += 1
    run += int(running_achieved)
    last_miss = next((label for label, o in reversed(closed) if o == "missed"), None)
    if run == 0 and last_miss is None and not covered:
        return words.gettext("No streak yet: reach today's target to start one.")
    parts = []
    if covered:
        days = covered[0]
        if len(covered) > 1:
            days = words.gettext("{days} and {last}").format(
                days=", ".join(covered[:-1]), last=covered[-1]
            )
        parts.append(
            words.ngettext(
                "{days} was covered by a freeze",
                "{days} were covered by a freeze",
                len(covered),
                days=days,
            )
        )
    if last_miss is not None:
        parts.append(words.gettext("a miss on {day} reset it").format(day=last_miss))
    if not parts:
        return words.ngettext(
            "{count} in a row, no misses so far.", "{count} in a row, no misses so far.", run
        )
    head = (
        words.ngettext("{count} in a row", "{count} in a row", run)
        if run
        else words.gettext("No streak right now")
    )
    return f"{head}; {'; '.join(parts)}."
