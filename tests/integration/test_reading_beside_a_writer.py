"""Pages read beside a writer: a reading unit neither waits for the write lock nor keeps a write.

On SQLite every `unit_of_work` takes the write lock when it begins, so a page that read through
one queued behind the relay marking its batches sent and behind everyone's logs. A `reading`
unit begins deferred and, under WAL, reads the last committed state while a writer holds
the lock.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import select

from app.db.engine import reading, unit_of_work
from app.db.tables import Person
from app.services.accounts import read_profile
from app.services.dashboard import read_balance, read_dashboard
from tests.factories import a_challenge, a_person, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 8)


def holding_the_write_lock(engine, held: threading.Event, release: threading.Event) -> None:
    with unit_of_work(engine) as session:
        session.exec(select(Person)).all()  # the transaction has begun: the lock is held
        person = session.exec(select(Person)).first()
        assert person is not None
        person.display_name = "Renamed, not yet committed"
        session.flush()
        held.set()
        release.wait(10)


def test_a_page_reads_while_a_writer_holds_the_lock_and_sees_only_what_is_committed(engine):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW)
    held, release = threading.Event(), threading.Event()
    with ThreadPoolExecutor(1) as pool:
        writer = pool.submit(holding_the_write_lock, engine, held, release)
        assert held.wait(10)
        try:
            started = time.perf_counter()
            profile = read_profile(engine, person_id=person)
            dashboard = read_dashboard(engine, person_id=person, now=NOW)
            balance = read_balance(engine, person_id=person)
            waited = time.perf_counter() - started
        finally:
            release.set()
        writer.result()
    assert waited < 2, f"the reads waited {waited:.1f} s for the writer"
    assert profile.display_name != "Renamed, not yet committed"  # not seen before its commit
    assert [card.challenge_id for card in dashboard.cards] and balance == 0
    assert read_profile(engine, person_id=person).display_name == "Renamed, not yet committed"


def test_nothing_written_inside_a_reading_unit_is_kept(engine):
    person = a_person(engine, now=NOW)
    with reading(engine) as session:
        found = session.get(Person, person)
        assert found is not None
        found.display_name = "Kept?"
        session.flush()
    assert read_profile(engine, person_id=person).display_name != "Kept?"
