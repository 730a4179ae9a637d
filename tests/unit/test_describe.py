"""The sentences a person reads about a challenge: the readback and the streak story."""

from __future__ import annotations

import pytest

from app.domain.challenge import Frequency, Measure, Tracking, Window
from app.domain.counts import singular
from app.domain.describe import describe, period_noun, streak_story
from app.domain.templates import TEMPLATES
from app.translations import translator
from tests.unit.specs import water_spec, workouts_spec

ACHIEVED, MISSED, RUNNING, RUNNING_ACHIEVED = "achieved", "missed", "running", "achieved_running"


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("water", "8 glasses of water every day, 7 days in a row → 100 points"),
        ("steps", "10,000 steps every day, on 5 of 7 days → 50 points"),
        ("workouts", "3 workouts every week, for 4 weeks → 25 points per week"),
        ("reviews", "5 reviews in your own time, no deadline → 50 points"),
    ],
)
def test_each_template_reads_back_as_one_sentence(key, sentence):
    template = TEMPLATES[key]

    assert describe(template.spec, label=template.label, unit=template.unit) == sentence


def test_a_streak_shorter_than_the_challenge_says_within_how_long_and_both_kinds_of_points():
    spec = water_spec(
        frequency=Frequency.EVERY_N_DAYS,
        every_n_days=3,
        total_periods=4,
        required_periods=2,
        points_per_period=5,
    )

    assert describe(spec, label="water", unit="glasses") == (
        "8 glasses of water every 3-day period, 2 3-day periods in a row within 4 3-day periods"
        " → 5 points per 3-day period + 100 points"
    )


def test_a_streak_of_one_period_reads_in_the_singular():
    spec = water_spec(required_periods=1, points_on_completion=0)

    assert describe(spec, label="water", unit="glasses") == (
        "8 glasses of water every day, 1 day in a row within 7 days"
    )


def test_a_target_of_one_reads_in_the_singular_and_a_cyclic_window_starts_at_the_first_log():
    spec = water_spec(
        frequency=Frequency.MONTHLY,
        tracking=Tracking.DEFAULT,
        total_periods=1,
        target=1,
        points_on_completion=0,
        window=Window.CYCLIC_WINDOW,
        start_date=None,
    )

    assert describe(spec, label="water", unit="glasses") == (
        "1 glass of water every month, for 1 month, starting at your first log"
    )


def test_a_sum_without_a_unit_names_only_the_thing():
    spec = water_spec(event_type="water", target=2)

    assert describe(spec) == "2 water every day, 7 days in a row → 100 points"


@pytest.mark.parametrize(
    ("target", "days"),
    [(1, "yoga class on 1 day every week"), (3, "yoga class on 3 days every week")],
)
def test_a_visit_target_reads_as_days_and_the_event_type_as_words(target, days):
    spec = workouts_spec(event_type="yoga_class", measure=Measure.VISIT, target=target)

    assert describe(spec) == f"{days}, for 4 weeks → 25 points per week"


@pytest.mark.parametrize(
    ("target", "reads"),
    [(2.5, "2.5 litres"), (12_500.75, "12,500.75 litres"), (1_234_567, "1,234,567 litres")],
)
def test_amounts_read_with_thousands_separators_and_no_trailing_zeros(target, reads):
    sentence = describe(water_spec(target=target), label="water", unit="litres")

    assert sentence.startswith(f"{reads} of water every day")


def test_a_period_is_named_in_the_singular_for_one_and_the_plural_otherwise():
    spec = water_spec(frequency=Frequency.EVERY_N_DAYS, every_n_days=10)

    assert period_noun(spec) == "10-day period"
    assert period_noun(spec, 2) == "10-day periods"
    assert [period_noun(water_spec(frequency=f), 3) for f in ("DAILY", "WEEKLY", "MONTHLY")] == [
        "days",
        "weeks",
        "months",
    ]


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("glasses", "glass"),
        ("boxes", "box"),
        ("watches", "watch"),
        ("dishes", "dish"),
        ("steps", "step"),
        ("grass", "grass"),
        ("water", "water"),
    ],
)
def test_a_unit_is_made_singular_by_enough_english(plural, one):
    assert singular(plural) == one


@pytest.mark.parametrize(
    ("outcomes", "story"),
    [
        ([], "No streak yet: reach today's target to start one."),
        ([("Mon", RUNNING)], "No streak yet: reach today's target to start one."),
        ([("Mon", RUNNING_ACHIEVED)], "1 in a row, no misses so far."),
        ([("Mon", ACHIEVED), ("Tue", ACHIEVED), ("Wed", RUNNING)], "2 in a row, no misses so far."),
        (
            [("Mon", ACHIEVED), ("Tue", MISSED), ("Wed", ACHIEVED), ("Thu", RUNNING_ACHIEVED)],
            "2 in a row; a miss on Tue reset it.",
        ),
        (
            [("Mon", MISSED), ("Tue", ACHIEVED), ("Wed", MISSED), ("Thu", RUNNING)],
            "No streak right now; a miss on Wed reset it.",
        ),
    ],
)
def test_the_streak_story_counts_the_run_ending_now_and_names_the_last_miss(outcomes, story):
    assert streak_story(outcomes) == story


