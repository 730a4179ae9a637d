"""Several people, each with several challenges: what happens to one touches no other."""

from __future__ import annotations

from datetime import timedelta

from app.domain.challenge import Measure, Status
from app.services.challenges import abandon_challenge
from app.services.closing import close_due_periods
from tests.factories import a_challenge, a_log, a_person, a_workouts_challenge, local, stored

MONDAY = local("Europe/Stockholm", 2026, 3, 2, 8)


def two_people_with_two_challenges_each(engine):
    """Water (a 7-day streak, 10 points a day) and workouts, each with Monday's logs."""
    people = []
    for _ in range(2):
        person = a_person(engine, now=MONDAY)
        water = a_challenge(engine, person, now=MONDAY, points_per_period=10)
        gym = a_workouts_challenge(engine, person, now=MONDAY)
        a_log(engine, person, water, at=MONDAY, glasses=8)
        a_log(engine, person, gym, at=MONDAY)
        people.append((person, water, gym))
    return people


def others_of(engine, people, challenge):
    return {c: stored(engine, c) for _, *cs in people for c in cs if c != challenge}


def test_closing_one_challenges_periods_leaves_every_other_challenge_untouched(engine):
    people = two_people_with_two_challenges_each(engine)
    person, water, _ = people[0]
    before = others_of(engine, people, water)

    a_log(engine, person, water, at=MONDAY + timedelta(days=1), glasses=8)  # closes Monday

    assert stored(engine, water)["counters"] == (1, 1, 1, 1)
    assert others_of(engine, people, water) == before


def test_a_challenge_failing_leaves_every_other_challenges_periods_open(engine):
    people = two_people_with_two_challenges_each(engine)
    person, water, _ = people[0]
    before = others_of(engine, people, water)
    wednesday = MONDAY + timedelta(days=2)

    close_due_periods(engine, now=wednesday, person_id=person)  # Tuesday was missed

    assert stored(engine, water)["status"] == Status.FAILED.value
    assert others_of(engine, people, water) == before


def test_abandoning_one_challenge_leaves_every_other_challenge_untouched(engine):
    people = two_people_with_two_challenges_each(engine)
    person, _, gym = people[1]
    before = others_of(engine, people, gym)

    abandon_challenge(engine, person_id=person, challenge_id=gym, now=MONDAY + timedelta(hours=2))

    assert stored(engine, gym)["status"] == Status.ABANDONED.value
    assert others_of(engine, people, gym) == before


def test_another_persons_visit_on_the_same_day_does_not_count_as_mine(engine):
    walkers = [a_person(engine, now=MONDAY) for _ in range(2)]
    walks = [
        a_workouts_challenge(engine, p, now=MONDAY, event_type="walk", measure=Measure.VISIT)
        for p in walkers
    ]

    receipts = [a_log(engine, p, w, at=MONDAY) for p, w in zip(walkers, walks, strict=True)]

    assert [r.period_total for r in receipts] == [1, 1]
