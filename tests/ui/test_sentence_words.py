"""The goal sentence's words: keys made silently from what a person says, and the blanks' words."""

from __future__ import annotations

import re

import pytest

from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.validation import SLUG
from app.services.event_types import EventTypeView
from app.ui.sentence_words import (
    STARTERS,
    attribute_of,
    event_key,
    matching,
    name_from,
    period_words,
    rules,
    slug,
    suggestions,
)

WATER = EventTypeView("water_glass", "water", "glasses", "glasses")
YOGA = EventTypeView("yoga_class", "yoga class", "classes", None)


def test_the_starters_come_first_in_the_units_already_in_use_then_every_other_thing():
    offered = suggestions([YOGA, EventTypeView("water_glass", "water", "ml", "ml")])

    assert [t.words for t in offered] == [*(s.words for s in STARTERS), "yoga class"]
    [water] = [t for t in offered if t.key == "water_glass"]
    assert (water.words, water.unit, water.attribute, water.measure) == (
        "drink water",
        "ml",
        "ml",
        Measure.SUM,
    )


def test_a_thing_is_found_by_its_sentence_words_or_its_stored_label_in_any_case():
    offered = suggestions([WATER])
    labels = {"water_glass": "water"}

    assert matching(offered, "Drink  Water", labels).key == "water_glass"  # type: ignore[union-attr]
    assert matching(offered, "WATER", labels).key == "water_glass"  # type: ignore[union-attr]
    assert matching(offered, "", labels) is None
    assert matching(offered, "drink tea", labels) is None


def test_a_known_thing_in_its_own_unit_keeps_its_key_and_what_it_adds_up():
    [water] = [t for t in suggestions([WATER]) if t.key == "water_glass"]

    assert event_key("drink water", "glasses", water, {"water_glass": "glasses"}) == "water_glass"
    assert attribute_of("glasses", water, "water_glass") == "glasses"


def test_a_known_thing_in_another_unit_is_a_new_kind_of_thing_with_a_key_of_its_own():
    [water] = [t for t in suggestions([WATER]) if t.key == "water_glass"]
    in_use = {"water_glass": "glasses", "drink_water": "litres"}

    key = event_key("drink water", "ml", water, in_use)

    assert key == "drink_water_ml" and attribute_of("ml", water, key) == "ml"


def test_new_words_whose_key_is_taken_in_another_unit_get_the_next_free_one():
    in_use = {"swim": "lengths", "swim_km": "miles"}

    assert event_key("swim", "lengths", None, in_use) == "swim"  # the same thing
    assert event_key("swim", "km", None, in_use) == "swim_2"
    assert event_key("", "km", None, in_use) == ""  # nothing said: validation asks


@pytest.mark.parametrize(
    "words", ["Drink water", "5k run", "  läsa   böcker ", "読書", "x" * 300, "do-it!"]
)
def test_any_words_make_a_key_validation_accepts(words):
    assert SLUG.match(slug(words))


def test_a_key_from_words_is_stable_and_readable():
    assert slug("Drink water") == "drink_water"
    assert slug("5k run") == "n_5k_run"
    assert slug("読書") == slug("読書") and re.fullmatch(r"t_[0-9a-f]{10}", slug("読書"))


def test_the_name_is_made_from_what_the_person_will_do():
    assert name_from("  drink   water ") == "Drink water"
    assert name_from("") == ""


@pytest.mark.parametrize(
    ("frequency", "every", "count", "words"),
    [
        (Frequency.DAILY, 1, 7, "days"),
        (Frequency.DAILY, 1, 1, "day"),
        (Frequency.WEEKLY, 1, 4, "weeks"),
        (Frequency.MONTHLY, 1, 3, "months"),
        (Frequency.EVERY_N_DAYS, 3, 5, "periods of 3 days"),
        (Frequency.EVERY_N_DAYS, 3, 1, "period of 3 days"),
    ],
)
def test_the_length_is_counted_in_the_periods_words(frequency, every, count, words):
    assert period_words(frequency, every, count) == words


def test_the_rule_choices_name_every_tracking():
    assert set(rules(Frequency.WEEKLY)) == set(Tracking)
    assert rules(Frequency.WEEKLY)[Tracking.DEFAULT] == "every week"
