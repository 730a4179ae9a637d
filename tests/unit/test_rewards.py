"""The rules of rewards as plain values: codes uploaded or generated, windows, stock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.rewards import (
    CODE_ALPHABET,
    CODE_CHARACTERS,
    Availability,
    CodeSource,
    RewardRule,
    availability,
    generated_code,
    left_of,
    parse_codes,
    reward_errors,
)

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def messages(text: str) -> list[str]:
    return [e.message for e in parse_codes(text)[1]]


def test_codes_are_read_one_per_line_from_a_paste_or_the_first_column_of_a_csv():
    assert parse_codes("A1\nA2\n") == (["A1", "A2"], [])
    assert parse_codes("code,value\nA1,10 %\n A2 ,10 %\r\n")[0] == ["A1", "A2"]
    assert parse_codes("\ufeffcode\nA1")[0] == ["A1"]  # a spreadsheet's byte-order mark


def test_blanks_and_repeats_are_refused_by_line_number():
    assert messages("A1\n\nA2\nA1\n  \nA3") == [
        "Line 2 is blank: give it a code or remove it.",
        "Line 4 repeats line 1: A1.",
        "Line 5 is blank: give it a code or remove it.",
    ]


def test_an_upload_with_no_codes_says_how_to_give_them():
    assert messages("\n") == [
        "There are no codes here: paste one code per line, or choose a CSV file."
    ]


def test_a_generated_code_is_the_prefix_and_groups_of_four():
    assert generated_code("RUN-", "ABCDEFGHJKMN") == "RUN-ABCD-EFGH-JKMN"
    assert CODE_CHARACTERS * 4.95 > 59  # log2(31) ≈ 4.95 bits each: not to be guessed
    assert not set("0O1IL") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (RewardRule(title=" ", cost=10), "title"),
        (RewardRule(title="Snack", cost=0), "cost"),
        (RewardRule(title="Snack", cost=10, stock=-1), "stock"),
        (RewardRule(title="Snack", cost=10, per_person_limit=0), "per_person_limit"),
        (RewardRule(title="Snack", cost=10, code_valid_days=0), "code_valid_days"),
        (RewardRule(title="Snack", cost=10, code_prefix="run 1"), "code_prefix"),
        (RewardRule(title="Snack", cost=10, image_url="http://x.test/a.png"), "image_url"),
        (
            RewardRule(title="Snack", cost=10, active_from=NOW, active_to=NOW),
            "active_to",
        ),
    ],
)
def test_a_reward_that_cannot_be_offered_is_refused_by_its_field(rule: RewardRule, field: str):
    assert [e.field for e in reward_errors(rule)] == [field]


def test_the_stock_cannot_go_below_what_was_redeemed():
    rule = RewardRule(title="Snack", cost=10, stock=3, code_source=CodeSource.GENERATED)
    assert [e.message for e in reward_errors(rule, redeemed=4)] == [
        "4 are redeemed already: the stock can't be less."
    ]


def test_availability_follows_the_window_then_the_stock():
    hour = timedelta(hours=1)
    assert availability(now=NOW, active_from=NOW + hour, active_to=None, left=5) == "upcoming"
    assert availability(now=NOW, active_from=None, active_to=NOW, left=5) == "ended"
    assert availability(now=NOW, active_from=None, active_to=None, left=0) == "sold_out"
    assert availability(now=NOW, active_from=NOW, active_to=None, left=None) is (
        Availability.AVAILABLE
    )


@given(stock=st.integers(0, 1000), redeemed=st.integers(0, 1000))
def test_what_is_left_plus_what_was_redeemed_is_the_stock_until_it_runs_out(
    stock: int, redeemed: int
):
    left = left_of(stock, redeemed)
    assert left is not None and left >= 0
    if redeemed <= stock:
        assert left + redeemed == stock
    assert left_of(None, redeemed) is None
