"""What a history file holds, in Goalpost's words, before anything is written: an ImportPlan."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.errors import INVALID_INPUT, N_, FieldError, RuleError

MAX_FILE_BYTES = 5 * 1024 * 1024


class FileRefused(ValueError):
    """A history file that can't be read; the message says what and where (the line), in
    English; `error` is the same refusal for a page to word in the reader's language (`said`).
    `template` is marked with N_() where it is written, `values` fill it."""

    def __init__(self, template: str, *, line: int | None = None, **values: object) -> None:
        self.line = line
        what = RuleError(errors=[FieldError.of("file", template, INVALID_INPUT, **values)])
        self.error = (
            what
            if line is None
            else RuleError.of("file", "Line {line}: {reason}", line=line, reason=what)
        )
        super().__init__(str(self.error))


@dataclass(frozen=True)
class PlannedLog:
    logged_at: datetime  # when it was recorded (the replay's clock)
    occurred_at: datetime
    attributes: dict[str, Any] = field(default_factory=dict)
    undone_at: datetime | None = None
    source_challenge: str | None = None  # a Goalpost export's challenge it was logged from


@dataclass(frozen=True)
class PlannedChallenge:
    key: str  # stable within the file: what the preview's checkbox names
    spec: ChallengeSpec
    created_at: datetime
    event_label: str = ""
    event_unit: str = ""
    logs: tuple[PlannedLog, ...] = ()

    @property
    def first_day(self) -> date:
        return self.spec.start_date or self.created_at.date()

    @property
    def last_day(self) -> date:
        return max((log.occurred_at.date() for log in self.logs), default=self.first_day)


@dataclass(frozen=True)
class ImportPlan:
    source: str  # goalpost, loop, beaverhabits
    source_label: str  # for people: "Loop Habit Tracker"
    file_hash: str
    challenges: tuple[PlannedChallenge, ...]
    skipped: tuple[str, ...] = ()  # what the file held that won't come in, and why
    # Logs of a Goalpost export fan out to every challenge on their type, so they are kept
    # in one timeline; the habit apps' logs sit in their challenge.
    logs: tuple[PlannedLog, ...] = ()
    carried: CarriedBalance | None = None  # a Goalpost export's balance, if it may come too


@dataclass(frozen=True)
class CarriedBalance:
    """A Goalpost export's balance and the proof it came from here (app/services/data_export)."""

    account: str  # the exporting account's public id
    balance: int
    document: dict[str, Any]  # the export as parsed, to check its signature against
    exported_at: str = ""


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def habits_plan(
    source: str,
    label: str,
    content: bytes,
    habits: Iterable[tuple[str, list[date]]],
    *,
    timezone: str,
    skipped: Iterable[str] = (),
) -> ImportPlan:
    """A habit app's file as a plan: each habit with done days a challenge, the rest said."""
    challenges, left_out = [], list(skipped)
    for name, days in habits:
        planned = habit_challenge(name, days, timezone)
        if planned is None:
            left_out.append(f"'{name}': no done days")
        else:
            challenges.append(planned)
    return ImportPlan(source, label, file_hash(content), tuple(challenges), tuple(left_out))


def habit_challenge(name: str, done_days: list[date], timezone: str) -> PlannedChallenge | None:
    """A yes/no habit as a daily challenge from its first to its last done day: one log at
    local noon per done day, completed by as many achieved days as the history has."""
    days = sorted(set(done_days))
    if not days:
        return None
    zone = ZoneInfo(timezone)
    first, last = days[0], days[-1]
    spec = ChallengeSpec(
        name=name.strip()[:200] or "Imported habit",
        event_type=habit_event_type(name),
        measure=Measure.COUNT,
        target=1,
        frequency=Frequency.DAILY,
        total_periods=(last - first).days + 1,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=len(days),
        window=Window.FIXED_CALENDAR_WINDOW,
        start_date=first,
        timezone=timezone,
    )
    logs = tuple(
        PlannedLog(at, at) for at in (datetime.combine(d, time(12), tzinfo=zone) for d in days)
    )
    start = datetime.combine(first, time(0), tzinfo=zone)
    return PlannedChallenge(name, spec, start, name.strip()[:120], "times", logs)


def habit_event_type(name: str) -> str:
    """An event type key for a habit: `habit_` and a slug of its name, or of its hash."""
    slug = "".join(c if c.isascii() and c.isalnum() else "_" for c in name.lower()).strip("_")
    slug = "_".join(part for part in slug.split("_") if part)[:40]
    return f"habit_{slug or hashlib.sha256(name.encode()).hexdigest()[:12]}"


def parse_day(text: str, line: int) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise FileRefused(
            N_("'{text}' is not a date (YYYY-MM-DD)."), line=line, text=text
        ) from None
