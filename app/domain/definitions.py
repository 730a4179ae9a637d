"""A brand's challenge definitions: their status, their rule, and what they let people do.

A definition is Draft until it is published; then Scheduled until `scheduled_from`, Active,
and Ended from `scheduled_to` (docs/rules.md, "Definitions"). Ending one sets `scheduled_to`
to now; moving that date later again reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from app.domain.challenge import ChallengeSpec, Window
from app.domain.errors import N_, FieldError
from app.domain.names import clean_name
from app.domain.periods import add_months

DESCRIPTION_MAX = 2000
MAX_EXPIRATION_MONTHS = 120


class DefinitionStatus(StrEnum):
    """Voyado's definition statuses (its v2 string enum)."""

    DRAFT = "Draft"
    SCHEDULED = "Scheduled"
    ACTIVE = "Active"
    ENDED = "Ended"


@dataclass(frozen=True, kw_only=True)
class DefinitionRule:
    """What a definition asks of the people who start it, and when it runs."""

    spec: ChallengeSpec  # its name, rule and points; the zone and start date are the person's
    description: str = ""
    icon: str = "flag"
    event_label: str = ""
    event_unit: str = ""
    consent_required: bool = False
    expiration_months: int | None = None
    scheduled_from: datetime | None = None
    scheduled_to: datetime | None = None


def definition_status(
    *,
    published_at: datetime | None,
    scheduled_from: datetime | None,
    scheduled_to: datetime | None,
    now: datetime,
) -> DefinitionStatus:
    """Where a definition stands at `now`."""
    if published_at is None:
        return DefinitionStatus.DRAFT
    if scheduled_to is not None and now >= scheduled_to:
        return DefinitionStatus.ENDED
    if scheduled_from is not None and now < scheduled_from:
        return DefinitionStatus.SCHEDULED
    return DefinitionStatus.ACTIVE


def spec_for_person(spec: ChallengeSpec, *, timezone: str, today: date) -> ChallengeSpec:
    """The definition's rule as one person's challenge: in their zone, from their today."""
    fixed = spec.window is Window.FIXED_CALENDAR_WINDOW
    return replace(spec, timezone=timezone, start_date=today if fixed else None)


def participant_deadline(started_at: datetime, expiration_months: int | None) -> datetime | None:
    """When a participant's time runs out (`expirationMonths` after they started), if ever."""
    if not expiration_months:
        return None
    return datetime.combine(add_months(started_at.date(), expiration_months), started_at.timetz())


def progress_refusal(
    status: DefinitionStatus, *, deadline: datetime | None, now: datetime
) -> str | None:
    """Why an assignment may take no more progress now, or None when it may."""
    if status is DefinitionStatus.ENDED:
        return N_("This challenge has ended: the brand closed it, so it takes no more progress.")
    if deadline is not None and now >= deadline:
        return N_("Your time for this challenge ran out: it takes no more progress.")
    return None


def definition_errors(rule: DefinitionRule) -> list[FieldError]:
    """What is wrong with a definition's own fields (the rule is checked as a challenge's)."""
    errors: list[FieldError] = []
    if len(rule.description) > DESCRIPTION_MAX:
        errors.append(
            FieldError.of(
                "description",
                "A description can be at most {most} characters; this one has {length}.",
                most=DESCRIPTION_MAX,
                length=len(rule.description),
            )
        )
    if rule.expiration_months is not None and not (
        1 <= rule.expiration_months <= MAX_EXPIRATION_MONTHS
    ):
        errors.append(
            FieldError.of(
                "expiration_months",
                "Give participants 1 to {most} months, or leave it empty for no deadline.",
                most=MAX_EXPIRATION_MONTHS,
            )
        )
    if (
        rule.scheduled_from is not None
        and rule.scheduled_to is not None
        and rule.scheduled_to <= rule.scheduled_from
    ):
        errors.append(
            FieldError.of("scheduled_to", "The end must come after the start; move one of them.")
        )
    if not clean_name(rule.icon) or len(rule.icon) > 64:
        errors.append(FieldError.of("icon", "Pick an icon, for example 'water_drop'."))
    return errors
