"""The rewards on offer as a visitor sees them, before they have an account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, or_, select

from app.db.engine import reading
from app.db.tables import Reward, saved_id
from app.domain.rewards import Availability, availability, left_of


@dataclass(frozen=True)
class ShelfItem:
    id: int
    title: str
    icon: str
    image_url: str | None
    cost: int


def read_shelf(engine: Engine, *, now: datetime, count: int = 4) -> list[ShelfItem]:
    """Up to `count` rewards that can be redeemed now, cheapest first: what points are worth."""
    with reading(engine) as session:
        rewards = session.exec(
            select(Reward)
            .where(
                or_(col(Reward.active_from).is_(None), col(Reward.active_from) <= now),
                or_(col(Reward.active_to).is_(None), col(Reward.active_to) > now),
            )
            .order_by(col(Reward.cost), col(Reward.id))
        ).all()
        on_offer = [
            ShelfItem(saved_id(r), r.title, r.icon, r.image_url, r.cost)
            for r in rewards
            if _available(r, now)
        ]
    return on_offer[:count]


def _available(reward: Reward, now: datetime) -> bool:
    left = left_of(reward.stock, reward.redeemed)
    found = availability(
        now=now, active_from=reward.active_from, active_to=reward.active_to, left=left
    )
    return found is Availability.AVAILABLE
