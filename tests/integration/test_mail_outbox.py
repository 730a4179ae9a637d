"""The mail outbox over a real SMTP server: sent once, across crashes and two relays at once."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import MailItem
from app.mail.outbox import MAX_ATTEMPTS, claim_mail, queue_mail
from app.mail.relay import send_mail
from app.mail.senders import SmtpSender
from tests.factories import local
from tests.mail_server import html_of, text_of
from tests.server import free_port

NOW = local("UTC", 2026, 12, 3, 9)
PASSWORD = "s3cret-smtp-password-never-logged"


def sender_to(port: int, **overrides: object) -> SmtpSender:
    options: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "tls": "none",
        "user": None,
        "password": None,
        "from_address": "Nordic Fitness <no-reply@nordic.example>",
    }
    return SmtpSender(**(options | overrides))  # type: ignore[arg-type]


def queue(engine, count: int = 1) -> None:
    with unit_of_work(engine) as session:
        for n in range(count):
            queue_mail(
                session,
                key=f"test:{n}",
                to=f"person{n}@example.com",
                subject=f"Hello {n}",
                text=f"Plain {n}",
                html=f"<p>Rich {n}</p>",
                now=NOW,
            )


def drain(engine, sender, *, at=NOW, owner=None):
    return asyncio.run(send_mail(engine, sender, now=lambda: at, owner=owner))


def statuses(engine) -> list[tuple[str, int]]:
    with Session(engine) as session:
        rows = session.exec(select(MailItem).order_by(MailItem.id)).all()
        return [(r.status, r.attempts) for r in rows]


def test_a_queued_mail_arrives_once_with_its_plain_text_and_html(engine, smtp_server):
    queue(engine)
    with unit_of_work(engine) as session:  # the same key again is the same mail
        queue_mail(
            session, key="test:0", to="x@example.com", subject="s", text="t", html="h", now=NOW
        )

    first, second = (
        drain(engine, sender_to(smtp_server.port)),
        drain(engine, sender_to(smtp_server.port)),
    )

    (mail,) = smtp_server.wait_for(1)
    assert (first.sent, second.sent) == (1, 0)
    assert mail["To"] == "person0@example.com" and mail["Subject"] == "Hello 0"
    assert mail["From"] == "Nordic Fitness <no-reply@nordic.example>"
    assert text_of(mail).strip() == "Plain 0" and "<p>Rich 0</p>" in html_of(mail)
    assert statuses(engine) == [("sent", 1)]


def test_a_relay_that_died_after_claiming_leaves_the_mail_to_the_next_once_its_lease_ends(
    engine, smtp_server
):
    queue(engine)
    claimed = claim_mail(engine, owner="crashed", now=NOW, lease=timedelta(seconds=30))
    assert len(claimed) == 1  # …and the relay that holds it dies before sending

    sender = sender_to(smtp_server.port)
    during_lease = drain(engine, sender, at=NOW + timedelta(seconds=29))
    after_lease = drain(engine, sender, at=NOW + timedelta(seconds=31))
    later = drain(engine, sender, at=NOW + timedelta(hours=1))

    assert (during_lease.sent, after_lease.sent, later.sent) == (0, 1, 0)
    assert len(smtp_server.wait_for(1)) == 1
    assert statuses(engine) == [("sent", 1)]


def test_two_relays_draining_at_once_send_every_mail_exactly_once(engine, smtp_server):
    queue(engine, 40)
    sender = sender_to(smtp_server.port)

    async def both():
        return await asyncio.gather(
            send_mail(engine, sender, now=lambda: NOW, owner="relay-a"),
            send_mail(engine, sender, now=lambda: NOW, owner="relay-b"),
        )

    a, b = asyncio.run(both())

    received = smtp_server.wait_for(40)
    assert a.sent + b.sent == 40
    assert sorted(m["To"] for m in received) == sorted(f"person{n}@example.com" for n in range(40))
    assert len({m["Message-ID"] for m in received}) == 40
    assert set(statuses(engine)) == {("sent", 1)}


def test_an_unreachable_server_is_tried_again_later_then_the_mail_is_dead(engine):
    queue(engine)
    nobody = sender_to(free_port())

    report = drain(engine, nobody)
    assert report.retried == 1 and statuses(engine) == [("pending", 1)]
    assert drain(engine, nobody).retried == 0  # not due again at once

    at = NOW
    for _ in range(MAX_ATTEMPTS):
        at += timedelta(hours=1)
        drain(engine, nobody, at=at)
    with Session(engine) as session:
        item = session.exec(select(MailItem)).one()
    assert (item.status, item.attempts) == ("dead", MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in (item.last_error or "")


def test_the_smtp_password_is_never_in_the_log_or_the_outbox(engine, smtp_server, caplog):
    queue(engine)
    # aiosmtpd offers no AUTH without TLS: the login fails, and the failure is logged.
    sender = sender_to(smtp_server.port, user="relay-user", password=_secret(PASSWORD))

    with caplog.at_level(logging.DEBUG):
        report = drain(engine, sender)

    assert report.retried == 1
    with Session(engine) as session:
        item = session.exec(select(MailItem)).one()
    assert item.last_error and "AUTH" in item.last_error
    assert PASSWORD not in caplog.text and PASSWORD not in item.last_error
    assert PASSWORD not in repr(sender)


def _secret(value: str):
    from pydantic import SecretStr

    return SecretStr(value)
