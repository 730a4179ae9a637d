"""Finding English a page shows without asking the catalog: run the page in a pseudo-language
whose every message, date and plural comes back inside ⟦ ⟧, then read every text the page
holds. Whatever letters are left outside the brackets, and are not data the test put there
(a name, an e-mail, a unit the person typed), were never translated.

    async def test_today_speaks_only_through_the_catalog(user, pseudo):
        ...
        await user.open("/")
        assert untranslated(user, data=("Ada", "Drink water")) == []
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from babel.support import NullTranslations
from nicegui import ui
from nicegui.element import Element
from nicegui.elements.mixins.content_element import ContentElement
from nicegui.elements.mixins.text_element import TextElement
from nicegui.testing import User

from app import i18n
from app.translations import Translator

OPEN, CLOSE = "⟦", "⟧"
# Props that a person reads (or hears): what a control says beside its text.
TEXT_PROPS = (
    "label",
    "placeholder",
    "hint",
    "aria-label",
    "title",
    "caption",
    "prefix",
    "suffix",
    "error-message",
    "no-data-label",
    "no-results-label",
    "loading-label",
)
# Inside a select's options or a table's columns, and inside a chart: the keys that hold words.
OPTION_TEXT = frozenset({"label"})
CHART_TEXT = frozenset({"label", "text", "name", "formatter"})
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_TAGS = re.compile(r"<[^>]+>")
_ICONS = re.compile(r"<i [^>]*material-icons[^>]*>[^<]*</i>")  # an icon's name is not read
_LETTER = re.compile(r"[^\W\d_]")
_CHART_FIELDS = re.compile(r"\{[a-e]\}")  # an ECharts template's placeholders: "{b}: {c}"


class _Marked(NullTranslations):
    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"


@dataclass(frozen=True)
class Pseudo(Translator):
    """A language that marks all it says: messages, plurals, dates."""

    def day(self, value: date, form: str = "EEEE d MMMM") -> str:
        return f"{OPEN}{super().day(value, form)}{CLOSE}"

    def moment(self, value: datetime, form: str = "d MMM HH:mm") -> str:
        return f"{OPEN}{super().moment(value, form)}{CLOSE}"


PSEUDO = Pseudo("en", _Marked())


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Translator:
    """Every page opened in this test speaks the pseudo-language."""
    monkeypatch.setattr(i18n, "translator", lambda language: PSEUDO)
    return PSEUDO


def untranslated(user: User, data: Iterable[str] = ()) -> list[str]:
    """The texts of the open page (and what it notified) that hold letters the catalog did
    not give, once the test's own `data` is taken out; [] when the page spoke only through it."""
    assert user.client is not None
    known = sorted({d for d in data if d}, key=len, reverse=True)
    found = []
    texts = [t for e in user.client.elements.values() for t in texts_of(e)]
    texts += user.notify.messages
    assert texts, "the page holds no text at all"
    for text in texts:
        rest = _outside_marks(str(text))
        for datum in known:
            rest = rest.replace(datum, "")
        if _LETTER.search(rest):
            found.append(str(text))
    return sorted(set(found))


def texts_of(element: Element) -> Iterator[str]:
    """Everything of `element` a person may read or hear."""
    if isinstance(element, TextElement) and element.text:
        yield str(element.text)
    if isinstance(element, ContentElement) and element.content:
        yield _TAGS.sub(" ", _ICONS.sub(" ", str(element.content)))
    for prop in TEXT_PROPS:
        value = element.props.get(prop)
        if isinstance(value, str) and value:
            yield value
    for name in ("options", "columns"):
        yield from _words_in(element.props.get(name), OPTION_TEXT)
    if isinstance(element, ui.echart):
        yield from (_CHART_FIELDS.sub(" ", t) for t in _words_in(element.options, CHART_TEXT))


def _words_in(value: Any, keys: frozenset[str], key: str | None = None) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _words_in(v, keys, str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _words_in(v, keys, key)
    elif isinstance(value, str) and value and (key is None or key in keys):
        yield value


def _outside_marks(text: str) -> str:
    """`text` with every marked span taken out, innermost first (a message may hold another)."""
    while True:
        rest = _MARKED.sub(" ", text)
        if rest == text:
            return rest
        text = rest
