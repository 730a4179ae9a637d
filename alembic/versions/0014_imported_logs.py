"""imported history: `log.imported`, `challenge.mirrored`, the files a person imported

SQLite: `log` and `challenge` get plain ADD COLUMNs (no batch rebuild: other rows reference
them).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "log", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "challenge", sa.Column("mirrored", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.create_table(
        "history_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("file_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("challenges", sa.Integer(), nullable=False),
        sa.Column("logs", sa.Integer(), nullable=False),
        sa.Column("sent_upstream", sa.Boolean(), nullable=False),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "file_hash", name="uq_history_import_person_file"),
    )


def downgrade() -> None:
    op.drop_table("history_import")
    # Not in batch mode: SQLite would rebuild `log`, which log_credit's rows reference.
    op.drop_column("log", "imported")
    op.drop_column("challenge", "mirrored")
