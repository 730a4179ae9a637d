"""The points budget's caps hold on every path: logs, undos and redos, across a month's end.

docs/rules.md, "Points budget", names each test below. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.db.tables import Challenge, Period
from app.domain.budget import Budget
from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.errors import RuleError
from app.domain.points import PointsReason
from app.services.budget import update_budget
from app.services.challenges import create_challenge
from app.services.dashboard import read_balance
from app.services.logging import undo_log
from tests.factories import a_challenge, a_log, a_person, ledger_rows
from tests.unit.specs import water_spec

ZONE = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(ZONE)
TIGHT = Budget(
    points_per_period=10, completion_points_per_period=5, challenge_cap=60, monthly_cap=100
)
_names = itertools.count()


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM)  # type: ignore[misc]


def set_budget(engine: Engine, budget: Budget, now: datetime) -> None:
    update_budget(engine, budget=budget, by="test", now=now)


def as_assignment(engine: Engine, challenge_id: int) -> None:
    """What start_definition stores for a brand's definition: it pays its own amounts."""
    with Session(engine) as s:
        row = s.get(Challenge, challenge_id)
        assert row is not None
        row.under_budget = False
        s.add(row)
        s.commit()


# --- plain examples: the notes say when a cap cut an award -----------------------------------


def test_an_award_past_the_monthly_cap_is_cut_and_the_ledger_says_capped_this_month(engine):
    now = at(2026, 3, 2, 9)
    set_budget(engine, TIGHT, now)
    person = a_person(engine, now=now)
    # Paid as set (an assignment's way): 45 a day, no challenge cap; the month's cap holds.
    water = a_challenge(
        engine,
        person,
        now=now,
        target=1,
        tracking=Tracking.DEFAULT,
        total_periods=7,
        points_per_period=45,
        points_on_completion=0,
    )
    as_assignment(engine, water)

    for day in range(3):
        a_log(engine, person, water, at=now + timedelta(days=day), glasses=1)

    rows = ledger_rows(engine, person)
    assert [r.points for r in rows] == [45, 45, 10]
    assert rows[2].note == "Water every day: period 3 achieved (capped at 100 this month)"
    a_log(engine, person, water, at=now + timedelta(days=3), glasses=1)
    cut = ledger_rows(engine, person)[-1]
    assert (cut.points, cut.note) == (
        0,
        "Water every day: period 4 achieved (capped at 100 this month)",
    )


def test_an_award_past_the_challenge_cap_is_cut_and_the_ledger_says_capped_for_the_challenge(
    engine,
):
    now = at(2026, 3, 2, 9)
    set_budget(engine, TIGHT, now)
    person = a_person(engine, now=now)
    # Set to pay 25 a day (as the engine's tests may): the challenge's cap of 60 still holds.
    water = a_challenge(
        engine,
        person,
        now=now,
        target=1,
        tracking=Tracking.DEFAULT,
        total_periods=7,
        points_per_period=25,
        points_on_completion=0,
    )

    for day in range(3):
        a_log(engine, person, water, at=now + timedelta(days=day), glasses=1)

    rows = ledger_rows(engine, person)
    assert [r.points for r in rows] == [25, 25, 10]
    assert rows[2].note.endswith("(capped at 60 for this challenge)")


def test_a_reversal_takes_back_what_its_award_paid_so_undo_and_redo_never_pay_past_a_cap(engine):
    now = at(2026, 3, 2, 9)
    set_budget(engine, TIGHT, now)
    person = a_person(engine, now=now)
    water = a_challenge(
        engine,
        person,
        now=now,
        target=1,
        tracking=Tracking.DEFAULT,
        total_periods=7,
        points_per_period=25,
        points_on_completion=0,
    )
    for day in range(2):
        a_log(engine, person, water, at=now + timedelta(days=day), glasses=1)
    third = a_log(engine, person, water, at=now + timedelta(days=2), glasses=1)

    undo_log(engine, person_id=person, log_id=third.log_id, now=now + timedelta(days=2, hours=1))
    a_log(engine, person, water, at=now + timedelta(days=2, hours=2), glasses=1)

    assert [r.points for r in ledger_rows(engine, person)] == [25, 25, 10, -10, 10]
    assert read_balance(engine, person_id=person) == 60


