"""The four worked examples of docs/rules.md as challenge specs (migration 0009 seeded the
same four as the default brand's definitions; the app offers those, not these)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    blurb: str
    icon: str  # a Material icon name
    label: str  # what is tracked, in words
    unit: str  # what one log counts, plural
    spec: ChallengeSpec  # start date and zone are filled in when a person starts it

    def start(
        self, *, timezone: str, start_date: date | None, name: str | None = None
    ) -> ChallengeSpec:
        """The template as a person's own challenge, starting on `start_date` in their zone."""
        fixed = self.spec.window is Window.FIXED_CALENDAR_WINDOW
        return replace(
            self.spec,
            timezone=timezone,
            start_date=start_date if fixed else None,
            name=name or self.spec.name,
        )


WATER = Template(
    "water",
    "8 glasses of water a day",
    "Every day for a week, 7 days in a row → 100 points",
    "water_drop",
    "water",
    "glasses",
    ChallengeSpec(
        name="Water every day",
        event_type="water_glass",
        measure=Measure.SUM,
        attribute="glasses",
        target=8,
        frequency=Frequency.DAILY,
        total_periods=7,
        tracking=Tracking.STREAK,
        required_periods=7,
        window=Window.FIXED_CALENDAR_WINDOW,
        points_on_completion=100,
    ),
)

STEPS = Template(
    "steps",
    "10,000 steps on 5 of 7 days",
    "Gaps allowed: any 5 days of the week → 50 points",
    "directions_walk",
    "steps",
    "steps",
    ChallengeSpec(
        name="Ten thousand steps",
        event_type="steps",
        measure=Measure.SUM,
        attribute="steps",
        target=10_000,
        frequency=Frequency.DAILY,
        total_periods=7,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=5,
        window=Window.FIXED_CALENDAR_WINDOW,
        points_on_completion=50,
    ),
)

WORKOUTS = Template(
    "workouts",
    "3 workouts a week for 4 weeks",
    "25 points for every week you make it",
    "fitness_center",
    "workout",
    "workouts",
    ChallengeSpec(
        name="Three workouts a week",
        event_type="workout",
        measure=Measure.COUNT,
        target=3,
        frequency=Frequency.WEEKLY,
        total_periods=4,
        tracking=Tracking.DEFAULT,
        window=Window.FIXED_CALENDAR_WINDOW,
        points_per_period=25,
    ),
)

REVIEWS = Template(
    "reviews",
    "5 product reviews",
    "A stamp card: no deadline, 5 reviews → 50 points",
    "rate_review",
    "product review",
    "reviews",
    ChallengeSpec(
        name="Five reviews",
        event_type="review",
        measure=Measure.COUNT,
        target=5,
        total_periods=1,
        tracking=Tracking.DEFAULT,
        window=Window.PERIOD_AGNOSTIC_WINDOW,
        points_on_completion=50,
    ),
)

TEMPLATES: dict[str, Template] = {t.key: t for t in (WATER, STEPS, WORKOUTS, REVIEWS)}
