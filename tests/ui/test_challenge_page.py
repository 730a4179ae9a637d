"""The challenge page: readback, logging (now and back-dated), undo, not found, abandon."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from nicegui import ui
from nicegui.testing import User

from app.domain.challenge import Status
from app.domain.periods import local_day
from app.domain.templates import TEMPLATES, WATER, WORKOUTS
from app.services.history import read_challenge_detail
from app.services.logging import log_progress
from tests.factories import a_person
from tests.ui import harness
from tests.ui.conftest import ZONE, signed_in, start_challenge


def status_of(person_id: int, challenge_id: int) -> Status:
    ctx = harness.ctx()
    detail = read_challenge_detail(
        ctx.engine, person_id=person_id, challenge_id=challenge_id, now=ctx.clock.now()
    )
    return detail.card.status


def newest_log_id(person_id: int, challenge_id: int) -> int:
    ctx = harness.ctx()
    detail = read_challenge_detail(
        ctx.engine, person_id=person_id, challenge_id=challenge_id, now=ctx.clock.now()
    )
    return detail.logs[0].log_id


def move_to_next_local_noon() -> datetime:
    """Noon tomorrow in the person's zone, so there is a morning to back-date into."""
    clock = harness.ctx().clock
    local = clock.now().astimezone(ZoneInfo(ZONE))
    noon = (local + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    return clock.advance(noon - local)


async def log_back_dated(user: User, *, days_back: int, at: str) -> date:
    """At noon, on a water challenge that started today, log at `at` `days_back` days ago; today."""
    person = await signed_in(user)
    today = local_day(move_to_next_local_noon(), ZONE)
    challenge = start_challenge(person, WATER)
    await user.open(f"/challenge/{challenge}")
    user.find(marker="backdate").type(f"{today - timedelta(days=days_back):%Y-%m-%d}T{at}")
    user.find(marker="backdate-log").click()
    return today


async def test_the_page_reads_the_challenge_back_and_shows_its_progress(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)

    await user.open(f"/challenge/{challenge}")

    await user.should_see("8 glasses of water every day, 7 days in a row → 100 points")
    await user.should_see("0 of 8 glasses")
    for marker in ("sentence", "streak-story", "timeline", "heatmap", "chart", "history"):
        await user.should_see(marker=marker)
    await user.should_see("Nothing logged yet.")


@pytest.mark.parametrize("key", sorted(TEMPLATES))
async def test_every_ready_made_challenge_gets_a_page_with_its_periods(user: User, key: str):
    person = await signed_in(user)
    template = TEMPLATES[key]
    challenge = start_challenge(person, template)

    await user.open(f"/challenge/{challenge}")

    await user.should_see(f"0 of {template.spec.target:,.0f} {template.unit}")
    await user.should_see(marker="timeline")
    user.find(marker="log-one").click()
    await user.should_see(f"1 of {template.spec.target:,.0f} {template.unit}", retries=50)


async def test_logging_one_and_a_custom_amount_updates_progress_and_history(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)
    await user.open(f"/challenge/{challenge}")

    user.find(marker="log-one").click()
    await user.should_see("1 of 8 glasses", retries=50)
    user.find(marker="custom-amount").type("3")
    user.find(marker="log-custom").click()
    await user.should_see("4 of 8 glasses", retries=50)

    await user.should_see("+3 glasses")
    await user.should_see(marker=f"undo-{newest_log_id(person, challenge)}")


async def test_undoing_a_log_that_achieved_a_period_takes_its_points_back(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WORKOUTS)  # 3 a week, 25 points for each week made
    await user.open(f"/challenge/{challenge}")
    for done in (1, 2, 3):
        user.find(marker="log-one").click()
        await user.should_see(f"{done} of 3 workouts", retries=50)
    await user.should_see("25 pts")

    user.find(marker=f"undo-{newest_log_id(person, challenge)}").click()
    await user.should_see("It takes back 25 points.", retries=50)
    user.find(marker="confirm-undo").click()

    await user.should_see("2 of 3 workouts", retries=50)
    await user.should_see("0 pts")
    await user.should_see("undone")


async def test_a_back_dated_log_inside_the_running_period_counts(user: User):
    today = await log_back_dated(user, days_back=0, at="08:00")

    await user.should_see("1 of 8 glasses", retries=50)
    await user.should_see(f"{today:%A} {today.day} {today:%B}")
    await user.should_see("08:00 · +1 glass")


async def test_a_back_dated_log_before_the_running_period_is_refused_with_the_reason(user: User):
    today = await log_back_dated(user, days_back=1, at="20:00")

    await user.should_see(f"This challenge starts on {today:%d %B %Y}", retries=50)
    await user.should_see("0 of 8 glasses")


async def test_another_persons_challenge_looks_like_a_missing_one(user: User):
    ctx = harness.ctx()
    owner = a_person(ctx.engine, now=ctx.clock.now())
    theirs = start_challenge(owner, WATER)
    await signed_in(user)

    for path in (f"/challenge/{theirs}", "/challenge/99999", "/challenge/abc"):
        await user.open(path)
        await user.should_see(marker="not-found")
        await user.should_not_see("Water every day")
        await user.should_see("Back to Today")


async def test_abandoning_asks_first_then_ends_the_challenge(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)
    await user.open(f"/challenge/{challenge}")

    user.find(marker="abandon").click()
    await user.should_see("Points you have already earned stay in your balance.")
    assert status_of(person, challenge) is Status.ACTIVE
    user.find(marker="confirm-abandon").click()

    await user.should_see("Challenge abandoned. Your points stay.", retries=50)
    assert status_of(person, challenge) is Status.ABANDONED
    await user.should_see("No challenges yet", retries=50)


async def test_keeping_going_leaves_the_challenge_running(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)
    await user.open(f"/challenge/{challenge}")

    user.find(marker="abandon").click()
    await user.should_see(marker="cancel-abandon")
    user.find(marker="cancel-abandon").click()

    await user.should_not_see(kind=ui.dialog)
    assert status_of(person, challenge) is Status.ACTIVE


async def test_someone_signed_out_is_sent_to_sign_in(user: User):
    await user.open("/challenge/1")

    await user.should_see("Welcome back")


def log_now(person_id: int, challenge_id: int, times: int = 1) -> None:
    ctx = harness.ctx()
    for _ in range(times):
        log_progress(
            ctx.engine,
            person_id=person_id,
            challenge_id=challenge_id,
            idempotency_key=uuid.uuid4().hex,
            now=ctx.clock.now(),
        )


def undo_buttons_on(user: User, day: date) -> int:
    group = user.find(marker=f"history-{day:%Y-%m-%d}").elements.pop()
    return sum(isinstance(e, ui.button) for e in group.descendants())


async def test_a_long_history_is_grouped_by_day_a_page_at_a_time(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    challenge = start_challenge(person, WORKOUTS)  # weekly: a week's logs stay undoable
    yesterday = local_day(clock.now(), ZONE)
    log_now(person, challenge, times=21)
    today = local_day(clock.advance(timedelta(days=1)), ZONE)
    log_now(person, challenge)

    await user.open(f"/challenge/{challenge}")

    await user.should_see("Page 1 of 2", retries=50)
    await user.should_see(f"{today:%A} {today.day} {today:%B}")
    await user.should_see(f"{yesterday:%A} {yesterday.day} {yesterday:%B}")
    assert undo_buttons_on(user, yesterday) == 19
    user.find(marker="older-logs").click()
    await user.should_see("Page 2 of 2", retries=50)
    await user.should_not_see(f"{today:%A} {today.day} {today:%B}")
    assert undo_buttons_on(user, yesterday) == 2


async def test_the_page_states_a_completed_challenge_once(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER, total_periods=1, required_periods=1)
    await user.open(f"/challenge/{challenge}")

    user.find(marker="custom-amount").type("8")
    user.find(marker="log-custom").click()

    await user.should_see("Status: Completed", retries=50)
    await user.should_not_see(marker="status")  # no second badge on the card below
    await user.should_not_see(marker="figures", content=" left")  # no time left


async def test_the_page_of_a_failed_challenge_says_which_day_was_missed(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    first_day = local_day(clock.now(), ZONE)
    challenge = start_challenge(person, WATER)
    clock.advance(timedelta(days=1))

    await user.open(f"/challenge/{challenge}")

    await user.should_see(
        f"Status: Ended: missed {first_day:%A} {first_day.day} {first_day:%B}", retries=50
    )


async def test_only_logs_of_the_running_period_offer_undo(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    challenge = start_challenge(person, WORKOUTS, frequency="DAILY", total_periods=3)
    yesterday = local_day(clock.now(), ZONE)
    log_now(person, challenge, times=3)
    today = local_day(clock.advance(timedelta(days=1)), ZONE)
    log_now(person, challenge)

    await user.open(f"/challenge/{challenge}")

    await user.should_see(f"{yesterday:%A} {yesterday.day} {yesterday:%B}", retries=50)
    assert (undo_buttons_on(user, yesterday), undo_buttons_on(user, today)) == (0, 1)


async def test_the_heatmap_spreads_its_cells_over_the_whole_chart(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)  # a week: the shortest range there is
    await user.open(f"/challenge/{challenge}")

    await user.should_see(marker="heatmap", retries=50)
    calendar = user.find(marker="heatmap").elements.pop().options["calendar"]
    assert calendar["cellSize"] == ["auto", "auto"]  # no fixed cell leaves the right side empty
    assert (calendar["left"], calendar["right"]) == (34, 8)
