"""beaverhabits' JSON export: `{"habits": [{"name", "records": [{"day", "done"}], ...}]}`.

Assumed from its export (docs/rules.md "Importing history"): each habit has `name`,
`records` of `{"day": "YYYY-MM-DD", "done": true|false}`, and maybe `id`, `star`, `status`
(a `deleted` habit is left out); `order` lists habit ids and is not needed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from app.services.imports.plan import FileRefused, ImportPlan, habits_plan, parse_day

LABEL = "beaverhabits"


def read_beaver(content: bytes, *, timezone: str) -> ImportPlan:
    """Each beaverhabits habit as a daily challenge, its done days as logs."""
    data = load_json(content)
    habits = data.get("habits") if isinstance(data, dict) else None
    if not isinstance(habits, list):
        raise FileRefused("A beaverhabits export has a 'habits' list.")
    skipped: list[str] = []
    found: list[tuple[str, list[date]]] = []
    for number, habit in enumerate(habits, start=1):
        if not isinstance(habit, dict) or not isinstance(habit.get("name"), str):
            raise FileRefused(f"Habit {number} has no name.")
        if habit.get("status") == "deleted":
            skipped.append(f"'{habit['name']}': deleted in beaverhabits")
            continue
        found.append((habit["name"], _done_days(habit, number)))
    return habits_plan("beaverhabits", LABEL, content, found, timezone=timezone, skipped=skipped)


def load_json(content: bytes) -> Any:
    """The file as JSON, or where it stops being JSON (its line)."""
    try:
        return json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileRefused("The file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise FileRefused(f"This is not valid JSON ({error.msg}).", line=error.lineno) from None


def _done_days(habit: dict[str, Any], number: int) -> list[date]:
    records = habit.get("records", [])
    if not isinstance(records, list):
        raise FileRefused(f"Habit {number} ('{habit['name']}'): 'records' is not a list.")
    days = []
    for record in records:
        if not isinstance(record, dict) or "day" not in record:
            raise FileRefused(f"Habit {number} ('{habit['name']}'): a record has no 'day'.")
        try:
            day = parse_day(str(record["day"]), 0)
        except FileRefused:
            raise FileRefused(
                f"Habit {number} ('{habit['name']}'): '{record['day']}' is not a date."
            ) from None
        if record.get("done") is True:
            days.append(day)
    return days
