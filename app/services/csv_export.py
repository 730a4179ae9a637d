"""A person's logs and points ledger as CSV files (Settings → "Download logs/points (CSV)").

Cells a spreadsheet would run as a formula (starting = + - @, or a tab or carriage return)
get a leading apostrophe, so a challenge named "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, EventType, Log, Person, PointsLedgerEntry
from app.services.errors import NotFound

LOG_COLUMNS = (
    "logged_at_local",
    "logged_at_utc",
    "time_zone",
    "challenge",
    "tracked",
    "amount",
    "unit",
    "imported",
    "undone",
)
LEDGER_COLUMNS = ("when_local", "when_utc", "points", "reason", "note", "challenge")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def logs_csv(engine: Engine, *, person_id: int) -> str:
    """Every log of the person, oldest first: when (their zone and UTC), what, how much."""
    with unit_of_work(engine) as session:
        zone = _zone(session.get(Person, person_id), person_id)
        rows = session.exec(
            select(Log, EventType, Challenge.name)
            .join(EventType, col(EventType.id) == Log.event_type_id)
            .join(Challenge, col(Challenge.id) == Log.challenge_id, isouter=True)
            .where(Log.person_id == person_id)
            .order_by(col(Log.occurred_at), col(Log.id))
        ).all()
    return _csv(
        LOG_COLUMNS,
        (
            (
                *_when(log.occurred_at, zone),
                zone.key,
                name or "",
                kind.label,
                _amount(log, kind),
                kind.unit or kind.attribute or "times",
                _yes(log.imported),
                _yes(log.undone_at is not None),
            )
            for log, kind, name in rows
        ),
    )


def ledger_csv(engine: Engine, *, person_id: int) -> str:
    """Every change of the person's points, in the order written, with its reason."""
    with unit_of_work(engine) as session:
        zone = _zone(session.get(Person, person_id), person_id)
        rows = session.exec(
            select(PointsLedgerEntry, Challenge.name)
            .join(Challenge, col(Challenge.id) == PointsLedgerEntry.challenge_id, isouter=True)
            .where(PointsLedgerEntry.person_id == person_id)
            .order_by(col(PointsLedgerEntry.id))
        ).all()
    return _csv(
        LEDGER_COLUMNS,
        ((*_when(e.created_at, zone), e.points, e.reason, e.note, name or "") for e, name in rows),
    )


def safe_cell(value: object) -> str:
    """The cell as text a spreadsheet shows, never runs (CSV formula injection)."""
    text = "" if value is None else str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text  # a number, negative ones included, is data
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _zone(person: Person | None, person_id: int) -> ZoneInfo:
    if person is None:
        raise NotFound(f"person {person_id}")
    return ZoneInfo(person.timezone)


def _when(at: datetime, zone: ZoneInfo) -> tuple[str, str]:
    return (
        at.astimezone(zone).isoformat(timespec="seconds"),
        at.astimezone(ZoneInfo("UTC")).isoformat(timespec="seconds"),
    )


def _amount(log: Log, kind: EventType) -> object:
    if kind.attribute:
        return log.attributes.get(kind.attribute, "")
    return 1


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
