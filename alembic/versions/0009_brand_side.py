"""the brand side: challenge definitions and their assignments, people's public ids, the
points budget, API keys and the answers kept for idempotent API requests

The four ready-made challenges become the default brand's Active definitions (a frozen copy
below, so later changes to the code cannot change what this migration wrote), and the
budget starts at its documented defaults.

SQLite: `challenge` and `person` are referenced by other tables' foreign keys (which are on),
so they get plain ADD COLUMNs, never a batch rebuild.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:20:00

"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel

from alembic import op
from app.db.types import UTCDateTime

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTANT = UTCDateTime(timezone=True)


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "challenge_definition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", _text(36), nullable=False),
        sa.Column("name", _text(200), nullable=False),
        sa.Column("description", _text(2000), nullable=False),
        sa.Column("icon", _text(64), nullable=False),
        sa.Column("event_type", _text(64), nullable=False),
        sa.Column("event_label", _text(120), nullable=False),
        sa.Column("event_unit", _text(40), nullable=False),
        sa.Column("measure", _text(16), nullable=False),
        sa.Column("attribute", _text(64), nullable=True),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("frequency", _text(16), nullable=False),
        sa.Column("every_n_days", sa.Integer(), nullable=False),
        sa.Column("total_periods", sa.Integer(), nullable=False),
        sa.Column("tracking", _text(32), nullable=False),
        sa.Column("required_periods", sa.Integer(), nullable=False),
        sa.Column("window", _text(32), nullable=False),
        sa.Column("points_per_period", sa.Integer(), nullable=False),
        sa.Column("points_on_completion", sa.Integer(), nullable=False),
        sa.Column("consent_required", sa.Boolean(), nullable=False),
        sa.Column("expiration_months", sa.Integer(), nullable=True),
        sa.Column("scheduled_from", INSTANT, nullable=True),
        sa.Column("scheduled_to", INSTANT, nullable=True),
        sa.Column("published_at", INSTANT, nullable=True),
        sa.Column("created_by", _text(320), nullable=False),
        sa.Column("created_on", INSTANT, nullable=False),
        sa.Column("modified_by", _text(320), nullable=False),
        sa.Column("modified_on", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_table(
        "points_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("points_per_period", sa.Integer(), nullable=False),
        sa.Column("completion_points_per_period", sa.Integer(), nullable=False),
        sa.Column("challenge_cap", sa.Integer(), nullable=False),
        sa.Column("monthly_cap", sa.Integer(), nullable=False),
        sa.Column("modified_by", _text(320), nullable=False),
        sa.Column("modified_on", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _text(120), nullable=False),
        sa.Column("prefix", _text(16), nullable=False),
        sa.Column("key_hash", _text(64), nullable=False),
        sa.Column("created_by", _text(320), nullable=False),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.Column("revoked_at", INSTANT, nullable=True),
        sa.Column("last_used_at", INSTANT, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_table(
        "api_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", _text(200), nullable=False),
        sa.Column("request_hash", _text(64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(["api_key_id"], ["api_key.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("api_key_id", "idempotency_key", name="uq_api_request_key"),
    )

    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute(
            "ALTER TABLE challenge ADD COLUMN definition_id INTEGER"
            " REFERENCES challenge_definition (id)"
        )
    else:
        op.add_column("challenge", sa.Column("definition_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_challenge_definition",
            "challenge",
            "challenge_definition",
            ["definition_id"],
            ["id"],
        )
    op.add_column("challenge", sa.Column("consented_at", INSTANT, nullable=True))
    op.add_column(
        "challenge",
        sa.Column("under_budget", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.create_index("ix_challenge_definition", "challenge", ["definition_id"])
    op.create_index(
        "uq_challenge_person_definition", "challenge", ["person_id", "definition_id"], unique=True
    )

    op.add_column("person", sa.Column("public_id", _text(36), nullable=False, server_default=""))
    bind = op.get_bind()
    people = bind.execute(sa.text("SELECT id FROM person")).scalars().all()
    for person_id in people:
        bind.execute(
            sa.text("UPDATE person SET public_id = :public_id WHERE id = :id"),
            {"public_id": str(uuid.uuid4()), "id": person_id},
        )
    op.create_index("uq_person_public_id", "person", ["public_id"], unique=True)

    now = datetime.now(UTC)
    op.bulk_insert(
        sa.table(
            "points_budget",
            sa.column("id", sa.Integer()),
            sa.column("points_per_period", sa.Integer()),
            sa.column("completion_points_per_period", sa.Integer()),
            sa.column("challenge_cap", sa.Integer()),
            sa.column("monthly_cap", sa.Integer()),
            sa.column("modified_by", sa.String()),
            sa.column("modified_on", INSTANT),
        ),
        [
            {
                "id": 1,
                "points_per_period": 10,
                "completion_points_per_period": 5,
                "challenge_cap": 300,
                "monthly_cap": 1000,
                "modified_by": "migration 0009",
                "modified_on": now,
            }
        ],
    )
    definition = sa.table(
        "challenge_definition",
        *(
            sa.column(name, kind)
            for name, kind in [
                ("public_id", sa.String()),
                ("name", sa.String()),
                ("description", sa.String()),
                ("icon", sa.String()),
                ("event_type", sa.String()),
                ("event_label", sa.String()),
                ("event_unit", sa.String()),
                ("measure", sa.String()),
                ("attribute", sa.String()),
                ("target", sa.Float()),
                ("frequency", sa.String()),
                ("every_n_days", sa.Integer()),
                ("total_periods", sa.Integer()),
                ("tracking", sa.String()),
                ("required_periods", sa.Integer()),
                ("window", sa.String()),
                ("points_per_period", sa.Integer()),
                ("points_on_completion", sa.Integer()),
                ("consent_required", sa.Boolean()),
                ("expiration_months", sa.Integer()),
                ("published_at", INSTANT),
                ("created_by", sa.String()),
                ("created_on", INSTANT),
                ("modified_by", sa.String()),
                ("modified_on", INSTANT),
            ]
        ),
    )
    common = {
        "every_n_days": 1,
        "consent_required": False,
        "expiration_months": None,
        "published_at": now,
        "created_by": "migration 0009",
        "created_on": now,
        "modified_by": "migration 0009",
        "modified_on": now,
    }
    op.bulk_insert(
        definition,
        [
            {
                **common,
                "public_id": str(uuid.uuid4()),
                "name": "Water every day",
                "description": "8 glasses of water a day, every day for a week, 7 days in a row.",
                "icon": "water_drop",
                "event_type": "water_glass",
                "event_label": "water",
                "event_unit": "glasses",
                "measure": "SUM",
                "attribute": "glasses",
                "target": 8.0,
                "frequency": "DAILY",
                "total_periods": 7,
                "tracking": "STREAK",
                "required_periods": 7,
                "window": "FIXED_CALENDAR_WINDOW",
                "points_per_period": 0,
                "points_on_completion": 100,
            },
            {
                **common,
                "public_id": str(uuid.uuid4()),
                "name": "Ten thousand steps",
                "description": "10,000 steps on any 5 days of the week: gaps allowed.",
                "icon": "directions_walk",
                "event_type": "steps",
                "event_label": "steps",
                "event_unit": "steps",
                "measure": "SUM",
                "attribute": "steps",
                "target": 10000.0,
                "frequency": "DAILY",
                "total_periods": 7,
                "tracking": "NON_CONTINUOUS_STREAK",
                "required_periods": 5,
                "window": "FIXED_CALENDAR_WINDOW",
                "points_per_period": 0,
                "points_on_completion": 50,
            },
            {
                **common,
                "public_id": str(uuid.uuid4()),
                "name": "Three workouts a week",
                "description": "3 workouts a week for 4 weeks: points for every week you make.",
                "icon": "fitness_center",
                "event_type": "workout",
                "event_label": "workout",
                "event_unit": "workouts",
                "measure": "COUNT",
                "attribute": None,
                "target": 3.0,
                "frequency": "WEEKLY",
                "total_periods": 4,
                "tracking": "DEFAULT",
                "required_periods": 4,
                "window": "FIXED_CALENDAR_WINDOW",
                "points_per_period": 25,
                "points_on_completion": 0,
            },
            {
                **common,
                "public_id": str(uuid.uuid4()),
                "name": "Five reviews",
                "description": "A stamp card with no deadline: write 5 product reviews.",
                "icon": "rate_review",
                "event_type": "review",
                "event_label": "product review",
                "event_unit": "reviews",
                "measure": "COUNT",
                "attribute": None,
                "target": 5.0,
                "frequency": "DAILY",
                "total_periods": 1,
                "tracking": "DEFAULT",
                "required_periods": 1,
                "window": "PERIOD_AGNOSTIC_WINDOW",
                "points_per_period": 0,
                "points_on_completion": 50,
            },
        ],
    )


def downgrade() -> None:
    """Assignments become plain challenges again; definitions, keys and the budget go."""
    op.drop_index("uq_person_public_id", table_name="person")
    op.drop_column("person", "public_id")
    op.drop_index("uq_challenge_person_definition", table_name="challenge")
    op.drop_index("ix_challenge_definition", table_name="challenge")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_challenge_definition", "challenge", type_="foreignkey")
    op.drop_column("challenge", "under_budget")
    op.drop_column("challenge", "consented_at")
    op.drop_column("challenge", "definition_id")
    op.drop_table("api_request")
    op.drop_table("api_key")
    op.drop_table("points_budget")
    op.drop_table("challenge_definition")
