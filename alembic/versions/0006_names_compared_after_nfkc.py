"""challenge names compared after NFKC, case folding and removal of invisible characters

Recomputes every challenge's name_key with the rule in docs/rules.md ("Names"). Names that
only now count as the same for one person keep the oldest as it is; each later one gets
" (2)", " (3)", … so the unique index holds.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 08:00:00

"""

import hashlib
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

challenge = sa.table(
    "challenge",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("name_key", sa.String),
)


def key(name: str) -> str:
    """The rule as of this revision (a copy: migrations never follow later code)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    visible = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in folded
        if unicodedata.category(c) != "Cf"
    )
    result = " ".join(visible.split())
    return "sha256:" + hashlib.sha256(result.encode()).hexdigest() if len(result) > 200 else result


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(challenge.c.id, challenge.c.person_id, challenge.c.name).order_by(challenge.c.id)
    ).all()
    # Clear first, so rows can swap keys without tripping the unique index on the way.
    connection.execute(
        challenge.update().values(name_key=sa.literal("~") + sa.cast(challenge.c.id, sa.String))
    )
    seen: set[tuple[int, str]] = set()
    for row_id, person_id, name in rows:
        new_name, suffix = name, 1
        while (person_id, key(new_name)) in seen:
            suffix += 1
            new_name = f"{name[:190]} ({suffix})"
        seen.add((person_id, key(new_name)))
        connection.execute(
            challenge.update()
            .where(challenge.c.id == row_id)
            .values(name=new_name, name_key=key(new_name))
        )


def downgrade() -> None:
    connection = op.get_bind()
    for row_id, name in connection.execute(sa.select(challenge.c.id, challenge.c.name)).all():
        connection.execute(
            challenge.update()
            .where(challenge.c.id == row_id)
            .values(name_key=" ".join(name.split()).casefold())
        )
