"""The brand's challenge definitions: drafting, publishing, ending, reopening and reading.

Only a Draft's rule can change; a published definition can change its texts and dates, and
its assignments keep the rule they started with (docs/rules.md, "Definitions").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.engine import reading, unit_of_work
from app.db.tables import ChallengeDefinition, saved_id
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.definitions import (
    DefinitionRule,
    DefinitionStatus,
    definition_errors,
    definition_status,
    spec_for_person,
)
from app.domain.errors import FieldError, RuleError
from app.domain.names import clean_name
from app.domain.validation import validate_spec
from app.services.errors import NotFound

RULE_FIELDS = (
    "event_type",
    "measure",
    "attribute",
    "target",
    "frequency",
    "every_n_days",
    "total_periods",
    "tracking",
    "required_periods",
    "window",
    "points_per_period",
    "points_on_completion",
)


@dataclass(frozen=True)
class DefinitionView:
    id: int
    public_id: str
    status: DefinitionStatus
    rule: DefinitionRule
    published_at: datetime | None
    created_by: str
    created_on: datetime
    modified_by: str
    modified_on: datetime

    @property
    def name(self) -> str:
        return self.rule.spec.name


@dataclass(frozen=True)
class DefinitionPage:
    items: list[DefinitionView]
    total: int


def create_definition(engine: Engine, *, rule: DefinitionRule, by: str, now: datetime) -> int:
    """A new Draft; its id. Refused (RuleError) with every problem, each by its field."""
    rule = _cleaned(rule)
    _check(rule, now)
    with unit_of_work(engine) as session:
        row = ChallengeDefinition(
            public_id=str(uuid.uuid4()),
            created_by=by,
            created_on=now,
            modified_by=by,
            modified_on=now,
            **_columns(rule),
        )
        session.add(row)
        session.flush()
        return saved_id(row)


def update_definition(
    engine: Engine, *, definition_id: int, rule: DefinitionRule, by: str, now: datetime
) -> None:
    """Change a definition: everything while it is a Draft, only texts and dates after."""
    rule = _cleaned(rule)
    _check(rule, now)
    with unit_of_work(engine) as session:
        row = _locked(session, definition_id)
        if row.published_at is not None:
            changed = [f for f in RULE_FIELDS if getattr(row, f) != _columns(rule)[f]]
            if changed:
                raise RuleError(
                    errors=[
                        FieldError.of(
                            field,
                            "Published definitions keep their rule, so that everyone who "
                            "started one plays by the same rule. Change the name, texts or "
                            "dates, or make a new definition.",
                        )
                        for field in changed
                    ]
                )
        for name, value in _columns(rule).items():
            setattr(row, name, value)
        row.modified_by, row.modified_on = by, now
        session.add(row)


def publish_definition(engine: Engine, *, definition_id: int, by: str, now: datetime) -> None:
    """Draft → Active (or Scheduled until its start). Publishing twice is the same as once."""
    with unit_of_work(engine) as session:
        row = _locked(session, definition_id)
        if row.published_at is not None:
            return
        _check(rule_of(row), now)
        row.published_at = now
        row.modified_by, row.modified_on = by, now
        session.add(row)


def end_definition(engine: Engine, *, definition_id: int, by: str, now: datetime) -> None:
    """End it now: everyone keeps their progress and none is taken from now on."""
    with unit_of_work(engine) as session:
        row = _locked(session, definition_id)
        if row.published_at is None:
            raise RuleError.of(
                "status", "A Draft has not started, so it cannot end; publish it first."
            )
        if row.scheduled_to is not None and row.scheduled_to <= now:
            return
        row.scheduled_to = now
        row.modified_by, row.modified_on = by, now
        session.add(row)


def reopen_definition(
    engine: Engine, *, definition_id: int, until: datetime | None, by: str, now: datetime
) -> None:
    """Move an Ended definition's end later (or remove it, `until` None): it is Active again."""
    if until is not None and until <= now:
        raise RuleError.of("scheduled_to", "Pick an end in the future to reopen it, or none.")
    with unit_of_work(engine) as session:
        row = _locked(session, definition_id)
        if row.published_at is None:
            raise RuleError.of("status", "A Draft has not started; publish it instead.")
        row.scheduled_to = until
        row.modified_by, row.modified_on = by, now
        session.add(row)


def list_definitions(
    engine: Engine,
    *,
    now: datetime,
    status: DefinitionStatus | None = None,
    offset: int = 0,
    count: int = 50,
) -> DefinitionPage:
    """A page of definitions, newest first, with the total that match."""
    where = [] if status is None else [status_filter(status, now)]
    with reading(engine) as session:
        total = session.exec(
            select(func.count()).select_from(ChallengeDefinition).where(*where)
        ).one()
        rows = session.exec(
            select(ChallengeDefinition)
            .where(*where)
            .order_by(col(ChallengeDefinition.id).desc())
            .offset(offset)
            .limit(count)
        ).all()
        return DefinitionPage([view_of(r, now) for r in rows], total)


def read_definition(engine: Engine, *, definition_id: int, now: datetime) -> DefinitionView:
    with reading(engine) as session:
        row = session.get(ChallengeDefinition, definition_id)
        if row is None:
            raise NotFound(f"definition {definition_id}")
        return view_of(row, now)