def test_a_self_made_challenge_pays_what_the_budget_gives_read_when_it_is_made(engine):
    now = at(2026, 3, 2, 9)
    set_budget(engine, TIGHT, now)
    person = a_person(engine, now=now)

    water = create_challenge(
        engine,
        person_id=person,
        now=now,
        spec=water_spec(tracking=Tracking.DEFAULT, total_periods=5, points_per_period=999),
    )

    with Session(engine) as s:
        row = s.get(Challenge, water)
        assert row is not None
        # 10 a day and 5 x 5 on completion; the cap of 60 cuts it at award time, not here.
        assert (row.points_per_period, row.points_on_completion) == (10, 25)


def test_the_month_is_the_persons_calendar_month_in_their_zone(engine):
    set_budget(engine, TIGHT, at(2026, 2, 1))
    person = a_person(engine, now=at(2026, 2, 26, 9))
    water = a_challenge(
        engine,
        person,
        now=at(2026, 2, 26, 9),
        start_date=date(2026, 2, 26),
        target=1,
        tracking=Tracking.DEFAULT,
        total_periods=7,
        points_per_period=60,
        points_on_completion=0,
    )
    as_assignment(engine, water)

    a_log(engine, person, water, at=at(2026, 2, 27, 12), glasses=1)  # 60 in February
    a_log(engine, person, water, at=at(2026, 2, 28, 23, 30), glasses=1)  # 40 left of it
    a_log(engine, person, water, at=at(2026, 3, 1, 0, 30), glasses=1)  # March (23:30 UTC)

    assert [r.points for r in ledger_rows(engine, person)] == [60, 40, 60]


def test_undoing_last_months_award_gives_back_room_in_that_month_not_in_this_one(engine):
    set_budget(engine, TIGHT, at(2026, 2, 1))
    person = a_person(engine, now=at(2026, 2, 23, 9))
    week = a_challenge(
        engine,
        person,
        now=at(2026, 2, 23, 9),
        name="Workouts",
        event_type="workout",
        measure=Measure.COUNT,
        attribute=None,
        target=1,
        frequency=Frequency.WEEKLY,
        start_date=date(2026, 2, 23),
        total_periods=4,
        tracking=Tracking.DEFAULT,
        points_per_period=60,
        points_on_completion=0,
    )
    day = a_challenge(
        engine,
        person,
        now=at(2026, 2, 23, 9),
        start_date=date(2026, 2, 23),
        target=1,
        tracking=Tracking.DEFAULT,
        total_periods=14,
        points_per_period=70,
        points_on_completion=0,
    )
    for challenge in (week, day):
        as_assignment(engine, challenge)
    february = a_log(engine, person, week, at=at(2026, 2, 27, 9))  # the week runs to 1 March

    undo_log(engine, person_id=person, log_id=february.log_id, now=at(2026, 3, 1, 9))
    a_log(engine, person, day, at=at(2026, 3, 1, 10), glasses=1)
    a_log(engine, person, day, at=at(2026, 3, 2, 10), glasses=1)

    # February's 60 is taken back, which frees February: March still holds 100, not 160.
    assert [r.points for r in ledger_rows(engine, person)] == [60, -60, 70, 30]


