"""The brand from settings: brand.toml, BRAND_* variables over it, and colours refused at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import Settings


@pytest.fixture(autouse=True)
def no_brand_from_outside(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no brand.toml lying around
    for name in ("BRAND_FILE", "BRAND_NAME", "BRAND_PRIMARY", "BRAND_ACCENT", "BRAND_LOGO"):
        monkeypatch.delenv(name, raising=False)


def test_the_default_brand_is_goalposts_own():
    brand = Settings().brand()

    assert (brand.name, brand.primary, brand.accent) == ("Goalpost", "#0f766e", "#b45309")
    assert brand.points_name == "points" and not brand.logo_is_image


def test_a_bad_brand_primary_is_refused_naming_the_colour_and_its_ratio(monkeypatch):
    monkeypatch.setenv("BRAND_PRIMARY", "#7fd1c3")

    with pytest.raises(ValidationError) as refused:
        Settings()

    assert "BRAND_PRIMARY #7fd1c3 has a contrast ratio of 1.77:1" in str(refused.value)


def test_a_bad_brand_accent_is_refused_too(monkeypatch):
    monkeypatch.setenv("BRAND_ACCENT", "#fbbf24")

    with pytest.raises(ValidationError, match="BRAND_ACCENT #fbbf24 has a contrast ratio"):
        Settings()


def test_brand_toml_in_the_working_directory_is_read(tmp_path: Path):
    (tmp_path / "brand.toml").write_text(
        'name = "Nordic Fitness"\nprimary = "#1d4ed8"\npoints_name = "Vitality points"\n'
        'logo = "brand/nordic.svg"\n'
    )

    brand = Settings().brand()

    assert (brand.name, brand.primary, brand.points_name) == (
        "Nordic Fitness",
        "#1d4ed8",
        "Vitality points",
    )
    assert brand.logo == "/static/brand/nordic.svg"


def test_environment_variables_override_the_brand_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "elsewhere.toml"
    path.write_text('name = "Nordic Fitness"\naccent = "#9a3412"\n')
    monkeypatch.setenv("BRAND_FILE", str(path))
    monkeypatch.setenv("BRAND_NAME", "Nordic Fitness Club")

    brand = Settings().brand()

    assert (brand.name, brand.accent) == ("Nordic Fitness Club", "#9a3412")


def test_a_bad_colour_in_the_file_is_refused_as_well(tmp_path: Path):
    (tmp_path / "brand.toml").write_text('primary = "#777777"\n')

    with pytest.raises(
        ValidationError, match=r"BRAND_PRIMARY #777777 has a contrast ratio of 4\.47"
    ):
        Settings()


def test_a_misspelt_key_in_the_file_is_refused_with_the_keys_it_may_hold(tmp_path: Path):
    (tmp_path / "brand.toml").write_text('colour = "#1d4ed8"\n')

    with pytest.raises(ValueError, match="unknown keys colour"):
        Settings()


def test_a_named_brand_file_that_is_missing_is_refused(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("BRAND_FILE", str(tmp_path / "nope.toml"))

    with pytest.raises(ValueError, match="does not exist"):
        Settings()
