"""the balance: a person's points summed from an index alone

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 19:15:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Every page and every tap reads the balance, a sum over the person's whole ledger: with
    the points in the index, the sum reads no table rows (plain CREATE INDEX, no rebuild)."""
    op.create_index(
        "ix_points_ledger_person_points", "points_ledger_entry", ["person_id", "points"]
    )


def downgrade() -> None:
    op.drop_index("ix_points_ledger_person_points", table_name="points_ledger_entry")
