"""A challenge's page says whether it is mirrored upstream, and why not, with a retry."""

from __future__ import annotations

import pytest
from nicegui.testing import User
from sqlalchemy import update
from sqlmodel import Session, col, select

from app.db.tables import OutboxItem
from app.domain.templates import WATER
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge

REFUSAL = "Capillary already has a target group with this challenge's upstream name (310069)."


@pytest.fixture
def unreachable_upstream(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sync on, towards an address where nothing listens: items stay pending."""
    monkeypatch.setenv("UPSTREAM", "sandbox")
    monkeypatch.setenv("SANDBOX_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("JOBS_DRAIN_SECONDS", "3600")


def statuses(challenge: int) -> set[str]:
    with Session(harness.ctx().engine) as session:
        return set(
            session.exec(
                select(OutboxItem.status).where(OutboxItem.challenge_id == challenge)
            ).all()
        )


async def test_a_challenge_waiting_to_sync_says_so(unreachable_upstream: None, user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)

    await user.open(f"/challenge/{challenge}")

    await user.should_see(marker="sync-pending", content="Syncing", retries=50)


async def test_a_refused_challenge_shows_the_reason_and_retries(
    unreachable_upstream: None, user: User
):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)
    with Session(harness.ctx().engine) as session:  # as the relay records a refusal
        session.execute(
            update(OutboxItem)
            .where(col(OutboxItem.kind) == "target_group.create")
            .values(status="dead", last_error=REFUSAL)
        )
        session.commit()

    await user.open(f"/challenge/{challenge}")

    await user.should_see(marker="sync-failed", retries=50)
    await user.should_see(marker="sync-reason", content="(310069)")
    user.find(marker="sync-retry").click()
    await user.should_see(marker="sync-pending", retries=50)
    assert statuses(challenge) == {"pending"}


async def test_with_sync_off_the_page_says_so(user: User):
    person = await signed_in(user)
    challenge = start_challenge(person, WATER)

    await user.open(f"/challenge/{challenge}")

    await user.should_see(marker="sync-off", retries=50)
