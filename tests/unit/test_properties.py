"""Properties that must hold for any history: increments match recounts, periods tile time."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.challenge import TERMINAL_STATUSES, Frequency, Measure, Status, Tracking
from app.domain.measures import period_total
from app.domain.periods import local_day, period_index_at, plan_periods, start_of_local_day
from app.domain.progress import close_period, replay, standing, streaks_by_scan
from tests.unit.journey import DAY, Journey
from tests.unit.specs import water_spec, workouts_spec

examples = settings(max_examples=100, deadline=None)

ZONES = [
    "UTC",
    "Europe/Stockholm",
    "America/New_York",
    "Asia/Kolkata",
    "America/Santiago",  # DST changes at midnight
    "Australia/Lord_Howe",  # half-hour DST
    "Pacific/Auckland",
    "Asia/Tehran",  # DST at midnight until 2022
]

measures = st.sampled_from(list(Measure))
amounts = st.floats(min_value=0.000001, max_value=1_000_000, allow_nan=False)
days = st.integers(0, 6).map(lambda n: DAY + timedelta(days=n))
outcomes = st.lists(st.booleans(), max_size=40)
# ("log", day, amount) or ("undo", which, _): `which` picks one of the logs still active
steps = st.lists(
    st.one_of(
        st.tuples(st.just("log"), days, amounts),
        st.tuples(st.just("undo"), st.integers(0, 1000), st.none()),
    ),
    max_size=25,
)


def a_spec(measure, **overrides):
    return water_spec(**{"measure": measure, "total_periods": 40, **overrides})


def run(journey, history):
    """Apply logs and undos to a journey's running period, as far as it takes them."""
    for kind, arg, amount in history:
        active = [i for i, log in enumerate(journey.logs) if not log.undone]
        if kind == "log" and journey.standing.status not in TERMINAL_STATUSES:
            journey.log(amount, day=arg)
        elif kind == "undo" and active:
            journey.undo(active[arg % len(active)])


# --- measures ---


@examples
@given(measures, steps)
def test_a_period_total_kept_by_deltas_equals_the_total_counted_from_scratch(measure, history):
    journey = Journey(a_spec(measure, target=1_000_000_000))

    run(journey, history)

    active = [(log.day, log.amount) for log in journey.logs if not log.undone]
    assert journey.total == period_total(measure, active)


@examples
@given(
    st.sampled_from(list(Tracking)),
    measures,
    st.lists(st.booleans(), max_size=8),
    steps,
    days,
    amounts,
)
def test_logging_then_undoing_restores_the_total_and_the_points_balance(
    tracking, measure, closed, history, day, amount
):
    spec = a_spec(
        measure,
        tracking=tracking,
        target=3,
        total_periods=len(closed) + 1,
        required_periods=min(3, len(closed) + 1),
        points_per_period=10,
        points_on_completion=100,
    )
    journey = Journey(spec, progress=replay(spec, closed))
    run(journey, history)
    assume(journey.standing.status not in TERMINAL_STATUSES)  # an ended challenge takes no logs
    total, balance, entries = journey.total, journey.balance, len(journey.ledger)

    journey.undo(journey.log(amount, day=day))

    assert journey.total == total
    assert journey.balance == balance
    assert sum(change.points for change in journey.ledger[entries:]) == 0


@examples
@given(
    st.sampled_from(list(Tracking)),
    st.lists(st.tuples(st.sampled_from(["log", "undo", "close"]), amounts), max_size=40),
)
def test_the_points_balance_always_equals_what_has_been_achieved(tracking, actions):
    spec = a_spec(
        Measure.SUM,
        tracking=tracking,
        total_periods=7,
        required_periods=4,
        target=10,
        points_per_period=10,
        points_on_completion=100,
    )
    journey = Journey(spec)
    for kind, amount in actions:
        if journey.standing.status in (Status.COMPLETED, Status.FAILED):
            break
        if kind == "log":
            journey.log(round(amount % 12, 6) or 12)  # 0 would be refused
        elif kind == "undo" and journey.logs and not journey.logs[-1].undone:
            journey.undo(len(journey.logs) - 1)
        elif kind == "close" and journey.progress.closed < spec.total_periods - 1:
            journey.close()

    now = journey.standing
    completed = now.status is Status.COMPLETED
    assert journey.balance == 10 * now.achieved + 100 * completed


# --- streaks and status ---


