"""Today and a challenge's own page speak only through the catalog, in every state they have;
and in Swedish once chosen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from nicegui.testing import User
from sqlalchemy import update
from sqlmodel import Session, col

from app.db.tables import OutboxItem
from app.domain.periods import local_day
from app.domain.reminders import EVERY_DAY
from app.domain.templates import STEPS, WATER, WORKOUTS
from app.services.history import read_challenge_detail
from app.services.reminders import send_due_reminders, set_reminder
from app.translations import translator
from tests.factories import earned
from tests.ui import harness
from tests.ui.conftest import ZONE, signed_in, start_challenge
from tests.ui.test_challenge_page import log_now
from tests.ui.test_streak_freeze_panel import drink
from tests.ui.test_sync_state import unreachable_upstream  # noqa: F401  (a fixture)
from tests.ui.untranslated import pseudo, untranslated  # noqa: F401  (pseudo is a fixture)

PEOPLE = ("Ada", "ada@example.com", "Goalpost", "points")  # the brand calls its points "points"
NAMES = (WATER.spec.name, STEPS.spec.name, WORKOUTS.spec.name)
# the units people named, and the singular English guesses for them ("+1 glass")
UNITS = (WATER.unit, STEPS.unit, WORKOUTS.unit, "glass", "step", "workout")
DATA = PEOPLE + NAMES + UNITS
SWEDISH = translator("sv")


@pytest.mark.usefixtures("pseudo")
async def test_today_with_nothing_yet(user: User):
    await signed_in(user)

    await user.open("/")

    await user.should_see(marker="empty", retries=50)
    assert untranslated(user, data=PEOPLE) == []


@pytest.mark.usefixtures("pseudo")
async def test_today_with_challenges_in_every_state_and_a_reminder(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    start_challenge(person, WATER, name="Missed water")  # fails once tomorrow comes unmet
    ctx.clock.advance(timedelta(days=1))
    today = local_day(ctx.clock.now(), ZONE)
    start_challenge(person, WATER)
    steps = start_challenge(person, STEPS)
    start_challenge(person, WORKOUTS)
    done = start_challenge(person, WATER, name="Done water", total_periods=1, required_periods=1)
    drink(person, done, "done-1")
    start_challenge(person, WATER, name="Later water", start_date=today + timedelta(days=2))
    set_reminder(ctx.engine, person_id=person, challenge_id=steps, at="00:00", weekdays=EVERY_DAY)
    send_due_reminders(ctx.engine, now=ctx.clock.now())

    await user.open("/")

    await user.should_see(marker="reminder-banner", retries=50)
    for marker in ("failed-because", "status", "log-amount"):
        await user.should_see(marker=marker)
    await user.should_see(marker="figures", content=" left")  # the time left
    names = ("Missed water", "Done water", "Later water")
    assert untranslated(user, data=DATA + names) == []


@pytest.mark.usefixtures("pseudo")
async def test_today_after_a_log_and_its_undo(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    await user.open("/")
    await user.should_see(marker="log-amount", retries=50)

    user.find(marker="log-amount").click()  # the field for another amount
    user.find(marker="log-one").click()
    await user.should_see(marker="undo", retries=50)
    assert untranslated(user, data=DATA) == []
    user.find(marker="undo").click()
    await user.should_see(marker="log-one", retries=50)
    assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_with_days_of_history_a_page_at_a_time(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    challenge = start_challenge(person, WORKOUTS)  # weekly: a week's logs stay undoable
    log_now(person, challenge, times=12)
    clock.advance(timedelta(days=1))
    log_now(person, challenge, times=10)

    await user.open(f"/challenge/{challenge}")

    await user.should_see(marker="history-pages", retries=50)
    assert untranslated(user, data=DATA) == []
    user.find(marker="older-logs").click()
    await user.should_see(marker="newer-logs", retries=50)
    assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_with_a_freeze_to_buy(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    earned(ctx.engine, person, 70, now=ctx.clock.now())
    water = start_challenge(person, WATER, total_periods=10, required_periods=5)
    drink(person, water, "water-2")

    await user.open(f"/challenge/{water}")
    await user.should_see(marker="freeze-panel", retries=50)
    user.find(marker="buy-freeze").click()
    await user.should_see(marker="freeze-cost", retries=50)
    assert untranslated(user, data=DATA) == []

    user.find(marker="confirm-freeze").click()
    await user.should_see(marker="freeze-refusal", retries=50)  # 20 points left: not enough
    assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_completed_and_a_failed_challenge(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    failed = start_challenge(person, WATER)
    clock.advance(timedelta(days=1))
    done = start_challenge(person, WATER, name="Done water", total_periods=1, required_periods=1)
    drink(person, done, "done-3")

    for challenge in (done, failed):
        await user.open(f"/challenge/{challenge}")
        await user.should_see(marker="status-line", retries=50)
        data = (*DATA, "Done water")
        assert untranslated(user, data=data) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_with_its_dialogs_open(user: User):
    person = await signed_in(user)
    workouts = start_challenge(person, WORKOUTS, total_periods=2)  # 25 points a week
    log_now(person, workouts, times=3)
    data = DATA
    await user.open(f"/challenge/{workouts}")
    await user.should_see(marker="rename", retries=50)

    user.find(marker="rename").click()
    await user.should_see(marker="rename-name", retries=50)
    assert untranslated(user, data=data) == []
    user.find(marker="rename-cancel").click()

    newest = read_challenge_detail(
        harness.ctx().engine, person_id=person, challenge_id=workouts, now=harness.ctx().clock.now()
    ).logs[0]
    user.find(marker=f"undo-{newest.log_id}").click()  # it took the week's points: asks first
    await user.should_see(marker="undo-dialog", retries=50)
    assert untranslated(user, data=data) == []
    user.find(marker="confirm-undo").click()
    await user.should_not_see(marker="undo-dialog", retries=50)

    user.find(marker="abandon").click()
    await user.should_see(marker="confirm-abandon", retries=50)
    assert untranslated(user, data=DATA) == []
    user.find(marker="confirm-abandon").click()
    await user.should_see(marker="empty", retries=50)  # back on Today, with the notification

    await user.open(f"/challenge/{workouts}")  # an abandoned challenge's page
    await user.should_see(marker="status-line", retries=50)
    assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_logged_for_an_earlier_time_and_refused_one(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    water = start_challenge(person, WATER)
    now = clock.now().astimezone(ZoneInfo(ZONE))
    await user.open(f"/challenge/{water}")
    await user.should_see(marker="backdate", retries=50)

    user.find(marker="backdate-log").click()  # no time picked
    await user.should_see(marker="backdate-log", retries=50)
    assert untranslated(user, data=DATA) == []
    user.find(marker="backdate").type(f"{now:%Y-%m-%dT%H:%M}")
    user.find(marker="backdate-log").click()
    await user.should_see("Logged for", retries=50)
    assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_that_is_not_there(user: User):
    await signed_in(user)

    await user.open("/challenge/999")

    await user.should_see(marker="balance", retries=50)
    assert untranslated(user, data=PEOPLE) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_challenge_with_its_reminder_set(user: User):
    person = await signed_in(user)
    ctx = harness.ctx()
    water = start_challenge(person, WATER)
    await user.open(f"/challenge/{water}")
    await user.should_see(marker="reminder-said", retries=50)  # no reminder yet
    assert untranslated(user, data=DATA) == []

    for days in ({0, 2}, set(range(5)), set(EVERY_DAY)):
        set_reminder(ctx.engine, person_id=person, challenge_id=water, at="07:30", weekdays=days)
        await user.open(f"/challenge/{water}")
        await user.should_see(marker="reminder-said", retries=50)
        assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo", "unreachable_upstream")
@pytest.mark.parametrize("status", ["pending", "dead", "sent"])
async def test_the_sync_badge_in_each_state(user: User, status: str):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    with Session(harness.ctx().engine) as session:
        session.execute(
            update(OutboxItem).where(col(OutboxItem.challenge_id) == water).values(status=status)
        )
        session.commit()

    await user.open(f"/challenge/{water}")

    marker = {"pending": "sync-pending", "dead": "sync-failed", "sent": "sync-synced"}[status]
    await user.should_see(marker=marker, retries=50)
    assert untranslated(user, data=DATA) == []
    if status == "dead":
        user.find(marker="sync-retry").click()
        await user.should_see(marker="sync-pending", retries=50)
        assert untranslated(user, data=DATA) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_sync_badge_with_sync_off(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)

    await user.open(f"/challenge/{water}")

    await user.should_see(marker="sync-off", retries=50)
    assert untranslated(user, data=DATA) == []


async def test_today_in_swedish(user: User):
    person = await signed_in(user)
    water = replace(WATER, unit="glas")
    start_challenge(person, water, name="Vatten", frequency="EVERY_N_DAYS", every_n_days=3)
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/")

    await user.should_see("2 dagar kvar", retries=50)
    await user.should_see("+1 glas")
    await user.should_see("0 av 8 glas")
    await user.should_see("Annan mängd")


async def test_a_challenge_page_in_swedish(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    challenge = start_challenge(person, WORKOUTS)
    log_now(person, challenge)
    today = local_day(clock.now(), ZONE)
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open(f"/challenge/{challenge}")

    await user.should_see(SWEDISH.day(today), retries=50)  # "fredag 4 december"
    for swedish in ("Historik", "Perioder", "Byt namn", "Avbryt utmaningen", "Svit 0"):
        await user.should_see(swedish)
    await user.should_see("1 av 3 workouts")


async def test_a_reminder_is_said_back_in_swedish(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    engine = harness.ctx().engine
    set_reminder(engine, person_id=person, challenge_id=water, at="07:30", weekdays={0, 2})
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open(f"/challenge/{water}")

    await user.should_see("Påminnelse klockan 07:30 på mån, ons", retries=50)
    await user.should_see("Påminn mig")


async def test_a_failed_challenge_in_swedish_says_which_day_was_missed(user: User):
    person = await signed_in(user)
    clock = harness.ctx().clock
    first_day = local_day(clock.now(), ZONE)
    start_challenge(person, WATER)
    clock.advance(timedelta(days=1))
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/")

    await user.should_see("Avslutad", retries=50)
    await user.should_see(f"Missade {SWEDISH.day(first_day)}")
