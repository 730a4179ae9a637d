"""upstream sync: upstream ids, outbox leases and statuses, reconciliation differences

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 22:54:50.970893

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

# `from … import`: NiceGUI's test teardown drops `app` from sys.modules, and a fresh `app`
# package lacks the `db` attribute that `app.db.types.X` would look up.
from app.db.types import UTCDateTime

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "upstream_difference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("expected_total", sa.Float(), nullable=False),
        sa.Column("upstream_total", sa.Float(), nullable=True),
        sa.Column("checked_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("challenge_id", "period_index", name="uq_upstream_difference_period"),
    )
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.add_column(sa.Column("upstream_group_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("upstream_target_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("upstream_promotion_id", sa.BigInteger(), nullable=True))

    with op.batch_alter_table("event_type", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("upstream_defined_at", UTCDateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.drop_index(batch_op.f("ix_outbox_stream"))
        batch_op.create_index(
            "ix_outbox_challenge_status", ["challenge_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_outbox_open_by_stream",
            ["stream", "id"],
            unique=False,
            sqlite_where=sa.text("status IN ('pending', 'dead')"),
            postgresql_where=sa.text("status IN ('pending', 'dead')"),
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("upstream_customer_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("upstream_customer_id")

    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_outbox_open_by_stream",
            sqlite_where=sa.text("status IN ('pending', 'dead')"),
            postgresql_where=sa.text("status IN ('pending', 'dead')"),
        )
        batch_op.drop_index("ix_outbox_challenge_status")
        batch_op.create_index(batch_op.f("ix_outbox_stream"), ["stream", "id"], unique=False)
        batch_op.drop_column("lease_owner")
        batch_op.drop_column("lease_until")

    with op.batch_alter_table("event_type", schema=None) as batch_op:
        batch_op.drop_column("upstream_defined_at")

    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.drop_column("upstream_promotion_id")
        batch_op.drop_column("upstream_target_id")
        batch_op.drop_column("upstream_group_id")

    op.drop_table("upstream_difference")
