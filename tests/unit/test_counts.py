"""Numbers with their nouns: one place decides singular or plural."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.brand import Brand
from app.domain.counts import amount, counted, noun, time_left
from app.translations import translator


@pytest.mark.parametrize(
    ("value", "plural", "text"),
    [
        (1, "glasses", "1 glass"),
        (2, "glasses", "2 glasses"),
        (0, "days", "0 days"),
        (1.5, "glasses", "1.5 glasses"),
        (1, "days", "1 day"),
        (10_000, "steps", "10,000 steps"),
    ],
)
def test_the_noun_agrees_with_the_number(value, plural, text):
    assert counted(value, plural) == text


def test_an_irregular_singular_can_be_given():
    assert noun(1, "were", "was") == "was"
    assert noun(3, "were", "was") == "were"


def test_one_point_is_singular_in_the_default_brand():
    assert Brand().points(1) == "1 point"
    assert Brand().points(1_000) == "1,000 points"


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (timedelta(hours=14), "14 h left"),  # 10:00, the day ends at midnight
        (timedelta(hours=13, minutes=59, seconds=30), "14 h left"),  # a moment after 10:00
        (timedelta(hours=1), "1 h left"),
        (timedelta(minutes=59, seconds=1), "1 h left"),
        (timedelta(minutes=58, seconds=10), "59 min left"),
        (timedelta(seconds=5), "1 min left"),
        (timedelta(hours=47, minutes=30), "2 days left"),
        (timedelta(hours=46, minutes=30), "47 h left"),
        (timedelta(hours=62), "2 days left"),
        (timedelta(days=6, hours=14), "6 days left"),
        (None, "No deadline"),
    ],
)
def test_time_left_rounds_up_as_a_person_reads_a_clock(left, text):
    assert time_left(left) == text


SWEDISH = translator("sv")


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (timedelta(hours=14), "14 h kvar"),
        (timedelta(minutes=58, seconds=10), "59 min kvar"),
        (timedelta(hours=47, minutes=30), "2 dagar kvar"),
        (None, "Ingen tidsgräns"),
    ],
)
def test_time_left_in_swedish(left, text):
    assert time_left(left, SWEDISH) == text


def test_numbers_are_written_the_swedish_way():
    assert amount(2.5, SWEDISH) == "2,5"
    assert amount(10_000, SWEDISH) == "10\xa0000"
    assert amount(1 / 3, SWEDISH) == "0,33"


def test_a_unit_keeps_its_plural_in_swedish_unless_a_singular_is_given():
    assert counted(1, "glas", words=SWEDISH) == "1 glas"
    assert counted(1, "steg", words=SWEDISH) == "1 steg"
    assert counted(1, "koppar", "kopp", words=SWEDISH) == "1 kopp"
    assert counted(2, "koppar", "kopp", words=SWEDISH) == "2 koppar"