def test_two_challenges_of_one_person_awarding_at_once_share_one_months_cap(engine):
    """Different event types are not locked together: the person's row serialises the awards."""
    now = at(2026, 3, 2, 9)
    set_budget(engine, TIGHT, now)
    person = a_person(engine, now=now)
    common = {"target": 1, "tracking": Tracking.DEFAULT, "total_periods": 7}
    water = a_challenge(engine, person, now=now, points_per_period=70, **common)
    workouts = a_challenge(
        engine,
        person,
        now=now,
        name="Workouts",
        event_type="workout",
        measure=Measure.COUNT,
        attribute=None,
        points_per_period=70,
        **common,
    )
    for challenge in (water, workouts):
        as_assignment(engine, challenge)  # no challenge cap: only the month's holds
    barrier = threading.Barrier(2)

    def log(challenge: int, attributes: dict[str, object]) -> None:
        barrier.wait()
        a_log(engine, person, challenge, at=now + timedelta(minutes=1), **attributes)

    threads = [
        threading.Thread(target=log, args=(water, {"glasses": 1})),
        threading.Thread(target=log, args=(workouts, {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.points for r in ledger_rows(engine, person)) == [30, 70]


# --- the property: no sequence of logs and undos pays past a cap -----------------------------

Step = tuple[str, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("water"), st.integers(1, 9)),
        st.tuples(st.just("workout"), st.just(1)),
        st.tuples(st.just("undo"), st.integers(0, 50)),
        st.tuples(st.just("wait"), st.integers(1, 30)),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(steps=[("water", 9), ("workout", 1), ("workout", 1), ("wait", 23)] * 6 + [("undo", 0)])
@example(steps=[("water", 9), ("undo", 0), ("water", 9), ("wait", 23)] * 5 + [("water", 9)])
@given(steps=steps)
def test_no_sequence_of_logs_and_undos_pays_past_a_cap(engine, steps: list[Step]):
    start = at(2026, 2, 25, 8)
    set_budget(engine, TIGHT, start)
    person = a_person(engine, now=start)
    first = date(2026, 2, 25)
    tag = next(_names)
    # Two self-made challenges on the same event (one log credits both): one paid as the
    # budget says, one set to pay far more; and an assignment of another event, no challenge cap.
    budgeted = create_challenge(
        engine,
        person_id=person,
        now=start,
        spec=water_spec(
            name=f"Water {tag}",
            tracking=Tracking.DEFAULT,
            total_periods=8,
            start_date=first,
            target=4,
        ),
    )
    generous = a_challenge(
        engine,
        person,
        now=start,
        name=f"Big water {tag}",
        start_date=first,
        target=8,
        tracking=Tracking.STREAK,
        total_periods=8,
        required_periods=3,
        points_per_period=30,
        points_on_completion=80,
    )
    workouts = a_challenge(
        engine,
        person,
        now=start,
        name=f"Workouts {tag}",
        event_type="workout",
        measure=Measure.COUNT,
        attribute=None,
        target=2,
        frequency=Frequency.DAILY,
        start_date=first,
        total_periods=8,
        tracking=Tracking.DEFAULT,
        points_per_period=40,
        points_on_completion=50,
    )
    as_assignment(engine, workouts)
    now, logs, undone = start, [], set()
    for kind, n in steps:
        now += timedelta(hours=1)
        try:
            if kind == "water":
                logs.append(a_log(engine, person, budgeted, at=now, glasses=n).log_id)
            elif kind == "workout":
                logs.append(a_log(engine, person, workouts, at=now).log_id)
            elif kind == "undo" and logs:
                log_id = logs[n % len(logs)]
                undo_log(engine, person_id=person, log_id=log_id, now=now)
                undone.add(log_id)
            elif kind == "wait":
                now += timedelta(hours=n)
        except RuleError:
            pass  # a closed period's log is final; an ended challenge takes no more

    rows = ledger_rows(engine, person)
    assert read_balance(engine, person_id=person) == sum(r.points for r in rows)
    month_kept: dict[tuple[int, int], int] = defaultdict(int)  # by the award's month
    challenge_net: dict[int | None, int] = defaultdict(int)
    paid_by_key = {r.entry_key: r.points for r in rows}
    month_of_key = {}
    for r in rows:  # in the order written: no month or challenge ever keeps more than its cap
        if r.points < 0:  # a reversal takes back exactly what its award paid
            award = r.entry_key.replace(
                PointsReason.PERIOD_REVERSED.value, PointsReason.PERIOD_ACHIEVED.value
            ).replace(
                PointsReason.COMPLETION_REVERSED.value, PointsReason.CHALLENGE_COMPLETED.value
            )
            assert paid_by_key[award] == -r.points
            month = month_of_key[award]
        else:
            assert r.reason in (PointsReason.PERIOD_ACHIEVED, PointsReason.CHALLENGE_COMPLETED)
            written = r.created_at.astimezone(STOCKHOLM)
            month = month_of_key[r.entry_key] = (written.year, written.month)
        month_kept[month] += r.points
        challenge_net[r.challenge_id] += r.points
        assert month_kept[month] <= TIGHT.monthly_cap
        if r.challenge_id in (budgeted, generous):
            assert challenge_net[r.challenge_id] <= TIGHT.challenge_cap
    with Session(engine) as s:  # what is kept is what the achieved periods' awards paid
        for period in s.exec(
            select(Period).where(col(Period.challenge_id).in_([budgeted, generous, workouts]))
        ).all():
            net = sum(
                r.points
                for r in rows
                if r.period_id == period.id and r.reason.startswith("period_")
            )
            key = f"period:{period.id}:round:{period.award_round}:period_achieved"
            assert net == (paid_by_key.get(key, 0) if period.achieved_at else 0)
