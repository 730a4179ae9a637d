"""challenges get a stable public id: what the challenges API calls an assignment

SQLite: `challenge` is referenced by other tables' foreign keys, so a plain ADD COLUMN and a
separate unique index, never a batch rebuild.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 13:05:00

"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "challenge",
        sa.Column(
            "public_id",
            sqlmodel.sql.sqltypes.AutoString(length=36),
            nullable=False,
            server_default="",
        ),
    )
    bind = op.get_bind()
    ids = bind.execute(sa.text("SELECT id FROM challenge")).scalars().all()
    for challenge_id in ids:
        bind.execute(
            sa.text("UPDATE challenge SET public_id = :public_id WHERE id = :id"),
            {"public_id": str(uuid.uuid4()), "id": challenge_id},
        )
    op.create_index("uq_challenge_public_id", "challenge", ["public_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_challenge_public_id", table_name="challenge")
    op.drop_column("challenge", "public_id")
