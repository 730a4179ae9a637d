"""Build a goal by saying it: every rule the engine has is reachable from the sentence, which
reads back and pays as the person edits, with each error beside the blank that caused it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from nicegui.testing import User
from sqlmodel import Session, col, select

from app.db.tables import Challenge, EventType
from app.domain.budget import Budget
from app.domain.periods import local_day
from app.domain.templates import REVIEWS
from app.services.budget import update_budget
from tests.ui import harness
from tests.ui.conftest import ZONE, start_challenge
from tests.ui.test_new_challenge import cards, choose, on_new_page, type_into

# The old builder's words for its developers, which no person should have to read.
DEVELOPER_WORDS = (
    "Key",
    "Unit, plural",
    "Amount to add up",
    "N: periods needed",
    "N: days in a period",
    "What it is, in words",
    "Something new",
    "water_glass",
)
Step = tuple[str, ...]


def say(user: User, steps: list[Step]) -> None:
    """Fill the sentence: ("type", marker, text), ("choose", marker, option), ("tap", marker)."""
    for step in steps:
        if step[0] == "type":
            type_into(user, step[1], step[2])
        elif step[0] == "choose":
            choose(user, step[1], step[2])
        else:
            user.find(marker=step[1]).click()


def today() -> date:
    return local_day(harness.ctx().clock.now(), ZONE)


def stored(person: int) -> list[dict[str, Any]]:
    """Each of the person's challenges as stored: its rule and its event type's words."""
    with Session(harness.ctx().engine) as session:
        rows = session.exec(
            select(Challenge, EventType)
            .join(EventType, col(EventType.id) == Challenge.event_type_id)
            .where(Challenge.person_id == person)
        ).all()
        return [{**c.model_dump(), "key": e.key, "label": e.label, "unit": e.unit} for c, e in rows]


def created(expected: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    return {field: row[field] for field in expected}


CASES = {
    # every Measure
    "each log counts one (COUNT)": (
        [
            ("type", "thing", "work out"),
            ("type", "target", "3"),
            ("choose", "frequency", "every week"),
        ],
        {"measure": "COUNT", "key": "workout", "unit": "workouts", "attribute": None, "target": 3},
    ),
    "an amount per log (SUM)": (
        [("type", "thing", "drink water"), ("type", "target", "8")],
        {"measure": "SUM", "key": "water_glass", "attribute": "glasses", "unit": "glasses"},
    ),
    "a new thing's amount, named from its unit (SUM)": (
        [
            ("type", "thing", "Swim"),
            ("type", "unit", "lengths"),
            ("choose", "measure", "any number at a time"),
            ("type", "target", "20"),
        ],
        {"measure": "SUM", "key": "swim", "attribute": "lengths", "label": "Swim", "target": 20},
    ),
    "counting days instead of amounts (VISIT)": (
        [
            ("type", "thing", "walk"),
            ("tap", "count-days"),
            ("choose", "frequency", "every week"),
            ("type", "target", "3"),
        ],
        {"measure": "VISIT", "key": "steps", "target": 3, "frequency": "WEEKLY"},
    ),
    # every Frequency
    "every day": (
        [("type", "thing", "read")],
        {"frequency": "DAILY", "every_n_days": 1, "total_periods": 7},
    ),
    "every week": (
        [
            ("type", "thing", "read"),
            ("choose", "frequency", "every week"),
            ("type", "total-periods", "4"),
        ],
        {"frequency": "WEEKLY", "total_periods": 4},
    ),
    "every month": (
        [
            ("type", "thing", "read"),
            ("choose", "frequency", "every month"),
            ("type", "total-periods", "3"),
        ],
        {"frequency": "MONTHLY", "total_periods": 3},
    ),
    "every N days": (
        [
            ("type", "thing", "read"),
            ("tap", "several-days"),
            ("type", "every-n-days", "3"),
            ("type", "total-periods", "5"),
        ],
        {"frequency": "EVERY_N_DAYS", "every_n_days": 3, "total_periods": 5},
    ),
    # every Tracking, with its periods needed
    "every one of them (DEFAULT)": (
        [("type", "thing", "meditate")],
        {"tracking": "DEFAULT", "required_periods": 7},
    ),
    "at least N in a row (STREAK)": (
        [
            ("type", "thing", "meditate"),
            ("choose", "tracking", "at least … in a row"),
            ("type", "required-periods", "5"),
        ],
        {"tracking": "STREAK", "required_periods": 5, "total_periods": 7},
    ),
    "any N of them (NON_CONTINUOUS_STREAK)": (
        [
            ("type", "thing", "meditate"),
            ("type", "total-periods", "10"),
            ("choose", "tracking", "any … of them"),
            ("type", "required-periods", "6"),
        ],
        {"tracking": "NON_CONTINUOUS_STREAK", "required_periods": 6, "total_periods": 10},
    ),
    # every start
    "starting today": (
        [("type", "thing", "stretch")],
        {"window": "FIXED_CALENDAR_WINDOW", "start_date": "today"},
    ),
    "starting on a date": (
        [
            ("type", "thing", "stretch"),
            ("choose", "start", "on a date"),
            ("type", "start-date", "in 3 days"),
        ],
        {"window": "FIXED_CALENDAR_WINDOW", "start_date": "in 3 days"},
    ),
    "starting at the first log (CYCLIC_WINDOW)": (
        [("type", "thing", "stretch"), ("choose", "start", "at my first log")],
        {"window": "CYCLIC_WINDOW", "start_date": None},
    ),
    "a stamp card (PERIOD_AGNOSTIC_WINDOW)": (
        [
            ("type", "thing", "write a review"),
            ("type", "target", "5"),
            ("choose", "start", "as a stamp card, no deadline"),
        ],
        {"window": "PERIOD_AGNOSTIC_WINDOW", "total_periods": 1, "tracking": "DEFAULT"},
    ),
}


@pytest.mark.parametrize(("steps", "expected"), CASES.values(), ids=CASES.keys())
async def test_every_rule_the_engine_has_is_created_through_the_sentence(
    user: User, monkeypatch: pytest.MonkeyPatch, steps: list[Step], expected: dict[str, Any]
):
    person, navigation = await on_new_page(user, monkeypatch)
    days = {"today": today(), "in 3 days": today() + timedelta(days=3)}
    steps = [(*s[:2], days[s[2]].isoformat()) if s[1] == "start-date" else s for s in steps]
    say(user, steps)

    user.find(marker="submit").click()

    [row] = stored(person) if await navigation.wait() else []
    assert navigation.paths == [f"/challenge/{row['id']}"]
    wanted = {k: days.get(v, v) if k == "start_date" else v for k, v in expected.items()}
    assert created(wanted, row) == wanted


async def test_the_readback_the_name_and_the_points_follow_the_sentence_as_it_is_said(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    type_into(user, "thing", "drink water")  # a suggestion: its unit and how it counts come along
    type_into(user, "target", "8")

    await user.should_see(marker="unit", content="glasses")
    await user.should_see(marker="measure", content="any number at a time")
    await user.should_see(marker="name", content="Drink water")
    await user.should_see(
        marker="sentence",
        content="drink water: 8 glasses every day, for 7 days → 10 points per day + 35 points",
    )
    choose(user, "tracking", "at least … in a row")
    type_into(user, "required-periods", "5")

    # The points are the budget's (10 a day achieved, 5 per day needed on completion).
    await user.should_see(
        marker="sentence",
        content="drink water: 8 glasses every day, 5 days in a row within 7 days → 10 points per "
        "day + 25 points",
    )
    await user.should_see(
        marker="pays",
        content="Pays 10 points for each day achieved and 25 on completion: at most 95 in all",
    )
    [needed] = user.find(marker="required-periods").elements
    assert needed.props["suffix"] == "days in a row"


async def test_the_length_and_the_rule_speak_in_the_periods_words(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    type_into(user, "thing", "read")
    [length] = user.find(marker="total-periods").elements
    assert length.props["suffix"] == "days"

    choose(user, "frequency", "every week")
    type_into(user, "total-periods", "4")
    assert length.props["suffix"] == "weeks"
    assert length.props["aria-label"] == "For how many weeks"
    await user.should_see(marker="tracking", content="every week")  # the rule's words too

    choose(user, "tracking", "at least … in a row")
    [needed] = user.find(marker="required-periods").elements
    assert needed.value == 4  # all of them, until the person asks for fewer
    assert needed.props["suffix"] == "weeks in a row"

    user.find(marker="several-days").click()
    type_into(user, "every-n-days", "3")
    type_into(user, "total-periods", "5")
    assert length.props["suffix"] == "periods of 3 days"
    await user.should_see(
        marker="sentence", content="4 3-day periods in a row within 5 3-day periods"
    )


async def test_a_validation_error_shows_beside_the_blank_that_caused_it(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    type_into(user, "thing", "meditate")
    type_into(user, "target", "0")

    await user.should_see(
        marker="error-target", content="How many: Set a target above zero, for example 8."
    )
    [target] = user.find(marker="target").elements
    assert target.props["error"] is True
    choose(user, "tracking", "any … of them")
    type_into(user, "required-periods", "9")
    await user.should_see(marker="error-required_periods", content="How many you need: Ask for")

    type_into(user, "target", "2")
    await user.should_not_see(marker="error-target")
    assert "error" not in target.props
    user.find(marker="submit").click()  # still one error: nothing is created
    await user.should_see(marker="error-required_periods")
    assert cards(person) == []


async def test_saying_nothing_is_refused_in_the_sentences_words(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)

    user.find(marker="submit").click()

    await user.should_see(
        marker="error-event_type",
        content="What you will do: Say what you will do, for example 'drink water'.",
    )
    await user.should_see(marker="name", content="Give your challenge a name")
    type_into(user, "thing", "swim")
    choose(user, "measure", "any number at a time")
    type_into(user, "unit", "")
    user.find(marker="submit").click()
    await user.should_see(
        marker="error-attribute", content="Counted in: Say what you count in, for example"
    )
    assert cards(person) == []


async def test_the_page_has_no_developer_words(user: User, monkeypatch: pytest.MonkeyPatch):
    await on_new_page(user, monkeypatch)
    type_into(user, "thing", "drink water")
    user.find(marker="count-days").click()
    user.find(marker="several-days").click()
    user.find(marker="submit").click()

    assert user.client is not None
    said = [
        str(value)
        for element in user.client.elements.values()
        for value in [
            getattr(element, "text", ""),
            *element.props.values(),
            *(getattr(element, "options", {}) or {}).values(),
        ]
        if isinstance(value, str)
    ]
    assert said and not [w for w in DEVELOPER_WORDS for text in said if w in text]


async def test_a_201_character_name_is_refused_beside_the_name_and_nothing_is_created(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    type_into(user, "thing", "do push ups")
    type_into(user, "name", "x" * 201)

    user.find(marker="submit").click()

    await user.should_see(marker="name", content="at most 200 characters")
    await user.should_see(marker="name", content="(310008)")
    await user.should_see(marker="name", content="x" * 201)  # what was typed stays
    assert cards(person) == []


async def test_a_name_already_used_in_another_case_is_refused_beside_the_name(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    start_challenge(person, REVIEWS, name="Run")
    type_into(user, "thing", "RUN")  # the name follows the words: "RUN"

    user.find(marker="submit").click()

    await user.should_see(marker="name", content="(310069)", retries=50)
    await user.should_see(marker="name", content="You already have a challenge called")
    assert [c.name for c in cards(person)] == ["Run"]
    type_into(user, "target", "2")
    await user.should_see(marker="name", content="(310069)")  # still taken: the message stays
    type_into(user, "name", "Evening run")
    await user.should_not_see(marker="name", content="(310069)")


async def test_a_second_click_while_creating_creates_one_challenge(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, navigation = await on_new_page(user, monkeypatch)
    type_into(user, "thing", "stretch")

    user.find(marker="submit").click()
    user.find(marker="submit").click()

    await navigation.wait()
    assert len(stored(person)) == 1


async def test_the_brands_budget_decides_what_a_self_made_challenge_pays(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    ctx = harness.ctx()
    update_budget(
        ctx.engine,
        budget=Budget(
            points_per_period=2, completion_points_per_period=1, challenge_cap=12, monthly_cap=50
        ),
        by="brand@example.com",
        now=ctx.clock.now(),
    )
    person, navigation = await on_new_page(user, monkeypatch)
    type_into(user, "thing", "stretch")
    type_into(user, "total-periods", "10")

    await user.should_see(
        marker="pays",
        content="Pays 2 points for each day achieved and 10 on completion: at most 12 in all. "
        "The brand's budget sets this, up to 50 points a month.",
    )
    user.find(marker="submit").click()

    [card] = cards(person) if await navigation.wait() else []
    assert (card.name, card.points_per_period, card.points_on_completion) == ("Stretch", 2, 10)
