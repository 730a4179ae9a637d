"""Path and query numbers, bounded to what SQLite's INTEGER holds.

An id or offset beyond that would overflow in the driver (a 500); bounded here, it is an
ordinary invalid input (300004, HTTP 400) like any other value of the wrong shape.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_INTEGER = 2**63 - 1

Id = Annotated[int, Path(ge=0, le=MAX_INTEGER)]
OptionalId = Annotated[int | None, Query(ge=0, le=MAX_INTEGER)]
Offset = Annotated[int, Query(ge=0, le=MAX_INTEGER)]
OptionalCount = Annotated[int | None, Query(ge=-MAX_INTEGER, le=MAX_INTEGER)]
