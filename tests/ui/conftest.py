"""NiceGUI `user` tests: each test gets a migrated SQLite copy and a movable clock."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from nicegui.testing import User

from app.domain.periods import local_day
from app.domain.templates import Template
from app.services.accounts import sign_up
from app.services.challenges import create_challenge
from tests.ui import harness

PASSWORD = "correct horse battery"
ZONE = "Europe/Stockholm"  # where `signed_in` people live unless a test says otherwise


@pytest.fixture(autouse=True)
def ui_database(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "goalpost.db"
    shutil.copy(sqlite_template, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("ALLOW_CLOCK_OVERRIDE", "true")
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("UPSTREAM", "off")  # no server to send to; tests/system cover sync
    monkeypatch.setenv("STORAGE_SECRET", "ui-test-secret")


async def signed_in(user: User, email: str = "ada@example.com", timezone: str = ZONE) -> int:
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
    await sign_in_with_the_form(user, email)
    return person_id


async def sign_in_with_the_form(user: User, email: str, password: str = PASSWORD) -> None:
    """Sign in on /signin as someone who has an account, and wait for Today."""
    await user.open("/signin")
    user.find(marker="email").type(email)
    user.find(marker="password").type(password)
    user.find(marker="submit").click()
    await user.should_see(marker="balance", retries=50)


def start_challenge(person_id: int, template: Template, **overrides: Any) -> int:
    """Start `template` for the person today in ZONE, with any spec fields overridden; its id."""
    ctx = harness.ctx()
    spec = template.start(timezone=ZONE, start_date=local_day(ctx.clock.now(), ZONE))
    return create_challenge(
        ctx.engine,
        person_id=person_id,
        spec=replace(spec, **overrides),
        now=ctx.clock.now(),
        event_label=template.label,
        event_unit=template.unit,
        points_as_set=True,  # the template's own amounts, as the assertions name them
    )
