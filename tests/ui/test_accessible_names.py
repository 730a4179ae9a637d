"""Each control's accessible name holds its visible label, so a person who says what they see
("click +1 glass") reaches it by voice (WCAG 2.5.3, label in name)."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from app.domain.templates import WORKOUTS
from tests.ui.conftest import signed_in, start_challenge
from tests.ui.test_brand_console import OPERATOR, PAGES
from tests.ui.test_challenge_page import log_now
from tests.ui.test_rewards_page import a_reward, earn


def controls_named_otherwise(user: User) -> list[str]:
    """Buttons and links whose aria-label leaves out the words they show; and how many
    controls there were, so a test knows it looked at some."""
    assert user.client is not None
    controls = [e for e in user.client.elements.values() if isinstance(e, ui.button | ui.link)]
    assert controls
    return [
        f"{e.text!r} named {e.props['aria-label']!r}"
        for e in controls
        if e.props.get("aria-label") and e.text and e.text not in e.props["aria-label"]
    ]


async def test_peoples_pages_name_each_control_with_its_label(user: User):
    person = await signed_in(user)
    earn(person, 100)
    a_reward("Coffee", cost=40)
    a_reward("Running jacket", cost=500)
    workouts = start_challenge(person, WORKOUTS)
    log_now(person, workouts)

    for path in ("/", f"/challenge/{workouts}", "/points", "/rewards", "/settings", "/new"):
        await user.open(path)
        await user.should_see(marker="balance", retries=50)
        assert controls_named_otherwise(user) == [], path


@pytest.fixture
def operators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_EMAILS", OPERATOR)


async def test_the_brand_console_names_each_control_with_its_label(operators: None, user: User):
    await signed_in(user, email=OPERATOR)

    for path in PAGES:
        await user.open(path)
        await user.should_see("Brand console", retries=50)
        assert controls_named_otherwise(user) == [], path