@pytest.mark.parametrize(
    ("outcomes", "story"),
    [
        (
            [("Mon", ACHIEVED), ("Tue", "frozen"), ("Wed", RUNNING_ACHIEVED)],
            "2 in a row; Tue was covered by a freeze.",
        ),
        (
            [("Mon", MISSED), ("Tue", ACHIEVED), ("Wed", "frozen"), ("Thu", "frozen")],
            "1 in a row; Wed and Thu were covered by a freeze; a miss on Mon reset it.",
        ),
        (
            [("Mon", "frozen"), ("Tue", MISSED), ("Wed", ACHIEVED)],
            "1 in a row; a miss on Tue reset it.",
        ),
        (
            [("Mon", "frozen"), ("Tue", RUNNING)],
            "No streak right now; Mon was covered by a freeze.",
        ),
    ],
)
def test_the_streak_story_names_the_days_a_freeze_covered_in_the_current_run(outcomes, story):
    assert streak_story(outcomes) == story


@pytest.mark.parametrize(
    ("label", "unit", "measure", "reads"),
    [
        ("drink water", "glasses", Measure.SUM, "drink water: 8 glasses every day"),
        ("read", "pages", Measure.SUM, "read: 8 pages every day"),
        ("meditate", "times", Measure.COUNT, "meditate: 8 times every day"),
        ("water", "glasses", Measure.SUM, "8 glasses of water every day"),
        ("stretch", "stretches", Measure.COUNT, "8 stretches every day"),
        ("walk", "", Measure.VISIT, "walk on 8 days every day"),
    ],
)
def test_something_you_do_comes_before_its_amount(label, unit, measure, reads):
    spec = water_spec(measure=measure, attribute="glasses" if measure is Measure.SUM else None)

    assert describe(spec, label=label, unit=unit).startswith(reads)


SWEDISH = translator("sv")


@pytest.mark.parametrize(
    ("overrides", "label", "unit", "sentence"),
    [
        ({}, "vatten", "glas", "8 glas vatten varje dag, 7 dagar i rad → 100 poäng"),
        ({}, "dricka vatten", "glas", "dricka vatten: 8 glas varje dag, 7 dagar i rad → 100 poäng"),
        (
            {"tracking": Tracking.NON_CONTINUOUS_STREAK, "required_periods": 5},
            "gå",
            "steg",
            "gå: 8 steg varje dag, 5 av 7 dagar → 100 poäng",
        ),
        (
            {"frequency": Frequency.WEEKLY, "tracking": Tracking.DEFAULT, "total_periods": 4},
            "läsa",
            "sidor",
            "läsa: 8 sidor varje vecka, i 4 veckor → 100 poäng",
        ),
        (
            {"frequency": Frequency.MONTHLY, "total_periods": 3, "required_periods": 2},
            "vatten",
            "glas",
            "8 glas vatten varje månad, 2 månader i rad inom 3 månader → 100 poäng",
        ),
        (
            {
                "frequency": Frequency.EVERY_N_DAYS,
                "every_n_days": 3,
                "total_periods": 4,
                "required_periods": 2,
                "points_per_period": 5,
            },
            "vatten",
            "glas",
            "8 glas vatten varje 3-dagarsperiod, 2 3-dagarsperioder i rad inom 4 "
            "3-dagarsperioder → 5 p per 3-dagarsperiod + 100 poäng",
        ),
        (
            {"measure": Measure.VISIT, "target": 3, "window": Window.CYCLIC_WINDOW},
            "gå",
            "",
            "gå 3 dagar varje dag, 7 dagar i rad, med start vid din första loggning → 100 poäng",
        ),
        (
            {"window": Window.PERIOD_AGNOSTIC_WINDOW, "target": 10_000},
            "vatten",
            "ml",
            # a no-break space in 10 000
            "10\u00a0000 ml vatten i din egen takt, ingen tidsgräns → 100 poäng",
        ),
    ],
)
def test_the_readback_reads_in_swedish_in_its_own_word_order(overrides, label, unit, sentence):
    spec = water_spec(**overrides)

    assert describe(spec, label=label, unit=unit, words=SWEDISH) == sentence


def test_the_streak_story_and_the_period_read_in_swedish():
    outcomes = [("mån", MISSED), ("tis", ACHIEVED), ("ons", "frozen"), ("tors", "frozen")]

    assert streak_story(outcomes, SWEDISH) == (
        "1 i rad; ons och tors skyddades av en frysning; en miss på mån nollställde den."
    )
    assert streak_story([], SWEDISH) == "Ingen svit än: nå dagens mål för att starta en."
    assert period_noun(water_spec(frequency=Frequency.WEEKLY), 2, SWEDISH) == "veckor"
