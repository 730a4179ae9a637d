"""Pages in the person's language, chosen per browser tab, never process-wide.

Messages are marked with `_()` (and `ngettext()` for counts); app/translations.py holds the
catalogs. A language belongs to a NiceGUI client (one tab): the
first `_()` of a page settles it from the page's request (the person's choice in a cookie, else
the browser's `Accept-Language`), and every later `_()` of that page and of its event handlers
reads it back from `ui.context.client`. Outside a page (mail, jobs, the API) there is no
client: take a `translator(language)` and ask it directly.
"""

from __future__ import annotations

import copy
import re
import string
from datetime import date, datetime
from weakref import WeakKeyDictionary

from nicegui import Client, context
from starlette.requests import Request

from app.domain.errors import Counted, FieldError, RuleError
from app.domain.languages import DEFAULT, Language, known, negotiate
from app.translations import Translator, translator

COOKIE = "goalpost_language"  # the person's choice in Settings, for every page of this browser
# Quasar's own texts (a table's "Rows per page", a date picker's months) follow the page.
_QUASAR = {"en": "en-US", "sv": "sv"}


def of_request(request: Request) -> Language:
    """What a page asked for by `request` speaks: the chosen language, else the browser's."""
    return known(request.cookies.get(COOKIE)) or negotiate(request.headers.get("accept-language"))


_by_client: WeakKeyDictionary[Client, Translator] = WeakKeyDictionary()


def _use(client: Client, language: Language) -> Translator:
    """Speak `language` in the client's page, its event handlers and Quasar's own texts."""
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


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined (a module's constant); `_()`
    translates it where it is shown."""
    return message


def _(message: str) -> str:
    return current().gettext(message)


def said(error: FieldError | RuleError, words: Translator | None = None) -> str:
    """A refusal in the tab's language (or `words`'): its template translated, its values
    filled in again by that language (numbers, dates, counted nouns, a refusal inside it);
    a message made without a template is translated whole, or shown as it is."""
    words = words or current()
    if isinstance(error, RuleError):
        return " ".join(said(e, words) for e in error.errors)
    if not error.template:
        return words.gettext(error.message)
    return _Filling(words).format(words.gettext(error.template), **dict(error.values))


# strftime directives a refusal's template may give a date, as CLDR patterns (Babel's)
_CLDR = {"%d": "dd", "%-d": "d", "%B": "MMMM", "%b": "MMM", "%Y": "yyyy", "%H": "HH", "%M": "mm"}


class _Filling(string.Formatter):
    """Fills a refusal's values in as `words` writes them."""

    def __init__(self, words: Translator) -> None:
        self.words = words

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Counted):
            return self.words.ngettext(value.singular, value.plural, value.count)
        if isinstance(value, (RuleError, FieldError)):
            return said(value, self.words)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and format_spec == ",":
            return self.words.number(value)
        if isinstance(value, datetime) and format_spec:
            return self.words.moment(value, _cldr(format_spec))
        if isinstance(value, date) and format_spec:
            return self.words.day(value, _cldr(format_spec))
        return str(super().format_field(value, format_spec))


def _cldr(strftime: str) -> str:
    return re.sub(
        "|".join(re.escape(d) for d in sorted(_CLDR, key=len, reverse=True)),
        lambda m: _CLDR[m[0]],
        strftime,
    )


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    return current().ngettext(singular, plural, count, **values)
