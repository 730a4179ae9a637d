"""Short references for unexpected errors: shown to the person, logged with the traceback."""

from __future__ import annotations

import secrets

_REFERENCE = "goalpost_reference"


def reference(error: BaseException) -> str:
    """The error's short reference; the same one however often it is asked for."""
    found = getattr(error, _REFERENCE, None)
    if found is None:
        found = secrets.token_hex(4)
        setattr(error, _REFERENCE, found)
    return str(found)
