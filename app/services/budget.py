"""Reading and changing the brand's points budget (one row)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db.engine import reading, unit_of_work
from app.db.tables import PointsBudget
from app.domain.budget import Budget, budget_errors
from app.domain.errors import RuleError

BUDGET_ROW = 1


def read_budget(engine: Engine) -> Budget:
    with reading(engine) as session:
        return budget_in(session)


def budget_in(session: Session) -> Budget:
    """The budget as it stands (the defaults if the row is missing)."""
    row = session.get(PointsBudget, BUDGET_ROW)
    if row is None:
        return Budget()
    return Budget(
        points_per_period=row.points_per_period,
        completion_points_per_period=row.completion_points_per_period,
        challenge_cap=row.challenge_cap,
        monthly_cap=row.monthly_cap,
        freeze_price=row.freeze_price,
        freeze_max_held=row.freeze_max_held,
    )


def update_budget(engine: Engine, *, budget: Budget, by: str, now: datetime) -> None:
    """Save a new budget; it holds for every award from now on (past ones stay)."""
    errors = budget_errors(budget)
    if errors:
        raise RuleError(errors=errors)
    with unit_of_work(engine) as session:
        row = session.get(PointsBudget, BUDGET_ROW, with_for_update=True) or PointsBudget(
            id=BUDGET_ROW
        )
        for name, value in asdict(budget).items():
            setattr(row, name, value)
        row.modified_by, row.modified_on = by, now
        session.add(row)
