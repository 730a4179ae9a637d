"""The message catalogs: English and Swedish, with dates, numbers and plurals by locale.

Messages are found by Babel's extractor (`scripts/translations`); their translations live in
`app/locales/<language>.po` and are read into memory on first use (no compiled `.mo` files in
the repository). Pages use app/i18n.py, which picks the tab's translator; mail and jobs take
`translator(person's language)` directly.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from app.domain.languages import DEFAULT, Language

LOCALES = Path(__file__).resolve().parent / "locales"


@dataclass(frozen=True)
class Translator:
    """One language's messages, and its dates, numbers and plurals (Babel's CLDR data)."""

    language: Language
    messages: NullTranslations

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The form for `count` by the language's plural rule, `{count}` and `values` filled in."""
        form = self.messages.ngettext(singular, plural, count)
        return form.format(count=self.number(count), **values)

    def number(self, value: float) -> str:
        return _number(value, self.language)

    def day(self, value: date, form: str = "EEEE d MMMM") -> str:
        """A date as a person reads it: "Wednesday 9 December", "onsdag 9 december"."""
        return format_date(value, form, locale=self.language)

    def moment(self, value: datetime, form: str = "d MMM HH:mm") -> str:
        return format_datetime(value, form, locale=self.language)


@lru_cache(maxsize=4096)
def _number(value: float, language: Language) -> str:
    """Babel's number format, remembered: a page shows the same few numbers many times."""
    return format_decimal(value, locale=language)


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
