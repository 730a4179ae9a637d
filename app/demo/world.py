"""What the demo world holds, as plain data: the brand's definitions, rewards and budget, three
people and the three weeks each of them lived (docs/demo.md tells their stories).

Nothing here writes: `app/demo/seed.py` plays the history through the services. The history
is drawn from a seeded random generator, so every start of the demo tells the same stories
with the same numbers, only dated from the day it starts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.budget import Budget
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.definitions import DefinitionRule
from app.domain.rewards import CodeSource, RewardRule

# Demo people may sign in with this (docs/demo.md); the presenter's bar needs none.
DEMO_PASSWORD = "goalpost-demo"
BRAND_OPERATOR = "demo@brand.goalpost"
DAYS_OF_HISTORY = 21
# The default brand's presets that the demo brand replaces with its own (migration 0009).
ENDED_PRESETS = ("Water every day", "Ten thousand steps", "Three workouts a week")
REVIEWS_PRESET = "Five reviews"

HYDRATION = "Hydration streak"
WALK = "Walk 8,000 a day"
STRETCH = "Morning stretch"
SHOES, SMOOTHIE, YOGA, BOTTLE = (
    "20% off running shoes",
    "Free smoothie",
    "Yoga class pass",
    "Steel water bottle",
)

BUDGET = Budget(
    points_per_period=10,
    completion_points_per_period=5,
    challenge_cap=300,
    monthly_cap=1000,
    freeze_price=30,
    freeze_max_held=2,
)


def _daily(name: str, event: str, measure: Measure, target: float, **rest: object) -> ChallengeSpec:
    return ChallengeSpec(
        name=name,
        event_type=event,
        measure=measure,
        target=target,
        frequency=Frequency.DAILY,
        tracking=Tracking.STREAK,
        window=Window.FIXED_CALENDAR_WINDOW,
        **rest,  # type: ignore[arg-type]
    )


DEFINITIONS = (
    DefinitionRule(
        spec=_daily(
            HYDRATION, "water_glass", Measure.SUM, 8, attribute="glasses", total_periods=30,
            required_periods=14, points_per_period=5, points_on_completion=100,
        ),
        description="8 glasses a day, 14 days in a row within 30: room for a freeze or two.",
        icon="water_drop", event_label="water", event_unit="glasses",
    ),
    DefinitionRule(
        spec=_daily(
            WALK, "steps", Measure.SUM, 8000, attribute="steps", total_periods=21,
            required_periods=14, points_per_period=5, points_on_completion=100,
        ),
        description="8,000 steps a day, 14 days in a row within three weeks.",
        icon="directions_walk", event_label="steps", event_unit="steps",
    ),
    DefinitionRule(
        spec=_daily(
            STRETCH, "stretch", Measure.COUNT, 1, total_periods=14, required_periods=7,
            points_per_period=5, points_on_completion=50,
        ),
        description="Ten minutes of stretching every morning, 7 days in a row within two weeks.",
        icon="self_improvement", event_label="stretch", event_unit="stretches",
    ),
)  # fmt: skip

UPLOADED_CODES = "\n".join(f"RUNSHOE-{n:04d}" for n in range(1001, 1013))
REWARDS: tuple[tuple[RewardRule, str | None], ...] = (
    (
        RewardRule(
            title=SHOES, cost=120, icon="directions_run", code_source=CodeSource.UPLOADED,
            description="One pair of running shoes at 20% off, in store or online.",
        ),
        UPLOADED_CODES,
    ),
    (
        RewardRule(
            title=SMOOTHIE, cost=60, icon="local_drink", code_prefix="SMOOTHIE-",
            description="Any smoothie at the bar, on us.", per_person_limit=None,
        ),
        None,
    ),
    (
        RewardRule(
            title=YOGA, cost=150, icon="self_improvement", stock=2, code_prefix="YOGA-",
            description="A drop-in class at any studio: only a few passes this month.",
        ),
        None,
    ),
    (
        RewardRule(
            title=BOTTLE, cost=250, icon="water_drop", stock=40, code_prefix="BOTTLE-",
            description="A steel bottle that keeps water cold all day.",
        ),
        None,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Act:
    """One thing a demo person did, at an instant: start a definition, log, buy, redeem."""

    at: datetime
    email: str
    kind: str  # "start", "log", "freeze" or "redeem"
    target: str  # the definition (start, log, freeze) or the reward (redeem)
    attributes: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Persona:
    email: str
    display_name: str
    timezone: str
    story: str


ALVA = Persona(
    "alva@demo.goalpost",
    "Alva Lindqvist",
    "Europe/Stockholm",
    "On a 12-day water streak, still going today.",
)
BEN = Persona(
    "ben@demo.goalpost",
    "Ben Okafor",
    "America/New_York",
    "A streak freeze saved his walking streak; his morning-stretch streak broke.",
)
CHIARA = Persona(
    "chiara@demo.goalpost",
    "Chiara Rossi",
    "Australia/Sydney",
    f"Redeemed {SHOES}: the code is in My rewards.",
)
PEOPLE = (ALVA, BEN, CHIARA)


def history(now: datetime) -> list[Act]:
    """Everyone's three weeks up to `now`, oldest first; nothing later than `now`."""
    rand = random.Random(13)
    acts = [*_alva(rand, now), *_ben(rand, now), *_chiara(rand, now)]
    return sorted((a for a in acts if a.at <= now), key=lambda a: a.at)


