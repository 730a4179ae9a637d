"""one log, every challenge it feeds: logs belong to a person and an event type; what each
adds to a challenge is a log_credit row

Every existing log becomes a log of its challenge's event type with one credit, in the
challenge it was logged on (its period, local day and amount move to the credit; an undone
log's credit is withdrawn at the time it was undone).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 08:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = UTCDateTime(timezone=True)


def upgrade() -> None:
    # SQLite rebuilds `log` to drop columns; nothing may reference it meanwhile (its foreign
    # keys are on), so the credits wait in a plain table until the rebuild is done.
    op.execute(
        "CREATE TABLE log_credit_moving AS SELECT id AS log_id, challenge_id, period_id,"
        " occurred_at, local_day, amount, undone_at AS withdrawn_at FROM log"
    )
    with op.batch_alter_table("log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_type_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE log SET event_type_id ="
        " (SELECT challenge.event_type_id FROM challenge WHERE challenge.id = log.challenge_id)"
    )
    with op.batch_alter_table("log", schema=None) as batch_op:
        batch_op.alter_column("event_type_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key("fk_log_event_type", "event_type", ["event_type_id"], ["id"])
        batch_op.alter_column("challenge_id", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint("uq_log_idempotency", type_="unique")
        batch_op.create_unique_constraint(
            "uq_log_person_idempotency", ["person_id", "idempotency_key"]
        )
        batch_op.drop_index("ix_log_challenge_occurred")
        batch_op.drop_index("ix_log_period_day")
        batch_op.create_index(
            "ix_log_person_type_occurred",
            ["person_id", "event_type_id", "occurred_at"],
            unique=False,
        )
        batch_op.drop_column("period_id")
        batch_op.drop_column("local_day")
        batch_op.drop_column("amount")

    op.create_table(
        "log_credit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", INSTANT, nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("withdrawn_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["challenge_id"], ["challenge.id"]),
        sa.ForeignKeyConstraint(["log_id"], ["log.id"]),
        sa.ForeignKeyConstraint(["period_id"], ["period.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("log_id", "challenge_id", name="uq_log_credit_log_challenge"),
    )
    with op.batch_alter_table("log_credit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_log_credit_challenge_occurred", ["challenge_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_log_credit_period_day", ["period_id", "local_day"], unique=False)
    columns = "log_id, challenge_id, period_id, occurred_at, local_day, amount, withdrawn_at"
    op.execute(
        f"INSERT INTO log_credit ({columns})"
        f" SELECT {columns} FROM log_credit_moving ORDER BY log_id"
    )
    op.drop_table("log_credit_moving")


def downgrade() -> None:
    """Back to one log per challenge: each log keeps the credit of the challenge it was
    logged on (logs without one, and the other challenges' credits, are lost)."""
    with op.batch_alter_table("log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("local_day", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("amount", sa.Float(), nullable=True))
    for column in ("period_id", "local_day", "amount"):
        op.execute(
            f"UPDATE log SET {column} = (SELECT log_credit.{column} FROM log_credit"
            " WHERE log_credit.log_id = log.id AND log_credit.challenge_id = log.challenge_id)"
        )
    op.drop_table("log_credit")  # before `log` is rebuilt (see upgrade)
    op.execute("DELETE FROM log WHERE period_id IS NULL")
    with op.batch_alter_table("log", schema=None) as batch_op:
        batch_op.drop_index("ix_log_person_type_occurred")
        batch_op.drop_constraint("uq_log_person_idempotency", type_="unique")
        batch_op.drop_constraint("fk_log_event_type", type_="foreignkey")
        batch_op.drop_column("event_type_id")
        batch_op.alter_column("challenge_id", existing_type=sa.Integer(), nullable=False)
        for column, kind in (
            ("period_id", sa.Integer()),
            ("local_day", sa.Date()),
            ("amount", sa.Float()),
        ):
            batch_op.alter_column(column, existing_type=kind, nullable=False)
        batch_op.create_foreign_key("fk_log_period", "period", ["period_id"], ["id"])
        batch_op.create_unique_constraint("uq_log_idempotency", ["challenge_id", "idempotency_key"])
        batch_op.create_index("ix_log_period_day", ["period_id", "local_day"], unique=False)
        batch_op.create_index(
            "ix_log_challenge_occurred", ["challenge_id", "occurred_at"], unique=False
        )
