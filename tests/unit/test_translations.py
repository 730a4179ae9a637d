"""Every message marked in app/ has a Swedish translation, with the same placeholders, and
the catalog holds nothing the app no longer says (scripts/translations updates it)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.translations import LOCALES

APP = Path(__file__).resolve().parents[2] / "app"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def marked() -> set[str | tuple[str, str]]:
    with (LOCALES / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        APP,
        method_map,
        options_map,
        keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "of": (2,)},
    ):
        found.add(message)
    return found


def catalog(language: str):  # type: ignore[no-untyped-def]
    with (LOCALES / f"{language}.po").open("rb") as source:
        return read_po(source, locale=language)


def test_every_marked_message_has_a_swedish_translation() -> None:
    sv = catalog("sv")
    missing = []
    for message in sorted(marked(), key=str):
        entry = sv.get(message if isinstance(message, str) else message[0])
        texts = (
            [entry.string]
            if entry and isinstance(entry.string, str)
            else list(entry.string if entry else [])
        )
        if entry is None or entry.fuzzy or not all(texts):
            missing.append(message)
    assert missing == [], "run scripts/translations and translate these in app/locales/sv.po"


def test_a_translation_keeps_the_placeholders_of_its_message() -> None:
    wrong = []
    for entry in catalog("sv"):
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        texts = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        wrong += [(ids[0], t) for t in texts if t and set(PLACEHOLDER.findall(t)) != wanted]
    assert wrong == []


def test_the_catalog_holds_only_messages_the_app_still_says() -> None:
    said = {m if isinstance(m, str) else m[0] for m in marked()}
    assert {e.id if isinstance(e.id, str) else e.id[0] for e in catalog("sv") if e.id} == said
