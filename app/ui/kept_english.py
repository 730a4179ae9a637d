"""Sentences a service made and kept in English (a ledger note, an import's reason), said
again in the reader's words: read back into their parts by the pattern of the English they
were written from, then put into that message's translation."""

from __future__ import annotations

import re

from app.domain.counts import ENGLISH
from app.translations import Translator

# Each kind: the English sentence as a pattern with named parts, and its message (marked with
# `N_` where it is defined) with the same names as placeholders.
Kinds = tuple[tuple[str, str], ...]


def said_again(text: str, kinds: Kinds, words: Translator = ENGLISH) -> str:
    """`text` in the reader's words when it is one of `kinds`; as it was kept otherwise."""
    for pattern, message in kinds:
        found = re.fullmatch(pattern, text)
        if found:
            return words.gettext(message).format(**found.groupdict())
    return text
