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
from weakref import WeakKeyDictionary

from nicegui import Client, context
from starlette.requests import Request

from app.domain.errors import FieldError, RuleError
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


def said(error: FieldError | RuleError) -> str:
    """A refusal in the tab's language: its template translated, its values filled in again
    (a message made without a template is translated whole, or shown as it is)."""
    if isinstance(error, RuleError):
        return " ".join(said(e) for e in error.errors)
    if not error.template:
        return _(error.message)
    return _(error.template).format(**dict(error.values))


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    return current().ngettext(singular, plural, count, **values)
