"""Words in the person's language: English and Swedish, chosen per browser tab, never
process-wide.

Messages are marked with `_()` (and `ngettext()` for counts) and found by Babel's extractor;
their translations live in `app/locales/<language>.po` and are read into memory on first use
(no compiled `.mo` files in the repository). A language belongs to a NiceGUI client (one tab): the
first `_()` of a page settles it from the page's request (the person's choice in a cookie, else
the browser's `Accept-Language`), and every later `_()` of that page and of its event handlers
reads it back from `ui.context.client`. Outside a page (mail, jobs, the API) there is no
client: take a `translator(language)` and ask it directly.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from nicegui import Client, context
from starlette.requests import Request

from app.domain.languages import DEFAULT, Language, known, negotiate

COOKIE = "goalpost_language"  # the person's choice in Settings, for every page of this browser
LOCALES = Path(__file__).resolve().parent / "locales"
# Quasar's own texts (a table's "Rows per page", a date picker's months) follow the page.
_QUASAR = {"en": "en-US", "sv": "sv"}


@dataclass(frozen=True)
class Translator:
    """One language's messages, and its dates, numbers and plurals (Babel's CLDR data)."""

    language: Language
    messages: NullTranslations

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form for `count` by the language's plural rule; `{count}` is filled in."""
        return self.messages.ngettext(singular, plural, count).format(count=self.number(count))

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.language)

    def day(self, value: date, form: str = "EEEE d MMMM") -> str:
        """A date as a person reads it: "Wednesday 9 December", "onsdag 9 december"."""
        return format_date(value, form, locale=self.language)

    def moment(self, value: datetime, form: str = "d MMM HH:mm") -> str:
        return format_datetime(value, form, locale=self.language)


@cache
def translator(language: Language) -> Translator:
    if language == DEFAULT:
        return Translator(language, NullTranslations())
    with (LOCALES / f"{language}.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: they fall back to English
    compiled.seek(0)
    return Translator(language, Translations(compiled))


def of_request(request: Request) -> Language:
    """What a page asked for by `request` speaks: the chosen language, else the browser's."""
    return known(request.cookies.get(COOKIE)) or negotiate(request.headers.get("accept-language"))


_by_client: WeakKeyDictionary[Client, Translator] = WeakKeyDictionary()


def use(language: Language) -> Translator:
    """Speak `language` in the current page, its event handlers and Quasar's own texts."""
    return _use(context.client, language)


def _use(client: Client, language: Language) -> Translator:
    chosen = translator(language)
    _by_client[client] = chosen
    if client.page.resolve_language() != _QUASAR[language]:
        # The page object is shared by every client of the route: this client gets its own.
        client.page = copy.copy(client.page)
        client.page.language = _QUASAR[language]  # type: ignore[assignment]
    return chosen


def current() -> Translator:
    """The current tab's translator, settled by its request on first use; English where
    there is no tab."""
    try:
        client = context.client
    except RuntimeError:
        return translator(DEFAULT)
    chosen = _by_client.get(client)
    if chosen is None:
        try:
            request = client.request
        except RuntimeError:  # a client NiceGUI made without a request (its auto-index page)
            return translator(DEFAULT)
        chosen = _use(client, of_request(request))
    return chosen


def _(message: str) -> str:
    return current().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return current().ngettext(singular, plural, count)
