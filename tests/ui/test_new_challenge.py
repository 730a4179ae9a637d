"""New challenge: the brand's definitions in one click, the readback, errors beside fields."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from app.domain.definitions import DefinitionRule, DefinitionStatus
from app.domain.templates import STEPS, WATER
from app.services.assignments import start_definition
from app.services.dashboard import ChallengeCard, read_dashboard
from app.services.definitions import (
    create_definition,
    end_definition,
    list_definitions,
    publish_definition,
)
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge


class Navigation:
    """Records where the page sends the browser instead of going there.

    /challenge/<id> belongs to another page; these tests stop at asking for it.
    """

    def __init__(self) -> None:
        self.paths: list[object] = []
        self.requested = asyncio.Event()

    def to(self, target: object, new_tab: bool = False) -> None:
        self.paths.append(target)
        self.requested.set()

    async def wait(self) -> list[object]:
        await asyncio.wait_for(self.requested.wait(), timeout=5)
        return self.paths


async def on_new_page(user: User, monkeypatch: pytest.MonkeyPatch) -> tuple[int, Navigation]:
    person = await signed_in(user)
    await user.open("/new")
    await user.should_see(marker="submit")
    navigation = Navigation()
    monkeypatch.setattr(user.navigate, "to", navigation.to)
    return person, navigation


def cards(person: int) -> list[ChallengeCard]:
    ctx = harness.ctx()
    return read_dashboard(ctx.engine, person_id=person, now=ctx.clock.now()).cards


def definition_named(name: str) -> int:
    ctx = harness.ctx()
    page = list_definitions(ctx.engine, now=ctx.clock.now(), status=DefinitionStatus.ACTIVE)
    [found] = [d.id for d in page.items if d.name == name]
    return found


def a_rule(name: str, **overrides: Any) -> DefinitionRule:
    spec = STEPS.start(timezone="UTC", start_date=None)
    return DefinitionRule(spec=replace(spec, name=name), icon="directions_walk", **overrides)


def brand_definition(name: str, **overrides: Any) -> int:
    """A published (Active) definition the operator made; its id."""
    ctx = harness.ctx()
    definition = create_definition(
        ctx.engine, rule=a_rule(name, **overrides), by="brand@example.com", now=ctx.clock.now()
    )
    publish_definition(
        ctx.engine, definition_id=definition, by="brand@example.com", now=ctx.clock.now()
    )
    return definition


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def choose(user: User, marker: str, option: str) -> None:
    """Open the select and pick the option by its words (within it: other text may match)."""
    opened = user.find(marker=marker).click()
    UserInteraction(user, opened.elements, option).click()


@pytest.fixture
def acme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRAND_NAME", "Acme")


async def test_the_brands_definitions_come_first_and_start_in_one_click(
    acme: None, user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    await user.should_see(marker="from-brand", content="From Acme")
    water = definition_named("Water every day")
    await user.should_see(marker="pays", content="8 glasses of water every day")

    user.find(marker=f"start-{water}").click()

    [card] = cards(person) if await navigation.wait() else []
    assert navigation.paths == [f"/challenge/{card.challenge_id}"]
    assert card.name == "Water every day"
    assert (card.unit, card.measure, card.periods_needed) == ("glasses", "SUM", 7)


async def test_starting_one_twice_says_so_and_links_to_the_running_one(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    water = definition_named("Water every day")
    running = start_definition(
        harness.ctx().engine,
        person_id=person,
        definition_id=water,
        now=harness.ctx().clock.now(),
        consent=False,
    )

    user.find(marker=f"start-{water}").click()

    await user.should_see(marker="already-started", retries=50)
    [link] = user.find(marker="running-link").elements
    assert link.props["href"] == f"/challenge/{running}"
    assert navigation.paths == [] and len(cards(person)) == 1


async def test_a_definition_that_asks_for_consent_starts_only_once_agreed(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    shared = brand_definition("Share your steps", consent_required=True)
    person, navigation = await on_new_page(user, monkeypatch)

    user.find(marker=f"start-{shared}").click()
    await user.should_see(marker="consent-dialog")
    await user.should_see("shares your progress with Goalpost")
    user.find(marker="consent-cancel").click()
    assert cards(person) == []

    user.find(marker=f"start-{shared}").click()
    user.find(marker="consent-agree").click()

    [card] = cards(person) if await navigation.wait() else []
    assert card.name == "Share your steps"


async def test_drafts_and_ended_definitions_are_not_offered(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    ctx = harness.ctx()
    draft = create_definition(
        ctx.engine, rule=a_rule("Still a draft"), by="brand@example.com", now=ctx.clock.now()
    )
    ended = brand_definition("Over already")
    end_definition(ctx.engine, definition_id=ended, by="brand@example.com", now=ctx.clock.now())
    await on_new_page(user, monkeypatch)

    await user.should_see("Water every day")
    for definition, name in ((draft, "Still a draft"), (ended, "Over already")):
        await user.should_not_see(marker=f"start-{definition}")
        await user.should_not_see(name)


async def test_a_definition_whose_name_the_person_uses_starts_with_a_number(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    start_challenge(person, STEPS, name="Water every day")

    user.find(marker=f"start-{definition_named('Water every day')}").click()

    assert len(await navigation.wait()) == 1
    assert sorted(c.name for c in cards(person)) == ["Water every day", "Water every day (2)"]


async def test_a_second_challenge_on_the_same_thing_starts_beside_the_first(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    start_challenge(person, WATER, name="Hydrate")

    user.find(marker=f"start-{definition_named('Water every day')}").click()

    assert len(await navigation.wait()) == 1
    assert sorted(c.name for c in cards(person)) == ["Hydrate", "Water every day"]


async def test_someone_signed_out_is_sent_to_sign_in(user: User):
    await user.open("/new")

    await user.should_see(marker="email", retries=50)
