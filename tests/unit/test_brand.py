"""The brand's colours: WCAG 2 contrast, and the refusal a colour too light for white text gets."""

from __future__ import annotations

import pytest

from app.domain.brand import Brand, brand_problems, colour_problem, contrast_ratio, dark_variants


def test_white_on_goalpost_teal_is_about_five_and_a_half_to_one():
    assert contrast_ratio("#ffffff", "#0f766e") == pytest.approx(5.47, abs=0.01)


def test_white_on_767676_just_passes_aa():
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)
    assert colour_problem("BRAND_PRIMARY", "#767676") is None


def test_white_on_777777_just_fails_aa():
    assert contrast_ratio("#ffffff", "#777777") < 4.5
    assert colour_problem("BRAND_PRIMARY", "#777777") is not None


def test_black_on_white_is_twenty_one_to_one_whichever_comes_first():
    assert contrast_ratio("#000", "#fff") == pytest.approx(21)
    assert contrast_ratio("#fff", "#000") == pytest.approx(21)


def test_a_light_primary_is_refused_naming_the_colour_and_its_ratio():
    message = colour_problem("BRAND_PRIMARY", "#7fd1c3")

    assert message == (
        "BRAND_PRIMARY #7fd1c3 has a contrast ratio of 1.77:1 against the white text drawn "
        "on it; WCAG AA needs 4.5:1. Choose a darker colour."
    )


def test_a_ratio_just_under_the_bar_never_reads_as_the_bar():
    message = colour_problem("BRAND_ACCENT", "#777777")

    assert message is not None and "4.47:1" in message


def test_something_that_is_not_a_colour_is_refused_with_how_to_write_one():
    assert "#rrggbb" in (colour_problem("BRAND_ACCENT", "blue") or "")


def test_goalpost_and_a_demo_brand_have_no_problems():
    assert brand_problems(Brand()) == []
    demo = Brand(name="Nordic Fitness", primary="#1d4ed8", accent="#9a3412")
    assert brand_problems(demo) == []


def test_a_logo_must_be_under_static_or_https():
    assert brand_problems(Brand(logo="http://example.com/logo.png"))
    assert brand_problems(Brand(logo="/static/brand/logo.svg")) == []


def test_points_read_with_the_brands_name_for_them():
    assert Brand().points(1) == "1 point"
    assert Brand().points(1200) == "1,200 points"
    assert Brand(points_name="Vitality points").points(80) == "80 Vitality points"


def test_the_dark_mode_primary_reads_on_a_dark_card_and_carries_white_text():
    text, header = dark_variants("#1d4ed8")

    assert contrast_ratio(text, "#1d1d1d") >= 4.5
    assert contrast_ratio(header, "#ffffff") >= contrast_ratio("#1d4ed8", "#ffffff")
