"""NiceGUI `user` tests: each test gets a migrated SQLite copy and a movable clock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nicegui.testing import User

from app.services.accounts import sign_up
from tests.ui import harness

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def ui_database(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "goalpost.db"
    shutil.copy(sqlite_template, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("ALLOW_CLOCK_OVERRIDE", "true")
    monkeypatch.setenv("ENVIRONMENT", "test")


async def signed_in(
    user: User, email: str = "ada@example.com", timezone: str = "Europe/Stockholm"
) -> int:
    """Create an account through the service and sign in through the form; the person's id."""
    ctx = harness.ctx()
    person_id = sign_up(
        ctx.engine,
        email=email,
        password=PASSWORD,
        timezone=timezone,
        now=ctx.clock.now(),
        display_name="Ada",
    )
    await user.open("/signin")
    user.find(marker="email").type(email)
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()
    await user.should_see(marker="balance", retries=50)
    return person_id
