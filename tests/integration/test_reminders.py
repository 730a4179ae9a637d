"""Reminders at the person's local time (DST included), once a period, only while the target
is unmet, mailed to confirmed addresses through the mail outbox and a real SMTP server."""

from __future__ import annotations

import asyncio
import threading
from datetime import date

from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import Person, ReminderSent
from app.domain.challenge import Tracking
from app.domain.reminders import EVERY_DAY
from app.mail.message import Letterhead
from app.mail.relay import send_mail
from app.mail.reminders import reminder_mailer, unsubscribed_person
from app.services.reminders import reminded_now, send_due_reminders, set_reminder, unsubscribe
from tests.factories import a_challenge, a_log, a_person, local
from tests.integration.test_mail_outbox import sender_to
from tests.mail_server import html_of, link_in, text_of

NY = "America/New_York"
SECRET = "reminder-test-secret"
MAILER = reminder_mailer(Letterhead("Goalpost", "http://goalpost.test"), SECRET)


def water_in_new_york(engine, *, confirmed: bool = True) -> tuple[int, int]:
    """8 a day for a week from Saturday 7 March 2026; the clocks go forward on the 8th."""
    start = local(NY, 2026, 3, 7, 6)
    person = a_person(engine, timezone=NY, now=start)
    if confirmed:
        with unit_of_work(engine) as session:
            row = session.get(Person, person)
            assert row is not None
            row.email_confirmed_at = start
            session.add(row)
    challenge = a_challenge(
        engine,
        person,
        now=start,
        timezone=NY,
        start_date=date(2026, 3, 7),
        tracking=Tracking.DEFAULT,  # each day stands alone: a missed one ends nothing
        required_periods=1,
    )
    set_reminder(engine, person_id=person, challenge_id=challenge, at="07:30", weekdays=EVERY_DAY)
    return person, challenge


def remind(engine, at):
    return send_due_reminders(engine, now=at, mail=MAILER)


def test_a_reminder_mail_comes_at_0730_new_york_time_on_the_day_the_clocks_change(
    engine, smtp_server
):
    person, _ = water_in_new_york(engine)
    sender = sender_to(smtp_server.port)

    assert remind(engine, local("UTC", 2026, 3, 7, 12, 29)) == []
    assert len(remind(engine, local("UTC", 2026, 3, 7, 12, 30))) == 1  # 07:30 EST
    assert remind(engine, local("UTC", 2026, 3, 8, 11, 29)) == []
    sent = remind(engine, local("UTC", 2026, 3, 8, 11, 30))  # 07:30 EDT: an hour earlier in UTC
    assert [(r.total, r.target, r.unit, r.counts_days) for r in sent] == [(0, 8, None, False)]
    assert remind(engine, local("UTC", 2026, 3, 8, 11, 45)) == [], "never twice for one day"
    asyncio.run(send_mail(engine, sender, now=lambda: local("UTC", 2026, 3, 8, 11, 46)))

    mails = smtp_server.wait_for(2)
    assert [m["Subject"] for m in mails] == ["Reminder: Water every day · Goalpost"] * 2
    assert "Time for Water every day: 0 of 8 times so far." in text_of(mails[1])
    token = link_in(mails[1], "/unsubscribe").split("token=", 1)[1]
    assert unsubscribed_person(SECRET, token) is not None
    assert reminded_now(engine, person_id=person, now=local("UTC", 2026, 3, 8, 12)) == [
        "Water every day"
    ]


def test_a_person_who_speaks_swedish_gets_the_reminder_in_swedish(engine, smtp_server):
    person, _ = water_in_new_york(engine)
    with unit_of_work(engine) as session:
        row = session.get(Person, person)
        assert row is not None
        row.language = "sv"
        session.add(row)
    a_log(engine, person, _, at=local("UTC", 2026, 3, 7, 12), glasses=1.5)

    remind(engine, local("UTC", 2026, 3, 7, 12, 30))
    asyncio.run(
        send_mail(engine, sender_to(smtp_server.port), now=lambda: local("UTC", 2026, 3, 7, 13))
    )

    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"] == "Påminnelse: Water every day · Goalpost"
    assert "Dags för Water every day: 1,5 av 8 gånger hittills." in text_of(mail)
    assert '<html lang="sv">' in html_of(mail) and "Sluta skicka påminnelser" in html_of(mail)


def test_no_reminder_once_the_day_is_done_and_the_banner_goes_with_it(engine):
    person, challenge = water_in_new_york(engine)
    remind(engine, local(NY, 2026, 3, 9, 7, 30))
    assert reminded_now(engine, person_id=person, now=local(NY, 2026, 3, 9, 8)) != []

    a_log(engine, person, challenge, at=local(NY, 2026, 3, 9, 9), glasses=8)
    assert reminded_now(engine, person_id=person, now=local(NY, 2026, 3, 9, 10)) == []

    a_log(engine, person, challenge, at=local(NY, 2026, 3, 10, 7), glasses=8)
    assert remind(engine, local(NY, 2026, 3, 10, 7, 30)) == [], "done before the time: no reminder"


def test_unconfirmed_or_unsubscribed_get_the_banner_but_no_mail(engine):
    unconfirmed, _ = water_in_new_york(engine, confirmed=False)
    left, _ = water_in_new_york(engine)
    with Session(engine) as session:
        public_id = session.exec(select(Person.public_id).where(Person.id == left)).one()
    assert unsubscribe(engine, public_id=public_id)

    sent = remind(engine, local(NY, 2026, 3, 9, 7, 30))

    assert {(r.person_id, r.mail) for r in sent} == {(unconfirmed, False), (left, False)}
    with Session(engine) as session:
        assert [r.mailed for r in session.exec(select(ReminderSent)).all()] == [False, False]
    for person in (unconfirmed, left):
        assert reminded_now(engine, person_id=person, now=local(NY, 2026, 3, 9, 8)) != []


def test_two_instances_sending_at_once_send_one_reminder(engine):
    water_in_new_york(engine)
    at = local(NY, 2026, 3, 9, 7, 31)
    results: list[int] = []
    start = threading.Barrier(2)

    def instance() -> None:
        start.wait()
        results.append(len(remind(engine, at)))

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(results) == [0, 1]
    with Session(engine) as session:
        assert len(session.exec(select(ReminderSent)).all()) == 1
