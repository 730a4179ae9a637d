"""Values from addresses and browsers that are not what they claim: read safely."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from app.domain.zones import is_zone
from app.ui.browser_values import as_local_time, as_number, as_text, as_whole
from app.ui.paths import MAX_ID, parse_id


@pytest.mark.parametrize(
    "text",
    ["²", "٣", "-1", "0", "1e3", "1.0", " 1", "", "99999999999999999999999", str(MAX_ID + 1)],
)
def test_an_id_is_ascii_digits_that_fit_the_database(text: str):
    assert parse_id(text) is None


def test_an_ordinary_id_and_the_largest_one_are_read():
    assert parse_id("42") == 42
    assert parse_id(str(MAX_ID)) == MAX_ID


@pytest.mark.parametrize("value", [{"zone": "UTC"}, ["UTC"], 42, None, "x" * 10_000, "", "../etc"])
def test_anything_but_a_zone_name_is_not_a_zone(value: object):
    assert is_zone(value) is False


def test_zone_names_are_zones():
    assert is_zone("Europe/Stockholm") and is_zone("UTC")


@pytest.mark.parametrize("value", [{"n": 1}, [1], "abc", "1" * 50, True, None, "inf", "nan"])
def test_what_is_not_a_finite_number_reads_as_nan(value: object):
    assert math.isnan(as_number(value))


def test_numbers_and_numeric_text_read_as_numbers():
    assert as_number(2) == 2.0 and as_number("2.5") == 2.5


@pytest.mark.parametrize("value", [2.5, "x", {"n": 1}, 2**60])
def test_what_is_not_a_whole_number_reads_as_minus_one(value: object):
    assert as_whole(value) == -1


def test_text_is_cut_one_past_its_limit_and_other_types_read_as_empty():
    assert as_text("x" * 10_000, most=128) == "x" * 129
    assert as_text({"a": 1}) == "" and as_text(7) == ""


def test_a_local_time_is_read_or_is_none():
    assert as_local_time("2026-12-02T09:30") == datetime(2026, 12, 2, 9, 30)
    assert as_local_time({"t": 1}) is None and as_local_time("soon") is None
