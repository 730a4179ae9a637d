"""Every refusal the app gives can be shown in the reader's language: each is made with
`RuleError.of` / `FieldError.of` (its words a template, its values apart), never with a
finished English message; and real refusals come out in Swedish with their values in."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.challenge import Measure
from app.domain.errors import FieldError, RuleError
from app.domain.measures import log_amount
from app.domain.reminders import reminder_rule
from app.domain.rewards import parse_codes
from app.domain.validation import validate_spec
from app.i18n import said
from app.services.accounts import sign_in, sign_up
from app.services.imports import FileRefused, read_history
from app.services.people import checked_display_name, normalised_email
from app.translations import translator
from tests import databases
from tests.factories import local
from tests.unit.specs import MONDAY, water_spec

APP = Path(__file__).resolve().parents[2] / "app"
ERRORS = APP / "domain" / "errors.py"
SWEDISH = translator("sv")
NBSP = "\u00a0"  # Swedish groups thousands with a no-break space


def worded_refusals(tree: ast.AST) -> list[int]:
    """Lines where a RuleError/FieldError is given a finished message (an argument after the
    field, or `message=`), directly or by a RuleError subclass's `super().__init__`."""
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _names_a_refusal(n)]
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and any(
            isinstance(b, ast.Name) and b.id in {"RuleError", "FieldError"} for b in cls.bases
        ):
            calls += [n for n in ast.walk(cls) if isinstance(n, ast.Call) and _is_super_init(n)]
    worded = [
        c.lineno for c in calls if len(c.args) > 1 or any(k.arg == "message" for k in c.keywords)
    ]
    return sorted(worded + _unmarked_file_refusals(tree))


def _unmarked_file_refusals(tree: ast.AST) -> list[int]:
    """A FileRefused (app/services/imports) takes its template marked: FileRefused(N_("..."))."""
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id == "FileRefused"
        and n.args
        and isinstance(n.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))
    ]


