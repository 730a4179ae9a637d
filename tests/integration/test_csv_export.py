"""Downloading logs and points as CSV: clear columns, the person's zone, no formulas."""

from __future__ import annotations

import csv
import io

from sqlalchemy.engine import Engine

from app.services.csv_export import ledger_csv, logs_csv, safe_cell
from tests.factories import a_challenge, a_log, a_person, earned, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_logs_file_says_when_in_the_persons_zone_and_utc_what_and_how_much(
    engine: Engine,
) -> None:
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW, name='=HYPERLINK("x")', start_date=NOW.date())
    a_log(engine, person, water, at=NOW, glasses=3)

    [row] = _rows(logs_csv(engine, person_id=person))

    assert row == {
        "logged_at_local": "2026-03-02T09:00:00+01:00",
        "logged_at_utc": "2026-03-02T08:00:00+00:00",
        "time_zone": "Europe/Stockholm",
        "challenge": '\'=HYPERLINK("x")',
        "tracked": "water glass",
        "amount": "3",
        "unit": "glasses",
        "imported": "no",
        "undone": "no",
    }


def test_the_points_file_has_every_ledger_row_with_its_reason(engine: Engine) -> None:
    person = a_person(engine, now=NOW)
    earned(engine, person, 40, now=NOW)

    [row] = _rows(ledger_csv(engine, person_id=person))

    assert (row["points"], row["when_utc"]) == ("40", "2026-03-02T08:00:00+00:00")
    assert row["challenge"].startswith("Earning")
    assert row["reason"] and row["note"]


def test_cells_a_spreadsheet_would_run_get_an_apostrophe_but_numbers_stay_numbers() -> None:
    assert [safe_cell(v) for v in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "plain", -5, 7)] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-2+3",
        "'@cmd",
        "plain",
        "-5",
        "7",
    ]
