"""reminders: a challenge's local time and days, the periods already reminded, mail opt-out

SQLite: plain ADD COLUMNs (no batch rebuild: other rows reference `challenge` and `person`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 15:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "challenge",
        sa.Column("reminder_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    )
    op.add_column(
        "challenge",
        sa.Column("reminder_days", sa.Integer(), nullable=False, server_default="127"),
    )
    op.add_column(
        "person",
        sa.Column("reminder_mail_off", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "reminder_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("mailed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenge.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("challenge_id", "period_index", name="uq_reminder_sent_period"),
    )
    op.create_index(
        "ix_challenge_reminders",
        "challenge",
        ["status"],
        sqlite_where=sa.text("reminder_time IS NOT NULL"),
        postgresql_where=sa.text("reminder_time IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_challenge_reminders", table_name="challenge")
    op.drop_table("reminder_sent")
    op.drop_column("person", "reminder_mail_off")
    op.drop_column("challenge", "reminder_days")
    op.drop_column("challenge", "reminder_time")
