"""Reading history files: Loop's CSV (alone or in its zip), beaverhabits' JSON, and files
that are neither, refused with what was wrong and on which line."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.imports import FileRefused, read_history
from tests.fixtures.imports import BEAVER, LOOP_CHECKMARKS, loop_zip

ZONE = "Europe/Stockholm"


def _days(plan, name):
    [found] = [c for c in plan.challenges if c.spec.name == name]
    return [log.occurred_at.date() for log in found.logs]


def test_loops_checkmarks_count_only_the_days_marked_done() -> None:
    plan = read_history("Checkmarks.csv", LOOP_CHECKMARKS, timezone=ZONE)

    assert plan.source == "loop"
    assert _days(plan, "Meditate") == [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5)]
    assert _days(plan, "Read") == [date(2026, 3, 2), date(2026, 3, 4)]  # 1 is only implied
    assert plan.skipped == ("'Floss': no done days",)


def test_a_habit_becomes_a_daily_challenge_from_its_first_to_its_last_done_day() -> None:
    plan = read_history("Checkmarks.csv", LOOP_CHECKMARKS, timezone=ZONE)
    meditate = plan.challenges[0].spec

    assert (meditate.start_date, meditate.total_periods, meditate.required_periods) == (
        date(2026, 3, 2),
        4,
        3,
    )
    assert (meditate.timezone, meditate.points_per_period, meditate.points_on_completion) == (
        ZONE,
        0,
        0,
    )
    assert meditate.event_type == "habit_meditate"


def test_loops_zip_is_read_from_its_top_level_checkmarks() -> None:
    from_zip = read_history("Loop Habits CSV 2026-03-06.zip", loop_zip(), timezone=ZONE)
    alone = read_history("Checkmarks.csv", LOOP_CHECKMARKS, timezone=ZONE)

    assert [c.spec for c in from_zip.challenges] == [c.spec for c in alone.challenges]


def test_beaverhabits_done_records_become_logs_and_deleted_habits_stay_out() -> None:
    plan = read_history("beaverhabits.json", BEAVER, timezone=ZONE)

    assert plan.source == "beaverhabits"
    assert _days(plan, "Walk the dog") == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5)]
    assert plan.skipped == ("'Old habit': deleted in beaverhabits",)


def test_a_loop_cell_that_is_not_a_number_is_refused_with_its_line() -> None:
    bad = LOOP_CHECKMARKS.replace(b"2026-03-03,0,", b"2026-03-03,yes,")
    with pytest.raises(FileRefused, match="Line 4: 'yes' is not a checkmark value") as refused:
        read_history("Checkmarks.csv", bad, timezone=ZONE)
    assert refused.value.line == 4


def test_a_loop_date_that_is_not_a_date_is_refused_with_its_line() -> None:
    bad = LOOP_CHECKMARKS.replace(b"2026-03-02,", b"2 March,")
    with pytest.raises(FileRefused, match="Line 5: '2 March' is not a date"):
        read_history("Checkmarks.csv", bad, timezone=ZONE)


def test_a_csv_without_a_date_column_is_refused() -> None:
    with pytest.raises(FileRefused, match=r"Line 1: .*'Date' column"):
        read_history("other.csv", b"name,when\nx,2026-01-01\n", timezone=ZONE)


def test_broken_json_is_refused_with_the_line_it_breaks_on() -> None:
    broken = BEAVER.replace(b'"done": false', b'"done": nope')
    with pytest.raises(FileRefused, match=r"^Line \d+: This is not valid JSON") as refused:
        read_history("beaverhabits.json", broken, timezone=ZONE)
    assert (
        refused.value.line
        == BEAVER.split(b"\n").index(
            next(line for line in BEAVER.split(b"\n") if b'"done": false' in line)
        )
        + 1
    )


def test_a_file_in_none_of_the_formats_is_refused_naming_the_ones_that_work() -> None:
    with pytest.raises(FileRefused, match="Loop Habit Tracker's CSV export"):
        read_history("notes.txt", b"just some notes", timezone=ZONE)
    with pytest.raises(FileRefused, match="'habits' list"):
        read_history("other.json", b'{"tasks": []}', timezone=ZONE)


def test_a_file_over_five_megabytes_is_refused() -> None:
    with pytest.raises(FileRefused, match="larger than 5 MB"):
        read_history("big.csv", b"Date,A\n" + b"x" * (5 * 1024 * 1024), timezone=ZONE)
