"""Settings: CSV downloads, and importing history with a preview first."""

from __future__ import annotations

import csv
import io

from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from sqlmodel import Session, select

from app.db.tables import Challenge, Log
from tests.fixtures.imports import BEAVER, LOOP_CHECKMARKS
from tests.ui import harness
from tests.ui.conftest import signed_in


async def _upload(user: User, name: str, content: bytes) -> None:
    await user.should_see(marker="import-upload", retries=50)
    [upload] = user.find(marker="import-upload").elements
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([SmallFileUpload(name, "application/octet-stream", content)])


async def test_a_loop_file_is_previewed_then_only_the_picked_habits_are_imported(user: User):
    person = await signed_in(user)
    await user.open("/settings")

    await _upload(user, "Checkmarks.csv", LOOP_CHECKMARKS)

    await user.should_see("From Loop Habit Tracker: 2 to import", retries=50)
    await user.should_see("02 Mar 2026 – 05 Mar 2026, 3 logs")
    await user.should_see("Left out: 'Floss': no done days")
    with Session(harness.ctx().engine) as s:  # a preview writes nothing
        assert s.exec(select(Challenge).where(Challenge.person_id == person)).all() == []
    user.find(marker="import-pick-Read").click()  # leave Read out
    user.find(marker="import-confirm").click()

    await user.should_see("Imported 1 (Meditate) with 3 logs.", retries=50)
    with Session(harness.ctx().engine) as s:
        names = s.exec(select(Challenge.name).where(Challenge.person_id == person)).all()
        logs = s.exec(select(Log).where(Log.person_id == person)).all()
    assert names == ["Meditate"] and len(logs) == 3 and all(log.imported for log in logs)


async def test_the_same_file_twice_is_imported_once(user: User):
    await signed_in(user)
    await user.open("/settings")
    for _ in range(2):
        await _upload(user, "beaverhabits.json", BEAVER)
        await user.should_see(marker="import-confirm", retries=50)
        user.find(marker="import-confirm").click()
        await user.should_see(marker="import-summary", retries=50)

    await user.should_see("You imported this file before; nothing was imported again.")


async def test_a_file_that_is_none_of_the_formats_says_what_would_work(user: User):
    await signed_in(user)
    await user.open("/settings")

    await _upload(user, "notes.txt", b"shopping list")

    await user.should_see("notes.txt: This file is not one Goalpost can import.", retries=50)
    await user.should_see(marker="import-error")


async def test_a_broken_loop_file_names_its_line(user: User):
    await signed_in(user)
    await user.open("/settings")

    await _upload(user, "Checkmarks.csv", LOOP_CHECKMARKS.replace(b"2026-03-03,0", b"2026-03-03,x"))

    await user.should_see("Line 4: 'x' is not a checkmark value", retries=50)


async def test_download_logs_gives_a_csv_with_its_header(user: User):
    await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="download-logs-csv", retries=50)

    user.find(marker="download-logs-csv").click()

    response = await user.download.next(timeout=5)
    header = next(csv.reader(io.StringIO(response.text)))
    assert header[:4] == ["logged_at_local", "logged_at_utc", "time_zone", "challenge"]


async def test_download_points_gives_a_csv_with_its_header(user: User):
    await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="download-points-csv", retries=50)

    user.find(marker="download-points-csv").click()

    response = await user.download.next(timeout=5)
    assert response.text.splitlines()[0] == "when_local,when_utc,points,reason,note,challenge"
