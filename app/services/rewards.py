"""The brand's rewards: setting them up, stocking their codes, and what each has given out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from app.db.engine import reading, unit_of_work
from app.db.tables import Redemption, Reward, RewardCode, saved_id
from app.domain.errors import FieldError, RuleError
from app.domain.names import clean_name
from app.domain.rewards import (
    Availability,
    CodeSource,
    RewardRule,
    availability,
    left_of,
    parse_codes,
    reward_errors,
)
from app.services.errors import NotFound

CHUNK = 500


@dataclass(frozen=True)
class RewardView:
    """A reward with what it has given out, for the console."""

    id: int
    rule: RewardRule
    redeemed: int
    left: int | None  # None: unlimited
    points_spent: int
    availability: Availability
    modified_by: str
    modified_at: datetime

    @property
    def title(self) -> str:
        return self.rule.title


def create_reward(
    engine: Engine, *, rule: RewardRule, codes: str | None = None, by: str, now: datetime
) -> int:
    """A new reward; its id. Uploaded codes may come with it (all refused if any line is
    wrong). Refused (RuleError) with every problem, each by its field."""
    rule = _cleaned(rule)
    errors = reward_errors(rule)
    parsed: list[str] = []
    if codes is not None and codes.strip():
        parsed, code_errors = parse_codes(codes)
        errors += code_errors
    if errors:
        raise RuleError(errors=errors)
    with unit_of_work(engine) as session:
        row = Reward(
            title=rule.title,
            cost=rule.cost,
            created_by=by,
            created_at=now,
            modified_by=by,
            modified_at=now,
        )
        _apply(row, rule)
        if rule.code_source is CodeSource.UPLOADED:
            row.stock = 0
        session.add(row)
        session.flush()
        if parsed:
            _store_codes(session, row, parsed, now)
        return saved_id(row)


def update_reward(
    engine: Engine, *, reward_id: int, rule: RewardRule, by: str, now: datetime
) -> None:
    """Change a reward; what was redeemed stays. Its code source cannot change once set."""
    rule = _cleaned(rule)
    with unit_of_work(engine) as session:
        row = _locked(session, reward_id)
        if rule.code_source.value != row.code_source:
            raise RuleError.of(
                "code_source",
                "A reward keeps the kind of codes it started with: create a new reward instead.",
            )
        errors = reward_errors(rule, redeemed=row.redeemed)
        if errors:
            raise RuleError(errors=errors)
        stock = row.stock
        _apply(row, rule)
        if rule.code_source is CodeSource.UPLOADED:
            row.stock = stock  # the codes uploaded, not a number typed in
        row.modified_by, row.modified_at = by, now
        session.add(row)


def add_codes(engine: Engine, *, reward_id: int, codes: str, by: str, now: datetime) -> int:
    """Upload more codes to a reward of uploaded codes; how many were added. A blank line, a
    repeat or a code the reward has already is refused with its line number, and then none
    of the upload is kept."""
    parsed, errors = parse_codes(codes)
    if errors:
        raise RuleError(errors=errors)
    with unit_of_work(engine) as session:
        row = _locked(session, reward_id)
        if row.code_source != CodeSource.UPLOADED.value:
            raise RuleError.of(
                "codes", "This reward generates its codes: there is nothing to upload."
            )
        _store_codes(session, row, parsed, now)
        row.modified_by, row.modified_at = by, now
        session.add(row)
        return len(parsed)


def end_reward(engine: Engine, *, reward_id: int, by: str, now: datetime) -> None:
    """Stop offering a reward now; codes already redeemed stay valid until they expire."""
    with unit_of_work(engine) as session:
        row = _locked(session, reward_id)
        if row.active_to is None or row.active_to > now:
            row.active_to = now
        if row.active_from is not None and row.active_from > now:
            row.active_from = now
        row.modified_by, row.modified_at = by, now
        session.add(row)


def list_rewards(engine: Engine, *, now: datetime) -> list[RewardView]:
    """Every reward, newest first, with redeemed, left and points spent."""
    with reading(engine) as session:
        rows = session.exec(select(Reward).order_by(col(Reward.id).desc())).all()
        spent = _points_spent(session, [saved_id(r) for r in rows])
        return [view_of(row, spent.get(saved_id(row), 0), now) for row in rows]


def read_reward(engine: Engine, *, reward_id: int, now: datetime) -> RewardView:
    with reading(engine) as session:
        row = session.get(Reward, reward_id)
        if row is None:
            raise NotFound(f"reward {reward_id}")
        return view_of(row, _points_spent(session, [reward_id]).get(reward_id, 0), now)


def view_of(row: Reward, points_spent: int, now: datetime) -> RewardView:
    left = left_of(row.stock, row.redeemed)
    return RewardView(
        id=saved_id(row),
        rule=rule_of(row),
        redeemed=row.redeemed,
        left=left,
        points_spent=points_spent,
        availability=availability(
            now=now, active_from=row.active_from, active_to=row.active_to, left=left
        ),
        modified_by=row.modified_by,
        modified_at=row.modified_at,
    )


def rule_of(row: Reward) -> RewardRule:
    return RewardRule(
        title=row.title,
        cost=row.cost,
        description=row.description,
        icon=row.icon,
        image_url=row.image_url,
        stock=row.stock,
        per_person_limit=row.per_person_limit,
        active_from=row.active_from,
        active_to=row.active_to,
        code_valid_days=row.code_valid_days,
        code_source=CodeSource(row.code_source),
        code_prefix=row.code_prefix,
    )


def _apply(row: Reward, rule: RewardRule) -> None:
    row.title, row.description, row.icon = rule.title, rule.description, rule.icon
    row.image_url, row.cost, row.stock = rule.image_url, rule.cost, rule.stock
    row.per_person_limit = rule.per_person_limit
    row.active_from, row.active_to = rule.active_from, rule.active_to
    row.code_valid_days, row.code_source = rule.code_valid_days, rule.code_source.value
    row.code_prefix = rule.code_prefix


def _cleaned(rule: RewardRule) -> RewardRule:
    return replace(
        rule,
        title=clean_name(rule.title),
        description=rule.description.strip(),
        icon=rule.icon.strip() or "redeem",
        image_url=(rule.image_url or "").strip() or None,
        code_prefix=rule.code_prefix.strip().upper(),
    )


def _store_codes(session: Session, row: Reward, codes: list[str], now: datetime) -> None:
    taken: set[str] = set()
    for start in range(0, len(codes), CHUNK):  # SQLite caps the parameters of one statement
        taken.update(
            session.exec(
                select(RewardCode.code).where(
                    RewardCode.reward_id == row.id,
                    col(RewardCode.code).in_(codes[start : start + CHUNK]),
                )
            ).all()
        )
    if taken:
        lines = {code: number for number, code in enumerate(codes, start=1)}
        raise RuleError(
            errors=[
                FieldError.of(
                    "codes",
                    "Line {line}: {entry} is uploaded already.",
                    line=lines[code],
                    entry=code,
                )
                for code in sorted(taken, key=lambda c: lines[c])
            ]
        )
    session.add_all(
        RewardCode(reward_id=saved_id(row), code=code, uploaded_at=now) for code in codes
    )
    row.stock = (row.stock or 0) + len(codes)


def _points_spent(session: Session, reward_ids: list[int]) -> dict[int, int]:
    if not reward_ids:
        return {}
    rows = session.exec(
        select(Redemption.reward_id, func.sum(Redemption.points))
        .where(col(Redemption.reward_id).in_(reward_ids))
        .group_by(col(Redemption.reward_id))
    ).all()
    return {reward_id: int(total) for reward_id, total in rows}


def _locked(session: Session, reward_id: int) -> Reward:
    row = session.exec(select(Reward).where(Reward.id == reward_id).with_for_update()).first()
    if row is None:
        raise NotFound(f"reward {reward_id}")
    return row
