"""Reading ids out of addresses: ASCII digits that fit the database, or nothing."""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,19}")  # not \d: "²" and "٣" are digits to Python, not to us
MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL's BIGINT hold


def parse_id(text: object) -> int | None:
    """The id `text` spells; None for "-1", "²", "1e3", "99999999999999999999" and the like."""
    if not isinstance(text, str) or not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
