"""The New challenge page speaks only through the catalog: in a pseudo-language every word of
the goal sentence, its choices, its readback, its errors and the brand's offered challenges
comes back marked; in Swedish the sentence reads and creates a challenge as in English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from app.domain.definitions import DefinitionStatus
from app.services.assignments import start_definition
from app.services.definitions import list_definitions
from tests.ui import harness
from tests.ui.conftest import ZONE
from tests.ui.test_goal_sentence import Step, say, stored, today
from tests.ui.test_new_challenge import (
    brand_definition,
    choose,
    definition_named,
    on_new_page,
    type_into,
)
from tests.ui.untranslated import pseudo, untranslated  # noqa: F401  (pseudo is a fixture)

PERSON = ("Ada", "ada@example.com", "Goalpost", ZONE)


def offered() -> tuple[str, ...]:
    """The brand's words on its offered challenges: names, descriptions, what they track."""
    ctx = harness.ctx()
    page = list_definitions(ctx.engine, now=ctx.clock.now(), status=DefinitionStatus.ACTIVE)
    return tuple(
        words
        for d in page.items
        for words in (d.name, d.rule.description, d.rule.event_label, d.rule.event_unit)
    )


def on_the_page(user: User, *typed: str) -> list[str]:
    """What is left in English once the person's and the brand's own words are taken out."""
    return untranslated(user, data=(*PERSON, *offered(), *typed))


@pytest.mark.usefixtures("pseudo")
async def test_the_fresh_page_speaks_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    await user.should_see(marker="from-brand")

    assert on_the_page(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_more_options_speak_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    user.find(marker="more-options").click()
    user.find(marker="start").click()  # its choices open

    assert on_the_page(user) == []


SAID: dict[str, list[Step]] = {
    "every week": [("choose", "frequency", "⟦every week⟧")],
    "every month": [("choose", "frequency", "⟦every month⟧")],
    "every N days": [("tap", "several-days"), ("type", "every-n-days", "3")],
    "at least N in a row": [
        ("choose", "tracking", "⟦at least … in a row⟧"),
        ("type", "required-periods", "5"),
    ],
    "any N of them": [
        ("choose", "tracking", "⟦any … of them⟧"),
        ("type", "required-periods", "4"),
    ],
    "a streak of N-day periods": [
        ("tap", "several-days"),
        ("choose", "tracking", "⟦at least … in a row⟧"),
        ("type", "required-periods", "1"),
    ],
    "any N weeks": [
        ("choose", "frequency", "⟦every week⟧"),
        ("choose", "tracking", "⟦any … of them⟧"),
        ("type", "required-periods", "2"),
    ],
    "counting days": [("tap", "count-days"), ("type", "target", "1")],
    "an amount per log": [
        ("type", "unit", "lengths"),
        ("choose", "measure", "⟦any number at a time⟧"),
        ("type", "target", "20"),
    ],
    "stamp card": [("choose", "start", "⟦as a stamp card, no deadline⟧")],
    "at the first log": [("choose", "start", "⟦at my first log⟧")],
    "on a date": [("choose", "start", "⟦on a date⟧"), ("type", "start-date", "in 3 days")],
}


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("steps", SAID.values(), ids=SAID.keys())
async def test_every_choice_of_the_sentence_speaks_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch, steps: list[Step]
):
    await on_new_page(user, monkeypatch)
    in_3_days = (today() + timedelta(days=3)).isoformat()
    type_into(user, "thing", "swim")
    say(user, [(*s[:2], in_3_days) if s[1] == "start-date" else s for s in steps])

    assert on_the_page(user, "swim", "Swim", "lengths", in_3_days) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_starter_brings_its_words_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    type_into(user, "thing", "⟦drink water⟧")  # the suggestion as the pseudo-language offers it

    await user.should_see(marker="unit", content="⟦glasses⟧")
    assert on_the_page(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_errors_under_the_sentence_speak_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    await on_new_page(user, monkeypatch)
    type_into(user, "target", "0")
    user.find(marker="submit").click()

    await user.should_see(marker="error-event_type")
    await user.should_see(marker="error-target")
    assert on_the_page(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_consent_dialog_speaks_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    shared = brand_definition("Share your steps", consent_required=True)
    await on_new_page(user, monkeypatch)

    user.find(marker=f"start-{shared}").click()

    await user.should_see(marker="consent-dialog")
    assert on_the_page(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_starting_one_twice_speaks_only_through_the_catalog(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    person, _ = await on_new_page(user, monkeypatch)
    water = definition_named("Water every day")
    ctx = harness.ctx()
    start_definition(
        ctx.engine, person_id=person, definition_id=water, now=ctx.clock.now(), consent=False
    )

    user.find(marker=f"start-{water}").click()

    await user.should_see(marker="already-started", retries=50)
    assert on_the_page(user) == []


async def test_the_sentence_reads_in_swedish(user: User, monkeypatch: pytest.MonkeyPatch):
    user.http_client.cookies.set("goalpost_language", "sv")
    await on_new_page(user, monkeypatch)

    await user.should_see("Jag ska")
    await user.should_see("Säg ditt mål")
    await user.should_see(marker="sentence", content="1 gång varje dag, i 7 dagar → 10 p per dag")
    type_into(user, "thing", "läsa")  # a starter's unit in the singular where Swedish has one
    await user.should_see(marker="sentence", content="läsa: 1 sida varje dag, i 7 dagar")
    type_into(user, "thing", "dricka vatten")
    type_into(user, "target", "8")
    await user.should_see(marker="unit", content="glas")
    await user.should_see(marker="measure", content="valfritt antal i taget")
    await user.should_see(
        marker="sentence",
        content="dricka vatten: 8 glas varje dag, i 7 dagar → 10 p per dag + 35 p",
    )
    choose(user, "tracking", "minst … i rad")
    type_into(user, "required-periods", "5")
    await user.should_see(marker="sentence", content="5 dagar i rad inom 7 dagar")
    [needed] = user.find(marker="required-periods").elements
    assert needed.props["suffix"] == "dagar i rad"
    await user.should_see(marker="pays", content="Ger 10 p för varje klarad dag och 25 p")


async def test_a_challenge_is_created_through_the_swedish_sentence(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    user.http_client.cookies.set("goalpost_language", "sv")
    person, navigation = await on_new_page(user, monkeypatch)
    type_into(user, "thing", "läsa")
    choose(user, "frequency", "varje vecka")
    type_into(user, "total-periods", "4")
    choose(user, "tracking", "valfria … av dem")
    type_into(user, "required-periods", "3")
    await user.should_see(marker="sentence", content="varje vecka, 3 av 4 veckor")

    user.find(marker="submit").click()

    [row] = stored(person) if await navigation.wait() else []
    assert navigation.paths == [f"/challenge/{row['id']}"]
    wanted = {
        "name": "Läsa",
        "key": "read",
        "label": "läsa",
        "unit": "sidor",
        "measure": "SUM",
        "frequency": "WEEKLY",
        "total_periods": 4,
        "tracking": "NON_CONTINUOUS_STREAK",
        "required_periods": 3,
    }
    assert {k: row[k] for k in wanted} == wanted


async def test_an_error_under_the_sentence_reads_in_swedish(
    user: User, monkeypatch: pytest.MonkeyPatch
):
    user.http_client.cookies.set("goalpost_language", "sv")
    await on_new_page(user, monkeypatch)

    user.find(marker="submit").click()

    await user.should_see(
        marker="error-event_type",
        content="Vad du ska göra: Säg vad du ska göra, till exempel 'dricka vatten'.",
    )
