"""Property: a log followed by its undo leaves the challenge and the balance as they were."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.challenge import Tracking
from app.services.dashboard import read_challenge_card, read_dashboard
from app.services.logging import log_progress, undo_log
from tests.factories import a_challenge, a_person, local

NOW = local("Asia/Kolkata", 2026, 3, 2, 7, 30)
names = count()
histories = st.lists(st.integers(min_value=1, max_value=6), min_size=0, max_size=6)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    history=histories,
    extra=st.integers(min_value=1, max_value=9),
    per_period=st.sampled_from([0, 5]),
)
def test_log_then_undo_restores_the_previous_state_and_balance(engine, history, extra, per_period):
    person = a_person(engine, timezone="Asia/Kolkata", now=NOW)
    challenge = a_challenge(
        engine,
        person,
        now=NOW,
        name=f"Water {next(names)}",
        timezone="Asia/Kolkata",
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=2,
        total_periods=3,
        points_per_period=per_period,
        points_on_completion=40,
    )
    for n, glasses in enumerate(history):
        log_progress(
            engine,
            person_id=person,
            challenge_id=challenge,
            idempotency_key=f"h{n}",
            now=NOW + timedelta(minutes=n),
            attributes={"glasses": glasses},
        )
    later = NOW + timedelta(hours=1)

    def state():
        card = read_challenge_card(engine, person_id=person, challenge_id=challenge, now=later)
        return card, read_dashboard(engine, person_id=person, now=later).balance

    before = state()
    receipt = log_progress(
        engine,
        person_id=person,
        challenge_id=challenge,
        idempotency_key="extra",
        now=later,
        attributes={"glasses": extra},
    )
    undo_log(engine, person_id=person, log_id=receipt.log_id, now=later)

    assert state() == before
