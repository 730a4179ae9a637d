"""rewards: the catalogue, uploaded codes, redemptions; streak freezes and their price

SQLite: `points_budget` gets plain ADD COLUMNs (no batch rebuild); the new tables are new.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 16:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = UTCDateTime(timezone=True)


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "reward",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", _text(120), nullable=False),
        sa.Column("description", _text(2000), nullable=False),
        sa.Column("icon", _text(64), nullable=False),
        sa.Column("image_url", _text(500), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("redeemed", sa.Integer(), nullable=False),
        sa.Column("per_person_limit", sa.Integer(), nullable=True),
        sa.Column("active_from", INSTANT, nullable=True),
        sa.Column("active_to", INSTANT, nullable=True),
        sa.Column("code_valid_days", sa.Integer(), nullable=True),
        sa.Column("code_source", _text(16), nullable=False),
        sa.Column("code_prefix", _text(20), nullable=False),
        sa.Column("created_by", _text(320), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("modified_by", _text(320), nullable=False),
        sa.Column("modified_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "redemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reward_id", sa.Integer(), nullable=False),
        sa.Column("code", _text(100), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", _text(100), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("expires_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["reward_id"], ["reward.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "idempotency_key", name="uq_redemption_person_key"),
        sa.UniqueConstraint("reward_id", "code", name="uq_redemption_reward_code"),
    )
    op.create_index("ix_redemption_person_reward", "redemption", ["person_id", "reward_id"])
    op.create_table(
        "reward_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reward_id", sa.Integer(), nullable=False),
        sa.Column("code", _text(100), nullable=False),
        sa.Column("redemption_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(["reward_id"], ["reward.id"]),
        sa.ForeignKeyConstraint(["redemption_id"], ["redemption.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reward_id", "code", name="uq_reward_code_code"),
        sa.UniqueConstraint("redemption_id"),
    )
    op.create_index(
        "ix_reward_code_unclaimed",
        "reward_code",
        ["reward_id", "id"],
        sqlite_where=sa.text("redemption_id IS NULL"),
        postgresql_where=sa.text("redemption_id IS NULL"),
    )
    op.create_table(
        "streak_freeze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", _text(100), nullable=False),
        sa.Column("bought_at", INSTANT, nullable=False),
        sa.Column("used_period_id", sa.Integer(), nullable=True),
        sa.Column("used_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenge.id"]),
        sa.ForeignKeyConstraint(["used_period_id"], ["period.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "idempotency_key", name="uq_streak_freeze_person_key"),
        sa.UniqueConstraint("used_period_id"),
    )
    op.create_index(
        "ix_streak_freeze_challenge", "streak_freeze", ["challenge_id", "used_period_id"]
    )
    op.add_column(
        "points_budget",
        sa.Column("freeze_price", sa.Integer(), nullable=False, server_default="50"),
    )
    op.add_column(
        "points_budget",
        sa.Column("freeze_max_held", sa.Integer(), nullable=False, server_default="2"),
    )


def downgrade() -> None:
    op.drop_column("points_budget", "freeze_max_held")
    op.drop_column("points_budget", "freeze_price")
    op.drop_index("ix_streak_freeze_challenge", table_name="streak_freeze")
    op.drop_table("streak_freeze")
    op.drop_index("ix_reward_code_unclaimed", table_name="reward_code")
    op.drop_table("reward_code")
    op.drop_index("ix_redemption_person_reward", table_name="redemption")
    op.drop_table("redemption")
    op.drop_table("reward")
