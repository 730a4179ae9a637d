"""The languages Goalpost speaks, and which one a browser asks for."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "sv"]
LANGUAGES: dict[Language, str] = {"en": "English", "sv": "Svenska"}  # each in its own words
DEFAULT: Language = "en"


def negotiate(accept_language: str | None) -> Language:
    """The browser's first language we speak (`Accept-Language`, by q-value), else English."""
    wanted: list[tuple[float, int, str]] = []
    for at, part in enumerate((accept_language or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        weight = 1.0
        if parameters.strip().startswith("q="):
            try:
                weight = float(parameters.strip()[2:])
            except ValueError:
                continue
        wanted.append((-weight, at, tag.strip().split("-")[0].lower()))
    for weight, _at, language in sorted(wanted):
        if weight < 0 and language in LANGUAGES:
            return language  # type: ignore[return-value]
    return DEFAULT


def known(language: object) -> Language | None:
    """`language` if it is one we speak (a stored or submitted choice), else None."""
    return language if language in LANGUAGES else None  # type: ignore[return-value]
