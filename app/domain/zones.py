"""Which strings name a time zone; anything else a browser might send is not one."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONE_MAX = 64  # the longest IANA name is 32 characters


def is_zone(value: object) -> bool:
    """True for an IANA zone name like 'Europe/Stockholm'; False for any other value or type."""
    if not isinstance(value, str) or not 0 < len(value) <= ZONE_MAX:
        return False
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
