"""The points budget: what self-made challenges pay, and the caps every award keeps."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from app.db.tables import Challenge, ChallengeDefinition, Person, PointsLedgerEntry
from app.domain.budget import Budget
from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.definitions import DefinitionRule
from app.domain.errors import RuleError
from app.domain.periods import local_day
from app.services.api_keys import create_api_key
from app.services.assignments import start_definition
from app.services.budget import read_budget, update_budget
from app.services.challenges import create_challenge
from app.services.checkpoints import CheckpointRow, record_checkpoints
from app.services.definitions import create_definition, publish_definition
from app.services.logging import undo_log
from tests.factories import a_log, a_person, local
from tests.unit.specs import water_spec, workouts_spec

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 2, 8)
BRAND = "brand@example.com"
names = count()


def set_budget(engine, **fields) -> Budget:
    budget = Budget(**fields)
    update_budget(engine, budget=budget, by=BRAND, now=NOW)
    return budget


def ledger(engine, person):
    with Session(engine) as s:
        return s.exec(
            select(PointsLedgerEntry)
            .where(PointsLedgerEntry.person_id == person)
            .order_by(col(PointsLedgerEntry.id))
        ).all()


def self_made_workouts(engine, person, *, now=NOW, **overrides) -> int:
    """3 workouts a week for 4 weeks, paying what the budget gives it."""
    spec = workouts_spec(name=f"Workouts {next(names)}", start_date=local_day(now, TZ), **overrides)
    return create_challenge(engine, person_id=person, spec=spec, now=now)


def workout_week(engine, person, challenge, at):
    return [a_log(engine, person, challenge, at=at + timedelta(minutes=m)) for m in range(3)]


def test_a_fresh_start_has_the_documented_budget(engine):
    assert read_budget(engine) == Budget(
        points_per_period=10, completion_points_per_period=5, challenge_cap=300, monthly_cap=1000
    )


def test_a_self_made_challenge_pays_what_the_budget_gives_its_effort_not_what_it_asks(engine):
    set_budget(engine, points_per_period=7, completion_points_per_period=3)
    person = a_person(engine, now=NOW)
    spec = water_spec(points_per_period=1_000_000, points_on_completion=1_000_000)
    challenge = create_challenge(engine, person_id=person, spec=spec, now=NOW)

    with Session(engine) as s:
        row = s.get(Challenge, challenge)
        assert (row.points_per_period, row.points_on_completion) == (7, 3 * 7)


def test_a_budget_with_negative_or_huge_amounts_is_refused_field_by_field(engine):
    try:
        update_budget(
            engine, budget=Budget(points_per_period=-1, monthly_cap=10**9), by=BRAND, now=NOW
        )
    except RuleError as refused:
        assert {e.field for e in refused.errors} == {"points_per_period", "monthly_cap"}
    else:
        raise AssertionError("the budget was saved")
    assert read_budget(engine) == Budget()


def test_the_challenge_cap_cuts_the_award_that_crosses_it_and_says_so(engine):
    set_budget(engine, points_per_period=10, completion_points_per_period=0, challenge_cap=25)
    person = a_person(engine, now=NOW)
    challenge = self_made_workouts(engine, person)

    for week in range(4):
        workout_week(engine, person, challenge, NOW + timedelta(days=7 * week))

    rows = ledger(engine, person)
    assert [r.points for r in rows] == [10, 10, 5, 0]
    assert rows[2].note.endswith("(capped at 25 for this challenge)")
    assert rows[3].note.endswith("(capped at 25 for this challenge)")


def test_an_undo_takes_back_exactly_what_the_capped_award_paid_and_a_redo_pays_it_again(engine):
    set_budget(engine, points_per_period=10, completion_points_per_period=0, challenge_cap=25)
    person = a_person(engine, now=NOW)
    challenge = self_made_workouts(engine, person)
    workout_week(engine, person, challenge, NOW)
    workout_week(engine, person, challenge, NOW + timedelta(days=7))
    third = NOW + timedelta(days=14)
    logs = workout_week(engine, person, challenge, third)

    undo_log(engine, person_id=person, log_id=logs[-1].log_id, now=third + timedelta(hours=1))
    a_log(engine, person, challenge, at=third + timedelta(hours=2))

    assert [r.points for r in ledger(engine, person)] == [10, 10, 5, -5, 5]


def a_definition(engine, *, per_period=0, on_completion=0, **overrides) -> int:
    spec = workouts_spec(
        name=f"Brand workouts {next(names)}",
        points_per_period=per_period,
        points_on_completion=on_completion,
        **overrides,
    )
    definition = create_definition(engine, rule=DefinitionRule(spec=spec), by=BRAND, now=NOW)
    publish_definition(engine, definition_id=definition, by=BRAND, now=NOW)
    return definition


def test_a_definition_pays_what_the_brand_set_past_the_challenge_cap(engine):
    set_budget(engine, challenge_cap=25, monthly_cap=10_000)
    person = a_person(engine, now=NOW)
    assignment = start_definition(
        engine,
        person_id=person,
        definition_id=a_definition(engine, per_period=40),
        now=NOW,
        consent=False,
    )

    workout_week(engine, person, assignment, NOW)
    workout_week(engine, person, assignment, NOW + timedelta(days=7))

    assert [r.points for r in ledger(engine, person)] == [40, 40]


def test_the_monthly_cap_holds_across_every_challenge_and_resets_in_the_persons_next_month(
    engine,
):
    set_budget(engine, points_per_period=10, challenge_cap=300, monthly_cap=50)
    start = local(TZ, 2026, 3, 16, 8)
    person = a_person(engine, now=start)
    assignment = start_definition(
        engine,
        person_id=person,
        definition_id=a_definition(engine, per_period=40),
        now=start,
        consent=False,
    )
    own = self_made_workouts(engine, person, now=start, event_type="yoga")

    workout_week(engine, person, assignment, start)  # 40
    workout_week(engine, person, own, start)  # 10 → room for 10 only
    workout_week(engine, person, assignment, start + timedelta(days=7))  # 40 → 0 left
    # 1 April 00:30 in Stockholm is still 31 March in UTC: the person's month has turned.
    april = local(TZ, 2026, 4, 1, 0, 30)
    workout_week(engine, person, assignment, april)

    rows = ledger(engine, person)
    assert [r.points for r in rows] == [40, 10, 0, 40]
    assert rows[2].note.endswith("(capped at 50 this month)")


caps = st.fixed_dictionaries(
    {
        "points_per_period": st.integers(0, 30),
        "completion_points_per_period": st.integers(0, 10),
        "challenge_cap": st.integers(0, 80),
        "monthly_cap": st.integers(0, 120),
    }
)
steps = st.lists(
    st.tuples(
        st.sampled_from(["log", "log", "log", "undo", "checkpoint"]),
        st.integers(0, 2),  # which challenge
        st.integers(0, 3),  # days later
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(budget=caps, plan=steps, brand_pays=st.integers(0, 60))
def test_no_mix_of_logs_undos_and_checkpoints_pays_past_a_cap(engine, budget, plan, brand_pays):
    """Across a month boundary: two self-made challenges, and an assignment that also takes
    checkpoints from the API."""
    set_budget(engine, **budget)
    start = local(TZ, 2026, 3, 25, 9)
    person = a_person(engine, now=start)
    definition = a_definition(
        engine,
        per_period=brand_pays,
        on_completion=brand_pays,
        frequency=Frequency.DAILY,
        total_periods=14,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=3,
        target=1,
        measure=Measure.COUNT,
        event_type="stretch",
    )
    challenges = [
        start_definition(
            engine, person_id=person, definition_id=definition, now=start, consent=True
        ),
        *(
            create_challenge(
                engine,
                person_id=person,
                spec=workouts_spec(
                    name=f"Daily {n} {next(names)}",
                    event_type=f"habit_{n}",
                    frequency=Frequency.DAILY,
                    total_periods=14,
                    target=1,
                    tracking=Tracking.NON_CONTINUOUS_STREAK,
                    required_periods=2,
                    start_date=local_day(start, TZ),
                ),
                now=start,
            )
            for n in range(2)
        ),
    ]
    at, logged = start, defaultdict(list)
    key = create_api_key(engine, name="CRM", by=BRAND, now=start).id
    with Session(engine) as s:
        contact = s.get(Person, person).public_id
        brand_id = s.get(ChallengeDefinition, definition).public_id
    for step, which, days in plan:
        at += timedelta(days=days, minutes=1)
        challenge = challenges[which]
        try:
            if step == "checkpoint":  # the brand's system, through the API's service
                amount = which + 1
                record_checkpoints(
                    engine, rows=[CheckpointRow(brand_id, contact, amount)], now=at, api_key_id=key
                )
            elif step == "log":
                logged[challenge].append(a_log(engine, person, challenge, at=at).log_id)
            elif logged[challenge]:
                undo_log(engine, person_id=person, log_id=logged[challenge].pop(), now=at)
        except RuleError:
            pass  # an ended period or challenge refuses: the sequence goes on

    rows = ledger(engine, person)
    by_month, by_challenge, awards = defaultdict(int), defaultdict(int), {}
    for row in rows:
        by_month[local_day(row.created_at, TZ).replace(day=1)] += row.points
        by_challenge[row.challenge_id] += row.points
        award_of = row.entry_key.replace("period_reversed", "period_achieved").replace(
            "completion_reversed", "challenge_completed"
        )
        if row.points > 0:
            awards[row.entry_key] = row.points
        elif row.points < 0:
            assert -row.points == awards[award_of], "a reversal took back more than its award"
    assert all(total <= budget["monthly_cap"] for total in by_month.values()), by_month
    for challenge in challenges[1:]:
        assert 0 <= by_challenge[challenge] <= budget["challenge_cap"]
    assert all(row.points >= 0 or row.reason.endswith("reversed") for row in rows)


def test_checkpoints_from_the_api_are_paid_under_the_monthly_cap_too(engine):
    set_budget(engine, monthly_cap=60)
    person = a_person(engine, now=NOW)
    definition = a_definition(engine, per_period=40)
    start_definition(engine, person_id=person, definition_id=definition, now=NOW, consent=False)
    key = create_api_key(engine, name="CRM", by=BRAND, now=NOW).id
    with Session(engine) as s:
        contact = s.get(Person, person).public_id
        public = s.get(ChallengeDefinition, definition).public_id

    for week in range(2):
        at = NOW + timedelta(days=7 * week)
        report = record_checkpoints(
            engine, rows=[CheckpointRow(public, contact, 3)], now=at, api_key_id=key
        )
        assert report["notAccepted"] == []

    rows = ledger(engine, person)
    assert [r.points for r in rows] == [40, 20]
    assert rows[1].note.endswith("(capped at 60 this month)")
