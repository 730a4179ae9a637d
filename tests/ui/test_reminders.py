"""A reminder set on the challenge page, its banner on Today, and the unsubscribe link."""

from __future__ import annotations

from itsdangerous import URLSafeSerializer
from nicegui.testing import User
from sqlmodel import Session, select

from app.db.tables import Person
from app.domain.reminders import EVERY_DAY
from app.domain.templates import WATER
from app.mail.reminders import SALT
from app.services.reminders import read_reminder, send_due_reminders, set_reminder
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge


async def test_a_reminder_set_on_the_page_is_stored_and_said_back(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    await user.open(f"/challenge/{water}")
    await user.should_see(marker="reminder-said", content="No reminder.", retries=50)

    user.find(marker="reminder-on").elements.pop().set_value(True)
    user.find(marker="reminder-time").elements.pop().set_value("07:30")
    user.find(marker="reminder-days").elements.pop().set_value([0, 1, 2, 3, 4])
    user.find(marker="reminder-save").click()

    await user.should_see("Reminder at 07:30 on weekdays", retries=20)
    stored = read_reminder(harness.ctx().engine, person_id=person, challenge_id=water)
    assert (stored.at, stored.weekdays) == ("07:30", frozenset(range(5)))


async def test_a_bad_time_is_refused_beside_the_field(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    await user.open(f"/challenge/{water}")
    await user.should_see(marker="reminder-said", retries=50)
    user.find(marker="reminder-on").elements.pop().set_value(True)
    user.find(marker="reminder-days").elements.pop().set_value([])
    user.find(marker="reminder-save").click()

    await user.should_see("Pick at least one day for the reminder.", retries=20)
    stored = read_reminder(harness.ctx().engine, person_id=person, challenge_id=water)
    assert stored.at is None


async def test_today_shows_what_was_reminded_until_it_is_done(user: User):
    person = await signed_in(user)
    water = start_challenge(person, WATER)
    ctx = harness.ctx()
    midnight = "00:00"  # today's reminder is due whatever the time now
    set_reminder(ctx.engine, person_id=person, challenge_id=water, at=midnight, weekdays=EVERY_DAY)
    assert len(send_due_reminders(ctx.engine, now=ctx.clock.now())) == 1

    await user.open("/")
    await user.should_see("Reminder: Water every day", retries=50)


async def test_the_unsubscribe_link_works_without_signing_in_and_asks_first(user: User):
    person = await signed_in(user)
    engine = harness.ctx().engine
    with Session(engine) as session:
        public_id = session.exec(select(Person.public_id).where(Person.id == person)).one()
    token = URLSafeSerializer(harness.ctx().settings.storage_secret, salt=SALT).dumps(public_id)
    await user.open("/signout")
    await user.open(f"/unsubscribe?token={token}")
    await user.should_see("Stop all reminder mail?", retries=50)
    with Session(engine) as session:
        assert not session.get(Person, person).reminder_mail_off  # opening it changed nothing

    user.find(marker="unsubscribe").click()
    await user.should_see("no more reminder mail", retries=20)
    with Session(engine) as session:
        assert session.get(Person, person).reminder_mail_off

    await user.open("/unsubscribe?token=forged")
    await user.should_see(marker="link-refused")
