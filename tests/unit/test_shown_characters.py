"""What people read draws on every system: no emoji or pictographs in the code that makes
pages, mails and sentences (a system without an emoji font shows them as boxes; the pages
use Material icons instead)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

APP = Path(__file__).parents[2] / "app"
SHOWN = ("ui", "domain", "mail")


@pytest.mark.parametrize("folder", SHOWN)
def test_no_pictograph_outside_latin_1_is_shown(folder):
    found = [
        f"{path.relative_to(APP)}:{number}: {char!r} {unicodedata.name(char, '?')}"
        for path in sorted((APP / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for char in line
        if ord(char) > 0xFF and unicodedata.category(char) == "So"
    ]

    assert found == []
