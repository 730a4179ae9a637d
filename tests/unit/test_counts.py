"""Numbers with their nouns: one place decides singular or plural."""

from __future__ import annotations

import pytest

from app.domain.brand import Brand
from app.domain.counts import counted, noun


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