@examples
@given(outcomes, st.booleans())
def test_counters_kept_at_each_close_match_a_scan_of_all_outcomes(closed, running_achieved):
    spec = water_spec(total_periods=len(closed) + 1)

    progress = replay(spec, closed)
    now = standing(spec, progress, running_achieved=running_achieved)

    assert (progress.run, progress.best_run) == streaks_by_scan(closed)
    assert progress.closed_achieved == sum(closed)
    everything = [*closed, running_achieved] if running_achieved else closed
    assert (now.current_streak, now.best_streak) == streaks_by_scan(everything)
    assert now.current_streak <= now.best_streak <= now.achieved


@examples
@given(outcomes)
def test_closing_the_same_outcomes_twice_gives_the_same_progress(closed):
    spec = water_spec(total_periods=len(closed) + 1)

    once, twice = replay(spec, closed), replay(spec, closed)

    assert once == twice
    assert close_period(once, achieved=True) == close_period(twice, achieved=True)


@examples
@given(
    st.sampled_from(list(Tracking)),
    st.integers(1, 12),
    st.data(),
)
def test_the_status_says_completed_or_failed_exactly_when_a_scan_of_the_outcomes_does(
    tracking, total, data
):
    required = data.draw(st.integers(1, total))
    closed = data.draw(st.lists(st.booleans(), max_size=total))
    running = data.draw(st.booleans()) and len(closed) < total
    spec = water_spec(tracking=tracking, total_periods=total, required_periods=required)

    status = standing(spec, replay(spec, closed), running_achieved=running).status

    assert status is expected_status(spec, closed, running)


def expected_status(spec, closed, running):
    """The status worked out from scratch, by trying the best possible future."""
    known = [*closed, True] if running else list(closed)
    if meets(spec, known):
        return Status.COMPLETED
    remaining = spec.total_periods - len(closed)
    if spec.tracking is Tracking.DEFAULT:
        return Status.FAILED if remaining == 0 else Status.ACTIVE
    best_future = [*closed, *[True] * remaining]
    return Status.ACTIVE if meets(spec, best_future) else Status.FAILED


def meets(spec, achieved):
    if spec.tracking is Tracking.STREAK:
        return streaks_by_scan(achieved)[1] >= spec.required_periods
    return sum(achieved) >= spec.periods_needed


# --- periods ---

start_days = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@examples
@given(st.sampled_from(ZONES), start_days)
def test_daily_periods_are_contiguous_and_23_to_25_hours_long(zone, first_day):
    spec = water_spec(timezone=zone, total_periods=60)

    periods = plan_periods(spec, first_day)

    assert periods[0].starts_at == start_of_local_day(first_day, zone)
    for period, following in pairwise(periods):
        assert period.ends_at == following.starts_at
    for period in periods:
        assert timedelta(hours=23) <= period.ends_at - period.starts_at <= timedelta(hours=25)
        assert period.starts_at.utcoffset() == timedelta(0)


@examples
@given(
    st.sampled_from(ZONES),
    start_days,
    st.sampled_from(list(Frequency)),
    st.integers(2, 45),
    st.integers(1, 24),
    st.data(),
)
def test_every_instant_in_the_window_falls_in_the_period_that_holds_it(
    zone, first_day, frequency, every_n_days, total, data
):
    spec = workouts_spec(
        timezone=zone, frequency=frequency, every_n_days=every_n_days, total_periods=total
    )
    periods = plan_periods(spec, first_day)
    window = periods[-1].ends_at - periods[0].starts_at
    offset = data.draw(st.integers(0, int(window.total_seconds()) - 1))
    instant = periods[0].starts_at + timedelta(seconds=offset)

    index = period_index_at(spec, first_day, instant)

    assert index is not None
    assert periods[index].starts_at <= instant < periods[index].ends_at
    assert period_index_at(spec, first_day, periods[-1].ends_at) is None
    assert period_index_at(spec, first_day, periods[0].starts_at - timedelta(seconds=1)) is None


@examples
@given(st.sampled_from(ZONES), start_days, st.integers(1, 40))
def test_a_monthly_period_starts_on_the_first_days_date_or_its_months_last_day(
    zone, first_day, total
):
    spec = workouts_spec(timezone=zone, frequency=Frequency.MONTHLY, total_periods=total)

    for period in plan_periods(spec, first_day):
        start = local_day(period.starts_at, zone)
        month_end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        assert start.day == first_day.day or start == month_end
        assert period.starts_at.astimezone(ZoneInfo(zone)).time().hour in (0, 1)
