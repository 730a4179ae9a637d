"""The language layer: which language a browser gets, and Swedish dates and numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.domain.errors import FieldError, RuleError
from app.domain.languages import DEFAULT, known, negotiate
from app.i18n import current, said
from app.translations import translator


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("en-US,en;q=0.9,sv;q=0.8", "en"),
        ("de-DE,sv;q=0.5", "sv"),  # the first we speak, not the first asked for
        ("en;q=0.2,sv;q=0.7", "sv"),  # by weight, not by order
        ("sv;q=0,en", "en"),  # q=0: not wanted
        ("SV", "sv"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
        ("sv;q=abc,en", "en"),  # a broken weight is skipped, not a 500
        ("*", "en"),
    ],
)
def test_a_browser_gets_its_first_language_we_speak(header: str | None, language: str) -> None:
    assert negotiate(header) == language


def test_only_languages_we_speak_are_known() -> None:
    assert [known(v) for v in ("sv", "en", "de", None, 3, "")] == [
        "sv",
        "en",
        None,
        None,
        None,
        None,
    ]


def test_swedish_dates_and_numbers_follow_swedish_custom() -> None:
    sv, en = translator("sv"), translator("en")

    assert sv.day(date(2026, 12, 9)) == "onsdag 9 december"
    assert en.day(date(2026, 12, 9)) == "Wednesday 9 December"
    assert sv.number(1234.5) == "1\xa0234,5"
    assert en.number(1234.5) == "1,234.5"
    assert sv.moment(datetime(2026, 3, 29, 7, 30, tzinfo=UTC)) == "29 mars 07:30"


def test_a_translated_message_is_swedish_and_an_unknown_one_stays_english() -> None:
    assert translator("sv").gettext("Not found") == "Hittades inte"
    assert translator("sv").gettext("No such message") == "No such message"
    assert translator("en").gettext("Not found") == "Not found"


def test_outside_a_browser_tab_the_words_are_english() -> None:
    assert current().language == DEFAULT


def test_a_refusal_keeps_its_english_message_and_its_template_apart() -> None:
    refused = RuleError.of("password", "Use at least {least} characters.", least=12)

    assert str(refused) == "Use at least 12 characters."  # what the API and the logs say
    assert refused.errors[0].template == "Use at least {least} characters."
    assert said(refused) == "Use at least 12 characters."  # no tab: English
    assert said(FieldError("x", "Made {without} a template")) == "Made {without} a template"
