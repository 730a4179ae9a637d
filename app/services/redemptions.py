"""People and rewards: the catalogue as one person sees it, and redeeming a reward.

A redemption is one transaction: the person locked and their balance read, then the reward
locked and its stock, window and per-person limit checked, then the code claimed, the
redemption and its ledger debit written. The idempotency key makes a retry the same
redemption (docs/rules.md, "Rewards").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, or_, select

from app.db.engine import reading, unit_of_work
from app.db.tables import PointsLedgerEntry, Redemption, Reward, RewardCode, saved_id
from app.domain.errors import INVALID_INPUT, N_, FieldError, RuleError
from app.domain.points import PointsReason
from app.domain.rewards import (
    CODE_ALPHABET,
    CODE_CHARACTERS,
    Availability,
    CodeSource,
    availability,
    expiry,
    generated_code,
    left_of,
)
from app.services.errors import NotFound
from app.services.spending import balance_in, counted_points, lock_balance

ENDED_SHOWN_FOR = timedelta(days=30)  # an ended reward stays on the shelf, marked, this long


@dataclass(frozen=True)
class CatalogueItem:
    id: int
    title: str
    description: str
    icon: str
    image_url: str | None
    cost: int
    left: int | None  # None: unlimited
    availability: Availability
    shortfall: int  # the points still needed; 0 when the balance covers it
    limit_reached: bool  # the person has redeemed it as often as they may
    active_to: datetime | None
    code_valid_days: int | None

    @property
    def redeemable(self) -> bool:
        return (
            self.availability is Availability.AVAILABLE
            and self.shortfall == 0
            and not self.limit_reached
        )


@dataclass(frozen=True)
class MyReward:
    redemption_id: int
    reward_id: int
    title: str
    icon: str
    code: str
    points: int
    redeemed_at: datetime
    expires_at: datetime | None
    expired: bool


@dataclass(frozen=True)
class Catalogue:
    balance: int
    items: list[CatalogueItem]  # what the person can redeem first, then by how near it is
    mine: list[MyReward]  # newest first; expired codes too, marked


@dataclass(frozen=True)
class Redeemed:
    reward: MyReward
    balance: int  # after the redemption
    repeated: bool  # the key had been used: this is that first redemption again


class RedemptionRefused(RuleError):
    """A redemption that cannot happen; `reason` is sold_out, short, limit, ended or upcoming."""

    def __init__(self, reason: str, template: str, **values: object) -> None:
        super().__init__(errors=[FieldError.of("reward", template, INVALID_INPUT, **values)])
        self.reason = reason


def read_catalogue(engine: Engine, *, person_id: int, now: datetime) -> Catalogue:
    """The rewards on offer as this person sees them, and what they have redeemed."""
    with reading(engine) as session:
        balance = balance_in(session, person_id)
        rewards = session.exec(
            select(Reward).where(
                or_(col(Reward.active_from).is_(None), col(Reward.active_from) <= now),
                or_(col(Reward.active_to).is_(None), col(Reward.active_to) > now - ENDED_SHOWN_FOR),
            )
        ).all()
        counts = _redeemed_by(session, person_id)
        items = [_item(r, balance, counts.get(saved_id(r), 0), now) for r in rewards]
        mine = _mine(session, person_id, now)
    items.sort(key=_shelf_order)
    return Catalogue(balance, items, mine)


def redeem(
    engine: Engine, *, person_id: int, reward_id: int, idempotency_key: str, now: datetime
) -> Redeemed:
    """Spend points on a reward and hand out its code; the same key redeems once."""
    with unit_of_work(engine) as session:
        balance = lock_balance(session, person_id)
        done = _by_key(session, person_id, idempotency_key)
        if done is not None:
            return Redeemed(_my_reward(done, _reward(session, done.reward_id), now), balance, True)
        reward = session.exec(
            select(Reward).where(Reward.id == reward_id).with_for_update()
        ).first()
        if reward is None:
            raise NotFound(f"reward {reward_id}")
        _check(session, reward, person_id=person_id, balance=balance, now=now)
        uploaded = _unclaimed_code(session, reward)
        redemption = Redemption(
            person_id=person_id,
            reward_id=reward_id,
            code=uploaded.code if uploaded is not None else _generated_code(reward),
            points=reward.cost,
            idempotency_key=idempotency_key,
            created_at=now,
            expires_at=expiry(now, reward.code_valid_days),
        )
        session.add(redemption)
        session.flush()
        if uploaded is not None:
            uploaded.redemption_id = redemption.id
            session.add(uploaded)
        reward.redeemed += 1
        session.add(reward)
        session.add(
            PointsLedgerEntry(
                person_id=person_id,
                reason=PointsReason.REDEEMED.value,
                points=-reward.cost,
                note=f"Redeemed: {reward.title}",
                entry_key=f"redemption:{redemption.id}",
                created_at=now,
            )
        )
        return Redeemed(_my_reward(redemption, reward, now), balance - reward.cost, False)


def _check(
    session: Session, reward: Reward, *, person_id: int, balance: int, now: datetime
) -> None:
    state = availability(
        now=now,
        active_from=reward.active_from,
        active_to=reward.active_to,
        left=left_of(reward.stock, reward.redeemed),
    )
    if state is Availability.SOLD_OUT:
        raise RedemptionRefused("sold_out", N_("{title} is sold out."), title=reward.title)
    if state is Availability.ENDED:
        raise RedemptionRefused("ended", N_("{title} is no longer offered."), title=reward.title)
    if state is Availability.UPCOMING:
        raise RedemptionRefused("upcoming", N_("{title} isn't offered yet."), title=reward.title)
    if reward.per_person_limit is not None:
        mine = _redeemed_by(session, person_id, reward_id=saved_id(reward)).get(saved_id(reward), 0)
        if mine >= reward.per_person_limit:
            raise RedemptionRefused(
                "limit",
                N_("{title} can be redeemed once per person, and you have.")
                if reward.per_person_limit == 1
                else N_("{title} can be redeemed {count} times per person, and you have."),
                title=reward.title,
                count=reward.per_person_limit,
            )
    if balance < reward.cost:
        raise RedemptionRefused(
            "short",
            N_("{title} costs {cost} and you have {balance}: {short} more to go."),
            title=reward.title,
            cost=counted_points(reward.cost),
            balance=counted_points(balance),
            short=counted_points(reward.cost - balance),
        )


def _unclaimed_code(session: Session, reward: Reward) -> RewardCode | None:
    """The next uploaded code, read once: it is claimed by setting its redemption after the
    redemption is flushed (no second look-up). None for a reward that generates its codes."""
    if reward.code_source == CodeSource.GENERATED.value:
        return None
    row = session.exec(
        select(RewardCode)
        .where(RewardCode.reward_id == reward.id, col(RewardCode.redemption_id).is_(None))
        .order_by(col(RewardCode.id))
        .limit(1)
    ).first()
    if row is None:  # stock said there was one: the reward's lock makes this unreachable
        raise RedemptionRefused("sold_out", N_("{title} is sold out."), title=reward.title)
    return row


def _generated_code(reward: Reward) -> str:
    token = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARACTERS))
    return generated_code(reward.code_prefix, token)


def _redeemed_by(
    session: Session, person_id: int, *, reward_id: int | None = None
) -> dict[int, int]:
    query = (
        select(Redemption.reward_id, func.count())
        .where(Redemption.person_id == person_id)
        .group_by(col(Redemption.reward_id))
    )
    if reward_id is not None:
        query = query.where(Redemption.reward_id == reward_id)
    return {rid: int(n) for rid, n in session.exec(query).all()}


def _mine(session: Session, person_id: int, now: datetime) -> list[MyReward]:
    rows = session.exec(
        select(Redemption, Reward)
        .join(Reward, col(Reward.id) == Redemption.reward_id)
        .where(Redemption.person_id == person_id)
        .order_by(col(Redemption.id).desc())
    ).all()
    return [_my_reward(redemption, reward, now) for redemption, reward in rows]


def _my_reward(redemption: Redemption, reward: Reward, now: datetime) -> MyReward:
    return MyReward(
        redemption_id=saved_id(redemption),
        reward_id=redemption.reward_id,
        title=reward.title,
        icon=reward.icon,
        code=redemption.code,
        points=redemption.points,
        redeemed_at=redemption.created_at,
        expires_at=redemption.expires_at,
        expired=redemption.expires_at is not None and redemption.expires_at <= now,
    )


def _item(reward: Reward, balance: int, redeemed_by_person: int, now: datetime) -> CatalogueItem:
    left = left_of(reward.stock, reward.redeemed)
    return CatalogueItem(
        id=saved_id(reward),
        title=reward.title,
        description=reward.description,
        icon=reward.icon,
        image_url=reward.image_url,
        cost=reward.cost,
        left=left,
        availability=availability(
            now=now, active_from=reward.active_from, active_to=reward.active_to, left=left
        ),
        shortfall=max(0, reward.cost - balance),
        limit_reached=reward.per_person_limit is not None
        and redeemed_by_person >= reward.per_person_limit,
        active_to=reward.active_to,
        code_valid_days=reward.code_valid_days,
    )


def _shelf_order(item: CatalogueItem) -> tuple[int, int, int]:
    """Redeemable first (cheapest first), then those short of points (nearest first), then
    those this person has had their fill of, then sold out, then ended."""
    if item.availability is Availability.AVAILABLE and not item.limit_reached:
        return (0 if item.shortfall == 0 else 1, item.shortfall, item.cost)
    if item.availability is Availability.AVAILABLE:
        return (2, 0, item.cost)
    return (3 if item.availability is Availability.SOLD_OUT else 4, 0, item.cost)


def _by_key(session: Session, person_id: int, key: str) -> Redemption | None:
    return session.exec(
        select(Redemption).where(
            Redemption.person_id == person_id, Redemption.idempotency_key == key
        )
    ).first()


def _reward(session: Session, reward_id: int) -> Reward:
    reward = session.get(Reward, reward_id)
    assert reward is not None, "a redemption's reward is never deleted"
    return reward
