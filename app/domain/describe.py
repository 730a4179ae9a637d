"""Plain sentences about a challenge: the readback and the streak story."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.counts import amount, counted, noun, singular

_PERIOD = {Frequency.DAILY: "day", Frequency.WEEKLY: "week", Frequency.MONTHLY: "month"}
# Words a "what you will do" starts with ("drink water", "walk"): "8 glasses of drink water"
# would read wrong, so such a thing comes first ("drink water: 8 glasses").
_DOING_WORDS = (
    "bike brush call clean climb code cook cycle dance do draw drink drive eat floss go hike jog "
    "journal knit learn lift make meditate paint plank play practice practise pray read ride row "
    "run save sing skip sleep stretch study swim take tidy train visit walk work write"
)
DOING = frozenset(_DOING_WORDS.split())


def period_noun(spec: ChallengeSpec, count: int = 1) -> str:
    if spec.frequency is Frequency.EVERY_N_DAYS:
        one = f"{spec.every_n_days}-day period"
    else:
        one = _PERIOD[spec.frequency]
    return noun(count, f"{one}s", one)


def describe(spec: ChallengeSpec, *, label: str = "", unit: str = "") -> str:
    """'8 glasses of water every day, 7 days in a row → 100 points' for any valid spec."""
    thing = label or spec.event_type.replace("_", " ")
    count = amount(spec.target)
    unit_noun = noun(spec.target, unit or thing)
    what = {
        Measure.SUM: f"{count} {unit_noun}"
        if unit_noun == thing
        else f"{count} {unit_noun} of {thing}",
        Measure.COUNT: f"{count} {unit_noun}",
        Measure.VISIT: f"{thing} on {counted(spec.target, 'days')}",
    }[spec.measure]
    if spec.measure is not Measure.VISIT and _is_doing(thing, unit_noun):
        what = f"{thing}: {count} {unit_noun}"
    return f"{what} {_when(spec)}{_points(spec)}"


def _is_doing(thing: str, unit: str) -> bool:
    """'drink water' counted in glasses; not 'stretch' counted in stretches."""
    words = thing.lower().split()
    return bool(words) and words[0] in DOING and singular(unit.lower()) not in words


def _when(spec: ChallengeSpec) -> str:
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        return "in your own time, no deadline"
    every = f"every {period_noun(spec)}"
    total = f"{spec.total_periods} {period_noun(spec, spec.total_periods)}"
    rule = {
        Tracking.STREAK: f"{spec.required_periods} {period_noun(spec, spec.required_periods)} "
        "in a row",
        Tracking.NON_CONTINUOUS_STREAK: f"on {spec.required_periods} of {total}",
        Tracking.DEFAULT: f"for {total}",
    }[spec.tracking]
    if spec.tracking is Tracking.STREAK and spec.required_periods != spec.total_periods:
        rule += f" within {total}"
    start = ", starting at your first log" if spec.window is Window.CYCLIC_WINDOW else ""
    return f"{every}, {rule}{start}"


def _points(spec: ChallengeSpec) -> str:
    parts = []
    if spec.points_per_period:
        parts.append(f"{counted(spec.points_per_period, 'points')} per {period_noun(spec)}")
    if spec.points_on_completion:
        parts.append(counted(spec.points_on_completion, "points"))
    return f" → {' + '.join(parts)}" if parts else ""


def streak_story(outcomes: Sequence[tuple[str, str]]) -> str:
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
        return "No streak yet: reach today's target to start one."
    head = f"{run} in a row" if run else "No streak right now"
    parts = []
    if covered:
        days = " and ".join([", ".join(covered[:-1]), covered[-1]] if len(covered) > 1 else covered)
        parts.append(f"{days} {noun(len(covered), 'were', 'was')} covered by a freeze")
    if last_miss is not None:
        parts.append(f"a miss on {last_miss} reset it")
    if not parts:
        return f"{head}, no misses so far."
    return f"{head}; {'; '.join(parts)}."
