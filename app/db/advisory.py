"""PostgreSQL advisory lock keys: one bigint per name, apart per database and schema."""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.engine import Connection


def namespace(connection: Connection) -> str:
    """Locks are per database; two deployments in two schemas of one database stay apart."""
    found = connection.execute(text("SELECT current_database() || '.' || current_schema()"))
    return str(found.scalar_one())


def lock_key(namespace: str, name: str) -> int:
    digest = hashlib.blake2b(f"goalpost/{namespace}/{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def key_from_pg_locks(classid: int, objid: int) -> int:
    """The bigint key of a row of pg_locks (its high and low halves, as unsigned oids)."""
    value = (classid << 32) | objid
    return value - (1 << 64) if value >= 1 << 63 else value
