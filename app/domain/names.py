"""When two names are the same, and what of a typed name is kept (docs/rules.md, "Names").

Names are compared in their NFKC case-folded form without invisible characters, so "Water",
"WATER", "Ｗａｔｅｒ", "Wa\u200bter" and an NFD "Café" against an NFC one are one name. What
is stored is what the person typed, minus control characters, with whitespace collapsed.
"""

from __future__ import annotations

import hashlib
import unicodedata

# Bidirectional controls (they can reorder how a name reads) and invisible spaces: never
# kept. Joiners (U+200C, U+200D) stay in the stored name: some scripts and emoji need them.
_DROPPED_FROM_STORED = frozenset(
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
KEY_MAX = 200  # longer keys are stored as their hash, so the column never overflows


def clean_name(typed: str) -> str:
    """The name as stored: control and bidi characters dropped, whitespace collapsed."""
    kept = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in typed
        if c not in _DROPPED_FROM_STORED
    )
    return " ".join(kept.split())


def name_key(name: str) -> str:
    """The form in which two names count as the same; "" when nothing visible is left."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    visible = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in folded
        if unicodedata.category(c) != "Cf"
    )
    key = " ".join(visible.split())
    if len(key) > KEY_MAX:
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key
