"""What Today shows, read in one unit: the person's profile, their cards, today's reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from app.db.engine import reading
from app.services.accounts import Profile, profile_in
from app.services.closing import close_due_periods
from app.services.dashboard import Dashboard, dashboard_in
from app.services.reminders import reminded_in


@dataclass(frozen=True)
class Today:
    profile: Profile
    dashboard: Dashboard
    reminded: list[str]  # names of challenges reminded in this period, not yet met


def read_today(engine: Engine, *, person_id: int, now: datetime) -> Today:
    """Due periods closed first (so it is right even if no scheduler ran), then one snapshot."""
    close_due_periods(engine, now=now, person_id=person_id)
    with reading(engine) as session:
        return Today(
            profile_in(session, person_id),
            dashboard_in(session, person_id, now),
            reminded_in(session, person_id, now),
        )