def _names_a_refusal(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id in {"RuleError", "FieldError"}


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def test_no_refusal_in_app_is_made_with_a_finished_message() -> None:
    found = [
        f"{path.relative_to(APP.parent)}:{line}"
        for path in sorted(APP.rglob("*.py"))
        if path != ERRORS
        for line in worded_refusals(ast.parse(path.read_text(), filename=str(path)))
    ]
    assert found == [], "make these with RuleError.of / FieldError.of (a template and values)"


def test_the_check_finds_a_refusal_made_with_a_message() -> None:
    tree = ast.parse(
        'raise RuleError("name", f"Too long: {n}")\n'
        'FieldError("name", "Enter a name.")\n'
        'RuleError.of("name", "Enter a name.")\n'
        "RuleError(errors=errors)\n"
        "class Refused(RuleError):\n"
        "    def __init__(self):\n"
        '        super().__init__("reward", "Sold out.")\n'
        "class Other(Exception):\n"
        "    def __init__(self):\n"
        '        super().__init__("a", "b")\n'
        'FileRefused(f"Habit {n} has no name.")\n'
        'FileRefused(N_("Habit {number} has no name."), number=n)\n'
    )
    assert worded_refusals(tree) == [1, 2, 7, 11]


def sv(error: FieldError | RuleError) -> str:
    return said(error, SWEDISH)


def test_a_bad_challenge_is_refused_in_swedish_with_the_numbers_written_the_swedish_way() -> None:
    errors = validate_spec(water_spec(points_per_period=2_000_000, total_periods=0), today=MONDAY)
    swedish = {e.field: sv(e) for e in errors}

    assert (
        swedish["points_per_period"]
        == f"Poäng måste vara ett heltal från 0 till 1{NBSP}000{NBSP}000."
    )
    assert swedish["total_periods"] == "En utmaning pågår i 1 till 3660 perioder."
    english = {e.field: e.message for e in errors}
    assert english["points_per_period"] == "Points must be a whole number from 0 to 1,000,000."


def test_a_long_name_is_refused_with_both_numbers_in() -> None:
    with pytest.raises(RuleError) as refused:
        checked_display_name("Ada " * 50)
    assert sv(refused.value) == "Ditt namn får vara högst 120 tecken långt; det här har 199."


def test_an_amount_refusal_keeps_the_persons_unit_and_number() -> None:
    with pytest.raises(RuleError) as refused:
        log_amount(Measure.SUM, "glas", {"glas": -2})
    assert sv(refused.value) == "Logga ett positivt antal glas; -2 är inte det."
    assert str(refused.value) == "Log a positive number of glas; -2 is not."


def test_a_reminder_refusal_and_pasted_codes_come_out_in_swedish() -> None:
    with pytest.raises(RuleError) as refused:
        reminder_rule("7", {1})
    assert sv(refused.value) == "Ange tiden i timmar och minuter, till exempel 07:30."

    _codes, errors = parse_codes("RUN-1\n\nRUN-1\n")
    assert [sv(e) for e in errors] == [
        "Rad 2 är tom: ge den en kod eller ta bort den.",
        "Rad 3 upprepar rad 1: RUN-1.",
    ]


def test_a_sign_in_lockout_says_how_long_to_wait_in_swedish(
    sqlite_template: Path, tmp_path: Path
) -> None:
    engine = databases.fresh_sqlite(sqlite_template, tmp_path)
    now = local("UTC", 2026, 12, 2, 9)
    password = "correct horse battery"
    sign_up(engine, email="ada@example.com", password=password, timezone="UTC", now=now)
    for _ in range(5):
        with pytest.raises(RuleError):
            sign_in(engine, email="ada@example.com", password="no", now=now, client="192.0.2.1")
    with pytest.raises(RuleError) as refused:
        sign_in(
            engine,
            email="ada@example.com",
            password="correct horse battery",
            now=now + timedelta(minutes=10),
            client="198.51.100.1",
        )
    engine.dispose()

    assert str(refused.value).startswith(
        "Too many failed attempts for this account from new devices. Wait 5 minutes,"
    )
    assert sv(refused.value) == (
        "För många misslyckade försök för det här kontot från nya enheter. Vänta 5 minuter, "
        "eller logga in på en enhet du har loggat in på förut."
    )


def test_a_refusal_inside_another_and_a_date_are_worded_in_swedish() -> None:
    inner = RuleError.of(
        "occurred_at",
        "This challenge starts on {day:%d %B %Y}; log from that day on.",
        day=date(2026, 12, 4),
    )
    outer = RuleError.of(
        "import", "'{name}' can't be imported: {reason}", name="Vatten", reason=inner
    )

    assert str(outer) == (
        "'Vatten' can't be imported: This challenge starts on 04 December 2026; "
        "log from that day on."
    )
    assert sv(outer) == (
        "'Vatten' kan inte importeras: Den här utmaningen börjar 4 december 2026; "
        "logga från den dagen."
    )


def test_an_english_page_says_a_refusal_exactly_as_its_message() -> None:
    errors = validate_spec(
        water_spec(points_per_period=2_000_000, total_periods=0, timezone="Mars/Base"),
        today=MONDAY,
    )
    _codes, code_errors = parse_codes("\n\nRUN-1\nRUN-1\n")
    english = translator("en")
    assert errors and code_errors
    assert [said(e, english) for e in [*errors, *code_errors]] == [
        e.message for e in [*errors, *code_errors]
    ]


def test_a_history_file_refused_says_where_in_swedish() -> None:
    with pytest.raises(FileRefused) as refused:
        read_history("Checkmarks.csv", b"Date,Water,\n2026-03-02,2,\n2 March,2,\n", timezone="UTC")

    assert str(refused.value) == "Line 3: '2 March' is not a date (YYYY-MM-DD)."
    assert sv(refused.value.error) == "Rad 3: '2 March' är inget datum (ÅÅÅÅ-MM-DD)."


@pytest.mark.parametrize(
    ("typed", "english", "swedish"),
    [
        ("ada", "An email address must have an @-sign.", "En e-postadress måste ha ett @."),
        ("ada@example", "It should have a period.", "den ska innehålla en punkt."),
    ],
)
def test_the_email_library_s_words_are_said_in_swedish_where_we_know_them(typed, english, swedish):
    with pytest.raises(RuleError) as refused:
        normalised_email(typed)

    assert english in str(refused.value)  # the API's English keeps the library's own words
    assert swedish in said(refused.value, SWEDISH)
    assert "@-sign" not in said(refused.value, SWEDISH)
