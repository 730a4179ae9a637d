"""mail: the mail outbox, one-use account links (reset, confirm), person.email_confirmed_at

SQLite: `person` gets a plain nullable ADD COLUMN (no batch rebuild); the new tables are new.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 15:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = UTCDateTime(timezone=True)


def _text(length: int | None = None) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "mail_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", _text(120), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("to_address", _text(320), nullable=False),
        sa.Column("subject", _text(200), nullable=False),
        sa.Column("text_body", _text(), nullable=False),
        sa.Column("html_body", _text(), nullable=False),
        sa.Column("status", _text(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", INSTANT, nullable=False),
        sa.Column("lease_until", INSTANT, nullable=True),
        sa.Column("lease_owner", _text(40), nullable=True),
        sa.Column("last_error", _text(2000), nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("sent_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    op.create_index("ix_mail_item_due", "mail_item", ["status", "next_attempt_at"])
    op.create_index("ix_mail_item_person_id", "mail_item", ["person_id"])
    op.create_table(
        "account_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("purpose", _text(16), nullable=False),
        sa.Column("token_hash", _text(64), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("expires_at", INSTANT, nullable=False),
        sa.Column("used_at", INSTANT, nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_account_token_person_id", "account_token", ["person_id"])
    op.add_column("person", sa.Column("email_confirmed_at", INSTANT, nullable=True))


def downgrade() -> None:
    # Not in batch mode: SQLite would rebuild `person`, which other tables reference.
    op.drop_column("person", "email_confirmed_at")
    op.drop_index("ix_account_token_person_id", table_name="account_token")
    op.drop_table("account_token")
    op.drop_index("ix_mail_item_person_id", table_name="mail_item")
    op.drop_index("ix_mail_item_due", table_name="mail_item")
    op.drop_table("mail_item")
