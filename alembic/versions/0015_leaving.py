"""leaving: a deleted account's points ledger rows stay, with no person (person_id nullable)

SQLite: `points_ledger_entry` is rebuilt by batch mode to drop NOT NULL; PostgreSQL alters
the column in place.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 15:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("points_ledger_entry") as batch:
        batch.alter_column("person_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # The anonymised rows of deleted accounts cannot be given back to anyone: they go.
    op.execute("DELETE FROM points_ledger_entry WHERE person_id IS NULL")
    with op.batch_alter_table("points_ledger_entry") as batch:
        batch.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
