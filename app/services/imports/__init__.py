"""Reading history files into an ImportPlan: Goalpost's own export, Loop Habit Tracker's CSV
export, beaverhabits' JSON export. Pure: nothing here touches the database."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

from app.services.imports.beaver import read_beaver
from app.services.imports.goalpost import is_goalpost, read_goalpost
from app.services.imports.loop import read_loop
from app.services.imports.plan import (
    MAX_FILE_BYTES,
    FileRefused,
    ImportPlan,
    PlannedChallenge,
    PlannedLog,
)

__all__ = [
    "MAX_FILE_BYTES",
    "FileRefused",
    "ImportPlan",
    "PlannedChallenge",
    "PlannedLog",
    "read_history",
]

FORMATS_HINT = (
    "Import Goalpost's own export (JSON), Loop Habit Tracker's CSV export (the zip or its "
    "Checkmarks.csv) or beaverhabits' JSON export."
)


def read_history(name: str, content: bytes, *, timezone: str) -> ImportPlan:
    """Which of the three formats the file is, read into a plan; FileRefused says why not."""
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    if not content.strip():
        raise FileRefused("The file is empty. " + FORMATS_HINT)
    if zipfile.is_zipfile(BytesIO(content)) or name.lower().endswith(".csv"):
        return read_loop(content, timezone=timezone)
    if content.lstrip()[:1] in (b"{", b"["):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if is_goalpost(data):
            return read_goalpost(content)
        return read_beaver(content, timezone=timezone)
    raise FileRefused("This file is not one Goalpost can import. " + FORMATS_HINT)
