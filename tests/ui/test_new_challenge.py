"""New challenge: presets in one click, the live readback, errors beside their fields."""

from __future__ import annotations

import asyncio

import pytest
from nicegui.testing import User

from app.domain.budget import Budget
from app.domain.templates import REVIEWS, STEPS, WATER
from app.services.budget import update_budget
from app.services.dashboard import ChallengeCard, read_dashboard
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


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def choose(user: User, marker: str, option: str) -> None:
    user.find(marker=marker).click()
    user.find(option).click()


async def test_a_preset_starts_in_one_click_and_opens_the_new_challenge(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)

    user.find(marker="preset-water").click()

    [card] = cards(person) if await navigation.wait() else []
    assert navigation.paths == [f"/challenge/{card.challenge_id}"]
    assert card.name == "Water every day"
    assert (card.unit, card.measure, card.periods_needed) == ("glasses", "SUM", 7)


async def test_a_preset_whose_name_is_taken_opens_in_the_builder_to_rename(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    start_challenge(person, STEPS, name="Water every day")

    user.find(marker="preset-water").click()

    await user.should_see(marker="name", content="(310069)", retries=50)
    await user.should_see(marker="name", content="Water every day")
    type_into(user, "name", "Water, round two")
    user.find(marker="submit").click()
    assert len(await navigation.wait()) == 1
    assert [c.name for c in cards(person)] == ["Water every day", "Water, round two"]


async def test_a_second_challenge_on_the_same_thing_starts_beside_the_first(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    start_challenge(person, WATER, name="Hydrate")

    user.find(marker="preset-water").click()

    assert len(await navigation.wait()) == 1
    assert sorted(c.name for c in cards(person)) == ["Hydrate", "Water every day"]


async def test_the_sentence_reads_the_challenge_back_as_the_person_types(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    type_into(user, "label", "water")
    type_into(user, "unit", "glasses")
    user.find("Add up an amount").click()
    type_into(user, "target", "8")
    await user.should_see(marker="sentence", content="8 glasses of water every day, for 7 days")

    await user.should_see(
        marker="pays", content="Pays 10 points per day achieved and 35 on completion (at most 105)"
    )

    choose(user, "tracking", "N periods in a row")

    # A streak pays only its whole run: (10 + 5) for each of its 7 days, on completion.
    await user.should_see(
        marker="sentence", content="8 glasses of water every day, 7 days in a row → 105 points"
    )
    await user.should_see(marker="pays", content="Pays 105 points on completion")


async def test_the_builder_pays_what_the_brands_budget_says_and_never_past_its_cap(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    ctx = harness.ctx()
    update_budget(
        ctx.engine,
        budget=Budget(
            points_per_period=20, completion_points_per_period=5, challenge_cap=100, monthly_cap=500
        ),
        by="test",
        now=ctx.clock.now(),
    )
    person, navigation = await on_new_page(user, monkeypatch)
    type_into(user, "name", "Water every day")
    type_into(user, "label", "water")
    type_into(user, "target", "1")
    type_into(user, "total-periods", "7")

    # 20 a day for 7 days is 140, past the cap of 100: 14 a day, and 2 left for completion.
    await user.should_see(
        marker="pays", content="Pays 14 points per day achieved and 2 on completion (at most 100)"
    )
    user.find(marker="submit").click()

    [card] = cards(person) if await navigation.wait() else []
    assert (card.points_per_period, card.points_on_completion) == (14, 2)


async def test_a_201_character_name_is_refused_beside_the_name_and_nothing_is_created(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    type_into(user, "name", "x" * 201)
    type_into(user, "label", "push ups")

    user.find(marker="submit").click()

    await user.should_see(marker="name", content="at most 200 characters")
    await user.should_see(marker="name", content="(310008)")
    await user.should_see(marker="name", content="x" * 201)  # what was typed stays
    assert cards(person) == []


async def test_a_name_already_used_in_another_case_is_refused_beside_the_name(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    start_challenge(person, REVIEWS, name="Morning run")
    type_into(user, "name", "MORNING RUN")
    type_into(user, "label", "run")

    user.find(marker="submit").click()

    await user.should_see(marker="name", content="(310069)", retries=50)
    await user.should_see(marker="name", content="You already have a challenge called")
    assert [c.name for c in cards(person)] == ["Morning run"]
    type_into(user, "target", "2")
    await user.should_see(marker="name", content="(310069)")  # still taken: the message stays
    type_into(user, "name", "Evening run")
    await user.should_not_see(marker="name", content="(310069)")


async def test_a_custom_sum_challenge_is_created_with_the_chosen_values(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    type_into(user, "name", "Drink more")
    type_into(user, "label", "water")
    type_into(user, "unit", "ml")
    type_into(user, "key", "water_ml")
    user.find("Add up an amount").click()
    type_into(user, "attribute", "ml")
    type_into(user, "target", "1500")
    type_into(user, "total-periods", "5")
    choose(user, "tracking", "N of the periods, gaps allowed")
    type_into(user, "required-periods", "3")
    await user.should_see(
        marker="sentence", content="1,500 ml of water every day, on 3 of 5 days → 45 points"
    )
    await user.should_see(marker="pays", content="Pays 45 points on completion")

    user.find(marker="submit").click()

    [card] = cards(person) if await navigation.wait() else []
    assert navigation.paths == [f"/challenge/{card.challenge_id}"]
    assert (card.name, card.measure, card.attribute, card.unit) == ("Drink more", "SUM", "ml", "ml")
    assert (card.total_periods, card.periods_needed) == (5, 3)
    # What the default budget pays 3 periods of a streak: (10 + 5) x 3, on completion.
    assert (card.points_per_period, card.points_on_completion) == (0, 45)
    assert card.running is not None and card.running.target == 1500


async def test_someone_signed_out_is_sent_to_sign_in(user: User):
    await user.open("/new")

    await user.should_see(marker="email", retries=50)
