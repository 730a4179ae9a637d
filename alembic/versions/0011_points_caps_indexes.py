"""points caps: index the ledger by person and month, and by challenge

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:10:00

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema (plain CREATE INDEX: no batch rebuild of the referenced ledger)."""
    op.create_index(
        "ix_points_ledger_person_created",
        "points_ledger_entry",
        ["person_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_points_ledger_challenge", "points_ledger_entry", ["challenge_id"], unique=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_points_ledger_challenge", table_name="points_ledger_entry")
    op.drop_index("ix_points_ledger_person_created", table_name="points_ledger_entry")