def _alva(rand: random.Random, now: datetime) -> list[Act]:
    """Hydration from day -20: 7 good days, day -13 short (5 glasses), then 12 good days up
    to yesterday; today under way."""
    day = _local_days(ALVA, now)
    acts = [_act(ALVA, day(-20), "07:30", "start", HYDRATION)]
    for offset in range(-20, 1):
        glasses = [2, 2, 1] if offset in (-13, 0) else [2, 2, 1, 2, 1]
        acts += _water(rand, ALVA, day(offset), glasses)
    return acts


def _ben(rand: random.Random, now: datetime) -> list[Act]:
    """Walking from day -14: 6 good days, a freeze bought on day -9, day -8 short (frozen),
    7 good days. Stretching from day -10: 5 good days, none on day -5 (the run resets), 4 more
    and today's."""
    day = _local_days(BEN, now)
    acts = [
        _act(BEN, day(-14), "06:50", "start", WALK),
        _act(BEN, day(-10), "06:00", "start", STRETCH),
        _act(BEN, day(-9), "21:40", "freeze", WALK),
    ]
    for offset in range(-14, 1):
        walks = [2900] if offset == -8 else [3400, 2100, 3300]
        if offset == 0:
            walks = walks[:1]
        for at, steps in zip(("07:20", "12:45", "18:50"), walks, strict=False):
            amount = steps + rand.randrange(0, 400)
            acts.append(_act(BEN, day(offset), _jitter(rand, at), "log", WALK, steps=amount))
    for offset in range(-10, 1):
        if offset != -5:
            acts.append(_act(BEN, day(offset), _jitter(rand, "06:45"), "log", STRETCH))
    return acts


def _chiara(rand: random.Random, now: datetime) -> list[Act]:
    """Stretching days -20 to -14 (completed), five reviews (completed on day -5), 120 points
    on running shoes on day -4, and hydration from day -3."""
    day = _local_days(CHIARA, now)
    acts = [
        _act(CHIARA, day(-20), "05:50", "start", STRETCH),
        _act(CHIARA, day(-18), "19:50", "start", REVIEWS_PRESET),
        _act(CHIARA, day(-4), "19:30", "redeem", SHOES),
        _act(CHIARA, day(-3), "07:30", "start", HYDRATION),
    ]
    acts += [_act(CHIARA, day(o), _jitter(rand, "06:20"), "log", STRETCH) for o in range(-20, -13)]
    for offset in (-18, -15, -11, -8, -5):
        acts.append(_act(CHIARA, day(offset), _jitter(rand, "20:30"), "log", REVIEWS_PRESET))
    for offset in range(-3, 1):
        acts += _water(rand, CHIARA, day(offset), [3, 2] if offset == 0 else [3, 3, 2])
    return acts


def _water(rand: random.Random, who: Persona, day: date, glasses: list[int]) -> list[Act]:
    times = ("08:10", "10:40", "13:15", "16:30", "20:05")
    return [
        _act(who, day, _jitter(rand, at), "log", HYDRATION, glasses=n)
        for at, n in zip(times, glasses, strict=False)
    ]


def _local_days(who: Persona, now: datetime):  # type: ignore[no-untyped-def]
    today = now.astimezone(ZoneInfo(who.timezone)).date()
    return lambda offset: today + timedelta(days=offset)


def _jitter(rand: random.Random, at: str) -> str:
    hours, minutes = map(int, at.split(":"))
    total = max(0, min(23 * 60 + 59, hours * 60 + minutes + rand.randrange(-20, 21)))
    return f"{total // 60:02d}:{total % 60:02d}"


def _act(who: Persona, day: date, at: str, kind: str, target: str, **attributes: object) -> Act:
    local = datetime.combine(day, time.fromisoformat(at), tzinfo=ZoneInfo(who.timezone))
    return Act(local, who.email, kind, target, dict(attributes))
