"""Loop Habit Tracker's CSV export: the zip, or the `Checkmarks.csv` at its top.

`Checkmarks.csv` has a `Date` column, then one column per habit (its name); each cell is
Loop's checkmark value: 2 done (YES_MANUAL), 1 implied by the habit's frequency (YES_AUTO,
not a done day), 0 not done, -1 unknown, 3 skipped; a numerical habit's cell is its amount
times 1000, and any amount above 3 counts as a done day.
"""

from __future__ import annotations

import csv
import io
import zipfile

from app.services.imports.plan import FileRefused, ImportPlan, habits_plan, parse_day

LABEL = "Loop Habit Tracker"
DONE, SKIPPED = 2, 3


def read_loop(content: bytes, *, timezone: str) -> ImportPlan:
    """Each habit of a Loop export as a daily challenge, its done days as logs."""
    text = _checkmarks_text(content)
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header or header[0].strip().lower() != "date":
        raise FileRefused("Loop's Checkmarks.csv starts with a 'Date' column.", line=1)
    names = [name.strip() for name in header[1:]]
    while names and not names[-1]:  # Loop ends each line with a comma
        names.pop()
    if not names:
        raise FileRefused("There are no habits in this Checkmarks.csv (no columns after Date).")
    done: dict[str, list] = {name: [] for name in names}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        day = parse_day(row[0], line)
        for name, cell in zip(names, row[1:], strict=False):
            if _is_done(cell, line):
                done[name].append(day)
    return habits_plan("loop", LABEL, content, [(n, done[n]) for n in names], timezone=timezone)


def _checkmarks_text(content: bytes) -> str:
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return _decoded(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        top = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "Checkmarks.csv"]
        top.sort(key=lambda n: n.count("/"))  # the top-level one, not a habit's own
        if not top or top[0].count("/") > 1:
            raise FileRefused("This zip has no Checkmarks.csv: is it Loop's CSV export?")
        info = archive.getinfo(top[0])
        if info.file_size > 20 * 1024 * 1024:
            raise FileRefused("Checkmarks.csv in this zip is too large to import.")
        return _decoded(archive.read(info))


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("The file is not UTF-8 text.") from None


def _is_done(cell: str, line: int) -> bool:
    text = cell.strip()
    if not text:
        return False
    try:
        value = int(text)
    except ValueError:
        raise FileRefused(
            f"'{text}' is not a checkmark value (a whole number).", line=line
        ) from None
    return value == DONE or value > SKIPPED
