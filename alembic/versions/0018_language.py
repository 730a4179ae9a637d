"""the language a person chose in Settings; None: the browser's

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 18:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: no rebuild of a table other rows point at.
    op.add_column(
        "person", sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("language")