def read_definition_by_public_id(
    engine: Engine, *, public_id: str, now: datetime
) -> DefinitionView:
    with reading(engine) as session:
        return view_of(definition_by_public_id(session, public_id), now)


def definition_by_public_id(session: Session, public_id: str) -> ChallengeDefinition:
    row = session.exec(
        select(ChallengeDefinition).where(ChallengeDefinition.public_id == public_id)
    ).first()
    if row is None:
        raise NotFound(f"definition {public_id}")
    return row


def status_filter(status: DefinitionStatus, now: datetime) -> ColumnElement[bool]:
    """The SQL condition for definitions in `status` at `now` (as definition_status says)."""
    published = col(ChallengeDefinition.published_at).is_not(None)
    not_ended = or_(
        col(ChallengeDefinition.scheduled_to).is_(None), col(ChallengeDefinition.scheduled_to) > now
    )
    started = or_(
        col(ChallengeDefinition.scheduled_from).is_(None),
        col(ChallengeDefinition.scheduled_from) <= now,
    )
    match status:
        case DefinitionStatus.DRAFT:
            return col(ChallengeDefinition.published_at).is_(None)
        case DefinitionStatus.ENDED:
            return and_(published, col(ChallengeDefinition.scheduled_to) <= now)
        case DefinitionStatus.SCHEDULED:
            return and_(published, not_ended, col(ChallengeDefinition.scheduled_from) > now)
        case DefinitionStatus.ACTIVE:
            return and_(published, not_ended, started)


def view_of(row: ChallengeDefinition, now: datetime) -> DefinitionView:
    return DefinitionView(
        id=saved_id(row),
        public_id=row.public_id,
        status=status_of(row, now),
        rule=rule_of(row),
        published_at=row.published_at,
        created_by=row.created_by,
        created_on=row.created_on,
        modified_by=row.modified_by,
        modified_on=row.modified_on,
    )


def status_of(row: ChallengeDefinition, now: datetime) -> DefinitionStatus:
    return definition_status(
        published_at=row.published_at,
        scheduled_from=row.scheduled_from,
        scheduled_to=row.scheduled_to,
        now=now,
    )


def rule_of(row: ChallengeDefinition) -> DefinitionRule:
    return DefinitionRule(
        spec=ChallengeSpec(
            name=row.name,
            event_type=row.event_type,
            measure=Measure(row.measure),
            attribute=row.attribute,
            target=row.target,
            frequency=Frequency(row.frequency),
            every_n_days=row.every_n_days,
            total_periods=row.total_periods,
            tracking=Tracking(row.tracking),
            required_periods=row.required_periods,
            window=Window(row.window),
            points_per_period=row.points_per_period,
            points_on_completion=row.points_on_completion,
        ),
        description=row.description,
        icon=row.icon,
        event_label=row.event_label,
        event_unit=row.event_unit,
        consent_required=row.consent_required,
        expiration_months=row.expiration_months,
        scheduled_from=row.scheduled_from,
        scheduled_to=row.scheduled_to,
    )


def _columns(rule: DefinitionRule) -> dict[str, Any]:
    spec = rule.spec
    return {
        "name": spec.name,
        "description": rule.description,
        "icon": rule.icon,
        "event_type": spec.event_type,
        "event_label": rule.event_label,
        "event_unit": rule.event_unit,
        "measure": spec.measure.value,
        "attribute": spec.attribute,
        "target": spec.target,
        "frequency": spec.frequency.value,
        "every_n_days": spec.every_n_days,
        "total_periods": spec.total_periods,
        "tracking": spec.tracking.value,
        "required_periods": spec.periods_needed,
        "window": spec.window.value,
        "points_per_period": spec.points_per_period,
        "points_on_completion": spec.points_on_completion,
        "consent_required": rule.consent_required,
        "expiration_months": rule.expiration_months,
        "scheduled_from": rule.scheduled_from,
        "scheduled_to": rule.scheduled_to,
    }


def _cleaned(rule: DefinitionRule) -> DefinitionRule:
    # Line breaks in a description are the brand's paragraphs: keep them, trim each line.
    description = "\n".join(clean_name(line) for line in rule.description.strip().splitlines())
    return replace(
        rule,
        spec=replace(rule.spec, name=clean_name(rule.spec.name), start_date=None, timezone="UTC"),
        description=description,
        icon=rule.icon.strip(),
        event_label=clean_name(rule.event_label),
        event_unit=clean_name(rule.event_unit),
    )


def _check(rule: DefinitionRule, now: datetime) -> None:
    # The rule is checked as a person's challenge starting today would be.
    as_started = spec_for_person(rule.spec, timezone="UTC", today=now.date())
    errors = [
        *(e for e in validate_spec(as_started, today=now.date()) if e.field != "start_date"),
        *definition_errors(rule),
    ]
    if errors:
        raise RuleError(errors=errors)


def _locked(session: Session, definition_id: int) -> ChallengeDefinition:
    row = session.get(ChallengeDefinition, definition_id, with_for_update=True)
    if row is None:
        raise NotFound(f"definition {definition_id}")
    return row
